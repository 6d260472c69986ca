// A new referral's data key rides on its first event (decision 0004): the first append is one
// conditional PutItem for one event, one single-table transaction for several, never over an
// existing key or an erasure tombstone, and nothing is left behind when the append fails. Writers racing on a new stream (separate stores, like separate Lambda containers)
// end with one key that every writer's events use, and retries still get their first answer.
import { type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { ConcurrencyConflictError, StreamErasedError } from '../../../functions/event-store/errors.js';
import { sampleEvents } from '../../events/sample-events.js';
import { uniqueStreamId } from '../../engines/local-engines.js';
import { streamItems } from '../../engines/raw-items.js';
import { eventStoreUnderTest } from './event-store-under-test.js';
import { commandOptions, referralLifecycle } from './referral-lifecycle.js';

/** Counts the write requests a client sends, by command name. */
function countWrites(client: DynamoDBClient): { writes: () => string[]; reset: () => void } {
  let seen: string[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (/^(PutItem|TransactWriteItems|UpdateItem|DeleteItem)Command$/.test(context.commandName ?? ''))
        seen.push(context.commandName ?? '');
      return next(args);
    },
    { step: 'initialize', name: 'countWrites' },
  );
  return { writes: () => seen, reset: () => (seen = []) };
}

const main = eventStoreUnderTest();
const counter = countWrites(main.client);
const containers = Array.from({ length: 2 }, () => eventStoreUnderTest());
afterAll(() => [main, ...containers].forEach((c) => c.client.destroy()));

/** The item of the stream that holds its key (its key item at version 0, else its first event), with nothing in the keys table. */
async function dataKeyItem(streamId: string) {
  const { Item: legacy } = await main.client.send(
    new GetItemCommand({
      TableName: main.tables.keys,
      Key: { keyId: { S: `data-key#${streamId}` } },
      ConsistentRead: true,
    }),
  );
  expect(legacy).toBeUndefined();
  const items = await streamItems(main.client, main.tables.events, streamId);
  return items.find((item) => item.dataKey !== undefined || item.dataKeyErasedAt !== undefined);
}

async function commandIds(streamId: string) {
  return (await streamItems(main.client, main.tables.events, streamId)).map((item) => item.commandId?.S);
}

describe('the first append of a referral', () => {
  it('writes its new data key on its first event: one PutItem for one event, one transaction of the events for many', async () => {
    for (const events of [[sampleEvents.ReferralSubmitted], referralLifecycle.slice(0, 10)]) {
      const streamId = uniqueStreamId();
      counter.reset();
      await main.store.append(streamId, 'no-stream', events, commandOptions(streamId));
      expect(counter.writes()).toEqual([events.length === 1 ? 'PutItemCommand' : 'TransactWriteItemsCommand']);
      const holder = await dataKeyItem(streamId);
      expect(holder?.version?.N).toBe('1');
      expect(holder?.dataKey?.B).toBeDefined();
      // Later appends use the cached key: a plain conditional PutItem.
      counter.reset();
      await main.store.append(streamId, events.length, [sampleEvents.SupportReviewed], commandOptions(streamId, 2));
      expect(counter.writes()).toEqual(['PutItemCommand']);
      const fresh = eventStoreUnderTest();
      expect((await fresh.store.read(streamId)).map((e) => e.personal)).toEqual(
        [...events, sampleEvents.SupportReviewed].map((e) => e.personal),
      );
      fresh.client.destroy();
    }
  });

  it('two commands racing on a new stream: one wins, the other learns the version, and one key serves both stores', async () => {
    for (let round = 0; round < 5; round += 1) {
      const streamId = uniqueStreamId();
      const outcomes = await Promise.allSettled(
        containers.map((c, i) =>
          c.store.append(
            streamId,
            'no-stream',
            i === 0 ? [sampleEvents.ReferralSubmitted] : [sampleEvents.ReferralSubmitted, sampleEvents.ReferralRouted],
            commandOptions(`${streamId}-${i}`),
          ),
        ),
      );
      const won = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [{ i, result: o.value }] : []));
      const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]).toBeInstanceOf(ConcurrencyConflictError);
      expect((lost[0] as ConcurrencyConflictError).currentVersion).toBe(won[0]?.result.lastVersion);
      // Both stores now write and read with the winner's key: the loser appends after it.
      const loser = containers[1 - (won[0]?.i ?? 0)];
      const next = await loser?.store.append(
        streamId,
        won[0]?.result.lastVersion ?? 0,
        [sampleEvents.SupportReviewed],
        commandOptions(`${streamId}-after`),
      );
      expect(next?.replayed).toBe(false);
      for (const c of containers)
        expect((await c.store.read(streamId)).map((e) => e.personal)).toContainEqual(
          sampleEvents.SupportReviewed.personal,
        );
      const fresh = eventStoreUnderTest();
      expect((await fresh.store.read(streamId))[0]?.personal).toEqual(sampleEvents.ReferralSubmitted.personal);
      fresh.client.destroy();
    }
  });

  it('the same command retried at once by two stores on a new stream lands once and both get its result', async () => {
    for (let round = 0; round < 5; round += 1) {
      const streamId = uniqueStreamId();
      const group = referralLifecycle.slice(0, 3);
      const results = await Promise.all(
        containers.map((c) => c.store.append(streamId, 'no-stream', group, commandOptions(streamId))),
      );
      expect(results.map((r) => r.replayed).sort()).toEqual([false, true]);
      for (const r of results) expect(r).toMatchObject({ streamId, firstVersion: 1, lastVersion: 3 });
      expect(await commandIds(streamId)).toEqual(group.map(() => `cmd-${streamId}-1`));
    }
  });

  it('a first append that fails leaves no key behind; the retry at the right version creates the stream key item with its events', async () => {
    const streamId = uniqueStreamId();
    // Another command started the stream with an anonymous event: no key yet.
    await main.store.append(streamId, 'no-stream', [sampleEvents.ReferralDelivered], commandOptions(streamId, 1));
    expect(await dataKeyItem(streamId)).toBeUndefined();
    const other = eventStoreUnderTest();
    const refused = await other.store
      .append(streamId, 'no-stream', [sampleEvents.ReferralSubmitted], commandOptions(streamId, 2))
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConcurrencyConflictError);
    expect(await dataKeyItem(streamId)).toBeUndefined();
    counter.reset();
    const keyed = countWrites(other.client);
    expect(
      await other.store.append(streamId, 1, [sampleEvents.ReferralSubmitted], commandOptions(streamId, 2)),
    ).toMatchObject({ firstVersion: 2, replayed: false });
    expect(keyed.writes()).toEqual(['TransactWriteItemsCommand']);
    other.client.destroy();
    const holder = await dataKeyItem(streamId);
    expect(holder?.version?.N).toBe('0');
    expect(holder?.dataKey?.B).toBeDefined();
    // The key item is not an event: reads start at version 1.
    expect((await main.store.read(streamId)).map((e) => e.version)).toEqual([1, 2]);
    expect((await main.store.read(streamId))[1]?.personal).toEqual(sampleEvents.ReferralSubmitted.personal);
  });

  it('never replaces an erasure tombstone: a stream erased before its first personal event takes no personal data', async () => {
    const streamId = uniqueStreamId();
    await main.store.append(streamId, 'no-stream', [sampleEvents.ReferralDelivered], commandOptions(streamId, 1));
    await main.store.erase(streamId);
    const cold = eventStoreUnderTest();
    await expect(
      cold.store.append(streamId, 1, [sampleEvents.ReferralSubmitted], commandOptions(streamId, 2)),
    ).rejects.toBeInstanceOf(StreamErasedError);
    // Even a store that skips the lookup (it believes no key exists) meets the tombstone in its transaction.
    const blind = eventStoreUnderTest();
    const forWriting = blind.keys.forWriting.bind(blind.keys);
    blind.keys.forWriting = (id) => forWriting(id, { newStream: true });
    await expect(
      blind.store.append(streamId, 1, [sampleEvents.ReferralSubmitted], commandOptions(streamId, 2)),
    ).rejects.toBeInstanceOf(StreamErasedError);
    cold.client.destroy();
    blind.client.destroy();
    expect(
      await main.store.append(streamId, 1, [sampleEvents.ReferralClosed], commandOptions(streamId, 3)),
    ).toMatchObject({ lastVersion: 2 });
    const key = await dataKeyItem(streamId);
    expect(key?.version?.N).toBe('0');
    expect(key?.dataKeyErasedAt?.S).toBeDefined();
    expect(key?.dataKey).toBeUndefined();
  });

  it('an append of 100 events that needs a key item, one more item than a transaction holds, still lands', async () => {
    const streamId = uniqueStreamId();
    const events = Array.from({ length: 100 }, () => sampleEvents.SupportReviewed);
    // On a new stream the key rides on the first event: one transaction.
    counter.reset();
    await main.store.append(uniqueStreamId(), 'no-stream', events, commandOptions(`${streamId}-new`));
    expect(counter.writes()).toEqual(['TransactWriteItemsCommand']);
    await main.store.append(streamId, 'no-stream', [sampleEvents.ReferralDelivered], commandOptions(streamId, 1));
    counter.reset();
    expect(await main.store.append(streamId, 1, events, commandOptions(streamId, 2))).toMatchObject({
      firstVersion: 2,
      lastVersion: 101,
    });
    // The key item alone first, then the events: DynamoDB takes at most 100 items per transaction.
    expect(counter.writes()).toEqual(['TransactWriteItemsCommand', 'TransactWriteItemsCommand']);
    const fresh = eventStoreUnderTest();
    const read = await fresh.store.read(streamId);
    fresh.client.destroy();
    expect(read).toHaveLength(101);
    expect(read[100]?.personal).toEqual(sampleEvents.SupportReviewed.personal);
  });
});
