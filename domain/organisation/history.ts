// An organisation's history in the directory: each change an administrator recorded, who made it,
// when, what it changed from and to, and why. Folded from the organisation's stream over the
// static directory's details (where the organisation started).
import { type RecordedEvent } from '../../events/catalogue.js';
import { type Actor } from '../../events/envelope.js';
import { type SharingPolicy } from '../routing/directory.js';
import { type DestinationDetails } from './decider.js';

export type DirectoryField = 'mailbox' | 'onboarded' | 'sharing';

export interface FieldChange {
  field: DirectoryField;
  from: string | boolean;
  to: string | boolean;
}

export interface DirectoryHistoryEntry {
  version: number;
  at: string;
  actor: Actor;
  changes: FieldChange[];
  /** Null for a change recorded before reasons were asked for. */
  reason: string | null;
}

/**
 * Newest first; one entry per change (a change of mailbox and sharing policy together is one
 * entry): `changeOf` names the command an event came from (the store's command id).
 */
export function organisationHistory(
  events: readonly RecordedEvent[],
  start: DestinationDetails & { sharing: SharingPolicy },
  changeOf: (event: RecordedEvent) => string,
): DirectoryHistoryEntry[] {
  let current = { ...start };
  const entries: DirectoryHistoryEntry[] = [];
  let lastChange: string | undefined;
  for (const event of events) {
    let changes: FieldChange[];
    let reason: string | null;
    if (event.type === 'OrganisationDetailsChanged') {
      changes = event.data.changed.map((field) => ({ field, from: current[field], to: event.data[field] }));
      current = { ...current, mailbox: event.data.mailbox, onboarded: event.data.onboarded };
      reason = event.data.reason;
    } else if (event.type === 'OrganisationSharingPolicyChanged') {
      changes = [{ field: 'sharing', from: current.sharing, to: event.data.sharing }];
      current = { ...current, sharing: event.data.sharing };
      reason = event.data.reason;
    } else continue;
    const previous = entries.at(-1);
    const change = changeOf(event);
    if (previous && change === lastChange) {
      previous.changes.push(...changes);
      previous.version = event.version;
    } else entries.push({ version: event.version, at: event.occurredAt, actor: event.actor, changes, reason });
    lastChange = change;
  }
  return entries.reverse();
}
