// Replay throughput of the outcome statistics: folding 1,000,000 generated events (about ten
// years of national referrals, ten events each on average) into the statistics in memory.
// Events are generated once, deterministically (seeded), outside the timed part; each round
// folds all of them into a fresh model. Personal parts are the erased marker: the fold never
// reads them, and it keeps the generated data small.
import { performance } from 'node:perf_hooks';
import { type BenchContext, median } from './bench-context.js';
import { type RecordedEvent } from '../events/index.js';
import { emptyStatistics, foldStatistics, statisticsTables } from '../domain/statistics/index.js';
import { generateReferralYear } from '../test/fixtures/referral-year.js';

const TARGET_EVENTS = 1_000_000;
const ROUNDS = 5;

export default async function statisticsReplay(ctx: BenchContext): Promise<void> {
  const events: RecordedEvent[] = [];
  let referrals = 0;
  for (let startYear = 2015; events.length < TARGET_EVENTS; startYear += 1) {
    const year = generateReferralYear({
      startYear,
      referrals: 12_000,
      discussedAtPanel: 1_600,
      adopted: 950,
      leftNoFurtherConcern: 800,
      seed: startYear,
      personal: 'erased',
    });
    for (const stream of year.streams) {
      if (events.length >= TARGET_EVENTS) break;
      referrals += 1;
      for (const event of stream) if (events.length < TARGET_EVENTS) events.push(event);
    }
  }
  ctx.log(`generated ${events.length} events for ${referrals} referrals`);

  const seconds: number[] = [];
  let cells = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const model = emptyStatistics();
    const started = performance.now();
    for (const event of events) foldStatistics(model, event);
    seconds.push((performance.now() - started) / 1000);
    cells = Object.keys(model.counters.counts).length;
    if (round === 0) {
      const tables = statisticsTables(model.counters, { year: '2016-17', viewer: 'aggregate-only' });
      ctx.log(`sanity: 2016/17 referrals ${tables[0]?.total.cells[0]?.value}`);
    }
  }
  const eventsPerSecond = events.length / median(seconds);
  ctx.report({
    title: 'Statistics replay (in memory)',
    markdown: [
      `Folded ${events.length.toLocaleString('en-GB')} events (${referrals.toLocaleString('en-GB')} referrals) into the outcome statistics, ${ROUNDS} rounds.`,
      '',
      '| median time | events/s (median) | fastest round | slowest round | counter cells |',
      '| --- | --- | --- | --- | --- |',
      `| ${median(seconds).toFixed(2)} s | ${Math.round(eventsPerSecond).toLocaleString('en-GB')} | ${Math.min(...seconds).toFixed(2)} s | ${Math.max(...seconds).toFixed(2)} s | ${cells} |`,
    ].join('\n'),
    data: {
      events: events.length,
      referrals,
      rounds: seconds,
      medianSeconds: median(seconds),
      eventsPerSecond,
      counterCells: cells,
    },
  });
}
