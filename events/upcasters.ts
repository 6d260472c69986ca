// Upcasters lift an event stored at an older schema version to the current one, one step at a time.
import { EventSchemaError, type EventType, catalogue, describeIssues } from './catalogue.js';
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
  if (!v1.success) throw new EventSchemaError('ReferralSubmitted', 'data', `schema version 1: ${describeIssues(v1.error)}`);
  const { suspectedConcernType, ...rest } = v1.data;
  const renamed = suspectedConcernType === 'school-massacre' ? 'fascination-with-extreme-violence' : suspectedConcernType;
  return { data: { ...rest, suspectedConcernTypes: [renamed] }, personal };
});

export class UpcastError extends Error {
  constructor(readonly eventType: string, readonly schemaVersion: number) {
    super(`no upcaster lifts ${eventType} from schema version ${schemaVersion} to ${catalogue[eventType as EventType]?.schemaVersion ?? '?'}`);
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
