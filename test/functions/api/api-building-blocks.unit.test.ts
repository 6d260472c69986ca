import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReferralReference } from '../../../events/submission.js';
import { createReferralDecider } from '../../../domain/referral/decider.js';
import { type RecordedEvent } from '../../../events/catalogue.js';
import { caseCommandRoutes } from '../../../functions/api/case-commands/case-command-catalogue.js';
import { expectedVersionFrom } from '../../../functions/api/shared/case-version.js';
import { guardedReferralDecider } from '../../../functions/api/shared/guarded-referral-decider.js';
import { newReferralIdentifiers, referenceFrom } from '../../../functions/api/referrals/referral-identifiers.js';
import { ReferralForm } from '../../../functions/api/referrals/referral-form.js';
import { bodyDigest } from '../../../functions/api/referrals/submission-idempotency.js';
import { type HttpProblem } from '../../../functions/http/problem.js';
import { ReferralHistory, submitReferral } from '../router/referral-history.js';
import { sampleEvents } from '../../events/sample-events.js';
import { caseCommandBodies, referralForm } from './api-fixtures.js';
import { RegionalMoveBody, regionalMoveCommand } from '../../../functions/api/case-commands/regional-move.js';

describe('referral identifiers', () => {
  it('makes references in Crockford base32, PRV-XXXX-XXXX, from any 40 bits', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 5, maxLength: 5 }), (bytes) => {
        const reference = referenceFrom(bytes);
        expect(ReferralReference.safeParse(reference).success).toBe(true);
        expect(reference).not.toMatch(/[ILOU]/);
      }),
    );
  });

  it('spends all 40 bits: different bytes, different references', () => {
    expect(referenceFrom(new Uint8Array([0, 0, 0, 0, 0]))).toBe('PRV-0000-0000');
    expect(referenceFrom(new Uint8Array([255, 255, 255, 255, 255]))).toBe('PRV-ZZZZ-ZZZZ');
    expect(referenceFrom(new Uint8Array([0, 0, 0, 0, 1]))).toBe('PRV-0000-0001');
    const ids = new Set(Array.from({ length: 200 }, () => newReferralIdentifiers().referralId));
    expect(ids.size).toBe(200);
  });
});

describe('If-Match', () => {
  const problemOf = (headers: Record<string, string>) => {
    try {
      expectedVersionFrom(headers);
      return undefined;
    } catch (error) {
      return error as HttpProblem;
    }
  };
  it('reads the version from a quoted, weak or bare ETag', () => {
    expect(expectedVersionFrom({ 'if-match': '"7"' })).toBe(7);
    expect(expectedVersionFrom({ 'if-match': 'W/"12"' })).toBe(12);
    expect(expectedVersionFrom({ 'if-match': '3' })).toBe(3);
  });
  it('answers 428 when it is missing and 400 when it is not a version', () => {
    expect(problemOf({})?.status).toBe(428);
    expect(problemOf({ 'if-match': '*' })?.status).toBe(400);
    expect(problemOf({ 'if-match': '"seven"' })?.status).toBe(400);
  });
});

describe('bodies of the write routes', () => {
  it('accepts the referral form fixture and refuses any field the form does not have', () => {
    expect(ReferralForm.safeParse(referralForm()).success).toBe(true);
    expect(ReferralForm.safeParse({ ...referralForm(), referralId: 'x' }).success).toBe(false);
    expect(ReferralForm.safeParse({ ...referralForm(), reference: 'PRV-0000-0000' }).success).toBe(false);
  });

  it('has a body for every case command that leaves type, time and actor to the API', () => {
    const bodies = caseCommandBodies(new Date('2026-02-02T09:00:00Z'));
    expect(Object.keys(bodies).sort()).toEqual(
      [...caseCommandRoutes.map((route) => route.path), regionalMoveCommand.path].sort(),
    );
    // The regional move's body names the force; the service fills in its region (decision 0018).
    expect(RegionalMoveBody.safeParse(bodies[regionalMoveCommand.path]).success).toBe(true);
    for (const route of caseCommandRoutes) {
      expect(Object.keys(route.body.shape)).not.toEqual(expect.arrayContaining(['type']));
      expect(route.body.safeParse(bodies[route.path]).success, route.path).toBe(true);
      expect(route.body.safeParse({ ...bodies[route.path], at: '2026-02-02T09:00:00Z' }).success, route.path).toBe(
        false,
      );
      const actor = { organisation: 'police:E23000014', user: 'u', role: 'police-prevent-officer' };
      expect(
        route.command.safeParse({ ...bodies[route.path], type: route.commandType, at: '2026-02-02T09:00:00Z', actor })
          .success,
        route.path,
      ).toBe(true);
    }
  });

  it('digests a body independently of the order of its fields', () => {
    expect(bodyDigest({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(bodyDigest({ b: { d: 'x', c: [1, 2] }, a: 1 }));
    expect(bodyDigest({ a: 1 })).not.toBe(bodyDigest({ a: 2 }));
  });
});

describe('the guarded referral decider', () => {
  const decider = createReferralDecider();
  const history = new ReferralHistory('referral-guarded01');
  history.run(submitReferral('CV1 2NJ', { at: '2026-02-02T09:00:00Z' }));
  history.record(sampleEvents.ReferralRouted, '2026-02-02T09:00:01Z');
  const routed = history.events.length;
  const command = {
    type: 'CloseReferral',
    at: '2026-02-03T09:00:00Z',
    actor: { organisation: 'police:E23000015', user: 'tom', role: 'police-prevent-officer' },
    outcome: 'no-further-action',
  } as const;

  function decide(
    viewer: { organisation: string; user: string; role: 'police-prevent-officer' },
    expectedVersion: number,
  ) {
    const guarded = guardedReferralDecider(decider, { viewer, action: 'close', expectedVersion });
    const state = history.events.reduce(
      (folded, event: RecordedEvent) => guarded.evolve(folded, event),
      guarded.initialState,
    );
    return guarded.decide({ ...command, actor: { ...viewer } }, state);
  }

  it('refuses a caller the case is not routed to before looking at the version (a stale version would reveal the case)', () => {
    expect(decide({ organisation: 'police:E23000015', user: 'tom', role: 'police-prevent-officer' }, 99)).toMatchObject(
      { ok: false, error: { kind: 'access', decision: { answer: 'not-found' } } },
    );
  });

  it('does not call a version stale for delivery confirmations and deadlines recorded since, but does for a case change', () => {
    const wm = { organisation: 'police:E23000014', user: 'priya', role: 'police-prevent-officer' } as const;
    const later = new ReferralHistory('referral-guarded02');
    later.run(submitReferral('CV1 2NJ', { at: '2026-02-02T09:00:00Z' }));
    later.record(sampleEvents.ReferralRouted, '2026-02-02T09:00:01Z');
    const seen = later.events.length;
    const routedVersion = seen;
    later.record(
      {
        type: 'ReferralDelivered',
        data: {
          destinationId: 'police:E23000014',
          routedVersion,
          messageId: 'm-1',
          receivedAt: '2026-02-02T09:00:02Z',
        },
      },
      '2026-02-02T09:00:02Z',
    );
    const decideOn = (expectedVersion: number) => {
      const guarded = guardedReferralDecider(decider, { viewer: wm, action: 'close', expectedVersion });
      const state = later.events.reduce(
        (folded, event: RecordedEvent) => guarded.evolve(folded, event),
        guarded.initialState,
      );
      return guarded.decide({ ...command, actor: { ...wm } }, state);
    };
    // The officer saw the case before the delivery confirmation: the decision goes to the referral's rules.
    expect(decideOn(seen)).toMatchObject({ ok: false, error: { kind: 'referral' } });
    // A case change after what the officer saw (a gateway assessment started) makes it stale.
    later.record({ type: 'GatewayAssessmentStarted', data: { dueBy: '2026-02-09' } }, '2026-02-02T10:00:00Z');
    expect(decideOn(seen)).toEqual({ ok: false, error: { kind: 'stale', currentVersion: later.events.length } });
  });

  it('refuses a stale version with the current one, and passes a current one to the referral rules', () => {
    const wm = { organisation: 'police:E23000014', user: 'priya', role: 'police-prevent-officer' } as const;
    expect(decide(wm, routed + 5)).toEqual({ ok: false, error: { kind: 'stale', currentVersion: routed } });
    expect(decide(wm, routed)).toMatchObject({
      ok: false,
      error: { kind: 'referral', error: { code: expect.any(String) } },
    });
  });
});
