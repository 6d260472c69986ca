// The counts behind the release's tables: for each stage of the journey, the national figure,
// each one-way breakdown, and type of concern by age group and by gender; the outcomes of the
// referrals. Counted from the referrals' profiles as they stood at an extract's date, when the
// extract is taken (not event by event: the projection's fold stays as light as it was), and kept
// in the extract. Keys: `<stage>|total`, `<stage>|<dimension>|<row>`,
// `<stage>|type-by-age|<type>|<age group>`, `<stage>|type-by-gender|<type>|<gender>`,
// `referrals|outcome|<outcome>`.
import { releaseOutcomeOf, type ReleaseStage } from './release-categories.js';
import {
  type StatisticalProfile,
  countedInStatistics,
  discussedAtPanel,
  leftWithNoFurtherConcern,
  outcomeOf,
  typeOfConcernOf,
} from './statistical-profile.js';

export type ReleaseCounts = Record<string, number>;

export type ReleaseDimension = 'sector' | 'type' | 'age' | 'gender' | 'region' | 'force' | 'quarter';

export const releaseKeys = {
  total: (stage: ReleaseStage) => `${stage}|total`,
  oneWay: (stage: ReleaseStage, dimension: ReleaseDimension, row: string) => `${stage}|${dimension}|${row}`,
  typeByAge: (stage: ReleaseStage, type: string, age: string) => `${stage}|type-by-age|${type}|${age}`,
  typeByGender: (stage: ReleaseStage, type: string, gender: string) => `${stage}|type-by-gender|${type}|${gender}`,
  outcome: (outcome: string) => `referrals|outcome|${outcome}`,
};

function stagesOf(profile: StatisticalProfile): ReleaseStage[] {
  const stages: ReleaseStage[] = ['referrals'];
  if (discussedAtPanel(profile)) stages.push('discussed-at-panel');
  if (profile.everAdopted) stages.push('adopted');
  if (leftWithNoFurtherConcern(profile)) stages.push('left-no-further-concern');
  return stages;
}

function add(counts: ReleaseCounts, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** Adds one referral's profile to the counts (nothing when the counting rules leave it out). */
export function addToReleaseCounts(counts: ReleaseCounts, profile: StatisticalProfile): void {
  if (!countedInStatistics(profile)) return;
  const area = profile.receivingArea;
  const type = typeOfConcernOf(profile);
  for (const stage of stagesOf(profile)) {
    add(counts, releaseKeys.total(stage));
    add(counts, releaseKeys.oneWay(stage, 'sector', profile.sector));
    add(counts, releaseKeys.oneWay(stage, 'type', type));
    add(counts, releaseKeys.oneWay(stage, 'age', profile.ageBand));
    add(counts, releaseKeys.oneWay(stage, 'gender', profile.gender));
    add(counts, releaseKeys.oneWay(stage, 'region', area?.ctpRegion?.code ?? 'not-known'));
    add(counts, releaseKeys.oneWay(stage, 'force', area?.policeForce?.code ?? 'not-known'));
    add(counts, releaseKeys.oneWay(stage, 'quarter', `q${profile.quarter}`));
    add(counts, releaseKeys.typeByAge(stage, type, profile.ageBand));
    add(counts, releaseKeys.typeByGender(stage, type, profile.gender));
  }
  add(counts, releaseKeys.outcome(releaseOutcomeOf(outcomeOf(profile))));
}

export function releaseCountsOf(profiles: Iterable<StatisticalProfile>): ReleaseCounts {
  const counts: ReleaseCounts = {};
  for (const profile of profiles) addToReleaseCounts(counts, profile);
  return counts;
}
