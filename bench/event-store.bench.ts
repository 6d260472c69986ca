// The event store's write path against its floor and a library: one DynamoDB Local, interleaved
// rounds of (a) a raw conditional PutItem / TransactWriteItems with the AWS SDK, (b) the store
// (validation, envelope, encryption of the personal part, size guard, idempotency fields) and
// (c) @castore/event-storage-adapter-dynamodb pushing the same events. Also the write capacity
// a typical referral's life consumes, and its on-demand cost.
import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import {
  type AttributeValue,
  type ConsumedCapacity,
  CreateTableCommand,
  DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { GroupedEvent } from '@castore/core';
import { DynamoDBSingleTableEventStorageAdapter } from '@castore/event-storage-adapter-dynamodb';
import { referralStreamId } from '../domain/referral/stream-id.js';
import { type DomainEvent } from '../events/catalogue.js';
import { createDataKeys } from '../functions/event-store/data-keys.js';
import { completeEventItem, encodeUnsealedEventItem, personalPlaintext } from '../functions/event-store/event-codec.js';
import { SEAL_OVERHEAD_BYTES } from '../functions/event-store/personal-data-cipher.js';
import { createEventStore } from '../functions/event-store/event-store.js';
import { itemSizeBytes } from '../functions/event-store/item-size.js';
import { createLocalKeyProvider } from '../functions/event-store/local-key-provider.js';
import { eventStoreTable, keyTable, tableName } from '../functions/tables/table-definitions.js';
import { createTables } from '../local/create-tables.js';
import { localDynamoClientConfig, startDynamoDbLocal } from '../local/dynamodb-local.js';
import { commandOptions, referralLifecycle } from '../test/functions/event-store/referral-lifecycle.js';
import { engineCpuReader } from './engine-cpu.js';
import { type BenchContext, median } from './bench-context.js';
import { type RequestCounts, addCounts, createRequestCounter, describeCounts } from './request-counts.js';

// Seven interleaved rounds; EVENT_STORE_BENCH_ROUNDS for fewer on a crowded machine.
const ROUNDS = Number(process.env.EVENT_STORE_BENCH_ROUNDS ?? 8);
const WARM_UP_ROUNDS = 3;

/** The variants in round `round`'s order: rotated, and reversed every other round, so each follows every other. */
function roundOrder<T>(variants: readonly T[], round: number): T[] {
  const rotated = variants.map((_, i) => variants[(i + Math.floor(round / 2)) % variants.length] as T);
  return round % 2 === 0 ? rotated : rotated.reverse();
}
const WORKERS = 8;
const SINGLE_STREAMS_PER_WORKER = 4; // x 13 single-event appends
const GROUP_STREAMS_PER_WORKER = 10; // x 1 append of 10 events
const GROUP_SIZE = 10;
/** Assumed on-demand price: eu-west-2, USD per million write request units. Check the current price list. */
const USD_PER_MILLION_WRU = 1.4135;
/** Write units of one referral's life with the key in the keys table (the committed report before decision 0004's change). */
const WRU_BEFORE = 19;

type Variant = 'raw' | 'rawEnvelope' | 'store' | 'castore';
type Writer = (streamId: string, expected: number, events: DomainEvent[]) => Promise<void>;
interface RoundFigures {
  perSecond: number;
  /** CPU time of this process per append, in microseconds. */
  clientCpuUs: number;
  /** CPU time of the DynamoDB Local process per append, in microseconds (NaN when it cannot be read). */
  engineCpuUs: number;
  appends: number;
  /** Every request the round sent, by operation. */
  requests: RequestCounts;
}

export default async function eventStoreBench(ctx: BenchContext): Promise<void> {
  const engine = await startDynamoDbLocal();
  try {
    await run(ctx, engine.endpoint);
  } finally {
    await engine.stop();
  }
}

async function run(ctx: BenchContext, endpoint: string): Promise<void> {
  const client = new DynamoDBClient(localDynamoClientConfig(endpoint));
  const requests = createRequestCounter();
  requests.attach(client);
  const prefix = 'bench';
  await createTables(client, prefix, [eventStoreTable, keyTable]);
  // The raw floors write into the store's own table (other stream ids): the same table, with the
  // same stream and the same contents growing round by round, so that what the engine does for a
  // table (its stream, its pages) falls on every variant alike. Measured on 2026-12-07: with a
  // table of their own the raw writes ran 2x faster than the store's when the store ran after
  // them, and 1.5x slower when they ran after the store; in the same table, at parity (decision 0004).
  const storeEventsTable = tableName(prefix, eventStoreTable);
  // Every table streams new images, as the store's table does (in DynamoDB Local streams cost write time).
  const stream = { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' as const };
  const castoreTable = `${prefix}-castore-events`;
  // Castore's documented single-table layout, with its initial-events index.
  await client.send(
    new CreateTableCommand({
      TableName: castoreTable,
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: stream,
      KeySchema: [
        { AttributeName: 'aggregateId', KeyType: 'HASH' },
        { AttributeName: 'version', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'aggregateId', AttributeType: 'S' },
        { AttributeName: 'version', AttributeType: 'N' },
        { AttributeName: 'eventStoreId', AttributeType: 'S' },
        { AttributeName: 'timestamp', AttributeType: 'S' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'initialEvents',
          KeySchema: [
            { AttributeName: 'eventStoreId', KeyType: 'HASH' },
            { AttributeName: 'timestamp', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );

  const keys = createDataKeys({
    client,
    eventsTableName: tableName(prefix, eventStoreTable),
    keyProvider: createLocalKeyProvider(randomBytes(32)),
    now: () => new Date(),
  });
  const store = createEventStore({ client, tableName: tableName(prefix, eventStoreTable), keys });
  const castore = new DynamoDBSingleTableEventStorageAdapter({ tableName: castoreTable, dynamoDBClient: client });
  const occurredAt = commandOptions('bench').occurredAt;

  const rawItem = (streamId: string, version: number, event: DomainEvent): Record<string, AttributeValue> => {
    const item: Record<string, AttributeValue> = {
      streamId: { S: streamId },
      version: { N: String(version) },
      type: { S: event.type },
      occurredAt: { S: occurredAt },
      data: { S: JSON.stringify(event.data) },
    };
    if (event.personal !== undefined) item.personal = { S: JSON.stringify(event.personal) };
    return item;
  };
  const castoreDetail = (streamId: string, version: number, event: DomainEvent) => ({
    aggregateId: streamId,
    version,
    type: event.type,
    payload: { data: event.data, personal: event.personal },
    metadata: { commandId: `${streamId}-${version}` },
    timestamp: occurredAt,
  });

  // The store's own item layout (envelope, sealed-size personal part, command fields), written raw:
  // separates what the larger item costs the engine from what the store's code costs.
  const envelopeItem = (streamId: string, version: number, event: DomainEvent): Record<string, AttributeValue> => {
    const plaintext = personalPlaintext(event);
    const unsealed = encodeUnsealedEventItem(
      {
        eventId: '01JBENCH0000000000000000000',
        streamId,
        version,
        type: event.type,
        schemaVersion: 1,
        occurredAt,
        recordedAt: occurredAt,
        actor: commandOptions('bench').actor,
        correlationId: 'corr-bench',
        causationId: null,
        commandId: `cmd-${streamId}-${version}`,
      },
      JSON.stringify(event.data),
      { firstVersion: version, lastVersion: version },
      plaintext,
    );
    return completeEventItem(
      unsealed,
      'x'.repeat(43),
      plaintext ? new Uint8Array(plaintext.byteLength + SEAL_OVERHEAD_BYTES) : undefined,
    );
  };
  const conditionalWrite = async (
    table: string,
    build: typeof rawItem,
    streamId: string,
    expected: number,
    events: DomainEvent[],
  ) => {
    if (events.length === 1) {
      await client.send(
        new PutItemCommand({
          TableName: table,
          Item: build(streamId, expected + 1, events[0] as DomainEvent),
          ConditionExpression: 'attribute_not_exists(version)',
        }),
      );
      return;
    }
    await client.send(
      new TransactWriteItemsCommand({
        TransactItems: events.map((event, i) => ({
          Put: {
            TableName: table,
            Item: build(streamId, expected + i + 1, event),
            ConditionExpression: 'attribute_not_exists(version)',
          },
        })),
      }),
    );
  };

  const writers: Record<Variant, Writer> = {
    raw: (streamId, expected, events) => conditionalWrite(storeEventsTable, rawItem, streamId, expected, events),
    rawEnvelope: (streamId, expected, events) =>
      conditionalWrite(storeEventsTable, envelopeItem, streamId, expected, events),
    async store(streamId, expected, events) {
      await store.append(streamId, expected === 0 ? 'no-stream' : expected, events, commandOptions(streamId, expected));
    },
    async castore(streamId, expected, events) {
      if (events.length === 1) {
        await castore.pushEvent(castoreDetail(streamId, expected + 1, events[0] as DomainEvent), {
          eventStoreId: 'referrals',
        });
        return;
      }
      const grouped = events.map(
        (event, i) =>
          new GroupedEvent({
            event: castoreDetail(streamId, expected + i + 1, event),
            context: { eventStoreId: 'referrals' },
            eventStorageAdapter: castore,
          }),
      ) as [GroupedEvent, ...GroupedEvent[]];
      await castore.pushEventGroup({}, ...grouped);
    },
  };

  let streamCounter = 0;
  const freshStream = (variant: Variant) =>
    referralStreamId(`${variant}${(streamCounter += 1).toString().padStart(8, '0')}`);

  const engine = engineCpuReader(new URL(endpoint).port);

  /** Runs one round and measures appends per second and the CPU both processes spent per append. */
  async function measured(appendsIn: () => Promise<number>): Promise<RoundFigures> {
    requests.take();
    const clientBefore = process.cpuUsage();
    const engineBefore = engine.process();
    const started = performance.now();
    const appends = await appendsIn();
    const seconds = (performance.now() - started) / 1000;
    const client = process.cpuUsage(clientBefore);
    const engineAfter = engine.process();
    return {
      appends,
      requests: requests.take(),
      perSecond: appends / seconds,
      clientCpuUs: (client.user + client.system) / appends,
      engineCpuUs:
        engineBefore !== null && engineAfter !== null ? ((engineAfter - engineBefore) * 1e6) / appends : Number.NaN,
    };
  }

  /** Each of `workers` writers appends a fresh referral's life event by event. */
  function singleRound(variant: Variant, workers: number): Promise<RoundFigures> {
    return measured(async () => {
      let appends = 0;
      await Promise.all(
        Array.from({ length: workers }, async () => {
          for (let s = 0; s < SINGLE_STREAMS_PER_WORKER; s += 1) {
            const streamId = freshStream(variant);
            for (const [index, event] of referralLifecycle.entries()) {
              await writers[variant](streamId, index, [event]);
              appends += 1;
            }
          }
        }),
      );
      return appends;
    });
  }

  /** Each of `workers` writers appends groups of events, each group starting a fresh referral. */
  function groupRound(variant: Variant, workers: number): Promise<RoundFigures> {
    const group = referralLifecycle.slice(0, GROUP_SIZE);
    return measured(async () => {
      let appends = 0;
      await Promise.all(
        Array.from({ length: workers }, async () => {
          for (let s = 0; s < GROUP_STREAMS_PER_WORKER; s += 1) {
            await writers[variant](freshStream(variant), 0, group);
            appends += 1;
          }
        }),
      );
      return appends;
    });
  }

  const variants: Variant[] = ['raw', 'rawEnvelope', 'store', 'castore'];
  const emptyFigures = (): Record<Variant, RoundFigures[]> => ({ raw: [], rawEnvelope: [], store: [], castore: [] });
  const kinds = [
    { label: 'single event', round: singleRound },
    { label: `${GROUP_SIZE} events`, round: groupRound },
  ];
  const concurrent = kinds.map(() => emptyFigures());
  const sequential = kinds.map(() => emptyFigures());
  // Warm up every path (JIT, connections) before measuring: DynamoDB Local answers at a third of
  // its later speed for its first few hundred rounds of requests.
  for (let warm = 0; warm < WARM_UP_ROUNDS; warm += 1)
    for (const v of variants) for (const kind of kinds) await kind.round(v, WORKERS);
  // Rounds interleave the variants, each round in another order (every variant in every place
  // over the rounds), so that the machine's load and what one variant's writes leave the engine
  // to do fall on all of them alike.
  for (let round = 0; round < ROUNDS; round += 1) {
    const order = roundOrder(variants, round);
    for (const [k, kind] of kinds.entries()) {
      for (const v of order) (concurrent[k] as Record<Variant, RoundFigures[]>)[v].push(await kind.round(v, WORKERS));
      for (const v of order) (sequential[k] as Record<Variant, RoundFigures[]>)[v].push(await kind.round(v, 1));
    }
    ctx.log(`round ${round + 1}/${ROUNDS} done`);
  }

  const capacity = await lifecycleCapacity(endpoint, prefix);
  client.destroy();

  const m = (rounds: RoundFigures[], figure: 'perSecond' | 'clientCpuUs' | 'engineCpuUs') =>
    median(rounds.map((r) => r[figure]));
  /** Requests per append over every measured round of a variant. */
  const requestsPerAppend = (rounds: RoundFigures[]) =>
    describeCounts(
      addCounts(...rounds.map((r) => r.requests)),
      rounds.reduce((sum, r) => sum + r.appends, 0),
    );
  const requestTable = (figures: Record<Variant, RoundFigures[]>[]) => [
    '| append | raw SDK (floor) | raw SDK, store-shaped item | event store | Castore adapter |',
    '| --- | --- | --- | --- | --- |',
    ...kinds.map(({ label }, k) => {
      const r = figures[k] as Record<Variant, RoundFigures[]>;
      return `| ${label} | ${variants.map((v) => requestsPerAppend(r[v])).join(' | ')} |`;
    }),
  ];
  /** The median over rounds of the ratio within each round: steadier than a ratio of medians on a shared machine. */
  const pairedRatio = (ours: RoundFigures[], theirs: RoundFigures[]) =>
    median(ours.map((r, i) => r.perSecond / (theirs[i]?.perSecond ?? Number.NaN)));
  const throughputTable = (figures: Record<Variant, RoundFigures[]>[]) => [
    '| append | raw SDK (floor) | raw SDK, store-shaped item | event store | Castore adapter | **store / raw** | store / raw store-shaped | **store / Castore** |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...kinds.map(({ label }, k) => {
      const r = figures[k] as Record<Variant, RoundFigures[]>;
      const rate = (v: Variant) => m(r[v], 'perSecond').toFixed(0);
      return `| ${label} | ${rate('raw')} | ${rate('rawEnvelope')} | ${rate('store')} | ${rate('castore')} | **${pairedRatio(r.store, r.raw).toFixed(2)}** | ${pairedRatio(r.store, r.rawEnvelope).toFixed(2)} | **${pairedRatio(r.store, r.castore).toFixed(2)}** |`;
    }),
  ];
  const cpu = (value: number) => (Number.isNaN(value) ? 'n/a' : value.toFixed(0));
  const costPerThousand = (capacity.writeUnits * 1000 * USD_PER_MILLION_WRU) / 1_000_000;
  const markdown = [
    `DynamoDB Local (in memory; the raw floors write into the store's own table under other stream ids, Castore into its own layout's table, which streams new images as the store's does) on this machine (${availableParallelism()} cores shared with the engine and with other work; load average ${loadavg()[0]?.toFixed(1)} at the end). ${ROUNDS} interleaved rounds (every variant before and after every other over the rounds) after ${WARM_UP_ROUNDS} warm-up rounds of each; appends per second are medians of the rounds, ratios the median of each round's own ratio. One append = one event, or one group of ${GROUP_SIZE} on a fresh referral (single events: ${SINGLE_STREAMS_PER_WORKER} fresh referrals per writer, ${referralLifecycle.length} events each).`,
    '',
    `**${WORKERS} concurrent writers** (the target's measure):`,
    '',
    ...throughputTable(concurrent),
    '',
    `Requests sent per append with ${WORKERS} writers (every measured round; the store's first append of a referral is one PutItem for one event, one single-table transaction for ${GROUP_SIZE}, its later appends one PutItem: no key request, no read):`,
    '',
    ...requestTable(concurrent),
    '',
    '**One writer** (each append waits for the last: the cost of one request, with little scheduling noise):',
    '',
    ...throughputTable(sequential),
    '',
    `Where the time goes with ${WORKERS} writers: CPU per append in microseconds (median of the rounds), in this Node process (client: the SDK, and for the store its validation, key handling, sealing and digest) and in the DynamoDB Local Java process (engine)${!engine.found ? ' (the engine process was not found: n/a)' : ''}. Both compete for the same cores, so either side's CPU lowers everyone's throughput; under load the figures are inflated alike.`,
    '',
    '| append | raw client | raw engine | store-shaped client | store-shaped engine | store client | store engine | Castore client | Castore engine |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...kinds.map(({ label }, k) => {
      const r = concurrent[k] as Record<Variant, RoundFigures[]>;
      return `| ${label} | ${variants.map((v) => `${cpu(m(r[v], 'clientCpuUs'))} | ${cpu(m(r[v], 'engineCpuUs'))}`).join(' | ')} |`;
    }),
    '',
    `What the store does that the raw floor does not: it validates every event and the append's options with zod, builds the full envelope (ULID event id, clocks, actor, correlation, command id, the versions the command took), measures every item against DynamoDB's limits, seals each personal part with AES-256-GCM under the referral's data key, digests the command for idempotency (HMAC under the referral key), and on a referral's first append creates its data key and writes it, wrapped, on the first event's item (decision 0004: the key lives in the referral's own partition), so the first append is the same single request as the raw floor's: a conditional PutItem for one event, a transaction of the ${GROUP_SIZE} event items for a group (before this change it was a transaction with one more item, the key, in another table). The raw floor writes a minimal item (keys, type, time, data and personal part as plain JSON); the "store-shaped" raw write sends an item of the store's exact layout and size with none of that work, which separates what the bigger item costs the engine from what the store's code and its key cost. Castore's adapter writes to its documented table layout (with its initial-events index, which the engine maintains on every write).`,
    '',
    `**Write capacity of one referral's life** (${capacity.events} events, each appended by its own command, as ReturnConsumedCapacity TOTAL reports it): **${capacity.writeUnits} write units** now (the data key on the first event's item: ${capacity.eventWriteUnits} for the events, ${capacity.keyWriteUnits} for a separate key item), against ${WRU_BEFORE} before this change (the key in the keys table, written in a transaction with the first event, which DynamoDB charges at twice the units of its items: 17 for the events, 2 for the key; bench/results/latest.md of 2026-11-22). Largest event item: ${capacity.largestItemBytes} bytes.`,
    '',
    `**Cost**: ${capacity.writeUnits} WRU x 1,000 referrals x USD ${USD_PER_MILLION_WRU} per million WRU = **USD ${costPerThousand.toFixed(4)} per 1,000 referrals** for event writes. Assumption to check: eu-west-2 on-demand write request units at USD ${USD_PER_MILLION_WRU} per million; reads, streams, storage, KMS and backups are not included. DynamoDB Local reports capacity as DynamoDB would compute it for item sizes; it is not a billing source.`,
  ].join('\n');
  ctx.report({
    title: 'Event store: appends per second and write capacity',
    markdown,
    data: {
      concurrent: Object.fromEntries(kinds.map(({ label }, k) => [label, concurrent[k]])),
      sequential: Object.fromEntries(kinds.map(({ label }, k) => [label, sequential[k]])),
      capacity,
      writeUnitsBefore: WRU_BEFORE,
      requestsPerAppend: Object.fromEntries(
        kinds.map(({ label }, k) => [
          label,
          Object.fromEntries(
            variants.map((v) => [v, requestsPerAppend((concurrent[k] as Record<Variant, RoundFigures[]>)[v])]),
          ),
        ]),
      ),
      usdPerMillionWru: USD_PER_MILLION_WRU,
      costPerThousandReferralsUsd: costPerThousand,
    },
  });
}

/** Appends a referral's life one command at a time and sums the write capacity DynamoDB reports. */
async function lifecycleCapacity(endpoint: string, prefix: string) {
  const client = new DynamoDBClient(localDynamoClientConfig(endpoint));
  const consumed: { command: string; table: string; units: number }[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { ReturnConsumedCapacity?: string };
      input.ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const output = result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] };
      const entries = Array.isArray(output.ConsumedCapacity)
        ? output.ConsumedCapacity
        : output.ConsumedCapacity
          ? [output.ConsumedCapacity]
          : [];
      for (const entry of entries)
        consumed.push({
          command: context.commandName ?? '?',
          table: entry.TableName ?? '?',
          units: entry.CapacityUnits ?? 0,
        });
      return result;
    },
    { step: 'initialize', name: 'sumConsumedCapacity' },
  );
  const keysTable = tableName(prefix, keyTable);
  const keys = createDataKeys({
    client,
    eventsTableName: tableName(prefix, eventStoreTable),
    keyProvider: createLocalKeyProvider(randomBytes(32)),
    now: () => new Date(),
  });
  const store = createEventStore({ client, tableName: tableName(prefix, eventStoreTable), keys });
  const streamId = `referral-capacity${randomBytes(4).toString('hex')}`;
  for (const [index, event] of referralLifecycle.entries()) {
    await store.append(streamId, index === 0 ? 'no-stream' : index, [event], commandOptions('capacity', index));
  }
  const events = await store.read(streamId);
  const { Items = [] } = await client.send(
    new QueryCommand({
      TableName: tableName(prefix, eventStoreTable),
      KeyConditionExpression: 'streamId = :s',
      ExpressionAttributeValues: { ':s': { S: streamId } },
    }),
  );
  client.destroy();
  const writes = consumed.filter((c) => c.command === 'PutItemCommand' || c.command === 'TransactWriteItemsCommand');
  if (writes.length === 0) throw new Error('DynamoDB reported no consumed capacity for the writes');
  const keyWriteUnits = writes.filter((c) => c.table === keysTable).reduce((sum, c) => sum + c.units, 0);
  const eventWriteUnits = writes.filter((c) => c.table !== keysTable).reduce((sum, c) => sum + c.units, 0);
  return {
    events: events.length,
    writeUnits: eventWriteUnits + keyWriteUnits,
    eventWriteUnits,
    keyWriteUnits,
    largestItemBytes: Math.max(...Items.map((item) => itemSizeBytes(item))),
  };
}
