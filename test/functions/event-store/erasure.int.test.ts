// Erasure destroys the referral's data key: personal parts read back as the erased marker,
// the anonymous facts stay, and no plaintext personal data is left anywhere in the tables.
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { ERASED } from '../../../events/envelope.js';
import { StoredEventCorruptError, StreamErasedError } from '../../../functions/event-store/errors.js';
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
    const keyBefore = await client.send(
      new GetItemCommand({
        TableName: tables.keys,
        Key: { keyId: { S: `data-key#${streamId}` } },
        ConsistentRead: true,
      }),
    );
    expect(keyBefore.Item?.wrappedKey?.B).toBeDefined();

    await store.erase(streamId);

    const events = await store.read(streamId);
    expect(events).toHaveLength(referralLifecycle.length);
    for (const [index, event] of events.entries()) {
      expect(event.data).toEqual(referralLifecycle[index]?.data);
      expect(event.personal).toEqual(referralLifecycle[index]?.personal === undefined ? undefined : ERASED);
    }
    const keyAfter = await client.send(
      new GetItemCommand({
        TableName: tables.keys,
        Key: { keyId: { S: `data-key#${streamId}` } },
        ConsistentRead: true,
      }),
    );
    expect(keyAfter.Item?.wrappedKey).toBeUndefined();
    expect(keyAfter.Item?.erasedAt?.S).toBeDefined();
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
});
