// The tables of the Home Office release "Individuals referred to and supported through the
// Prevent Programme, England and Wales", in its shape: the journey, comparisons with previous
// years, each breakdown by stage, the referral outcomes, and type of concern by age group and by
// gender at each stage. Built from the counts kept in an extract (release-counts.ts), with
// disclosure control coordinated across every table (coordinated-suppression.ts). Which release
// table each one matches is listed in docs/statistics-release.md.
import publishedFigures from '../../data/reference/published-prevent-figures.json' with { type: 'json' };
import { type LinearRelation, protectTogether } from './coordinated-suppression.js';
import { type FinancialYear, financialYearLabel, financialYearPeriod } from './financial-year.js';
import {
  type ReleaseCategory,
  type ReleaseStage,
  releaseAgeGroups,
  releaseGenders,
  releaseOutcomes,
  releasePoliceForceAreas,
  releaseQuarters,
  releaseRegions,
  releaseSectors,
  releaseStages,
  releaseTypeOfConcernOf,
  releaseTypesOfConcern,
} from './release-categories.js';
import { type ReleaseCounts, type ReleaseDimension, releaseKeys } from './release-counts.js';

/** A figure of a published release, kept as reference data with its source. */
export interface PublishedYear {
  financialYear: string;
  referrals: number | null;
  discussedAtPanel: number | null;
  adopted: number | null;
  education: number | null;
  police: number | null;
  publication: string;
}

export const publishedYears: readonly PublishedYear[] = publishedFigures.years;
export const publishedFiguresSource: string = publishedFigures.source;

/** Where a cell's figure comes from: a count of this extract, a published figure, or nothing. */
type CellSource = { count: string } | { published: number | null; note: string };

interface TableDefinition {
  id: string;
  title: string;
  rowHeading: string;
  columns: string[];
  rows: { label: string; cells: CellSource[] }[];
}

/** A figure as shown: hidden (`[c]`), not available (`[x]`), or a number; published figures say where they come from. */
export type ReleaseCell =
  | { value: number; suppressed: false; published?: string }
  | { value: null; suppressed: true }
  | { value: null; suppressed: false; notAvailable: true };

export interface ReleaseTable {
  id: string;
  /** "Table 3" */
  number: string;
  title: string;
  rowHeading: string;
  columns: string[];
  rows: { label: string; cells: ReleaseCell[] }[];
}

export interface ReleaseTablesOptions {
  year: FinancialYear;
  /** Disclosure control for everyone without case access; a threshold of 5 hides 1-4. */
  threshold: number;
  /** Headline figures of other years held by this service (the latest extract of each), by year. */
  yearsHeld?: Readonly<Record<string, Partial<Record<ReleaseStage, number | null>>>>;
}

const stageKeys = releaseStages.map((stage) => stage.key);
const stageHeadings = releaseStages.map((stage) => stage.label);
const count = (key: string): CellSource => ({ count: key });

function byStage(
  year: FinancialYear,
  id: string,
  title: string,
  rowHeading: string,
  dimension: ReleaseDimension,
  categories: readonly ReleaseCategory[],
): TableDefinition {
  return {
    id,
    title: `${title}, England and Wales, ${financialYearPeriod(year)}`,
    rowHeading,
    columns: stageHeadings,
    rows: [
      ...categories.map((category) => ({
        label: category.label,
        cells: stageKeys.map((stage) => count(releaseKeys.oneWay(stage, dimension, category.key))),
      })),
      { label: 'Total', cells: stageKeys.map((stage) => count(releaseKeys.total(stage))) },
    ],
  };
}

function crossTab(
  year: FinancialYear,
  id: string,
  stage: (typeof releaseStages)[number],
  by: 'age' | 'gender',
): TableDefinition {
  const columns = by === 'age' ? releaseAgeGroups : releaseGenders;
  const cellKey = by === 'age' ? releaseKeys.typeByAge : releaseKeys.typeByGender;
  const heading = by === 'age' ? 'age group' : 'gender';
  return {
    id,
    title: `${stage.label} by type of concern and ${heading}, England and Wales, ${financialYearPeriod(year)}`,
    rowHeading: 'Type of concern',
    columns: [...columns.map((column) => column.label), 'Total'],
    rows: [
      ...releaseTypesOfConcern(year).map((type) => ({
        label: type.label,
        cells: [
          ...columns.map((column) => count(cellKey(stage.key, type.key, column.key))),
          count(releaseKeys.oneWay(stage.key, 'type', type.key)),
        ],
      })),
      {
        label: 'Total',
        cells: [
          ...columns.map((column) => count(releaseKeys.oneWay(stage.key, by, column.key))),
          count(releaseKeys.total(stage.key)),
        ],
      },
    ],
  };
}

function previousYears(year: FinancialYear, options: ReleaseTablesOptions): TableDefinition {
  const years = new Set<string>([
    ...publishedYears.map((p) => p.financialYear),
    ...Object.keys(options.yearsHeld ?? {}),
  ]);
  const shown = [...years].filter((y) => y < year).sort();
  const publishedKey: Record<ReleaseStage, keyof PublishedYear | null> = {
    referrals: 'referrals',
    'discussed-at-panel': 'discussedAtPanel',
    adopted: 'adopted',
    'left-no-further-concern': null,
  };
  return {
    id: 'table-2',
    title: `Individuals referred to Prevent, discussed at a Channel panel and adopted as a Channel case, England and Wales, year ending March ${Number(shown[0]?.slice(0, 4) ?? year.slice(0, 4)) + 1} to year ending March ${Number(year.slice(0, 4)) + 1}`,
    rowHeading: 'Financial year',
    columns: stageHeadings,
    rows: [
      ...shown.map((y) => {
        const published = publishedYears.find((p) => p.financialYear === y);
        const held = options.yearsHeld?.[y];
        return {
          label: financialYearLabel(y),
          cells: stageKeys.map((stage): CellSource => {
            const key = publishedKey[stage];
            const value = key && published ? (published[key] as number | null) : null;
            if (value !== null) return { published: value, note: published!.publication };
            return { published: held?.[stage] ?? null, note: 'this service' };
          }),
        };
      }),
      { label: financialYearLabel(year), cells: stageKeys.map((stage) => count(releaseKeys.total(stage))) },
    ],
  };
}

/** The ids of the release's tables, in order: table-1 ... table-10, table-11a-d, table-12a-d. */
export const releaseTableIds: readonly string[] = [
  ...Array.from({ length: 10 }, (_, index) => `table-${index + 1}`),
  ...['a', 'b', 'c', 'd'].map((stage) => `table-11${stage}`),
  ...['a', 'b', 'c', 'd'].map((stage) => `table-12${stage}`),
];

/** Every table of the release for one year, in the release's order. */
export function releaseTableDefinitions(year: FinancialYear, options: ReleaseTablesOptions): TableDefinition[] {
  const journeyRows = releaseStages.map((stage) => ({
    label: stage.label,
    cells: [count(releaseKeys.total(stage.key))],
  }));
  return [
    {
      id: 'table-1',
      title: `Individuals referred to Prevent, discussed at a Channel panel, adopted as a Channel case and who left Channel with no further terrorism-related concern, England and Wales, ${financialYearPeriod(year)}`,
      rowHeading: 'Stage of the journey',
      columns: ['Number of individuals'],
      rows: journeyRows,
    },
    previousYears(year, options),
    byStage(
      year,
      'table-3',
      'Individuals referred to Prevent, by sector of referral',
      'Sector of referral',
      'sector',
      releaseSectors,
    ),
    byStage(
      year,
      'table-4',
      'Individuals referred to Prevent, by type of concern',
      'Type of concern',
      'type',
      releaseTypesOfConcern(year),
    ),
    byStage(year, 'table-5', 'Individuals referred to Prevent, by age group', 'Age group', 'age', releaseAgeGroups),
    byStage(year, 'table-6', 'Individuals referred to Prevent, by gender', 'Gender', 'gender', releaseGenders),
    byStage(year, 'table-7', 'Individuals referred to Prevent, by region', 'Region', 'region', releaseRegions),
    byStage(
      year,
      'table-8',
      'Individuals referred to Prevent, by police force area',
      'Police force area',
      'force',
      releasePoliceForceAreas,
    ),
    byStage(
      year,
      'table-9',
      'Individuals referred to Prevent, by quarter of referral',
      'Quarter',
      'quarter',
      releaseQuarters(year),
    ),
    {
      id: 'table-10',
      title: `Individuals referred to Prevent, by outcome of the referral, England and Wales, ${financialYearPeriod(year)}`,
      rowHeading: 'Outcome of the referral',
      columns: ['Number of individuals'],
      rows: [
        ...releaseOutcomes.map((outcome) => ({
          label: outcome.label,
          cells: [count(releaseKeys.outcome(outcome.key))],
        })),
        { label: 'Total', cells: [count(releaseKeys.total('referrals'))] },
      ],
    },
    ...releaseStages.map((stage, index) => crossTab(year, `table-11${'abcd'[index]}`, stage, 'age')),
    ...releaseStages.map((stage, index) => crossTab(year, `table-12${'abcd'[index]}`, stage, 'gender')),
  ];
}

/** Every relation between the counts of the tables: what someone holding all of them can add up. */
export function releaseRelations(year: FinancialYear): LinearRelation[] {
  const relations: LinearRelation[] = [];
  const oneWay: [ReleaseDimension, readonly ReleaseCategory[]][] = [
    ['sector', releaseSectors],
    ['type', releaseTypesOfConcern(year)],
    ['age', releaseAgeGroups],
    ['gender', releaseGenders],
    ['region', releaseRegions],
    ['force', releasePoliceForceAreas],
    ['quarter', releaseQuarters(year)],
  ];
  for (const stage of stageKeys) {
    for (const [dimension, categories] of oneWay)
      relations.push({
        whole: releaseKeys.total(stage),
        parts: categories.map((category) => releaseKeys.oneWay(stage, dimension, category.key)),
      });
    for (const region of releaseRegions)
      relations.push({
        whole: releaseKeys.oneWay(stage, 'region', region.key),
        parts: releasePoliceForceAreas
          .filter((force) => force.region === region.key)
          .map((force) => releaseKeys.oneWay(stage, 'force', force.key)),
      });
    for (const [by, columns, key] of [
      ['age', releaseAgeGroups, releaseKeys.typeByAge],
      ['gender', releaseGenders, releaseKeys.typeByGender],
    ] as const) {
      for (const type of releaseTypesOfConcern(year))
        relations.push({
          whole: releaseKeys.oneWay(stage, 'type', type.key),
          parts: columns.map((column) => key(stage, type.key, column.key)),
        });
      for (const column of columns)
        relations.push({
          whole: releaseKeys.oneWay(stage, by, column.key),
          parts: releaseTypesOfConcern(year).map((type) => key(stage, type.key, column.key)),
        });
    }
  }
  const outcome = (key: string) => releaseKeys.outcome(key);
  relations.push({ whole: releaseKeys.total('referrals'), parts: releaseOutcomes.map((o) => outcome(o.key)) });
  // What the journey implies about the outcomes, where the figures bear it out (a relation that does
  // not hold in the figures is dropped by the protection: it helps no one).
  relations.push({
    whole: releaseKeys.total('discussed-at-panel'),
    parts: [
      'channel-not-adopted',
      'adopted-support-ongoing',
      'left-channel-no-further-concern',
      'left-channel-other',
    ].map(outcome),
  });
  relations.push({
    whole: releaseKeys.total('adopted'),
    parts: ['adopted-support-ongoing', 'left-channel-no-further-concern', 'left-channel-other'].map(outcome),
  });
  relations.push({
    whole: releaseKeys.total('left-no-further-concern'),
    parts: [outcome('left-channel-no-further-concern')],
  });
  return relations;
}

/** Every count the tables show, zero where nothing was counted. */
export function releaseValues(definitions: readonly TableDefinition[], counts: ReleaseCounts): Map<string, number> {
  const values = new Map<string, number>();
  for (const table of definitions)
    for (const row of table.rows)
      for (const cell of row.cells) if ('count' in cell) values.set(cell.count, counts[cell.count] ?? 0);
  return values;
}

const typeKey = /^([^|]+)\|(type|type-by-age|type-by-gender)\|([^|]+)(\|[^|]+)?$/;

/**
 * An extract's counts with the types of concern as assessed (kept in the extract by code, so that a
 * later change of categories needs no new extract) added up into the categories of the release for
 * `year`: the published 2023/24 categories for 2023/24, the tracker's from 2024/25.
 */
export function countsByReleaseTypeOfConcern(counts: ReleaseCounts, year: FinancialYear): ReleaseCounts {
  const grouped: ReleaseCounts = {};
  for (const [key, value] of Object.entries(counts)) {
    const match = typeKey.exec(key);
    const regrouped = match
      ? `${match[1]}|${match[2]}|${releaseTypeOfConcernOf(year, match[3] as string)}${match[4] ?? ''}`
      : key;
    grouped[regrouped] = (grouped[regrouped] ?? 0) + value;
  }
  return grouped;
}

export interface ReleaseTablesResult {
  tables: ReleaseTable[];
  disclosureControl: { applied: boolean; threshold: number; hiddenCells: number };
}

/**
 * The release's tables from an extract's counts. `threshold` null shows exact figures (people with
 * case access to every referral counted); otherwise the disclosure control runs over all tables together.
 */
export function releaseTables(
  counts: ReleaseCounts,
  options: Omit<ReleaseTablesOptions, 'threshold'> & { threshold: number | null },
): ReleaseTablesResult {
  const definitions = releaseTableDefinitions(options.year, { ...options, threshold: options.threshold ?? 0 });
  const values = releaseValues(definitions, countsByReleaseTypeOfConcern(counts, options.year));
  const hidden =
    options.threshold === null
      ? new Set<string>()
      : protectTogether(values, releaseRelations(options.year), options.threshold);
  const tables = definitions.map((definition) => ({
    id: definition.id,
    number: `Table ${definition.id.slice('table-'.length)}`,
    title: definition.title,
    rowHeading: definition.rowHeading,
    columns: definition.columns,
    rows: definition.rows.map((row) => ({
      label: row.label,
      cells: row.cells.map((cell): ReleaseCell => {
        if ('published' in cell)
          return cell.published === null
            ? { value: null, suppressed: false, notAvailable: true }
            : { value: cell.published, suppressed: false, published: cell.note };
        if (hidden.has(cell.count)) return { value: null, suppressed: true };
        return { value: values.get(cell.count) as number, suppressed: false };
      }),
    })),
  }));
  return {
    tables,
    disclosureControl: {
      applied: options.threshold !== null,
      threshold: options.threshold ?? 0,
      hiddenCells: hidden.size,
    },
  };
}
