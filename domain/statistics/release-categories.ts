// The categories of the Home Office release "Individuals referred to and supported through the
// Prevent Programme, England and Wales", in the order its tables list them. Every category is
// listed even when it counts nothing, so that the shape of the tables (and so the linear
// relations between them that disclosure control protects) never depends on the data. Where
// each list comes from, and what could not be checked, is in docs/statistics-release.md.
import { referenceLists } from '../../events/index.js';
import routingTable from '../../data/geography/routing-table.json' with { type: 'json' };
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

/** The types of concern as assessed, the release's recent categories, then referrals not assessed yet. */
export const releaseTypesOfConcern: readonly ReleaseCategory[] = [
  ...fromReference(referenceLists.typesOfConcern.items),
  { key: NOT_YET_ASSESSED, label: 'Not yet assessed' },
];

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
