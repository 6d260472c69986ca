// Projections on DynamoDB Local:
// 1. Replay throughput: generated referral streams folded into both projections (case view,
//    triage queues, timers, person index; statistics profiles and counters) through the same
//    projection code the projector runs, 8 referrals side by side. 100,000 events take several
//    minutes on the shared 2-core machine, so the run is smaller (PROJECTIONS_BENCH_EVENTS).
// 2. Projection lag on the local stack: a referral appended to the real event store -> visible
//    in the police hub's triage queue, through the stream poller and the projector.
import { performance } from 'node:perf_hooks';
import { type BenchContext, median, quantile } from './bench-context.js';
import { type Actor, type RecordedEvent } from '../events/index.js';
import { createServiceEventStore } from '../functions/composition/event-store.js';
import { composeProjector, composeReadSide } from '../functions/projector/projector-composition.js';
import { createDeconflictionReader } from '../functions/read-models/deconfliction-reader.js';
import { createTriageQueueReader } from '../functions/read-models/triage-queue-reader.js';
import { startLocalStack } from '../local/local-stack.js';
import { generateReferralYear } from '../test/fixtures/referral-year.js';
import { eventLike, referralStory } from '../test/integration/projections/referral-story.js';

const REPLAY_EVENTS = Number(process.env.PROJECTIONS_BENCH_EVENTS ?? 5_000);
const LAG_SAMPLES = 40;

export default async function projections(ctx: BenchContext): Promise<void> {
  const stack = await startLocalStack({ prefix: 'bench', routing: false, delivery: false, pollIntervalMs: 50 });
  try {
    const readSide = composeReadSide(stack.config, stack.clients);
    // Polled from the start: the poller idles while the replay below runs against the read models only.
    await stack.consumeStream('projector', composeProjector(stack.config, stack.clients));

    // 1. Replay throughput.
    const streams: RecordedEvent[][] = [];
    let count = 0;
    for (const stream of generateReferralYear({ startYear: 2023, referrals: Math.ceil(REPLAY_EVENTS / 5), discussedAtPanel: 200, adopted: 120, leftNoFurtherConcern: 100, seed: 3, personal: 'erased' }).streams) {
      if (count >= REPLAY_EVENTS) break;
      const taken = stream.slice(0, REPLAY_EVENTS - count);
      streams.push(taken);
      count += taken.length;
    }
    const queue = [...streams];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let stream = queue.shift(); stream; stream = queue.shift()) {
          for (const event of stream) for (const projection of readSide.projections) await projection.apply(1, event);
        }
      }),
    );
    const replaySeconds = (performance.now() - started) / 1000;
    const eventsPerSecond = count / replaySeconds;
    ctx.log(`replayed ${count} events in ${replaySeconds.toFixed(1)} s`);

    // 2. Lag: append -> visible in the triage queue, with the projector behind the stream poller.
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
      const story = referralStory(streamId, '2000-01-03T09:00:00.000Z').then(eventLike('ReferralSubmitted', { data: { reference } })).then(eventLike('ReferralRouted'));
      const [submitted, routed] = story.events as [RecordedEvent, RecordedEvent];
      await store.append(streamId, 'no-stream', [submitted], { commandId: `${streamId}-1`, actor: submitted.actor as Actor, correlationId: streamId, occurredAt: submitted.occurredAt });
      const appendedAt = performance.now();
      await store.append(streamId, 1, [routed], { commandId: `${streamId}-2`, actor: routed.actor as Actor, correlationId: streamId, occurredAt: routed.occurredAt });
      for (;;) {
        // Due in 2000: before every generated referral, on the first page.
        const page = await queues.forOrganisation({ organisation: 'police:E23000014', limit: 100 });
        if (page.items.some((item) => item.streamId === streamId)) break;
        if (performance.now() - appendedAt > 30_000) throw new Error(`referral ${i} not visible after 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      lags.push(performance.now() - appendedAt);
    }

    ctx.report({
      title: 'Projections on DynamoDB Local',
      markdown: [
        `Replay into both projections (case view, triage queues, timers, person index; statistics profiles and counters), 8 referrals side by side, ${count.toLocaleString('en-GB')} events of ${streams.length.toLocaleString('en-GB')} referrals (a smaller run than 100,000: at this rate 100,000 events take about ${Math.round(100_000 / eventsPerSecond / 60)} minutes on the shared 2-core machine).`,
        '',
        '| events | time | events/s |',
        '| --- | --- | --- |',
        `| ${count.toLocaleString('en-GB')} | ${replaySeconds.toFixed(1)} s | ${Math.round(eventsPerSecond).toLocaleString('en-GB')} |`,
        '',
        `Projection lag on the local stack (stream poller every 50 ms -> projector -> triage queue read), ${LAG_SAMPLES} referrals, from the append of ReferralRouted to the item being visible in the police hub's queue:`,
        '',
        '| median | p95 | max |',
        '| --- | --- | --- |',
        `| ${median(lags).toFixed(0)} ms | ${quantile(lags, 0.95).toFixed(0)} ms | ${Math.max(...lags).toFixed(0)} ms |`,
      ].join('\n'),
      data: { replay: { events: count, referrals: streams.length, seconds: replaySeconds, eventsPerSecond }, lagMs: { samples: lags, median: median(lags), p95: quantile(lags, 0.95) } },
    });
  } finally {
    await stack.stop();
  }
}
