// Where every read model lives in the read-models table (functions/tables/table-definitions.ts).
// Every key starts with the projection's version (`v<N>#`), so a rebuild writes a fresh copy
// beside the live one and readers switch by following the active-version pointer.
//
//   case view        pk v<N>#case#<streamId>              sk case
//   triage item      pk v<N>#case#<streamId>              sk queue#<destinationId>
//                    queuePk v<N>#queue#<destinationId>   queueSk <rank>#<due date>#<reference>   (GSI by-queue-order)
//   timer            pk v<N>#case#<streamId>              sk timer#<kind>
//                    dueBucket v<N>#timers                dueAt <ISO instant>                      (GSI by-due-date)
//   person index     pk v<N>#person#<HMAC>                sk <streamId>
//   reference index  pk v<N>#reference#<reference>        sk <streamId>
//   profile          pk v<N>#statistics-profile#<streamId> sk profile
//   counter          pk v<N>#statistics#<financial year>  sk <table>#<row>#<measure>
//   version pointer  pk projection#<name>                 sk pointer                               (not versioned)
import * as z from 'zod';

export const ProjectionName = z.enum(['cases', 'statistics']);
export type ProjectionName = z.infer<typeof ProjectionName>;

export const caseKeys = {
  partition: (version: number, streamId: string): string => `v${version}#case#${streamId}`,
  caseSk: 'case',
  queueSk: (destinationId: string): string => `queue#${destinationId}`,
  queuePrefix: 'queue#',
  timerSk: (kind: string): string => `timer#${kind}`,
  timerPrefix: 'timer#',
  queuePartition: (version: number, destinationId: string): string => `v${version}#queue#${destinationId}`,
  timerBucket: (version: number): string => `v${version}#timers`,
  personPartition: (version: number, personHmac: string): string => `v${version}#person#${personHmac}`,
  /** Finding a case by its reference (PRV-7K3M-Q9TX): not personal, so kept after erasure. */
  referencePartition: (version: number, reference: string): string => `v${version}#reference#${reference}`,
  /** The starts of every partition key the case projection writes in a version: case partitions and the indexes. */
  versionPrefixes: (version: number): string[] => [
    `v${version}#case#`,
    `v${version}#person#`,
    `v${version}#reference#`,
  ],
} as const;

export const statisticsKeys = {
  profilePartition: (version: number, streamId: string): string => `v${version}#statistics-profile#${streamId}`,
  profileSk: 'profile',
} as const;

export const pointerKey = (projection: ProjectionName) => ({ pk: `projection#${projection}`, sk: 'pointer' });
