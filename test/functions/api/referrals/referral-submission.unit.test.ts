// A submission tells the command handler when the stream is new: only when its ids were made for
// this very request. A retry whose Idempotency-Key claim names the first attempt's ids (a stream
// that may exist) is read first.
import { describe, expect, it } from 'vitest';
import { type CommandRequest } from '../../../../functions/command-handler/command-handler.js';
import { createReferralSubmission } from '../../../../functions/api/referrals/referral-submission.js';
import {
  type SubmissionClaim,
  type SubmissionIdempotency,
} from '../../../../functions/api/referrals/submission-idempotency.js';
import { referralForm } from '../api-fixtures.js';

const teacher = { user: 'coventry-teacher', organisation: 'referrer:coventry-school', role: 'referrer' as const };

function setUp(firstAttempt?: { referralId: string; reference: string }) {
  const handled: Pick<CommandRequest<never>, 'streamId' | 'newStream'>[] = [];
  const idempotency: SubmissionIdempotency = {
    async claim(key, _body, proposal) {
      const claim: SubmissionClaim = {
        id: key,
        bodyDigest: 'digest',
        ...(firstAttempt ? { ...firstAttempt, at: '2026-01-05T09:00:00.000Z' } : proposal),
        expiresAt: 0,
      };
      return { kind: firstAttempt ? 'retry' : 'claimed', claim };
    },
    async complete() {},
  };
  const submission = createReferralSubmission({
    commands: {
      async handle(request) {
        handled.push(request);
        return {
          ok: true,
          streamId: request.streamId,
          firstVersion: 1,
          lastVersion: 1,
          eventCount: 1,
          replayed: false,
          recordedTypes: ['ReferralSubmitted'],
        };
      },
    },
    idempotency,
    clock: () => new Date('2026-01-05T10:00:00Z'),
    newIdentifiers: () => ({ referralId: 'AAAAAAAAAAAAAAAAAAAAAA', reference: 'PRV-7K3M-Q9TX' }),
  });
  return { submission, handled };
}

describe('a submission and its stream', () => {
  it('is new when its ids were made now, with or without an Idempotency-Key', async () => {
    const plain = setUp();
    const outcome = await plain.submission.submit({
      form: referralForm() as never,
      viewer: teacher,
      correlationId: 'c1',
    });
    expect(outcome.kind, JSON.stringify(outcome)).toBe('submitted');
    const keyed = setUp();
    await keyed.submission.submit({
      form: referralForm() as never,
      viewer: teacher,
      correlationId: 'c2',
      idempotencyKey: 'first-attempt-key-0001',
    });
    expect(plain.handled.map((request) => request.newStream)).toEqual([true]);
    expect(keyed.handled.map((request) => request.newStream)).toEqual([true]);
  });

  it("is read first when a retry's claim names the first attempt's ids", async () => {
    const retry = setUp({ referralId: 'BBBBBBBBBBBBBBBBBBBBBB', reference: 'PRV-7K3M-Q9TY' });
    await retry.submission.submit({
      form: referralForm() as never,
      viewer: teacher,
      correlationId: 'c3',
      idempotencyKey: 'first-attempt-key-0001',
    });
    expect(retry.handled).toHaveLength(1);
    expect(retry.handled[0]?.streamId).toContain('BBBBBBBBBBBBBBBBBBBBBB');
    expect(retry.handled[0]?.newStream).toBe(false);
  });
});
