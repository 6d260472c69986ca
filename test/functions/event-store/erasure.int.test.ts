// Erasure destroys the referral's data key (in the referral's own partition: on its first event,
// or its key item; in the keys table for keys kept there before): personal parts read back as
// the erased marker, the anonymous facts stay, and no plaintext personal data, nor the wrapped
// key, is left anywhere in the tables.
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { ERASED } from '../../../events/envelope.js';
import { dataKeyItemId } from '../../../functions/event-store/data-keys.js';
import {
  StoredEventCorruptError,
  StreamErasedError,
  StreamNotFoundError,
} from '../../../functions/event-store/errors.js';
import { createLocalKeyProvider } from '../../../functions/event-store/local-key-provider.js';
import { sampleEvents } from '../../events/sample-events.js';
import { uniqueStreamId } from '../../engines/local-engines.js';
import { allItems, streamItems } from '../../engines/raw-items.js';
import { eventStoreUnderTest } from './event-store-under-test.js';
import { commandOptions, referralLifecycle } from './referral-lifecycle.js';

const { client, tables, store } = eventStoreUnderTest();
const otherContainer = eventStoreUnderTest();
afterAll(() => {
  client.destroy();
  otherContainer.client.destroy();
});

const knownPlaintexts = [
  'Alex Person',
  'Sam Referrer',
  'sam.referrer@academy.example.org',
  '1 Example Street',
  'CV1 5FB',
  'Shared extreme material',
  'Jo Parent',
  'Panel agreed to adopt',
  'Weekly mentoring',
  'Engaging well',
  'Vulnerable to influence',
  '2010-03-15',
];

function rawText(items: unknown[]): string {
  return JSON.stringify(items, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v));
}

async function rawItems(table: string, streamId: string) {
  return (await allItems(client, table)).filter((item) => item.streamId?.S === streamId);
}

describe('erasure', () => {
  it('stores no personal plaintext even before erasure', async () => {
    const streamId = uniqueStreamId();
    await store.append(streamId, 'no-stream', referralLifecycle, commandOptions('sealed'));
    const text = rawText([...(await rawItems(tables.events, streamId)), ...(await rawItems(tables.keys, streamId))]);
    for (const plaintext of knownPlaintexts) expect(text).not.toContain(plaintext);
    // ...while the anonymous facts are stored readable.
    expect(text).toContain('extreme-right-wing');
  });

  it('after erase, reads give the erased marker for every personal part and keep the facts; the key material is gone', async () => {
    const streamId = uniqueStreamId();
    await store.append(streamId, 'no-stream', referralLifecycle, commandOptions('erase'));
    // Another container reads (and caches) the key before erasure...
    expect((await otherContainer.store.read(streamId))[0]?.personal).toEqual(sampleEvents.ReferralSubmitted.personal);
    // The key rides on the first event, wrapped; the keys table holds nothing of it.
    const [firstBefore] = await streamItems(client, tables.events, streamId);
    expect(firstBefore?.dataKey?.B).toBeDefined();
    expect(await rawItems(tables.keys, streamId)).toEqual([]);

    await store.erase(streamId);

    const events = await store.read(streamId);
    expect(events).toHaveLength(referralLifecycle.length);
    for (const [index, event] of events.entries()) {
      expect(event.data).toEqual(referralLifecycle[index]?.data);
      expect(event.personal).toEqual(referralLifecycle[index]?.personal === undefined ? undefined : ERASED);
    }
    // The first event is still there, as it was, without its key.
    const [firstAfter, ...rest] = await streamItems(client, tables.events, streamId);
    expect(firstAfter?.dataKey).toBeUndefined();
    expect(firstAfter?.dataKeyMaster).toBeUndefined();
    expect(firstAfter?.dataKeyErasedAt?.S).toBeDefined();
    expect({ ...firstAfter, dataKeyErasedAt: undefined }).toEqual({
      ...firstBefore,
      dataKey: undefined,
      dataKeyMaster: undefined,
      dataKeyErasedAt: undefined,
    });
    expect(rest).toHaveLength(referralLifecycle.length - 1);
    const wrapped = Buffer.from(firstBefore?.dataKey?.B ?? new Uint8Array()).toString('latin1');
    expect(rawText(await allItems(client, tables.events))).not.toContain(wrapped);
    const text = rawText([...(await rawItems(tables.events, streamId)), ...(await rawItems(tables.keys, streamId))]);
    for (const plaintext of knownPlaintexts) expect(text).not.toContain(plaintext);
    // A fresh container (no cache) sees the erasure too.
    const fresh = eventStoreUnderTest();
    expect((await fresh.store.read(streamId))[0]?.personal).toEqual(ERASED);
    fresh.client.destroy();
  });

  it('an erased referral takes no new personal data, but still takes anonymous facts', async () => {
    const streamId = uniqueStreamId();
    await store.append(streamId, 'no-stream', [sampleEvents.ReferralSubmitted], commandOptions('after', 1));
    await store.erase(streamId);
    await expect(
      store.append(streamId, 1, [sampleEvents.SupportReviewed], commandOptions('after', 2)),
    ).rejects.toBeInstanceOf(StreamErasedError);
    expect(
      await store.append(
        streamId,
        1,
        [sampleEvents.PersonalDataErased, sampleEvents.ReferralClosed],
        commandOptions('after', 3),
      ),
    ).toMatchObject({ lastVersion: 3 });
    expect(await store.erase(streamId)).toBeUndefined();
  });

  it('a sealed personal part moved onto another event does not open', async () => {
    const streamId = uniqueStreamId();
    await store.append(
      streamId,
      'no-stream',
      [sampleEvents.ReferralSubmitted, sampleEvents.ConsentRecorded, sampleEvents.SupportReviewed],
      commandOptions('moved'),
    );
    const [, consent, review] = await streamItems(client, tables.events, streamId);
    if (!consent?.personal || !review) throw new Error('the stream should hold a consent and a review');
    await client.send(
      new PutItemCommand({ TableName: tables.events, Item: { ...review, personal: consent.personal } }),
    );
    const failure = await store.read(streamId).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StoredEventCorruptError);
    expect((failure as Error).message).toContain(`${streamId}@3`);
  });
  it('erases a key kept in the keys table by the store before keys moved into the stream, and reads it until then', async () => {
    const streamId = uniqueStreamId();
    const legacy = eventStoreUnderTest();
    // A stream written the old way: its key item in the keys table, none in the stream.
    const provider = createLocalKeyProvider(legacy.masterKey);
    const generated = await provider.generateDataKey(streamId);
    await client.send(
      new PutItemCommand({
        TableName: tables.keys,
        Item: {
          keyId: { S: dataKeyItemId(streamId) },
          streamId: { S: streamId },
          wrappedKey: { B: generated.wrapped },
          masterKeyId: { S: generated.masterKeyId },
          createdAt: { S: new Date().toISOString() },
        },
      }),
    );
    // The old store then wrote the events with that key (here: this store, its key read from there).
    expect(await legacy.keys.forReading(streamId)).not.toBe('erased');
    await legacy.store.append(streamId, 'no-stream', [sampleEvents.ReferralSubmitted], commandOptions('legacy', 1));
    legacy.client.destroy();
    expect((await streamItems(client, tables.events, streamId))[0]?.dataKey).toBeUndefined();
    // A store that never saw it finds the key in the keys table and reads the personal part...
    const cold = eventStoreUnderTest();
    expect((await cold.store.read(streamId))[0]?.personal).toEqual(sampleEvents.ReferralSubmitted.personal);
    // ...and appends to it under that key, creating none of its own.
    await cold.store.append(streamId, 1, [sampleEvents.SupportReviewed], commandOptions('legacy', 2));
    expect((await streamItems(client, tables.events, streamId)).map((item) => item.version?.N)).toEqual(['1', '2']);
    await cold.store.erase(streamId);
    cold.client.destroy();
    const [keyItem] = await rawItems(tables.keys, streamId);
    expect(keyItem?.wrappedKey).toBeUndefined();
    expect(keyItem?.erasedAt?.S).toBeDefined();
    const fresh = eventStoreUnderTest();
    expect((await fresh.store.read(streamId)).map((event) => event.personal)).toEqual([ERASED, ERASED]);
    await expect(
      fresh.store.append(streamId, 2, [sampleEvents.SupportReviewed], commandOptions('legacy', 3)),
    ).rejects.toBeInstanceOf(StreamErasedError);
    fresh.client.destroy();
  });

  it('a stream with no event has nothing to erase', async () => {
    await expect(store.erase(uniqueStreamId())).rejects.toBeInstanceOf(StreamNotFoundError);
  });
});
