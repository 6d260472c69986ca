// The command digest is taken over the JSON the store writes, without sorting keys: this holds
// only because the catalogue's zod output carries keys in the schema's order, whatever order
// the caller built its objects in. These tests check that for every event type, and that the
// digest still tells different commands apart and hides personal parts behind the data key.
import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DomainEvent, validateEvent } from '../../../events/catalogue.js';
import { type DigestedEvent, commandDigest } from '../../../functions/event-store/command-digest.js';
import { personalPlaintext } from '../../../functions/event-store/event-codec.js';
import { sampleEvents } from '../../events/sample-events.js';

const everyEvent = Object.values(sampleEvents) as DomainEvent[];

/** The same value with the keys of every object (at every depth) in the order `order` gives. */
function reordered(value: unknown, order: (keys: string[]) => string[]): unknown {
  if (Array.isArray(value)) return value.map((element) => reordered(element, order));
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  return Object.fromEntries(order(Object.keys(object)).map((key) => [key, reordered(object[key], order)]));
}

function asStored(event: DomainEvent): DigestedEvent {
  const valid = validateEvent(event);
  return { type: valid.type, data: JSON.stringify(valid.data), personal: personalPlaintext(valid) };
}

const digestKey = randomBytes(32);

describe('command digest', () => {
  it('is the same for every event type whatever order the caller put the keys in, at any depth', () => {
    fc.assert(
      fc.property(fc.constantFrom(...everyEvent), fc.integer(), (event, seed) => {
        // A deterministic shuffle per seed, different for every object.
        let state = seed;
        const shuffle = (keys: string[]) =>
          keys
            .map((key) => {
              state = (state * 1103515245 + 12345) | 0;
              return { key, rank: state };
            })
            .sort((a, b) => a.rank - b.rank)
            .map(({ key }) => key);
        const callerBuilt = reordered(event, shuffle) as DomainEvent;
        expect(asStored(callerBuilt)).toEqual(asStored(event));
        expect(commandDigest([asStored(callerBuilt)], digestKey)).toBe(commandDigest([asStored(event)], digestKey));
      }),
      { numRuns: 300 },
    );
    // Fully reversed key order too, for every event type.
    for (const event of everyEvent) {
      const reversed = reordered(event, (keys) => [...keys].reverse()) as DomainEvent;
      expect(commandDigest([asStored(reversed)], digestKey)).toBe(commandDigest([asStored(event)], digestKey));
    }
  });

  it('changes with any change of type, data, personal part, order or number of events', () => {
    const submitted = asStored(sampleEvents.ReferralSubmitted);
    const routed = asStored(sampleEvents.ReferralRouted);
    const digests = [
      commandDigest([submitted, routed], digestKey),
      commandDigest([routed, submitted], digestKey),
      commandDigest([submitted], digestKey),
      commandDigest([submitted, routed, routed], digestKey),
      commandDigest(
        [
          { ...submitted, data: JSON.stringify({ ...sampleEvents.ReferralSubmitted.data, immediateRisk: true }) },
          routed,
        ],
        digestKey,
      ),
      commandDigest(
        [
          {
            ...submitted,
            personal: Buffer.from(JSON.stringify({ ...sampleEvents.ReferralSubmitted.personal, consentGiven: false })),
          },
          routed,
        ],
        digestKey,
      ),
      commandDigest([{ ...submitted, type: 'ReferralRouted' }, routed], digestKey),
      commandDigest([asStored(sampleEvents.ReferralClosed)], undefined),
      commandDigest([asStored(sampleEvents.LeftChannel)], undefined),
    ];
    expect(new Set(digests).size).toBe(digests.length);
    for (const digest of digests) expect(digest).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('does not let a field move between events or between data and personal part unnoticed', () => {
    const a: DigestedEvent = {
      type: 'SupportReviewed',
      data: '{"riskMitigated":true}',
      personal: Buffer.from('{"notes":"x"}'),
    };
    const moved: DigestedEvent = {
      type: 'SupportReviewed',
      data: '{"riskMitigated":true}\nP{"notes":"x"}',
      personal: undefined,
    };
    expect(commandDigest([a], digestKey)).not.toBe(commandDigest([moved], digestKey));
  });

  it('keys a command with personal data by the referral key: without it the digest cannot be computed or checked by guessing', () => {
    const command = [asStored(sampleEvents.ReferralRouted)];
    expect(() => commandDigest(command, undefined)).toThrow(/needs the data key/);
    expect(commandDigest(command, digestKey)).not.toBe(commandDigest(command, randomBytes(32)));
    const unkeyed = createHash('sha256')
      .update(
        `ReferralRouted\n${command[0]?.data}\nP${sampleEvents.ReferralRouted.personal ? JSON.stringify(sampleEvents.ReferralRouted.personal) : ''}\n`,
      )
      .digest('base64url');
    expect(commandDigest(command, digestKey)).not.toBe(unkeyed);
  });

  it('of anonymous events needs no key and is the same for every store', () => {
    const command = [asStored(sampleEvents.ReferralClosed), asStored(sampleEvents.PersonalDataErased)];
    expect(commandDigest(command, undefined)).toBe(commandDigest(command, digestKey));
  });
});
