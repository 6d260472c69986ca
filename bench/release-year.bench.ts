// Proved on a year, the whole of it (issue 13, point 5): the published 2023/24 year (6,922
// referrals; 893 discussed at a panel; 512 adopted; education 2,788; police 1,921) driven through
// the API of the local service on its own DynamoDB Local, as caseworkers would
// (test/fixtures/year-through-the-api.ts), then an extract as at 31 December 2024 taken through
// POST /statistics/extracts, its headline figures compared with the published ones, the
// statistics projection rebuilt from the store as `npm run rebuild -- statistics` does, and the
// extract taken again: its release CSVs must be byte-identical. RELEASE_YEAR_SCALE (default 1)
// runs a scaled year with the same shares. The test suite runs it at one tenth
// (test/functions/api/statistics/release-year.int.test.ts).
import { type BenchContext } from './bench-context.js';
import { startDynamoDbLocal } from '../local/dynamodb-local.js';
import { driveYear, marginals2023, planYear, simulatedClock } from '../test/fixtures/year-through-the-api.js';
import { extractYear, rebuildStatistics } from '../test/fixtures/year-extracts.js';
import { startApiHarness } from '../test/functions/api/api-harness.js';

export default async function releaseYear(ctx: BenchContext): Promise<void> {
  const scale = Number(process.env.RELEASE_YEAR_SCALE ?? '1');
  const concurrency = Number(process.env.RELEASE_YEAR_CONCURRENCY ?? '32');
  const year = marginals2023(scale);
  const dynamodb = await startDynamoDbLocal();
  const clock = simulatedClock('2023-04-01T08:00:00.000Z');
  const api = await startApiHarness('release-year-bench', { clock, dynamoDbEndpoint: dynamodb.endpoint });
  try {
    const started = performance.now();
    const run = await driveYear(api, clock, planYear(year, 2024), { concurrency, log: (line) => ctx.log(line) });
    const driveSeconds = (performance.now() - started) / 1000;
    const first = await extractYear(api, clock, 'the year as at 31 December 2024');
    const rebuildStarted = performance.now();
    const rebuilt = await rebuildStatistics(api);
    const rebuildSeconds = (performance.now() - rebuildStarted) / 1000;
    const again = await extractYear(api, clock, 'taken again from the rebuilt statistics');
    const identical = JSON.stringify(again.files) === JSON.stringify(first.files);
    const expected = {
      Referrals: year.referrals,
      'Discussed at a Channel panel': year.discussedAtPanel,
      'Adopted as a Channel case': year.adopted,
      'Referrals from the Education sector': year.bySector.education,
      'Referrals from the Police': year.bySector.police,
    };
    const rows = Object.entries(expected).map(
      ([measure, figure]) =>
        `| ${measure} | ${figure.toLocaleString('en-GB')} | ${first.headline[measure]?.toLocaleString('en-GB') ?? 'missing'} | ${first.headline[measure] === figure ? 'yes' : '**no**'} |`,
    );
    const phases = Object.entries(run.phases).map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(1)} s`);
    ctx.report({
      title: 'Release proved on a year (through the API)',
      markdown: [
        `${run.submitted.toLocaleString('en-GB')} referrals of 2023/24 (scale ${scale}) submitted through POST /referrals and taken through ${run.commands.toLocaleString('en-GB')} case commands over HTTP, ${concurrency} at a time, on DynamoDB Local: ${driveSeconds.toFixed(0)} s (${phases.join('; ')}). Refused: ${Object.keys(run.refused).length === 0 ? 'none' : JSON.stringify(run.refused)}.`,
        '',
        '| headline figure | the year | release tables (extract as at 31 December 2024, disclosure control applied) | equal |',
        '| --- | --- | --- | --- |',
        ...rows,
        '',
        `Statistics projection rebuilt from the store in ${rebuildSeconds.toFixed(1)} s (${rebuilt.streams.toLocaleString('en-GB')} referrals, ${rebuilt.events.toLocaleString('en-GB')} events); the extract taken again (${again.id}, "${again.note}"): ${Object.keys(again.files).length} release CSVs ${identical ? 'byte-identical' : '**differ**'} to ${first.id}'s.`,
      ].join('\n'),
      data: { scale, concurrency, run, driveSeconds, rebuildSeconds, headline: first.headline, expected, identical },
    });
  } finally {
    await api.stop();
    await dynamodb.stop();
  }
}
