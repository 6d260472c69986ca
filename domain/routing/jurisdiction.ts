// Which arrangements apply where the person lives. The Prevent duty and Channel, as this
// service routes them, cover England and Wales; everywhere else is held for national triage.

export type Jurisdiction = 'england-wales' | 'scotland' | 'northern-ireland' | 'crown-dependency' | 'unknown';

export const JURISDICTION_NAMES: Readonly<Record<Jurisdiction, string>> = {
  'england-wales': 'England and Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
  'crown-dependency': 'a Crown Dependency',
  unknown: 'an unknown location',
};

/** ONS pseudo-codes the postcode directory gives the Crown Dependencies (they are not councils). */
export const CROWN_DEPENDENCIES: ReadonlyMap<string, string> = new Map([
  ['M99999999', 'the Isle of Man'],
  ['L99999999', 'the Channel Islands'],
]);

/** From a local authority GSS code (first line of evidence). */
export function jurisdictionOfAuthority(gssCode: string): Jurisdiction {
  if (CROWN_DEPENDENCIES.has(gssCode)) return 'crown-dependency';
  switch (gssCode.charAt(0)) {
    case 'E':
    case 'W':
      return 'england-wales';
    case 'S':
      return 'scotland';
    case 'N':
      return 'northern-ireland';
    default:
      return 'unknown';
  }
}

/**
 * From the postcode area alone (second line of evidence, for postcodes the range table has no
 * authority for). Only areas wholly outside England and Wales count: border areas such as TD,
 * DG or CH cross the line and say nothing on their own.
 */
export function jurisdictionOfPostcodeArea(area: string): Jurisdiction {
  switch (area) {
    case 'BT':
      return 'northern-ireland';
    case 'IM':
    case 'JE':
    case 'GY':
      return 'crown-dependency';
    default:
      return 'unknown';
  }
}
