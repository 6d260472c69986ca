// Proved on a year (issue 13, point 5): a 2023/24 year with the published shares, driven through
// the API as caseworkers would (test/fixtures/year-through-the-api.ts), gives release tables whose
// headline figures are the year's exactly, after disclosure control; the statistics projection
// rebuilt from the event store gives byte-identical CSVs. The suite runs the year at one tenth
// (692 referrals, 89 discussed at a panel, 51 adopted, education 279, police 192: the published
// shares, largest remainder); smaller years hide "discussed at a panel" behind disclosure control
// (docs/statistics-release.md). The whole year (6,922) is `npm run bench -- release-year`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type YearExtract, compareCells, extractYear, rebuildStatistics } from '../../../fixtures/year-extracts.js';
import {
  type YearRun,
  driveYear,
  marginals2023,
  planYear,
  simulatedClock,
} from '../../../fixtures/year-through-the-api.js';
import { type ApiHarness, startApiHarness } from '../api-harness.js';

const scale = Number(process.env.RELEASE_YEAR_SCALE ?? '0.1');
const concurrency = Number(process.env.RELEASE_YEAR_CONCURRENCY ?? '16');
const clock = simulatedClock('2023-04-01T08:00:00.000Z');
const year = marginals2023(scale);
let api: ApiHarness;
let run: YearRun;

beforeAll(async () => {
  api = await startApiHarness('release-year', { clock });
  run = await driveYear(api, clock, planYear(year, 2024), {
    concurrency,
    log: (line) => process.stderr.write(`release year: ${line}\n`),
  });
}, 900_000);
afterAll(async () => {
  await api?.stop();
});

describe(`a 2023/24 year at scale ${scale}, driven through the API`, () => {
  it('was submitted and taken through its casework with nothing refused', () => {
    if (scale === 0.1) {
      expect(year).toMatchObject({ referrals: 692, discussedAtPanel: 89, adopted: 51 });
      expect(year.bySector).toMatchObject({ education: 279, police: 192 });
    }
    expect(run.refused).toEqual({});
    expect(run.submitted).toBe(year.referrals);
    expect(api.errors.map(({ source, error }) => `${source}: ${String(error)}`)).toEqual([]);
  });

  let first: YearExtract;
  it("gives the year's headline figures exactly in the release tables, after disclosure control", async () => {
    first = await extractYear(api, clock, 'the year as at 31 December 2024');
    expect(first).toMatchObject({ id: '2023-24-q4-r1', revision: 1, note: null });
    expect(first.headline).toMatchObject({
      Referrals: year.referrals,
      'Discussed at a Channel panel': year.discussedAtPanel,
      'Adopted as a Channel case': year.adopted,
      'Referrals from the Education sector': year.bySector.education,
      'Referrals from the Police': year.bySector.police,
    });
    expect(Object.keys(first.files)).toHaveLength(19);
    expect(Object.values(first.files).join('')).toContain('[c]');
  }, 120_000);

  it('gives byte-identical CSVs once the statistics projection is rebuilt from the store', async () => {
    const rebuilt = await rebuildStatistics(api);
    expect(rebuilt.version).toBeGreaterThan(rebuilt.previousVersion);
    expect(rebuilt.streams).toBe(year.referrals);
    const again = await extractYear(api, clock, 'taken again from the rebuilt statistics');
    expect(again).toMatchObject({ id: '2023-24-q4-r2', revision: 2, changes: [] });
    expect(again.note).toBe('Revision 2 of 2023-24-q4-r1: taken again from the rebuilt statistics. No figure changed.');
    const cells = compareCells(first.files, again.files);
    expect(cells.differences).toEqual([]);
    expect(cells.files).toBe(19);
    expect(again.files).toEqual(first.files);
  }, 300_000);
});
