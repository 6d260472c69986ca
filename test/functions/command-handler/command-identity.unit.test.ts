// Command ids bound to their command: the fingerprint ignores what a retry may change (when, who
// is recorded as acting, the order of fields) and nothing else; recorded ids split back exactly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../functions/command-handler/canonical-json.js';
import {
  boundCommandId,
  commandIdentity,
  recordedBy,
  unbindCommandId,
} from '../../../functions/command-handler/command-identity.js';

const start = {
  type: 'StartGatewayAssessment',
  at: '2026-01-05T09:00:00Z',
  actor: { organisation: 'police:E23000014', user: 'u1', role: 'police-prevent-officer' },
  dueBy: '2026-01-12',
};
const erase = {
  type: 'ErasePersonalData',
  at: '2026-01-05T09:00:00Z',
  actor: start.actor,
  reason: 'data-subject-request',
};

describe('canonical JSON', () => {
  it('gives equal text for equal values built in any order, and keeps __proto__ as a plain key', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        const reversed = Object.fromEntries(Object.entries(value).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { seed: 11, numRuns: 300 },
    );
    expect(canonicalJson(JSON.parse('{"__proto__":{"x":1},"a":1}'))).toBe('{"__proto__":{"x":1},"a":1}');
  });
});

describe('command identity', () => {
  it('is the same for a retry at another time and differs for another type or other fields', () => {
    const first = commandIdentity(start);
    expect(commandIdentity({ ...start, at: '2026-01-06T10:00:00Z' }).fingerprint).toBe(first.fingerprint);
    expect(commandIdentity({ ...start, dueBy: '2026-01-13' }).fingerprint).not.toBe(first.fingerprint);
    expect(commandIdentity(erase).fingerprint).not.toBe(first.fingerprint);
  });

  it('binds and unbinds ids, whatever the caller id holds', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 120 }), (id) => {
        const identity = commandIdentity(start);
        expect(unbindCommandId(boundCommandId(id, identity))).toEqual({
          commandId: id,
          fingerprint: identity.fingerprint,
        });
      }),
      { seed: 12, numRuns: 300 },
    );
    // Ids recorded before commands were bound have no fingerprint.
    expect(unbindCommandId('route:referral-abc:1')).toEqual({ commandId: 'route:referral-abc:1' });
    expect(unbindCommandId('odd~id')).toEqual({ commandId: 'odd~id' });
  });

  it('takes recorded events as this command only with its fingerprint and, while readable, its personal part', () => {
    const submitted = {
      type: 'CompleteHubAssessment',
      at: start.at,
      actor: start.actor,
      outcome: 'support-offered',
      personal: { clinicalSummary: 'first' },
    };
    const identity = commandIdentity(submitted);
    const recorded = [{ commandId: boundCommandId('http:k', identity), personal: { clinicalSummary: 'first' } }];
    expect(recordedBy(recorded, identity)).toBe(true);
    expect(recordedBy(recorded, commandIdentity({ ...submitted, personal: { clinicalSummary: 'second' } }))).toBe(
      false,
    );
    expect(
      recordedBy(
        [{ ...recorded[0]!, personal: { erased: true } }],
        commandIdentity({ ...submitted, personal: { clinicalSummary: 'second' } }),
      ),
    ).toBe(true);
    expect(recordedBy(recorded, commandIdentity(erase))).toBe(false);
    expect(recordedBy([{ commandId: 'http:k' }], commandIdentity(erase))).toBe(true);
  });
});
