// Codes of the versioned reference lists in data/reference, as zod enums.
import * as z from 'zod';
import typesOfConcern from '../data/reference/types-of-concern.json' with { type: 'json' };
import referralSectors from '../data/reference/referral-sectors.json' with { type: 'json' };
import vulnerabilityIndicators from '../data/reference/vulnerability-indicators.json' with { type: 'json' };
import supportProviderKinds from '../data/reference/support-provider-kinds.json' with { type: 'json' };
import ageBands from '../data/reference/age-bands.json' with { type: 'json' };

export interface ReferenceItem {
  code: string;
  en: string;
  cy: string;
  /** A finding of an assessment, not offered to a referrer (the release's "no ideology" categories). */
  assessedOnly?: boolean;
}

export interface ReferenceList<Item extends ReferenceItem = ReferenceItem> {
  version: string;
  source: string;
  items: Item[];
}

export interface AgeBandItem extends ReferenceItem {
  min?: number;
  max?: number;
}

function codesOf(list: ReferenceList): [string, ...string[]] {
  const codes = list.items.map((item) => item.code);
  if (codes.length === 0) throw new Error(`reference list ${list.source} is empty`);
  return codes as [string, ...string[]];
}

export const referenceLists = {
  typesOfConcern: typesOfConcern as ReferenceList,
  referralSectors: referralSectors as ReferenceList,
  vulnerabilityIndicators: vulnerabilityIndicators as ReferenceList,
  supportProviderKinds: supportProviderKinds as ReferenceList,
  ageBands: ageBands as ReferenceList<AgeBandItem>,
} as const;

export const TypeOfConcern = z.enum(codesOf(referenceLists.typesOfConcern));
export type TypeOfConcern = z.infer<typeof TypeOfConcern>;
export const ReferralSector = z.enum(codesOf(referenceLists.referralSectors));
export type ReferralSector = z.infer<typeof ReferralSector>;
export const VulnerabilityIndicator = z.enum(codesOf(referenceLists.vulnerabilityIndicators));
export type VulnerabilityIndicator = z.infer<typeof VulnerabilityIndicator>;
export const SupportProviderKind = z.enum(codesOf(referenceLists.supportProviderKinds));
export type SupportProviderKind = z.infer<typeof SupportProviderKind>;
export const AgeBand = z.enum(codesOf(referenceLists.ageBands));
export type AgeBand = z.infer<typeof AgeBand>;
