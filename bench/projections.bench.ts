// Projections on DynamoDB Local:
// 1. Replay throughput: a generated year of referral streams (20,000 events by default,
//    PROJECTIONS_BENCH_EVENTS=100000 for the issue's size) is appended to an event store of its own (one command
//    per event, the store's writes collected and put in batches; not measured), then both
//    projections (case view, triage queues, timers, person index; statistics profiles and
//    counters) are rebuilt from it side by side, as `npm run rebuild` does: every stream read
//    from the store and its events folded together, 16 streams at a time per projection.
//    PROJECTIONS_BENCH_ROUNDS rebuilds (each into a new version) give the median.
// 2. Projection lag on the local stack: a referral appended to the real event store -> visible
//    in the police hub's triage queue, through the stream poller and the projector.
import { performance } from 'node:perf_hooks';
import { type BenchContext, median, quantile } from './bench-context.js';
import { type Actor, type RecordedEvent } from '../events/index.js';
import { createServiceEventStore } from '../functions/composition/event-store.js';
import { composeProjector, composeReadSide } from '../functions/projector/projector-composition.js';
import { rebuildProjection } from '../functions/projector/rebuild.js';
import { streamHeads } from '../functions/projector/stream-heads.js';
import { createDeconflictionReader } from '../functions/read-models/deconfliction-reader.js';
import { createStatisticsExtracts } from '../functions/read-models/statistics-extracts.js';
import { createStatisticsReader } from '../functions/read-models/statistics-reader.js';
import { createTriageQueueReader } from '../functions/read-models/triage-queue-reader.js';
import { eventStoreTable, tableName } from '../functions/tables/table-definitions.js';
import { createTables } from '../local/create-tables.js';
import { startDynamoDbLocal } from '../local/dynamodb-local.js';
import { type LocalStack, startLocalStack } from '../local/local-stack.js';
import { generateReferralYear } from '../test/fixtures/referral-year.js';
import { collectWrites } from '../test/functions/projector/collected-writes.js';
import { appendStreamsAsRecorded } from '../test/functions/projector/recorded-appends.js';
import { eventLike, referralStory } from '../test/functions/projector/referral-story.js';

// 100,000 events took 543 s to replay here (184 events/s: DynamoDB Local slows down as its tables
// grow), plus about a minute to load: too long for every run. PROJECTIONS_BENCH_EVENTS=100000 for the full size.
const REPLAY_EVENTS = Number(process.env.PROJECTIONS_BENCH_EVENTS ?? 20_000);
const REPLAY_ROUNDS = Number(process.env.PROJECTIONS_BENCH_ROUNDS ?? 1);
const REPLAY_PREFIX = 'bench-replay';
const LAG_SAMPLES = 40;
/** Referrals appended (their writes collected) before the collected writes are put. */
const LOAD_CHUNK = 1_000;

interface Replay {
  events: number;
  referrals: number;
  loadSeconds: number;
  roundSeconds: number[];
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

/** Appends the events to tables of their own (no poller reads them), then rebuilds both projections from them. */
async function replay(ctx: BenchContext, stack: LocalStack): Promise<Replay> {
  const config = { ...stack.config, SERVICE_PREFIX: REPLAY_PREFIX };
  const client = stack.clients.dynamo;
  const eventsTable = tableName(REPLAY_PREFIX, eventStoreTable);
  await createTables(client, REPLAY_PREFIX);
  const streams = generatedStreams(REPLAY_EVENTS);
  const events = streams.reduce((sum, stream) => sum + stream.length, 0);
  const loading = performance.now();
  const collected = collectWrites(client);
  const loader = createServiceEventStore(config, { ...stack.clients, dynamo: collected.client });
  for (let from = 0; from < streams.length; from += LOAD_CHUNK) {
    await appendStreamsAsRecorded(loader, streams.slice(from, from + LOAD_CHUNK));
    await collected.flush();
  }
  const loadSeconds = (performance.now() - loading) / 1000;
  ctx.log(`appended ${events} events of ${streams.length} referrals in ${loadSeconds.toFixed(1)} s`);

  const store = createServiceEventStore(config, stack.clients);
  const readSide = composeReadSide(config, stack.clients);
  const statistics = createStatisticsReader({
    client,
    tableName: readSide.readModelsTable,
    versions: readSide.versions,
    extracts: createStatisticsExtracts({ client, tableName: readSide.readModelsTable, versions: readSide.versions }),
  });
  const roundSeconds: number[] = [];
  for (let round = 1; round <= REPLAY_ROUNDS; round += 1) {
    const started = performance.now();
    const results = await Promise.all(
      readSide.projections.map((projection) =>
        rebuildProjection({
          projection,
          versions: readSide.versions,
          read: (streamId, options) => store.read(streamId, options),
          heads: () => streamHeads(client, eventsTable),
          // Nothing else writes these tables: no projector cache to wait for.
          sleep: async () => undefined,
        }),
      ),
    );
    roundSeconds.push((performance.now() - started) / 1000);
    ctx.log(`round ${round}: rebuilt both projections from ${events} events in ${roundSeconds.at(-1)?.toFixed(1)} s`);
    // The replay did the work: every event applied once per projection, every referral counted once.
    for (const result of results)
      if (result.events !== events)
        throw new Error(`the ${result.projection} rebuild applied ${result.events} of ${events} events`);
    const byQuarter = (await statistics.liveTables({ year: '2023-24', viewer: 'case-access' })).find(
      (table) => table.name === 'referrals-by-quarter',
    );
    if (byQuarter?.total.cells[0]?.value !== streams.length)
      throw new Error(
        `the rebuilt statistics count ${byQuarter?.total.cells[0]?.value} referrals, not ${streams.length}`,
      );
  }
  return { events, referrals: streams.length, loadSeconds, roundSeconds };
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
    // 1. Replay throughput.
    const replayed = await replay(ctx, stack);
    const replaySeconds = median(replayed.roundSeconds);
    const eventsPerSecond = replayed.events / replaySeconds;

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

    const { events, referrals, loadSeconds, roundSeconds } = replayed;
    const rounds =
      roundSeconds.length === 1
        ? 'one round'
        : `median of ${roundSeconds.length} rounds (${roundSeconds.map((seconds) => `${seconds.toFixed(1)} s`).join(', ')})`;
    ctx.report({
      title: 'Projections on DynamoDB Local',
      markdown: [
        `Replay of ${events.toLocaleString('en-GB')} events${events < 100_000 ? ' (fewer than 100,000 to keep the run short: 100,000 took 543 s, 184 events/s, in a measured run; PROJECTIONS_BENCH_EVENTS=100000 for it)' : ''} of ${referrals.toLocaleString('en-GB')} generated referrals (synthetic people, personal parts sealed) from the event store into both projections (case view, triage queues, timers, person index; statistics profiles and counters): both rebuilds side by side, each stream read once and its events folded together, 16 streams at a time per projection; ${rounds}. The events were appended beforehand through the event store (one command per event), its writes collected and put with BatchWriteItem, in ${loadSeconds.toFixed(0)} s (not measured). Shared 2-core machine.`,
        '',
        '| events | time | events/s (into both projections) |',
        '| --- | --- | --- |',
        `| ${events.toLocaleString('en-GB')} | ${replaySeconds.toFixed(1)} s | ${Math.round(eventsPerSecond).toLocaleString('en-GB')} |`,
        '',
        `Projection lag on the local stack (stream poller every 50 ms -> projector -> triage queue read), ${LAG_SAMPLES} referrals, from the append of ReferralRouted to the item being visible in the police hub's queue:`,
        '',
        '| median | p95 | max |',
        '| --- | --- | --- |',
        `| ${median(lags).toFixed(0)} ms | ${quantile(lags, 0.95).toFixed(0)} ms | ${Math.max(...lags).toFixed(0)} ms |`,
      ].join('\n'),
      data: {
        replay: { events, referrals, loadSeconds, roundSeconds, seconds: replaySeconds, eventsPerSecond },
        lagMs: { samples: lags, median: median(lags), p95: quantile(lags, 0.95) },
      },
    });
  } finally {
    await stack.stop();
    await dynamodb.stop();
  }
}
