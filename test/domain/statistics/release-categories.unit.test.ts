// The release's categories of type of concern, year by year (data/reference/release-types-of-concern.json):
// the published 2023/24 ones for 2023/24, the tracker's from 2024/25, each assessed type counted in
// exactly one category of every year, and the tables built from the year's set.
import { describe, expect, it } from 'vitest';
import { referenceLists } from '../../../events/index.js';
import {
  NOT_YET_ASSESSED,
  countsByReleaseTypeOfConcern,
  releaseTables,
  releaseTypeOfConcernOf,
  releaseTypeOfConcernSet,
  releaseTypeOfConcernSets,
  releaseTypesOfConcern,
} from '../../../domain/statistics/index.js';

const years = Array.from({ length: 40 }, (_, i) => `${2015 + i}-${String((16 + i) % 100).padStart(2, '0')}`);
const assessedCodes = [...referenceLists.typesOfConcern.items.map((item) => item.code), NOT_YET_ASSESSED];

describe("the release's categories of type of concern", () => {
  it('give every financial year from 2015/16 exactly one set', () => {
    for (const year of years) {
      const sets = releaseTypeOfConcernSets.filter(
        (set) => (set.firstYear === null || set.firstYear <= year) && (set.lastYear === null || year <= set.lastYear),
      );
      expect(
        sets.map((set) => set.id),
        year,
      ).toHaveLength(1);
    }
  });

  it('count every assessed type of concern, and referrals not assessed yet, in exactly one category of every set', () => {
    for (const set of releaseTypeOfConcernSets) {
      const year = set.firstYear ?? '2015-16';
      for (const code of assessedCodes) {
        const holding = releaseTypesOfConcern(year).filter((category) => category.codes.includes(code));
        expect(
          holding.map((category) => category.key),
          `${set.id} ${code}`,
        ).toHaveLength(1);
      }
      for (const category of set.categories)
        for (const code of category.codes) expect(assessedCodes, `${set.id} ${category.key}`).toContain(code);
    }
  });

  it('are the published 2023/24 ones for 2022/23 and 2023/24, "High CT risk but no ideology present" among them', () => {
    for (const year of ['2022-23', '2023-24']) {
      expect(releaseTypeOfConcernSet(year).id).toBe('pcm-2022-23-to-2023-24');
      expect(releaseTypesOfConcern(year).map((category) => category.label)).toEqual([
        'Islamist',
        'Extreme Right-Wing',
        'Conflicted',
        'Vulnerability present but no ideology or CT risk',
        'No risk, vulnerability or ideology present',
        'High CT risk but no ideology present',
        'Other',
        'Not yet assessed',
      ]);
    }
    expect(releaseTypeOfConcernOf('2023-24', 'high-ct-risk-no-ideology')).toBe('high-ct-risk-no-ideology');
    // Retired or small categories are counted in "Other", as the 2023/24 release counts them.
    expect(releaseTypeOfConcernOf('2023-24', 'mixed-unclear-unstable')).toBe('other');
    expect(releaseTypeOfConcernOf('2023-24', 'left-wing-anarchist-single-issue')).toBe('other');
  });

  it("are the tracker's from 2024/25, and the older release's before 2022/23", () => {
    for (const year of ['2024-25', '2025-26', '2030-31']) {
      expect(releaseTypeOfConcernSet(year).id).toBe('pcmt-from-2024-25');
      expect(releaseTypesOfConcern(year).map((category) => category.label)).toEqual(
        expect.arrayContaining([
          'High CT risk but no ideology present',
          'No ideology - other susceptibility to radicalisation identified',
          'No ideology identified',
        ]),
      );
    }
    expect(releaseTypeOfConcernOf('2024-25', 'vulnerability-no-ideology-or-ct-risk')).toBe(
      'vulnerability-no-ideology-or-ct-risk',
    );
    expect(releaseTypeOfConcernOf('2021-22', 'high-ct-risk-no-ideology')).toBe('mixed-unclear-unstable');
  });

  it("add an extract's counts by assessed type into the year's categories, leaving every other count and every total as it was", () => {
    const counts = {
      'referrals|total': 10,
      'referrals|sector|education': 10,
      'referrals|type|other': 1,
      'referrals|type|mixed-unclear-unstable': 2,
      'referrals|type|left-wing-anarchist-single-issue': 3,
      'referrals|type|high-ct-risk-no-ideology': 4,
      'adopted|type-by-age|mixed-unclear-unstable|11-15': 2,
      'adopted|type-by-age|other|11-15': 1,
      'adopted|type-by-gender|high-ct-risk-no-ideology|male': 4,
      'referrals|outcome|no-further-action': 10,
    };
    expect(countsByReleaseTypeOfConcern(counts, '2023-24')).toEqual({
      'referrals|total': 10,
      'referrals|sector|education': 10,
      'referrals|type|other': 6,
      'referrals|type|high-ct-risk-no-ideology': 4,
      'adopted|type-by-age|other|11-15': 3,
      'adopted|type-by-gender|high-ct-risk-no-ideology|male': 4,
      'referrals|outcome|no-further-action': 10,
    });
    expect(countsByReleaseTypeOfConcern(counts, '2024-25')).toMatchObject({
      'referrals|type|other': 1,
      'referrals|type|conflicted': 2,
      'referrals|type|left-wing-anarchist-single-issue': 3,
    });
  });

  it("show a referral assessed as high CT risk but no ideology in the year's row of tables 4, 11a and 12a", () => {
    const counts = {
      'referrals|total': 1,
      'referrals|type|high-ct-risk-no-ideology': 1,
      'referrals|type-by-age|high-ct-risk-no-ideology|16-17': 1,
      'referrals|type-by-gender|high-ct-risk-no-ideology|male': 1,
      'referrals|age|16-17': 1,
      'referrals|gender|male': 1,
    };
    for (const year of ['2023-24', '2024-25']) {
      const { tables } = releaseTables(counts, { year, threshold: null });
      for (const id of ['table-4', 'table-11a', 'table-12a']) {
        const table = tables.find((candidate) => candidate.id === id)!;
        const row = table.rows.find((candidate) => candidate.label === 'High CT risk but no ideology present');
        expect(row?.cells.at(id === 'table-4' ? 0 : -1)?.value, `${year} ${id}`).toBe(1);
        expect(table.rows.map((candidate) => candidate.label).slice(0, -1)).toEqual(
          releaseTypesOfConcern(year).map((category) => category.label),
        );
      }
    }
  });
});
