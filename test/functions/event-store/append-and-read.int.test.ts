// Appending and reading back on DynamoDB Local: envelopes, expected versions, atomic groups,
// the size guard and upcasting of stored older schema versions.
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { EventSchemaError } from '../../../events/catalogue.js';
import {
  AppendTooLargeError,
  ConcurrencyConflictError,
  EventTooLargeError,
} from '../../../functions/event-store/errors.js';
import { MAX_ITEM_BYTES, itemSizeBytes } from '../../../functions/event-store/item-size.js';
import { sampleEvents } from '../../events/sample-events.js';
import { uniqueStreamId } from '../../engines/local-engines.js';
import { streamItems } from '../../engines/raw-items.js';
import { eventStoreUnderTest } from './event-store-under-test.js';
import { commandOptions, referralLifecycle, referrerActor } from './referral-lifecycle.js';

const recordedAt = new Date('2025-01-06T09:00:01.000Z');
const { client, tables, store } = eventStoreUnderTest({ now: () => recordedAt });
afterAll(() => client.destroy());

async function storedVersions(streamId: string): Promise<number[]> {
  return (await streamItems(client, tables.events, streamId)).map((item) => Number(item.version?.N));
}

describe('append then read', () => {
  it('returns every event in order with its envelope, the personal part decrypted', async () => {
    const streamId = uniqueStreamId();
    const first = await store.append(streamId, 'no-stream', [sampleEvents.ReferralSubmitted], {
      ...commandOptions('read', 1),
      causationId: null,
    });
    const second = await store.append(streamId, 1, [sampleEvents.ReferralRouted], {
      ...commandOptions('read', 2),
      causationId: 'evt-cause',
    });
    expect(first).toEqual({ streamId, firstVersion: 1, lastVersion: 1, replayed: false });
    expect(second).toEqual({ streamId, firstVersion: 2, lastVersion: 2, replayed: false });

    const events = await store.read(streamId);
    expect(events.map((e) => [e.version, e.type])).toEqual([
      [1, 'ReferralSubmitted'],
      [2, 'ReferralRouted'],
    ]);
    const [submitted, routed] = events;
    expect(submitted).toMatchObject({
      streamId,
      schemaVersion: 2,
      occurredAt: '2025-01-06T09:00:00.000Z',
      recordedAt: recordedAt.toISOString(),
      actor: referrerActor,
      correlationId: 'corr-read',
      causationId: null,
      commandId: 'cmd-read-1',
      data: sampleEvents.ReferralSubmitted.data,
      personal: sampleEvents.ReferralSubmitted.personal,
    });
    expect(routed?.causationId).toBe('evt-cause');
    expect(routed?.personal).toEqual({ postcode: 'CV1 5FB' });
    expect(submitted?.eventId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(submitted?.eventId).not.toBe(routed?.eventId);

    expect((await store.read(streamId, { fromVersion: 2 })).map((e) => e.version)).toEqual([2]);
  });

  it('reads a whole lifecycle back across pages', async () => {
    const streamId = uniqueStreamId();
    await store.append(streamId, 'no-stream', referralLifecycle, commandOptions('lifecycle'));
    const events = await store.read(streamId);
    expect(events.map((e) => e.type)).toEqual(referralLifecycle.map((e) => e.type));
    expect(events.map((e) => e.version)).toEqual(referralLifecycle.map((_, i) => i + 1));
  });

  it('upcasts an event stored at an older schema version', async () => {
    const streamId = uniqueStreamId();
    await store.append(streamId, 'no-stream', [sampleEvents.ReferralSubmitted], commandOptions('upcast'));
    const { suspectedConcernTypes: _types, ...rest } = sampleEvents.ReferralSubmitted.data;
    const key = { streamId: { S: streamId }, version: { N: '1' } };
    const { Item } = await client.send(new GetItemCommand({ TableName: tables.events, Key: key }));
    // Rewrite it as schema version 1 stored it (one concern type, older category name).
    await client.send(
      new PutItemCommand({
        TableName: tables.events,
        Item: {
          ...Item,
          schemaVersion: { N: '1' },
          data: { S: JSON.stringify({ ...rest, suspectedConcernType: 'school-massacre' }) },
        },
      }),
    );
    const [event] = await store.read(streamId);
    expect(event?.schemaVersion).toBe(2);
    expect(event?.type === 'ReferralSubmitted' && event.data.suspectedConcernTypes).toEqual([
      'fascination-with-extreme-violence',
    ]);
  });
});

describe('expected versions', () => {
  it("'no-stream' succeeds on a new stream and conflicts on an existing one", async () => {
    const streamId = uniqueStreamId();
    await store.append(streamId, 'no-stream', [sampleEvents.ReferralSubmitted], commandOptions('ns', 1));
    const conflict = await store
      .append(streamId, 'no-stream', [sampleEvents.ReferralSubmitted], commandOptions('ns', 2))
      .catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(ConcurrencyConflictError);
    expect(conflict).toMatchObject({ expectedVersion: 'no-stream', currentVersion: 1 });
  });

  it("'any' appends after whatever is there", async () => {
    const streamId = uniqueStreamId();
    expect(
      await store.append(streamId, 'any', [sampleEvents.ReferralSubmitted], commandOptions('any', 1)),
    ).toMatchObject({ firstVersion: 1 });
    expect(
      await store.append(
        streamId,
        'any',
        [sampleEvents.ReferralDelivered, sampleEvents.DeliveryOverdue],
        commandOptions('any', 2),
      ),
    ).toMatchObject({
      firstVersion: 2,
      lastVersion: 3,
    });
    expect(await storedVersions(streamId)).toEqual([1, 2, 3]);
  });

  it('a number must be the current version: behind is a conflict carrying the current version, ahead would leave a gap and is refused', async () => {
    const streamId = uniqueStreamId();
    await store.append(streamId, 'no-stream', referralLifecycle.slice(0, 3), commandOptions('num', 1));
    const behind = await store
      .append(streamId, 1, [sampleEvents.DeliveryOverdue], commandOptions('num', 2))
      .catch((e: unknown) => e);
    expect(behind).toBeInstanceOf(ConcurrencyConflictError);
    expect((behind as ConcurrencyConflictError).currentVersion).toBe(3);

    // A second store instance has never seen this stream, so it must check version 7 exists.
    const elsewhere = eventStoreUnderTest();
    const ahead = await elsewhere.store
      .append(streamId, 7, [sampleEvents.DeliveryOverdue], commandOptions('num', 3))
      .catch((e: unknown) => e);
    elsewhere.client.destroy();
    expect(ahead).toBeInstanceOf(ConcurrencyConflictError);
    expect((ahead as ConcurrencyConflictError).currentVersion).toBe(3);

    expect(await store.append(streamId, 3, [sampleEvents.DeliveryOverdue], commandOptions('num', 4))).toMatchObject({
      firstVersion: 4,
      lastVersion: 4,
    });
    expect(await storedVersions(streamId)).toEqual([1, 2, 3, 4]);
  });
});

describe('atomic groups', () => {
  it('a group lands whole or not at all: a group that collides on its last version writes none of its events', async () => {
    const streamId = uniqueStreamId();
    await store.append(streamId, 'no-stream', [sampleEvents.ReferralSubmitted], commandOptions('atomic', 1));
    // Someone else's event already sits at version 4; our group would take 2, 3 and 4.
    const other = eventStoreUnderTest();
    await other.store.append(streamId, 1, referralLifecycle.slice(1, 4), commandOptions('atomic', 'other'));
    other.client.destroy();
    const group = [sampleEvents.ReferralDelivered, sampleEvents.DeliveryOverdue, sampleEvents.GatewayAssessmentStarted];
    const outcome = await store.append(streamId, 1, group, commandOptions('atomic', 2)).catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(ConcurrencyConflictError);
    const events = await store.read(streamId);
    expect(events.map((e) => e.commandId)).toEqual([
      'cmd-atomic-1',
      'cmd-atomic-other',
      'cmd-atomic-other',
      'cmd-atomic-other',
    ]);
  });

  it('an invalid event anywhere in a group stops the whole group before anything is written', async () => {
    const streamId = uniqueStreamId();
    const broken = { type: 'ReferralClosed', data: { outcome: 'not-an-outcome' } };
    await expect(
      store.append(streamId, 'no-stream', [sampleEvents.ReferralSubmitted, broken], commandOptions('invalid')),
    ).rejects.toBeInstanceOf(EventSchemaError);
    expect(await storedVersions(streamId)).toEqual([]);
  });
});

describe('size guard', () => {
  it('counts item size exactly as DynamoDB does: the engine takes an item of 400 KB by our count and refuses one byte more', async () => {
    const streamId = uniqueStreamId();
    const item = (bytes: number) => {
      const base = { streamId: { S: streamId }, version: { N: '1' }, blob: { S: '' } };
      return { ...base, blob: { S: 'x'.repeat(bytes - itemSizeBytes(base)) } };
    };
    expect(itemSizeBytes(item(MAX_ITEM_BYTES))).toBe(MAX_ITEM_BYTES);
    await client.send(new PutItemCommand({ TableName: tables.events, Item: item(MAX_ITEM_BYTES) }));
    await expect(
      client.send(new PutItemCommand({ TableName: tables.events, Item: item(MAX_ITEM_BYTES + 1) })),
    ).rejects.toThrow(/size/i);
  });

  it('refuses an event over the item limit before writing anything, not even its data key', async () => {
    // No catalogue event can reach 400 KB within its schema today, so this store has a lower limit.
    const small = eventStoreUnderTest({ maxItemBytes: 3_000 });
    const streamId = uniqueStreamId();
    const large = {
      ...sampleEvents.ReferralSubmitted,
      personal: {
        ...sampleEvents.ReferralSubmitted.personal,
        concern: { ...sampleEvents.ReferralSubmitted.personal.concern, description: 'x'.repeat(3_000) },
      },
    };
    const refused = await small.store
      .append(streamId, 'no-stream', [sampleEvents.ReferralRouted, large], commandOptions('size', 1))
      .catch((e: unknown) => e);
    small.client.destroy();
    expect(refused).toBeInstanceOf(EventTooLargeError);
    expect(refused).toMatchObject({ eventType: 'ReferralSubmitted', limitBytes: 3_000 });
    expect((refused as EventTooLargeError).sizeBytes).toBeGreaterThan(3_000);
    expect((refused as Error).message).not.toContain('xxx');
    expect(await storedVersions(streamId)).toEqual([]);
    expect(await dataKeyItem(streamId)).toBeUndefined();
  });

  it('refuses more than 100 events in one append', async () => {
    const many = Array.from({ length: 101 }, () => sampleEvents.ReferralDelivered);
    const refused = await store
      .append(uniqueStreamId(), 'no-stream', many, commandOptions('size', 2))
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppendTooLargeError);
    expect(refused).toMatchObject({ limit: 'event-count', actual: 101, maximum: 100 });
  });

  it('refuses a group over the 4 MB transaction limit, writing nothing and creating no key', async () => {
    const streamId = uniqueStreamId();
    // Quotes are stored escaped, two bytes each: about 76 KB per event, 7.6 MB for 100.
    const quotes = (n: number) => '"'.repeat(n);
    const big = {
      ...sampleEvents.ReferralSubmitted,
      personal: {
        ...sampleEvents.ReferralSubmitted.personal,
        concern: {
          ...sampleEvents.ReferralSubmitted.personal.concern,
          description: quotes(10_000),
          howItCameToLight: quotes(10_000),
          accessToWeaponsOrTravelPlans: quotes(10_000),
          otherAgencies: Array.from({ length: 20 }, () => ({ agency: quotes(200), contact: quotes(200) })),
        },
      },
    };
    const refused = await store
      .append(
        streamId,
        'no-stream',
        Array.from({ length: 100 }, () => big),
        commandOptions('size', 3),
      )
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppendTooLargeError);
    expect(refused).toMatchObject({ limit: 'total-size', maximum: 4 * 1024 * 1024 });
    expect((refused as AppendTooLargeError).actual).toBeGreaterThan(4 * 1024 * 1024);
    expect(await storedVersions(streamId)).toEqual([]);
    expect(await dataKeyItem(streamId)).toBeUndefined();
  });
});

async function dataKeyItem(streamId: string) {
  const { Item } = await client.send(
    new GetItemCommand({ TableName: tables.keys, Key: { keyId: { S: `data-key#${streamId}` } }, ConsistentRead: true }),
  );
  return Item;
}
