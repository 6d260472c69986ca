// An organisation's history in the directory: each change an administrator recorded, who made it,
// when, what it changed from and to, and why. Folded from the organisation's stream over the
// static directory's details (where the organisation started).
import { type RecordedEvent } from '../../events/catalogue.js';
import { type Actor } from '../../events/envelope.js';
import { type ChannelPanel, type GatewayAssessor } from '../../events/organisation.js';
import { type SharingPolicy } from '../routing/directory.js';
import { type DestinationDetails } from './decider.js';

export type DirectoryField = 'mailbox' | 'onboarded' | 'sharing' | 'assessedBy' | 'channelPanel';

export interface FieldChange {
  field: DirectoryField;
  /** A Channel panel's change is from and to the panel (null: none was recorded). */
  from: string | boolean | ChannelPanel | null;
  to: string | boolean | ChannelPanel | null;
}

/** Where an organisation starts from: the static directory's entry. */
export type DirectoryStart = DestinationDetails & {
  sharing: SharingPolicy;
  /** Regional hubs: who assesses the region's referrals ('force' when absent). */
  assessedBy?: GatewayAssessor;
  channelPanel?: ChannelPanel | null;
};

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
  start: DirectoryStart,
  changeOf: (event: RecordedEvent) => string,
): DirectoryHistoryEntry[] {
  let current = { assessedBy: 'force' as GatewayAssessor, channelPanel: null as ChannelPanel | null, ...start };
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
    } else if (event.type === 'RegionalAssessmentChanged') {
      changes = [{ field: 'assessedBy', from: current.assessedBy, to: event.data.assessedBy }];
      current = { ...current, assessedBy: event.data.assessedBy };
      reason = event.data.reason;
    } else if (event.type === 'ChannelPanelChanged') {
      changes = [{ field: 'channelPanel', from: current.channelPanel, to: event.data.panel }];
      current = { ...current, channelPanel: event.data.panel };
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
