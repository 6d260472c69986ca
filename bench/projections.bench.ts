// Projections on DynamoDB Local:
// 1. Replay throughput: generated years of referral streams (PROJECTIONS_BENCH_SIZES, 10,000,
//    50,000 and 100,000 events by default) appended to event stores of their own (one command per
//    event, the store's writes collected and put in batches; not measured), then both projections
//    (case view, triage queues, timers, person index; statistics profiles, histories, own figures)
//    rebuilt from each as `npm run rebuild` does (the bulk pass, then the catch-up passes), beside a
//    raw BatchWriteItem of the same items.
//    One rebuild per size, after a warm-up replay of a smaller store (PROJECTIONS_BENCH_WARMUP
//    events, not reported): DynamoDB Local's Java code costs 2-3 times the CPU on its first scans
//    and first writes to an indexed table, which the rebuild met and the raw put after it did not
//    (bench/results/rebuild-bulk.md); warmed, both meet the engine alike.
// 2. Projection lag on the local stack: a referral appended to the real event store -> visible
//    in the police hub's triage queue, through the stream poller and the projector.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  type AttributeValue,
  BatchWriteItemCommand,
  type DynamoDBClient,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { engineCpuReader } from './engine-cpu.js';
import { type BenchContext, median, quantile } from './bench-context.js';
import { type RequestCounter, type RequestCounts, createRequestCounter, describeCounts } from './request-counts.js';
import { type Actor, type RecordedEvent } from '../events/index.js';
import { emptyStatistics, foldStatistics, statisticsTables } from '../domain/statistics/index.js';
import { createServiceEventStore } from '../functions/composition/event-store.js';
import { composeProjector, composeReadSide } from '../functions/projector/projector-composition.js';
import { rebuildProjections, scanOfStore } from '../functions/projector/rebuild.js';
import { streamHeads } from '../functions/projector/stream-heads.js';
import { allItems } from '../functions/read-models/partition-items.js';
import { createDeconflictionReader } from '../functions/read-models/deconfliction-reader.js';
import { createStatisticsExtracts } from '../functions/read-models/statistics-extracts.js';
import { createStatisticsReader } from '../functions/read-models/statistics-reader.js';
import { createTriageQueueReader } from '../functions/read-models/triage-queue-reader.js';
import { eventStoreTable, readModelTable, tableDefinitions, tableName } from '../functions/tables/table-definitions.js';
import { createTables } from '../local/create-tables.js';
import { startDynamoDbLocal } from '../local/dynamodb-local.js';
import { type LocalStack, startLocalStack } from '../local/local-stack.js';
import { generateReferralYear } from '../test/fixtures/referral-year.js';
import { collectWrites } from '../test/functions/projector/collected-writes.js';
import { appendStreamsAsRecorded } from '../test/functions/projector/recorded-appends.js';
import { eventLike, referralStory } from '../test/functions/projector/referral-story.js';

// Table sizes of the rebuild's comparison with a raw BatchWriteItem (events in the store). The
// three of the issue by default; PROJECTIONS_BENCH_SIZES=10000 (comma-separated) for a quicker run.
const SIZES = (process.env.PROJECTIONS_BENCH_SIZES ?? '10000,50000,100000')
  .split(',')
  .map((size) => Number(size.trim()))
  .filter((size) => Number.isInteger(size) && size > 0);
const REPLAY_PREFIX = 'bench-replay';
/**
 * A replay's tables: the service's, its events table without the DynamoDB stream. Nothing reads a
 * replay's stream (the rebuild reads the store by scan and query), and DynamoDB Local's writes
 * to a table with a stream slow down as stream records pile up in the engine: three tables of
 * 20,000 items, one after the other on one engine, loaded in 19, 128 and 286 s with streams and in
 * 10, 6.5 and 5.7 s without (writes to a table without a stream do not slow down). With streams,
 * the 100,000-event store was still loading after 25 minutes (the 50,000-event one took 220 s).
 */
const REPLAY_TABLES = tableDefinitions.map((table) => {
  if (table !== eventStoreTable) return table;
  const { stream: _readByNobodyHere, ...withoutStream } = table;
  return withoutStream;
});
/** Events of the warm-up replay run before the measured ones (0: none). */
const WARM_UP_EVENTS = Number(process.env.PROJECTIONS_BENCH_WARMUP ?? 3_000);
const LAG_SAMPLES = 40;
/** Referrals appended (their writes collected) before the collected writes are put. */
const LOAD_CHUNK = 1_000;
/** Streams the rebuild works on at once, and BatchWriteItem requests the raw floor keeps in flight. */
const CONCURRENCY = 16;

interface Replay {
  events: number;
  referrals: number;
  loadSeconds: number;
  rebuildSeconds: number;
  /** From the start to the first catch-up pass: the bulk pass (scan, folds, BatchWriteItem) and the pointer's change. */
  bulkSeconds: number;
  /** CPU seconds this process (the rebuild: decoding, folding, marshalling) spent during the rebuild and during the raw put. */
  rebuildCpuSeconds: number;
  rawCpuSeconds: number;
  /** CPU seconds DynamoDB Local used during the rebuild and during the raw put (null when not measurable). */
  rebuildEngineCpuSeconds: number | null;
  rawEngineCpuSeconds: number | null;
  /** Items of the rebuilt projections, put again raw with BatchWriteItem into an empty table of the same shape. */
  items: number;
  rawSeconds: number;
  rebuildRequests: RequestCounts;
  rawRequests: RequestCounts;
}

/** Streams of a generated year, whole from version 1, cut to `total` events (the last stream shortened). */
function generatedStreams(total: number): RecordedEvent[][] {
  const streams: RecordedEvent[][] = [];
  let count = 0;
  const year = generateReferralYear({
    startYear: 2023,
    referrals: Math.ceil(total / 5),
    discussedAtPanel: 200,
    adopted: 120,
    leftNoFurtherConcern: 100,
    seed: 3,
  });
  for (const stream of year.streams) {
    if (count >= total) break;
    const taken = stream.slice(0, total - count);
    streams.push(taken);
    count += taken.length;
  }
  return streams;
}

/** Puts the items into the table with BatchWriteItem, 25 a request, `CONCURRENCY` requests in flight, unprocessed items again. */
async function batchWrite(client: DynamoDBClient, table: string, items: Record<string, AttributeValue>[]) {
  const batches: WriteRequest[][] = [];
  for (let from = 0; from < items.length; from += 25)
    batches.push(items.slice(from, from + 25).map((Item) => ({ PutRequest: { Item } })));
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let batch = batches.shift(); batch; batch = batches.shift()) {
        let pending: WriteRequest[] = batch;
        while (pending.length > 0) {
          const { UnprocessedItems } = await client.send(
            new BatchWriteItemCommand({ RequestItems: { [table]: pending } }),
          );
          pending = UnprocessedItems?.[table] ?? [];
        }
      }
    }),
  );
}

/**
 * Appends `size` events to tables of their own (no poller reads them), rebuilds both projections
 * from them in one reading of the store, then puts the rebuilt items again with a raw
 * BatchWriteItem into empty tables of the same shape: the floor the rebuild is set beside.
 */
async function replay(
  ctx: BenchContext,
  stack: LocalStack,
  size: number,
  requests: RequestCounter,
  engineCpu: () => number | null,
): Promise<Replay> {
  const prefix = `${REPLAY_PREFIX}-${size}`;
  const config = { ...stack.config, SERVICE_PREFIX: prefix };
  const client = stack.clients.dynamo;
  const eventsTable = tableName(prefix, eventStoreTable);
  await createTables(client, prefix, REPLAY_TABLES);
  const streams = generatedStreams(size);
  const events = streams.reduce((sum, stream) => sum + stream.length, 0);
  const loading = performance.now();
  const collected = collectWrites(client);
  const loader = createServiceEventStore(config, { ...stack.clients, dynamo: collected.client });
  for (let from = 0; from < streams.length; from += LOAD_CHUNK) {
    await appendStreamsAsRecorded(loader, streams.slice(from, from + LOAD_CHUNK));
    await collected.flush();
  }
  const loadSeconds = (performance.now() - loading) / 1000;
  ctx.log(`${size}: appended ${events} events of ${streams.length} referrals in ${loadSeconds.toFixed(1)} s`);

  const store = createServiceEventStore(config, stack.clients);
  const readSide = composeReadSide(config, stack.clients);
  requests.take();
  const cpuBefore = process.cpuUsage();
  const engineBefore = engineCpu();
  const started = performance.now();
  let bulkEnded: number | undefined;
  const results = await rebuildProjections({
    onProgress: ({ phase }) => {
      if (phase === 'catch-up') bulkEnded ??= performance.now();
    },
    projections: readSide.projections,
    versions: readSide.versions,
    read: (streamId, options) => store.read(streamId, options),
    heads: () => streamHeads(client, eventsTable),
    client,
    ...scanOfStore(store, CONCURRENCY),
    concurrency: CONCURRENCY,
    // Nothing else writes these tables: no projector cache to wait for, no old version to delete.
    sleep: async () => undefined,
    retirePrevious: false,
  });
  const rebuildSeconds = (performance.now() - started) / 1000;
  const bulkSeconds = ((bulkEnded ?? started) - started) / 1000;
  const cpuSeconds = (since: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(since);
    return (used.user + used.system) / 1e6;
  };
  const rebuildCpuSeconds = cpuSeconds(cpuBefore);
  const engineSince = (before: number | null) => {
    const now = engineCpu();
    return before === null || now === null ? null : now - before;
  };
  const rebuildEngineCpuSeconds = engineSince(engineBefore);
  const rebuildRequests = requests.take();
  ctx.log(
    `${size}: rebuilt both projections in ${rebuildSeconds.toFixed(1)} s (bulk pass ${bulkSeconds.toFixed(1)} s; ${rebuildCpuSeconds.toFixed(1)} s of this process's CPU, ${rebuildEngineCpuSeconds?.toFixed(1) ?? '?'} s of DynamoDB Local's; load ${os.loadavg()[0]?.toFixed(1)})`,
  );
  // The replay did the work: every event applied once per projection, every referral counted once.
  for (const result of results)
    if (result.events !== events)
      throw new Error(`the ${result.projection} rebuild applied ${result.events} of ${events} events`);
  const statistics = createStatisticsReader({
    client,
    tableName: readSide.readModelsTable,
    versions: readSide.versions,
    extracts: createStatisticsExtracts({ client, tableName: readSide.readModelsTable, versions: readSide.versions }),
  });
  // Every table of the year equal to the in-memory fold of the same events (a stream cut short
  // after its submission is not yet counted, so the count is not simply the streams').
  const rebuiltTables = await statistics.liveTables({ year: '2023-24', viewer: 'case-access' });
  const folded = emptyStatistics();
  for (const stream of streams) for (const event of stream) foldStatistics(folded, event);
  const expectedTables = statisticsTables(folded.counters, { year: '2023-24', viewer: 'case-access' });
  if (JSON.stringify(rebuiltTables) !== JSON.stringify(expectedTables))
    throw new Error('the rebuilt statistics differ from the in-memory fold of the same events');
  const counted = rebuiltTables.find((table) => table.name === 'referrals-by-quarter')?.total.cells[0]?.value;
  if (typeof counted !== 'number' || counted < streams.length - 1)
    throw new Error(`the rebuilt statistics count ${counted} referrals of ${streams.length}`);

  // The raw floor: the same items, put with BatchWriteItem into an empty table with the same keys and indexes.
  const items = await allItems(client, readSide.readModelsTable);
  const rawPrefix = `bench-raw-${size}`;
  await createTables(client, rawPrefix, [readModelTable]);
  requests.take();
  const rawCpu = process.cpuUsage();
  const rawEngineBefore = engineCpu();
  const rawStarted = performance.now();
  await batchWrite(client, tableName(rawPrefix, readModelTable), items);
  const rawSeconds = (performance.now() - rawStarted) / 1000;
  const rawCpuSeconds = cpuSeconds(rawCpu);
  const rawEngineCpuSeconds = engineSince(rawEngineBefore);
  const rawRequests = requests.take();
  ctx.log(
    `${size}: put the ${items.length} rebuilt items raw in ${rawSeconds.toFixed(1)} s (${rawCpuSeconds.toFixed(1)} s of this process's CPU, ${rawEngineCpuSeconds?.toFixed(1) ?? '?'} s of DynamoDB Local's; load ${os.loadavg()[0]?.toFixed(1)})`,
  );
  return {
    events,
    referrals: streams.length,
    loadSeconds,
    rebuildSeconds,
    bulkSeconds,
    rebuildCpuSeconds,
    rawCpuSeconds,
    rebuildEngineCpuSeconds,
    rawEngineCpuSeconds,
    items: items.length,
    rawSeconds,
    rebuildRequests,
    rawRequests,
  };
}

export default async function projections(ctx: BenchContext): Promise<void> {
  // Its own DynamoDB Local with room for a 100,000-event store and its read models (the
  // default heap fails scans of it).
  const dynamodb = await startDynamoDbLocal({ maxHeap: '1g' });
  const stack = await startLocalStack({
    prefix: 'bench',
    routing: false,
    delivery: false,
    pollIntervalMs: 50,
    dynamoDbEndpoint: dynamodb.endpoint,
  }).catch(async (error: unknown) => {
    await dynamodb.stop();
    throw error;
  });
  try {
    // 1. Rebuilds at each size, beside the raw floor.
    const requests = createRequestCounter();
    requests.attachAll(stack.clients);
    const replays: Replay[] = [];
    const engineReader = engineCpuReader(dynamodb.port);
    const engineCpu = () => engineReader.process();
    if (WARM_UP_EVENTS > 0) {
      const warmUp = await replay(ctx, stack, WARM_UP_EVENTS, requests, engineCpu);
      ctx.log(
        `warm-up (${warmUp.events} events, not reported): rebuild ${warmUp.rebuildSeconds.toFixed(1)} s, raw ${warmUp.rawSeconds.toFixed(1)} s`,
      );
    }
    for (const size of SIZES) replays.push(await replay(ctx, stack, size, requests, engineCpu));

    // 2. Lag: append -> visible in the triage queue, with the projector behind the stream poller.
    await stack.consumeStream('projector', composeProjector(stack.config, stack.clients));
    const readSide = composeReadSide(stack.config, stack.clients);
    const store = createServiceEventStore(stack.config, stack.clients);
    const queues = createTriageQueueReader({
      client: stack.clients.dynamo,
      tableName: readSide.readModelsTable,
      versions: readSide.versions,
      deconfliction: createDeconflictionReader({ client: stack.clients.dynamo, tableName: readSide.readModelsTable }),
    });
    await stack.streamsDrained();
    const lags: number[] = [];
    for (let i = 0; i < LAG_SAMPLES; i += 1) {
      const streamId = `referral-lag${String(i).padStart(6, '0')}${Date.now().toString(36)}`;
      const reference = `PRV-7A90-${String(i).padStart(4, '0')}`;
      const story = referralStory(streamId, '2000-01-03T09:00:00.000Z')
        .then(eventLike('ReferralSubmitted', { data: { reference } }))
        .then(eventLike('ReferralRouted'));
      const [submitted, routed] = story.events as [RecordedEvent, RecordedEvent];
      await store.append(streamId, 'no-stream', [submitted], {
        commandId: `${streamId}-1`,
        actor: submitted.actor as Actor,
        correlationId: streamId,
        occurredAt: submitted.occurredAt,
      });
      const appendedAt = performance.now();
      await store.append(streamId, 1, [routed], {
        commandId: `${streamId}-2`,
        actor: routed.actor as Actor,
        correlationId: streamId,
        occurredAt: routed.occurredAt,
      });
      for (;;) {
        // Due in 2000: before every generated referral, on the first page.
        const page = await queues.forOrganisation({ organisation: 'police:E23000014', limit: 100 });
        if (page.items.some((item) => item.streamId === streamId)) break;
        if (performance.now() - appendedAt > 30_000) throw new Error(`referral ${i} not visible after 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      lags.push(performance.now() - appendedAt);
    }

    const lagRequests = requests.take();
    const ratio = (r: Replay) => r.rawSeconds / r.rebuildSeconds;
    // The same ratio in CPU (this process's and DynamoDB Local's): what the time follows on a loaded machine.
    const cpuRatio = (r: Replay) =>
      r.rebuildEngineCpuSeconds === null || r.rawEngineCpuSeconds === null
        ? null
        : (r.rawCpuSeconds + r.rawEngineCpuSeconds) / (r.rebuildCpuSeconds + r.rebuildEngineCpuSeconds);
    const engine = (seconds: number | null) => (seconds === null ? '?' : `${seconds.toFixed(1)} s`);
    ctx.report({
      title: 'Projections on DynamoDB Local',
      markdown: [
        `Rebuild of both projections (case view, triage queues, timers, person index; statistics profiles, histories and own figures) from event stores of ${SIZES.map((size) => size.toLocaleString('en-GB')).join(', ')} events (generated referrals, synthetic people, personal parts sealed; PROJECTIONS_BENCH_SIZES to choose), as \`npm run rebuild -- all\` does: a bulk pass (the store read with one parallel scan of ${CONCURRENCY} segments, each stream folded whole in memory into each projection, the items its fold leaves put with BatchWriteItem, 25 a request, ${CONCURRENCY} in flight, no conditions), then conditional catch-up passes until one finds nothing; "of which bulk pass" runs to the first catch-up pass's first stream (so it includes the catch-up's heads scan); CPU is this process's (user + system) during the rebuild, and DynamoDB Local's from /proc (the two share the machine's cores, so on a loaded machine the time follows their CPU: "rebuild / raw in CPU" is the raw put's CPU of both over the rebuild's); one round per size, after a warm-up replay of ${WARM_UP_EVENTS.toLocaleString('en-GB')} events (not reported: DynamoDB Local's first scans and first writes to an indexed table cost it 2-3 times the CPU, which only the first rebuild met), the sizes one after the other on one DynamoDB Local (its tables grow from size to size). Beside it, the raw floor: every item of the rebuilt read-model table put again with BatchWriteItem (25 a request, ${CONCURRENCY} requests in flight) into an empty table with the same keys and indexes, right after the rebuild. **rebuild / raw** = raw time / rebuild time (target >= 0.5 at every size). The events were appended beforehand through the event store (one command per event), its writes collected and put with BatchWriteItem (not measured) into an events table without a DynamoDB stream (nothing reads it here, and DynamoDB Local's writes to a table with a stream slow down as stream records pile up). After each rebuild, every event is checked to have been applied once per projection and the year's statistics tables to equal the in-memory fold of the same events. Shared 2-core machine.`,
        '',
        '| events | referrals | rebuild | of which bulk pass | CPU of the rebuild process | CPU of DynamoDB Local, rebuild | events/s | read-model items | raw BatchWriteItem | **rebuild / raw** | rebuild / raw in CPU (both processes) | requests per event, rebuild | requests per item, raw |',
        '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
        ...replays.map(
          (r) =>
            `| ${r.events.toLocaleString('en-GB')} | ${r.referrals.toLocaleString('en-GB')} | ${r.rebuildSeconds.toFixed(1)} s | ${r.bulkSeconds.toFixed(1)} s | ${r.rebuildCpuSeconds.toFixed(1)} s | ${engine(r.rebuildEngineCpuSeconds)} | ${Math.round(r.events / r.rebuildSeconds).toLocaleString('en-GB')} | ${r.items.toLocaleString('en-GB')} | ${r.rawSeconds.toFixed(1)} s (CPU ${r.rawCpuSeconds.toFixed(1)} s, DynamoDB Local ${engine(r.rawEngineCpuSeconds)}) | **${ratio(r).toFixed(2)}** | ${cpuRatio(r)?.toFixed(2) ?? '?'} | ${describeCounts(r.rebuildRequests, r.events)} | ${describeCounts(r.rawRequests, r.items)} |`,
        ),
        '',
        `Projection lag on the local stack (stream poller every 50 ms -> projector -> triage queue read), ${LAG_SAMPLES} referrals, from the append of ReferralRouted to the item being visible in the police hub's queue:`,
        '',
        '| median | p95 | max |',
        '| --- | --- | --- |',
        `| ${median(lags).toFixed(0)} ms | ${quantile(lags, 0.95).toFixed(0)} ms | ${Math.max(...lags).toFixed(0)} ms |`,
        '',
        `Requests per referral of the lag measure (two appends, the projector's work, the queue reads while waiting): ${describeCounts(lagRequests, LAG_SAMPLES)}.`,
      ].join('\n'),
      data: {
        rebuilds: replays.map((r) => ({
          ...r,
          eventsPerSecond: r.events / r.rebuildSeconds,
          rebuildOverRaw: ratio(r),
          rebuildOverRawInCpu: cpuRatio(r),
        })),
        lagRequests,
        lagMs: { samples: lags, median: median(lags), p95: quantile(lags, 0.95) },
      },
    });
  } finally {
    await stack.stop();
    await dynamodb.stop();
  }
}
