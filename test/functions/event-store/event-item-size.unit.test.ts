// The size guard measures each item once, before the command digest exists and before the
// personal part is sealed: the measured size must be exactly the finished item's size.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type DomainEvent, validateEvent } from '../../../events/catalogue.js';
import { currentSchemaVersion } from '../../../events/upcasters.js';
import {
  completeEventItem,
  encodeUnsealedEventItem,
  personalPlaintext,
} from '../../../functions/event-store/event-codec.js';
import { itemSizeBytes } from '../../../functions/event-store/item-size.js';
import { sealPersonal } from '../../../functions/event-store/personal-data-cipher.js';
import { sampleEvents } from '../../events/sample-events.js';

const key = randomBytes(32);

function measuredAndFinished(event: DomainEvent, causationId: string | null) {
  const valid = validateEvent(event);
  const metadata = {
    eventId: '01JGXDFAM0041061050R3GG28A',
    streamId: 'referral-size0001',
    version: 12,
    type: valid.type,
    schemaVersion: currentSchemaVersion(valid.type),
    occurredAt: '2025-01-06T09:00:00.000Z',
    recordedAt: '2025-01-06T09:00:01.000Z',
    actor: { organisation: 'Coventry Academy', user: 'user-5c1f9e20', role: 'referrer' as const },
    correlationId: 'corr-size',
    causationId,
    commandId: 'cmd-size-1',
  };
  const plaintext = personalPlaintext(valid);
  const unsealed = encodeUnsealedEventItem(
    metadata,
    JSON.stringify(valid.data),
    { firstVersion: 12, lastVersion: 13 },
    plaintext,
  );
  const measured = unsealed.sizeBytes;
  const item = completeEventItem(
    unsealed,
    'A'.repeat(43),
    plaintext ? sealPersonal(key, plaintext, metadata) : undefined,
  );
  return { measured, item };
}

describe('event item size', () => {
  it('is measured before digest and sealing exactly as the finished item measures, for every event type', () => {
    for (const event of Object.values(sampleEvents) as DomainEvent[]) {
      for (const causationId of [null, 'evt-cause-1']) {
        const { measured, item } = measuredAndFinished(event, causationId);
        expect(measured).toBe(itemSizeBytes(item));
        expect(item.personal !== undefined).toBe(event.personal !== undefined);
      }
    }
  });

  it('refuses a digest of another length or a sealed part of another size than measured', () => {
    const valid = validateEvent(sampleEvents.SupportReviewed);
    const plaintext = personalPlaintext(valid);
    const metadata = {
      eventId: 'e',
      streamId: 'referral-size0002',
      version: 1,
      type: valid.type,
      schemaVersion: 1,
      occurredAt: 'a',
      recordedAt: 'b',
      actor: { organisation: 'o', user: 'u', role: 'referrer' as const },
      correlationId: 'c',
      causationId: null,
      commandId: 'm',
    };
    const unsealed = () =>
      encodeUnsealedEventItem(metadata, JSON.stringify(valid.data), { firstVersion: 1, lastVersion: 1 }, plaintext);
    expect(() => completeEventItem(unsealed(), 'short', new Uint8Array((plaintext?.byteLength ?? 0) + 29))).toThrow(
      /43 characters/,
    );
    expect(() => completeEventItem(unsealed(), 'A'.repeat(43), new Uint8Array(5))).toThrow(/does not match/);
    expect(() => completeEventItem(unsealed(), 'A'.repeat(43), undefined)).toThrow(/does not match/);
  });
});
