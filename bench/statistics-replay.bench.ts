// Replay throughput of the outcome statistics: folding 1,000,000 generated events (about ten
// years of national referrals, about eight events each) into the statistics in memory, through the
// fold and through the fold as it was before issue 15 (the baseline).
// Events are generated once, deterministically (seeded), outside the timed part; each round
// folds all of them into a fresh model. Personal parts are the erased marker: the fold never
// reads them, and it keeps the generated data small.
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { type BenchContext, median } from './bench-context.js';
import { type RecordedEvent } from '../events/index.js';
import { type StatisticsModel, emptyStatistics, foldStatistics, statisticsTables } from '../domain/statistics/index.js';
import { referenceFold } from '../test/domain/statistics/reference-fold.js';
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

  // The fold as it was before issue 15 (test/domain/statistics/reference-fold.ts) is the baseline,
  // timed in the same run, its rounds interleaved with the fold's so both meet the same noise. CPU
  // time (this process's, user and system, garbage collection included) is reported beside the
  // wall-clock time: on a shared, overloaded machine the wall clock also counts the time the
  // process waited for a core.
  const paths = {
    fold: (model: StatisticsModel, event: RecordedEvent) => void foldStatistics(model, event),
    reference: (model: StatisticsModel, event: RecordedEvent) => void referenceFold(model, event),
  };
  const timings = {
    fold: { wall: [] as number[], cpu: [] as number[] },
    reference: { wall: [] as number[], cpu: [] as number[] },
  };
  let cells = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [name, fold] of Object.entries(paths) as [keyof typeof paths, (typeof paths)['fold']][]) {
      const model = emptyStatistics();
      const cpuStart = process.cpuUsage();
      const started = performance.now();
      for (const event of events) fold(model, event);
      timings[name].wall.push((performance.now() - started) / 1000);
      const cpu = process.cpuUsage(cpuStart);
      timings[name].cpu.push((cpu.user + cpu.system) / 1e6);
      if (name === 'fold') {
        cells = Object.keys(model.counters.counts).length;
        if (round === 0) {
          const tables = statisticsTables(model.counters, { year: '2016-17', viewer: 'aggregate-only' });
          ctx.log(`sanity: 2016/17 referrals ${tables[0]?.total.cells[0]?.value}`);
        }
      }
    }
    ctx.log(
      `statistics replay round ${round + 1}/${ROUNDS}: fold ${timings.fold.wall.at(-1)?.toFixed(2)} s, reference ${timings.reference.wall.at(-1)?.toFixed(2)} s`,
    );
  }
  const perSecond = (seconds: number[]) => Math.round(events.length / median(seconds));
  const figures = (name: keyof typeof paths) => ({
    medianWallSeconds: median(timings[name].wall),
    medianCpuSeconds: median(timings[name].cpu),
    eventsPerSecond: perSecond(timings[name].wall),
    eventsPerCpuSecond: perSecond(timings[name].cpu),
    wallRounds: timings[name].wall,
    cpuRounds: timings[name].cpu,
  });
  const fold = figures('fold');
  const reference = figures('reference');
  const row = (label: string, f: ReturnType<typeof figures>) =>
    `| ${label} | ${f.medianWallSeconds.toFixed(2)} s | ${f.eventsPerSecond.toLocaleString('en-GB')} | ${f.medianCpuSeconds.toFixed(2)} s | ${f.eventsPerCpuSecond.toLocaleString('en-GB')} | ${Math.min(...f.wallRounds).toFixed(2)} s | ${Math.max(...f.wallRounds).toFixed(2)} s |`;
  const load = loadavg()[0]?.toFixed(1);
  ctx.report({
    title: 'Statistics replay (in memory)',
    markdown: [
      `Folded ${events.length.toLocaleString('en-GB')} events (${referrals.toLocaleString('en-GB')} referrals) into the outcome statistics, ${ROUNDS} rounds of each path, interleaved; medians. Baseline: the fold as it was before issue 15 (test/domain/statistics/reference-fold.ts), whose results the fold's equal event by event (test/domain/statistics/counters.unit.test.ts). CPU = this process's user and system time during the round (garbage collection included); wall = elapsed time, which on this shared 2-core machine (load average ${load} at the end) also counts waiting for a core. Target: >= 500,000 events/s (1,000,000 events in under 2 s).`,
      '',
      '| path | median wall time | events/s (wall) | median CPU time | events per CPU second | fastest round | slowest round |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      row('fold (now)', fold),
      row('reference (before)', reference),
      '',
      `**fold / reference: ${(reference.medianWallSeconds / fold.medianWallSeconds).toFixed(2)}x faster by the wall clock, ${(reference.medianCpuSeconds / fold.medianCpuSeconds).toFixed(2)}x by CPU time**; ${cells} counter cells. What the fold no longer does per event: build every cell of both profiles with its key and label (now compared table by table, each distinct delta made once and shared), look labels up by scanning reference lists and validate the financial year for every quarter label (now indexed once), and format every submission's date through the Europe/London zone rules (now only in the last hour of a UTC day, when summer time can make it the next day in London).`,
    ].join('\n'),
    data: { events: events.length, referrals, counterCells: cells, loadAverage: loadavg()[0], fold, reference },
  });
}
