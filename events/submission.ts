// ReferralSubmitted: the national referral form as received.
import * as z from 'zod';
import { defineEvent } from './define-event.js';
import { FreeText, Gender, LongText, Postcode, ShortText } from './common.js';
import { AgeBand, ReferralSector, TypeOfConcern, VulnerabilityIndicator } from './reference-data.js';
import { IsoDate } from './envelope.js';

export const ReferralReference = z
  .string()
  .regex(/^PRV-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/, 'a reference looks like PRV-7K3M-Q9TX');

export const ComplexNeeds = z.strictObject({
  mentalHealth: z.boolean(),
  neurodiversity: z.boolean(),
  learningDifficulty: z.boolean(),
});
export type ComplexNeeds = z.infer<typeof ComplexNeeds>;

export const OtherAgency = z.strictObject({
  agency: ShortText,
  contact: ShortText.optional(),
});

/** The personal and special-category part of a referral: who, where and what was seen. */
export const ReferralPersonalData = z.strictObject({
  referrer: z.strictObject({
    name: ShortText,
    email: z.email().max(254),
    phone: z
      .string()
      .trim()
      .regex(/^[0-9 +()-]{6,20}$/, 'a phone number has 6 to 20 digits, spaces or + ( ) -')
      .optional(),
  }),
  person: z.strictObject({
    name: ShortText,
    dateOfBirth: IsoDate.optional(),
    approximateAge: z.number().int().min(0).max(120).optional(),
    address: FreeText(500),
    postcode: Postcode,
    languages: z.array(ShortText).max(10),
    interpreterNeeded: z.boolean(),
    awareOfReferral: z.enum(['yes', 'no', 'not-sure']),
  }),
  concern: z.strictObject({
    description: LongText,
    howItCameToLight: LongText,
    whenItCameToLight: IsoDate,
    accessToWeaponsOrTravelPlans: LongText.optional(),
    complexNeeds: ComplexNeeds,
    otherAgencies: z.array(OtherAgency).max(20),
  }),
});
export type ReferralPersonalData = z.infer<typeof ReferralPersonalData>;

/** The facts of a referral that are not personal: what statistics and routing keep after erasure. */
const submittedData = {
  reference: ReferralReference,
  referrer: z.strictObject({
    organisation: ShortText,
    role: ShortText,
    sector: ReferralSector,
    safeguardingLeadConsulted: z.boolean(),
  }),
  indicators: z.array(VulnerabilityIndicator).max(20),
  immediateRisk: z.boolean(),
  vulnerabilitySupportHubRequested: z.boolean(),
  ageBand: AgeBand,
  gender: Gender,
};

export const ReferralSubmitted = defineEvent({
  type: 'ReferralSubmitted',
  schemaVersion: 2,
  describes: 'A referral was submitted through the national referral form',
  data: z.strictObject({
    ...submittedData,
    suspectedConcernTypes: z.array(TypeOfConcern).min(1).max(7),
  }),
  personal: ReferralPersonalData,
});

/**
 * Version 1 recorded a single suspected type of concern and used the older category
 * "school-massacre"; `upcasters.ts` lifts it to version 2.
 */
export const ReferralSubmittedV1 = defineEvent({
  type: 'ReferralSubmitted',
  schemaVersion: 1,
  describes: 'A referral was submitted (schema version 1)',
  data: z.strictObject({
    ...submittedData,
    suspectedConcernType: z.union([TypeOfConcern, z.literal('school-massacre')]),
  }),
  personal: ReferralPersonalData,
});
