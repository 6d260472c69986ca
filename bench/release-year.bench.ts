// Proved on a year, the whole of it (issue 13, point 5): the published 2023/24 year (6,922
// referrals; 893 discussed at a panel; 512 adopted; education 2,788; police 1,921) driven through
// the API of the local service on its own DynamoDB Local, as caseworkers would
// (test/fixtures/year-through-the-api.ts), then an extract as at 31 December 2024 taken through
// POST /statistics/extracts, its headline figures compared with the published ones, the
// statistics projection rebuilt from the store as `npm run rebuild -- statistics` does, and the
// extract taken again: the revision must list no changed cell, and its release CSVs must equal the
// first extract's cell by cell and byte for byte. Not part of `npm test`: `npm run bench --
// release-year` (RELEASE_YEAR_SCALE, default 1, runs a scaled year with the same shares). Besides
// the benchmark report's section, it writes bench/results/release-year[-<scale>].md and exits 1
// when a figure is not the published one or a cell differs. The test suite runs the year at one
// tenth (test/functions/api/statistics/release-year.int.test.ts).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchContext } from './bench-context.js';
import { startDynamoDbLocal } from '../local/dynamodb-local.js';
import { driveYear, marginals2023, planYear, simulatedClock } from '../test/fixtures/year-through-the-api.js';
import { compareCells, extractYear, rebuildStatistics } from '../test/fixtures/year-extracts.js';
import { startApiHarness } from '../test/functions/api/api-harness.js';

const reports = join(dirname(fileURLToPath(import.meta.url)), 'results');

export default async function releaseYear(ctx: BenchContext): Promise<void> {
  const scale = Number(process.env.RELEASE_YEAR_SCALE ?? '1');
  const concurrency = Number(process.env.RELEASE_YEAR_CONCURRENCY ?? '32');
  const year = marginals2023(scale);
  const load = {
    atStart: loadavg()
      .map((l) => l.toFixed(1))
      .join(' / '),
    samples: [] as number[],
  };
  const sampler = setInterval(() => load.samples.push(loadavg()[0] as number), 30_000);
  // A year's store, read models and stream records, in memory: more than a test's 256 MB heap.
  const dynamodb = await startDynamoDbLocal({ maxHeap: process.env.RELEASE_YEAR_HEAP ?? '1g' });
  const clock = simulatedClock('2023-04-01T08:00:00.000Z');
  let reported = 0;
  const api = await startApiHarness('release-year-bench', {
    clock,
    dynamoDbEndpoint: dynamodb.endpoint,
    // The first errors as they happen (a long run must not keep them to its end), then every hundredth.
    onError: (source, error) => {
      reported += 1;
      if (reported <= 20 || reported % 100 === 0)
        ctx.log(`error ${reported} in the service (${source}): ${String(error).slice(0, 300)}`);
    },
  });
  const startedAt = new Date().toISOString();
  const commit = (() => {
    try {
      const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
      const changed = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
        encoding: 'utf8',
      }).trim();
      return changed === '' ? head : `${head} with uncommitted changes`;
    } catch {
      return 'unknown';
    }
  })();
  try {
    const started = performance.now();
    const run = await driveYear(api, clock, planYear(year, 2024), { concurrency, log: (line) => ctx.log(line) });
    const driveSeconds = (performance.now() - started) / 1000;
    const extractStarted = performance.now();
    const first = await extractYear(api, clock, 'the year as at 31 December 2024');
    const extractSeconds = (performance.now() - extractStarted) / 1000;
    const rebuildStarted = performance.now();
    const rebuilt = await rebuildStatistics(api);
    const rebuildSeconds = (performance.now() - rebuildStarted) / 1000;
    const again = await extractYear(api, clock, 'taken again from the rebuilt statistics');
    const totalSeconds = (performance.now() - started) / 1000;
    const identical = JSON.stringify(again.files) === JSON.stringify(first.files);
    const cells = compareCells(first.files, again.files);
    const expected = {
      Referrals: year.referrals,
      'Discussed at a Channel panel': year.discussedAtPanel,
      'Adopted as a Channel case': year.adopted,
      'Referrals from the Education sector': year.bySector.education,
      'Referrals from the Police': year.bySector.police,
    };
    const figuresEqual = Object.entries(expected).every(([measure, figure]) => first.headline[measure] === figure);
    const refusedNone = Object.keys(run.refused).length === 0;
    const errors = api.errors.map(({ source, error }) => `${source}: ${String(error)}`);
    const passed =
      figuresEqual &&
      identical &&
      cells.differences.length === 0 &&
      again.changes.length === 0 &&
      refusedNone &&
      errors.length === 0 &&
      rebuilt.streams === year.referrals;
    const rows = Object.entries(expected).map(
      ([measure, figure]) =>
        `| ${measure} | ${figure.toLocaleString('en-GB')} | ${first.headline[measure]?.toLocaleString('en-GB') ?? 'missing'} | ${first.headline[measure] === figure ? 'yes' : '**no**'} |`,
    );
    const phases = Object.entries(run.phases).map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(1)} s`);
    const peakLoad = load.samples.length === 0 ? 'not sampled' : Math.max(...load.samples).toFixed(1);
    const markdown = [
      `${passed ? '**Passed.**' : '**FAILED.**'} ${run.submitted.toLocaleString('en-GB')} referrals of 2023/24 (scale ${scale}) submitted through POST /referrals and taken through ${run.commands.toLocaleString('en-GB')} case commands over HTTP, ${concurrency} at a time, on DynamoDB Local: ${driveSeconds.toFixed(0)} s (${phases.join('; ')}). Refused: ${refusedNone ? 'none' : JSON.stringify(run.refused)}. Errors in the service's functions: ${errors.length === 0 ? 'none' : errors.slice(0, 5).join('; ')}.`,
      '',
      '| headline figure | the year | release tables (extract as at 31 December 2024, disclosure control applied) | equal |',
      '| --- | --- | --- | --- |',
      ...rows,
      '',
      `The first extract (${first.id}) taken and read through the API (key results and ${Object.keys(first.files).length} CSVs) in ${extractSeconds.toFixed(1)} s. Statistics projection rebuilt from the store in ${rebuildSeconds.toFixed(1)} s (${rebuilt.streams.toLocaleString('en-GB')} referrals, ${rebuilt.events.toLocaleString('en-GB')} events). The extract taken again (${again.id}, "${again.note}"): ${again.changes.length} changed cells listed by the revision; ${cells.cells.toLocaleString('en-GB')} cells of ${cells.files} files compared one by one, ${cells.differences.length} differ${cells.differences.length === 0 ? '' : ` (first: ${JSON.stringify(cells.differences.slice(0, 3))})`}; the files are ${identical ? 'byte-identical' : '**not** byte-identical'}. Whole run ${totalSeconds.toFixed(0)} s.`,
    ].join('\n');
    ctx.report({
      title: 'Release proved on a year (through the API)',
      markdown,
      data: {
        scale,
        concurrency,
        run,
        driveSeconds,
        rebuildSeconds,
        headline: first.headline,
        expected,
        identical,
        cells: { compared: cells.cells, differences: cells.differences.length },
      },
    });
    mkdirSync(reports, { recursive: true });
    const file = join(reports, scale === 1 ? 'release-year.md' : `release-year-${scale}.md`);
    writeFileSync(
      file,
      [
        `# The 2023/24 year through the API${scale === 1 ? ', full size' : ` at scale ${scale}`}`,
        '',
        `\`npm run bench -- release-year\` started ${startedAt} on commit ${commit}, Node ${process.version}, ${process.platform}/${process.arch}; load average at the start ${load.atStart} (1 / 5 / 15 min), highest one-minute load sampled during the run ${peakLoad}. The machine is shared: read the times as this run's, not as the service's capacity.`,
        '',
        markdown,
        '',
      ].join('\n'),
    );
    ctx.log(`report written to ${file}`);
    if (!passed) process.exitCode = 1;
  } finally {
    clearInterval(sampler);
    await api.stop();
    await dynamodb.stop();
  }
}
