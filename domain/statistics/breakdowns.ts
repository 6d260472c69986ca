// The Home Office tables: what each one breaks referrals down by, its headings, and the
// measures (columns) it counts. Names are stable: they appear in URLs (/statistics/{name}.csv).
import * as z from 'zod';
import { type Gender, type ReferenceItem, referenceLists } from '../../events/index.js';
import { type FinancialYear, type Quarter, quarterLabel, quarters } from './financial-year.js';
import {
  NOT_YET_ASSESSED,
  type ReferralOutcome,
  type StatisticalProfile,
  discussedAtPanel,
  leftWithNoFurtherConcern,
  outcomeOf,
  typeOfConcernOf,
} from './statistical-profile.js';

export const Measure = z.enum(['referrals', 'discussed-at-panel', 'adopted', 'left-no-further-concern']);
export type Measure = z.infer<typeof Measure>;

export const measureHeadings: Readonly<Record<Measure, string>> = {
  referrals: 'Referrals',
  'discussed-at-panel': 'Discussed at a Channel panel',
  adopted: 'Adopted as a Channel case',
  'left-no-further-concern': 'Left Channel with no further terrorism-related concern',
};

const measureCounts: Readonly<Record<Measure, (profile: StatisticalProfile) => boolean>> = {
  referrals: () => true,
  'discussed-at-panel': discussedAtPanel,
  adopted: (profile) => profile.everAdopted,
  'left-no-further-concern': leftWithNoFurtherConcern,
};

export function measuresCounting(profile: StatisticalProfile, measures: readonly Measure[]): Measure[] {
  return measures.filter((measure) => measureCounts[measure](profile));
}

/** Which measures count a referral, decided once for every table (what `measuresCounting` filters by). */
export function measuresOf(profile: StatisticalProfile): Readonly<Record<Measure, boolean>> {
  return {
    referrals: true,
    'discussed-at-panel': discussedAtPanel(profile),
    adopted: profile.everAdopted,
    'left-no-further-concern': leftWithNoFurtherConcern(profile),
  };
}

export const TableName = z.enum([
  'referrals-by-quarter',
  'referrals-by-sector',
  'referrals-by-type-of-concern',
  'referrals-by-age-band',
  'referrals-by-gender',
  'referrals-by-police-force-area',
  'referrals-by-ctp-region',
  'referrals-by-outcome',
]);
export type TableName = z.infer<typeof TableName>;

export interface TableRow {
  key: string;
  label: string;
}

export interface Breakdown {
  name: TableName;
  title: string;
  rowHeading: string;
  measures: readonly Measure[];
  /** The row a referral is counted in. */
  rowOf(profile: StatisticalProfile): TableRow;
  /** Rows shown even when empty, in the published order; rows met only in the data follow, by label. */
  fixedRows(year: FinancialYear): TableRow[];
  /** A row that always goes last (for example "Not known"), if any. */
  lastRowKey?: string;
}

const allMeasures = Measure.options;
const fromReference = (items: readonly ReferenceItem[]): TableRow[] =>
  items.map((item) => ({ key: item.code, label: item.en }));
// Labels are looked up for every referral the statistics fold moves, so each list is indexed once.
const labelsOf = (items: readonly ReferenceItem[]): ((code: string) => string) => {
  const byCode = new Map<string, string>();
  for (const item of items) if (!byCode.has(item.code)) byCode.set(item.code, item.en);
  return (code) => byCode.get(code) ?? code;
};
const sectorLabel = labelsOf(referenceLists.referralSectors.items);
const typeOfConcernLabel = labelsOf(referenceLists.typesOfConcern.items);
const ageBandLabel = labelsOf(referenceLists.ageBands.items);

// One row object per year and quarter (every referral's quarter is looked up as it moves).
const quarterRows = new Map<FinancialYear, readonly TableRow[]>();
const quarterRow = (year: FinancialYear, quarter: Quarter): TableRow => {
  let rows = quarterRows.get(year);
  if (!rows) {
    rows = quarters.map((q) => Object.freeze({ key: `q${q}`, label: quarterLabel(year, q) }));
    quarterRows.set(year, rows);
  }
  return rows[quarter - 1] as TableRow;
};

const genderLabels: Readonly<Record<Gender, string>> = {
  female: 'Female',
  male: 'Male',
  other: 'Other',
  unknown: 'Unknown',
};

export const outcomeLabels: Readonly<Record<ReferralOutcome, string>> = {
  'no-further-action': 'No further action',
  signposted: 'Signposted to other services',
  'police-led-case-management': 'Police-led Prevent case management',
  'vulnerability-support-hub': 'Referred to a Vulnerability Support Hub',
  'channel-not-adopted': 'Discussed at a Channel panel, not adopted',
  'left-channel-no-further-concern': 'Left Channel with no further terrorism-related concern',
  'left-channel-other': 'Left Channel for another reason',
  'outside-england-and-wales': 'Outside England and Wales',
  'awaiting-gateway-assessment': 'Open: awaiting police gateway assessment',
  'referred-to-channel-awaiting-decision': 'Open: referred to Channel, awaiting panel decision',
  'adopted-support-ongoing': 'Open: adopted as a Channel case, support ongoing',
};

const NOT_ASSESSED_ROW: TableRow = { key: NOT_YET_ASSESSED, label: 'Not yet assessed' };
const NOT_KNOWN: TableRow = { key: 'not-known', label: 'Not known or outside England and Wales' };

export const breakdowns: Readonly<Record<TableName, Breakdown>> = {
  'referrals-by-quarter': {
    name: 'referrals-by-quarter',
    title: 'Referrals by quarter of referral',
    rowHeading: 'Quarter',
    measures: allMeasures,
    rowOf: (p) => quarterRow(p.financialYear, p.quarter),
    fixedRows: (year) => quarters.map((q) => ({ key: `q${q}`, label: quarterLabel(year, q) })),
  },
  'referrals-by-sector': {
    name: 'referrals-by-sector',
    title: 'Referrals by sector of referral',
    rowHeading: 'Sector of referral',
    measures: allMeasures,
    rowOf: (p) => ({ key: p.sector, label: sectorLabel(p.sector) }),
    fixedRows: () => fromReference(referenceLists.referralSectors.items),
  },
  'referrals-by-type-of-concern': {
    name: 'referrals-by-type-of-concern',
    title: 'Referrals by type of concern',
    rowHeading: 'Type of concern',
    measures: allMeasures,
    rowOf: (p) => {
      const type = typeOfConcernOf(p);
      return type === NOT_YET_ASSESSED ? NOT_ASSESSED_ROW : { key: type, label: typeOfConcernLabel(type) };
    },
    fixedRows: () => [...fromReference(referenceLists.typesOfConcern.items), NOT_ASSESSED_ROW],
  },
  'referrals-by-age-band': {
    name: 'referrals-by-age-band',
    title: 'Referrals by age band',
    rowHeading: 'Age band',
    measures: allMeasures,
    rowOf: (p) => ({ key: p.ageBand, label: ageBandLabel(p.ageBand) }),
    fixedRows: () => fromReference(referenceLists.ageBands.items),
  },
  'referrals-by-gender': {
    name: 'referrals-by-gender',
    title: 'Referrals by gender',
    rowHeading: 'Gender',
    measures: allMeasures,
    rowOf: (p) => ({ key: p.gender, label: genderLabels[p.gender] }),
    fixedRows: () => Object.entries(genderLabels).map(([key, label]) => ({ key, label })),
  },
  'referrals-by-police-force-area': {
    name: 'referrals-by-police-force-area',
    title: 'Referrals by police force area',
    rowHeading: 'Police force area',
    measures: allMeasures,
    rowOf: (p) => {
      const force = p.receivingArea?.policeForce;
      return force ? { key: force.code, label: force.name } : NOT_KNOWN;
    },
    fixedRows: () => [],
    lastRowKey: NOT_KNOWN.key,
  },
  'referrals-by-ctp-region': {
    name: 'referrals-by-ctp-region',
    title: 'Referrals by Counter Terrorism Policing region',
    rowHeading: 'Counter Terrorism Policing region',
    measures: allMeasures,
    rowOf: (p) => {
      const region = p.receivingArea?.ctpRegion;
      return region ? { key: region.code, label: region.name } : NOT_KNOWN;
    },
    fixedRows: () => [],
    lastRowKey: NOT_KNOWN.key,
  },
  'referrals-by-outcome': {
    name: 'referrals-by-outcome',
    title: 'Referrals by outcome of the referral',
    rowHeading: 'Outcome of referral',
    measures: ['referrals'],
    rowOf: (p) => {
      const outcome = outcomeOf(p);
      return { key: outcome, label: outcomeLabels[outcome] };
    },
    fixedRows: () => Object.entries(outcomeLabels).map(([key, label]) => ({ key, label })),
  },
};
