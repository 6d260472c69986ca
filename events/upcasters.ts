// Upcasters lift an event stored at an older schema version to the current one, one step at a time.
import { EventSchemaError, type EventType, catalogue, describeIssues } from './catalogue.js';
import { OrganisationDetailsChangedV1, OrganisationSharingPolicyChangedV1 } from './organisation.js';
import { ReferralRoutedV1, namesPostcode } from './routing.js';
import { ReferralSubmittedV1 } from './submission.js';

export interface StoredPayload {
  data: unknown;
  personal: unknown;
}

type Upcaster = (payload: StoredPayload) => StoredPayload;

const upcasters = new Map<string, Upcaster>();

function register(type: EventType, fromVersion: number, upcast: Upcaster): void {
  upcasters.set(`${type}@${fromVersion}`, upcast);
}

// ReferralSubmitted v1 -> v2: one suspected type of concern becomes a list, and the older
// category "school-massacre" becomes "fascination-with-extreme-violence" (the newer tracker's name).
register('ReferralSubmitted', 1, ({ data, personal }) => {
  const v1 = ReferralSubmittedV1.data.safeParse(data);
  if (!v1.success)
    throw new EventSchemaError('ReferralSubmitted', 'data', `schema version 1: ${describeIssues(v1.error)}`);
  const { suspectedConcernType, ...rest } = v1.data;
  const renamed =
    suspectedConcernType === 'school-massacre' ? 'fascination-with-extreme-violence' : suspectedConcernType;
  return { data: { ...rest, suspectedConcernTypes: [renamed] }, personal };
});

// ReferralRouted v1 -> v2: the explanation loses what it took from the postcode (kept after
// erasure, it must not hold any): the quoted outward code of a half postcode, a postcode, a
// postcode area. The steps are rewritten as the rules now word them; a step that would still
// name a postcode is left out.
const V1_STEP_REWRITES: readonly [RegExp, string][] = [
  [
    /^the postcode given could not be read: "[^"]*" is only the first half of a postcode\b.*$/s,
    'the postcode given could not be read: only the first half of a postcode was given',
  ],
  [/,? for example CV1 2NJ\b/g, ''],
  [/\bpostcode area [A-Z]{1,2} is in /gi, "the postcode's area is in "],
  [/\b(?:postcode )?[A-Z]{1,2}[0-9][A-Z0-9]?(?:\s*[0-9][A-Z]{2})?\b/gi, 'the postcode given'],
];

register('ReferralRouted', 1, ({ data, personal }) => {
  const v1 = ReferralRoutedV1.data.safeParse(data);
  if (!v1.success)
    throw new EventSchemaError('ReferralRouted', 'data', `schema version 1: ${describeIssues(v1.error)}`);
  const explanation = v1.data.explanation
    .map((step) => V1_STEP_REWRITES.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), step))
    .filter((step) => step.length > 0 && step.length <= 300 && !namesPostcode(step));
  return { data: { ...v1.data, explanation }, personal };
});

// OrganisationDetailsChanged and OrganisationSharingPolicyChanged v1 -> v2: the administrator's
// reason was not asked for before version 2; such changes read with no reason (null), shown as
// "no reason recorded", never an invented one.
for (const [type, v1] of [
  ['OrganisationDetailsChanged', OrganisationDetailsChangedV1],
  ['OrganisationSharingPolicyChanged', OrganisationSharingPolicyChangedV1],
] as const) {
  register(type, 1, ({ data, personal }) => {
    const parsed = v1.data.safeParse(data);
    if (!parsed.success) throw new EventSchemaError(type, 'data', `schema version 1: ${describeIssues(parsed.error)}`);
    return { data: { ...parsed.data, reason: null }, personal };
  });
}

export class UpcastError extends Error {
  constructor(
    readonly eventType: string,
    readonly schemaVersion: number,
  ) {
    super(
      `no upcaster lifts ${eventType} from schema version ${schemaVersion} to ${catalogue[eventType as EventType]?.schemaVersion ?? '?'}`,
    );
    this.name = 'UpcastError';
  }
}

/** Lifts a stored payload to the catalogue's current schema version of its type. */
export function upcast(type: EventType, schemaVersion: number, payload: StoredPayload): StoredPayload {
  const current = catalogue[type].schemaVersion;
  let version = schemaVersion;
  let lifted = payload;
  while (version < current) {
    const step = upcasters.get(`${type}@${version}`);
    if (!step) throw new UpcastError(type, version);
    lifted = step(lifted);
    version += 1;
  }
  if (version > current) throw new UpcastError(type, version);
  return lifted;
}

export function currentSchemaVersion(type: EventType): number {
  return catalogue[type].schemaVersion;
}
