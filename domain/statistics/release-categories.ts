// The categories of the Home Office release "Individuals referred to and supported through the
// Prevent Programme, England and Wales", in the order its tables list them. Every category is
// listed even when it counts nothing, so that the shape of the tables (and so the linear
// relations between them that disclosure control protects) never depends on the data. Where
// each list comes from, and what could not be checked, is in docs/statistics-release.md.
import { referenceLists } from '../../events/index.js';
import routingTable from '../../data/geography/routing-table.json' with { type: 'json' };
import releaseTypesOfConcernData from '../../data/reference/release-types-of-concern.json' with { type: 'json' };
import { type FinancialYear, quarterLabel, quarters } from './financial-year.js';
import { type ReferralOutcome } from './statistical-profile.js';
import { NOT_YET_ASSESSED } from './statistical-profile.js';

export interface ReleaseCategory {
  key: string;
  label: string;
}

/** The stages of the journey, the columns of the one-way tables. */
export const releaseStages = [
  { key: 'referrals', label: 'Referrals' },
  { key: 'discussed-at-panel', label: 'Discussed at a Channel panel' },
  { key: 'adopted', label: 'Adopted as a Channel case' },
  { key: 'left-no-further-concern', label: 'Left Channel with no further terrorism-related concern' },
] as const satisfies readonly ReleaseCategory[];
export type ReleaseStage = (typeof releaseStages)[number]['key'];

const fromReference = (items: readonly { code: string; en: string }[]): ReleaseCategory[] =>
  items.map((item) => ({ key: item.code, label: item.en }));

export const releaseSectors: readonly ReleaseCategory[] = fromReference(referenceLists.referralSectors.items);

/** One year's categories of type of concern: the release's own, each counting one or more assessed types. */
export interface ReleaseTypeOfConcernCategory extends ReleaseCategory {
  codes: readonly string[];
}

export interface ReleaseTypeOfConcernSet {
  id: string;
  /** The first and last financial years ("2022-23") whose release uses the set; null: open-ended. */
  firstYear: string | null;
  lastYear: string | null;
  release: string;
  categories: readonly ReleaseTypeOfConcernCategory[];
}

/** The sets of the release's categories of type of concern, oldest first (data/reference/release-types-of-concern.json). */
export const releaseTypeOfConcernSets: readonly ReleaseTypeOfConcernSet[] = releaseTypesOfConcernData.sets;

const NOT_YET_ASSESSED_CATEGORY: ReleaseTypeOfConcernCategory = {
  key: NOT_YET_ASSESSED,
  label: 'Not yet assessed',
  codes: [NOT_YET_ASSESSED],
};

/** The set of categories the release for `year` uses: the published 2023/24 ones for 2023/24, the tracker's from 2024/25. */
export function releaseTypeOfConcernSet(year: FinancialYear): ReleaseTypeOfConcernSet {
  const found = releaseTypeOfConcernSets.find(
    (set) => (set.firstYear === null || set.firstYear <= year) && (set.lastYear === null || year <= set.lastYear),
  );
  if (!found) throw new Error(`no release categories of type of concern for ${year}`);
  return found;
}

/** The year's categories of type of concern as assessed, in the release's order, then referrals not assessed yet. */
export function releaseTypesOfConcern(year: FinancialYear): readonly ReleaseTypeOfConcernCategory[] {
  return [...releaseTypeOfConcernSet(year).categories, NOT_YET_ASSESSED_CATEGORY];
}

/** The category of `year`'s release that counts a referral assessed as `code` (or not assessed yet). */
export function releaseTypeOfConcernOf(year: FinancialYear, code: string): string {
  const category = releaseTypesOfConcern(year).find((candidate) => candidate.codes.includes(code));
  if (!category) throw new Error(`the release categories for ${year} do not count the type of concern ${code}`);
  return category.key;
}

export const releaseAgeGroups: readonly ReleaseCategory[] = fromReference(referenceLists.ageBands.items);

export const releaseGenders: readonly ReleaseCategory[] = [
  { key: 'male', label: 'Male' },
  { key: 'female', label: 'Female' },
  { key: 'other', label: 'Other' },
  { key: 'unknown', label: 'Not known' },
];

/** The Counter Terrorism Policing regions, named as the release names its regions. */
const regionOrder = ['CTP-NE', 'CTP-NW', 'CTP-EM', 'CTP-WM', 'CTP-EAST', 'CTP-LONDON', 'CTP-SE', 'CTP-SW', 'CTP-WALES'];
export const releaseRegions: readonly ReleaseCategory[] = regionOrder.map((code) => {
  const region = routingTable.ctpRegions.find((candidate) => candidate.code === code);
  if (!region) throw new Error(`the routing table has no CTP region ${code}`);
  return { key: code, label: region.name.replace(/^Counter Terrorism Policing /, '') };
});

/** Police force areas, by region then by name, each with the region it is part of. */
export const releasePoliceForceAreas: readonly (ReleaseCategory & { region: string })[] = regionOrder.flatMap(
  (region) =>
    routingTable.policeForces
      .filter((force) => force.ctpRegion === region)
      .map((force) => ({ key: force.code, label: force.areaName, region }))
      .sort((a, b) => a.label.localeCompare(b.label, 'en-GB')),
);

export function releaseQuarters(year: FinancialYear): ReleaseCategory[] {
  return quarters.map((quarter) => ({ key: `q${quarter}`, label: quarterLabel(year, quarter) }));
}

/** The outcome of a referral as the release names it; open referrals say where they stand. */
export const releaseOutcomes: readonly (ReleaseCategory & { from: readonly ReferralOutcome[] })[] = [
  { key: 'no-further-action', label: 'No further action', from: ['no-further-action'] },
  { key: 'signposted', label: 'Signposted to other services', from: ['signposted'] },
  {
    key: 'police-led-case-management',
    label: 'Police-led Prevent case management',
    from: ['police-led-case-management'],
  },
  {
    key: 'vulnerability-support-hub',
    label: 'Referred to a Vulnerability Support Hub',
    from: ['vulnerability-support-hub'],
  },
  { key: 'channel-not-adopted', label: 'Discussed at a Channel panel, not adopted', from: ['channel-not-adopted'] },
  {
    key: 'adopted-support-ongoing',
    label: 'Adopted as a Channel case, support ongoing',
    from: ['adopted-support-ongoing'],
  },
  {
    key: 'left-channel-no-further-concern',
    label: 'Left Channel with no further terrorism-related concern',
    from: ['left-channel-no-further-concern'],
  },
  { key: 'left-channel-other', label: 'Left Channel for another reason', from: ['left-channel-other'] },
  {
    key: 'awaiting-decision',
    label: 'Awaiting assessment or a Channel panel decision',
    from: ['awaiting-gateway-assessment', 'referred-to-channel-awaiting-decision', 'outside-england-and-wales'],
  },
];

const outcomeKeyByReferralOutcome = new Map<ReferralOutcome, string>(
  releaseOutcomes.flatMap((outcome) => outcome.from.map((from) => [from, outcome.key] as const)),
);

export function releaseOutcomeOf(outcome: ReferralOutcome): string {
  const key = outcomeKeyByReferralOutcome.get(outcome);
  if (!key) throw new Error(`no release outcome for ${outcome}`);
  return key;
}
