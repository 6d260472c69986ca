// What a change to the directory will do, shown to the administrator before they confirm it:
// which districts' new referrals move and to which queue, what happens to the cases already open,
// where notifications go, and when a council's queue comes only with the next deployment. Pure:
// the organisation, what is in force, what is asked and the open cases it holds come in.
import { type ChannelPanel, type GatewayAssessor } from '../../events/organisation.js';
import { type DestinationKind, type SharingPolicy } from '../routing/directory.js';
import { sameChannelPanel } from './channel-panel.js';

export interface PreviewedOrganisation {
  id: string;
  kind: DestinationKind;
  name: string;
  queueName: string;
  /** District codes (councils), force area codes (police), forces (hubs). */
  covers: readonly string[];
}

export interface DirectorySettings {
  mailbox: string;
  onboarded: boolean;
  sharing: SharingPolicy;
  /** A regional hub's region: who makes the gateway assessment. */
  assessedBy: GatewayAssessor;
  /** A council's Channel panel (null while none is recorded). */
  channelPanel: ChannelPanel | null;
}

export interface PreviewContext {
  organisation: PreviewedOrganisation;
  inForce: DirectorySettings;
  requested: Partial<DirectorySettings>;
  /** The names of the districts it covers, and the police force that receives their referrals today. */
  districts: readonly string[];
  policeForce: { name: string; queueName: string } | null;
  /** Open cases of which the organisation is a destination now. */
  openCasesHeld: number;
  /** Whether its queue exists now (a council onboarded here gets one with the next deployment in the cloud). */
  queueExists: boolean;
  /** A regional hub: the names of the police forces of its region. */
  regionForces?: readonly string[];
}

export type ChangeEffect =
  | { kind: 'nothing-changes' }
  | { kind: 'districts-join'; districts: readonly string[]; queueName: string; policeForce: string | null }
  | { kind: 'queue-awaits-deployment'; queueName: string; policeForce: string | null }
  | { kind: 'districts-leave'; districts: readonly string[]; policeForce: string | null }
  | { kind: 'open-cases-stay'; count: number }
  | { kind: 'open-cases-kept-until-closed'; count: number }
  | { kind: 'mailbox-moves'; from: string; to: string }
  | { kind: 'sharing-changes'; from: SharingPolicy; to: SharingPolicy; openCases: number }
  /** Who assesses the region's new referrals; open cases are not routed again. */
  | {
      kind: 'assessment-changes';
      from: GatewayAssessor;
      to: GatewayAssessor;
      forces: readonly string[];
      queueName: string;
      queueExists: boolean;
      openCases: number;
    }
  | { kind: 'panel-changes'; from: ChannelPanel | null; to: ChannelPanel };

export function previewOrganisationChange(context: PreviewContext): ChangeEffect[] {
  const { organisation, inForce, requested } = context;
  const next: DirectorySettings = { ...inForce, ...requested };
  const effects: ChangeEffect[] = [];
  const policeForce = context.policeForce?.name ?? null;
  if (next.onboarded && !inForce.onboarded) {
    effects.push({
      kind: 'districts-join',
      districts: context.districts,
      queueName: organisation.queueName,
      policeForce,
    });
    if (!context.queueExists)
      effects.push({ kind: 'queue-awaits-deployment', queueName: organisation.queueName, policeForce });
    effects.push({ kind: 'open-cases-stay', count: context.openCasesHeld });
  }
  if (!next.onboarded && inForce.onboarded) {
    effects.push({ kind: 'districts-leave', districts: context.districts, policeForce });
    effects.push({ kind: 'open-cases-kept-until-closed', count: context.openCasesHeld });
  }
  if (next.mailbox !== inForce.mailbox)
    effects.push({ kind: 'mailbox-moves', from: inForce.mailbox, to: next.mailbox });
  if (next.sharing !== inForce.sharing)
    effects.push({
      kind: 'sharing-changes',
      from: inForce.sharing,
      to: next.sharing,
      openCases: context.openCasesHeld,
    });
  if (next.assessedBy !== inForce.assessedBy)
    effects.push({
      kind: 'assessment-changes',
      from: inForce.assessedBy,
      to: next.assessedBy,
      forces: context.regionForces ?? [],
      queueName: organisation.queueName,
      queueExists: context.queueExists,
      openCases: context.openCasesHeld,
    });
  if (requested.channelPanel && !sameChannelPanel(inForce.channelPanel, requested.channelPanel))
    effects.push({ kind: 'panel-changes', from: inForce.channelPanel, to: requested.channelPanel });
  return effects.length > 0 ? effects : [{ kind: 'nothing-changes' }];
}
