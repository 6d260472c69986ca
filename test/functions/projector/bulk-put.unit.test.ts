// The bulk pass's writes: each stream's write reduced to the items it leaves behind in an empty
// version, and those put with BatchWriteItem, a bounded number of requests in flight, what the
// engine leaves unprocessed sent again.
import { type BatchWriteItemCommand, type DynamoDBClient, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BulkPutError, createBulkPutter, itemKey, netEffect } from '../../../functions/projector/bulk-put.js';

const TABLE = 'read-models';
const key = (pk: string, sk: string) => ({ pk: { S: pk }, sk: { S: sk } });
const put = (pk: string, sk: string, value = 'x'): TransactWriteItem => ({
  Put: { TableName: TABLE, Item: { ...key(pk, sk), value: { S: value } } },
});
const remove = (pk: string, sk: string): TransactWriteItem => ({ Delete: { TableName: TABLE, Key: key(pk, sk) } });

describe("a stream's write in an empty version", () => {
  it('keeps the last put of each key, and nothing of a key deleted last', () => {
    const net = netEffect([
      {
        ...put('v2#case#a', 'case', 'checkpoint'),
        Put: { ...put('v2#case#a', 'case', 'checkpoint').Put!, ConditionExpression: 'attribute_not_exists(pk)' },
      },
      put('v2#case#a', 'queue#1', 'first'),
      put('v2#person#h', 'a'),
      remove('v2#person#h', 'a'),
      remove('v2#case#a', 'timer#never-written'),
      put('v2#case#a', 'queue#1', 'second'),
    ]);
    if ('unsupported' in net) throw new Error('expected puts');
    expect(net.puts.map((p) => [p.item.sk?.S, p.item.value?.S])).toEqual([
      ['case', 'checkpoint'],
      ['queue#1', 'second'],
    ]);
    // The put goes without its condition: only the item is sent.
    expect(net.keys).toEqual([itemKey(TABLE, key('v2#case#a', 'case')), itemKey(TABLE, key('v2#case#a', 'queue#1'))]);
  });

  it('cannot reduce an Update or a ConditionCheck: the stream is written the conditional way', () => {
    expect(
      netEffect([
        put('v2#case#a', 'case'),
        { Update: { TableName: TABLE, Key: key('v2#statistics#2024', 'n'), UpdateExpression: 'ADD n :one' } },
      ]),
    ).toEqual({ unsupported: 'Update' });
    expect(netEffect([{ ConditionCheck: { TableName: TABLE, Key: key('a', 'b'), ConditionExpression: 'x' } }])).toEqual(
      { unsupported: 'ConditionCheck' },
    );
  });

  it('leaves what applying the actions one by one to an empty table leaves (property)', () => {
    const action = fc.record({
      kind: fc.constantFrom('put', 'delete'),
      pk: fc.constantFrom('p1', 'p2'),
      sk: fc.constantFrom('s1', 's2', 's3'),
      value: fc.string({ maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(action, { maxLength: 30 }), (actions) => {
        const table = new Map<string, string>();
        for (const a of actions)
          if (a.kind === 'put') table.set(`${a.pk}|${a.sk}`, a.value);
          else table.delete(`${a.pk}|${a.sk}`);
        const net = netEffect(actions.map((a) => (a.kind === 'put' ? put(a.pk, a.sk, a.value) : remove(a.pk, a.sk))));
        if ('unsupported' in net) return false;
        const left = new Map(net.puts.map((p) => [`${p.item.pk?.S}|${p.item.sk?.S}`, p.item.value?.S]));
        expect(left).toEqual(table);
        expect(net.keys).toHaveLength(table.size);
        return true;
      }),
    );
  });
});

/** A client answering BatchWriteItem as told: the requests it saw, and how many were out at once. */
function fakeClient(answer: (items: unknown[], call: number) => { unprocessed: number } | Error) {
  const sent: unknown[][] = [];
  let out = 0;
  let mostOut = 0;
  const client = {
    async send(command: BatchWriteItemCommand) {
      const items = command.input.RequestItems?.[TABLE] ?? [];
      sent.push(items);
      const call = sent.length;
      out += 1;
      mostOut = Math.max(mostOut, out);
      await new Promise((wake) => setTimeout(wake, 1));
      out -= 1;
      const result = answer(items, call);
      if (result instanceof Error) throw result;
      return { UnprocessedItems: result.unprocessed > 0 ? { [TABLE]: items.slice(-result.unprocessed) } : {} };
    },
  } as unknown as DynamoDBClient;
  return { client, sent, mostOut: () => mostOut };
}

const items = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ tableName: TABLE, item: key(`v2#case#${i}`, 'case') }));

describe('putting items in bulk', () => {
  it('sends 25 items a request with at most `inFlight` requests out, and sends again what was left unprocessed, after a pause', async () => {
    const pauses: number[] = [];
    const fake = fakeClient((_items, call) => ({ unprocessed: call === 2 ? 5 : 0 }));
    const putter = createBulkPutter({
      client: fake.client,
      inFlight: 3,
      sleep: async (ms) => void pauses.push(ms),
      random: () => 0.5,
    });
    for (let from = 0; from < 260; from += 13) await putter.put(items(260).slice(from, from + 13));
    await putter.flush();
    // 260 items: ten full requests and one of 10, plus the 5 unprocessed items sent again.
    expect(fake.sent.map((batch) => batch.length).sort((a, b) => b - a)).toEqual([...Array(10).fill(25), 10, 5]);
    expect(new Set(fake.sent.flat().map((request) => JSON.stringify(request))).size).toBe(260);
    expect(putter.requests).toBe(12);
    expect(pauses).toEqual([50]);
    expect(fake.mostOut()).toBeLessThanOrEqual(3);
    expect(fake.mostOut()).toBeGreaterThan(1);
  });

  it('gives up, saying so, when items stay unprocessed, and reports a failed request at the next put or flush', async () => {
    const stuck = createBulkPutter({
      client: fakeClient(() => ({ unprocessed: 1 })).client,
      inFlight: 2,
      sleep: async () => undefined,
    });
    await stuck.put(items(3));
    await expect(stuck.flush()).rejects.toThrow(BulkPutError);

    const failing = createBulkPutter({
      client: fakeClient(() => new Error('engine gone')).client,
      inFlight: 1,
      sleep: async () => undefined,
    });
    await failing.put(items(25));
    await expect(failing.flush()).rejects.toThrow('engine gone');
  });
});
