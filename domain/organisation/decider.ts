// The organisation decider: an administrator onboards a council or changes a destination's
// mailbox. Pure: the directory's static details (where the organisation starts from), the time
// and the actor come in with the command. Police hubs, the Vulnerability Support Hubs and
// national triage are always onboarded: routing must never end with nowhere to go.
import * as z from 'zod';
import { type DomainEvent, type RecordedEvent } from '../../events/catalogue.js';
import { Actor, IsoDateTime } from '../../events/envelope.js';
import { DestinationId } from '../../events/common.js';
import { ChannelPanel, DirectoryChangeReason, GatewayAssessor } from '../../events/organisation.js';
import { type Decider, type Decision } from '../decider.js';
import { channelPanelIsCoherent, sameChannelPanel } from './channel-panel.js';
import { SharingPolicy, sharingPolicyAlwaysOnSubmission } from '../routing/directory.js';

export const DestinationDetails = z.strictObject({ mailbox: z.email().max(254), onboarded: z.boolean() });
export type DestinationDetails = z.infer<typeof DestinationDetails>;

export const ChangeOrganisationDetails = z.strictObject({
  type: z.literal('ChangeOrganisationDetails'),
  organisationId: DestinationId,
  kind: z.enum([
    'police-prevent-hub',
    'local-authority-prevent-team',
    'vulnerability-support-hub',
    'national-triage',
    'regional-prevent-hub',
  ]),
  /** The organisation as the static directory lists it, before any change was recorded. */
  directoryDetails: DestinationDetails,
  /** Its sharing policy as the static directory gives it (its own, or its kind's default). */
  directorySharing: SharingPolicy,
  /** A regional hub's region: who assesses as the static directory gives it ('force' when absent). */
  directoryAssessedBy: GatewayAssessor.optional(),
  requested: z.strictObject({
    mailbox: z.email().max(254).optional(),
    onboarded: z.boolean().optional(),
    sharing: SharingPolicy.optional(),
    /** Who makes the gateway assessment of the region's referrals (regional Prevent hubs only). */
    assessedBy: GatewayAssessor.optional(),
    /** The council's Channel panel (councils only). */
    channelPanel: ChannelPanel.optional(),
  }),
  /** Why the administrator makes the change: recorded with it and shown in the organisation's history. */
  reason: DirectoryChangeReason,
  at: IsoDateTime,
  actor: Actor,
});
export type ChangeOrganisationDetails = z.infer<typeof ChangeOrganisationDetails>;

export interface OrganisationState {
  /** The details recorded by the latest change, or null while the static directory's stand. */
  details: DestinationDetails | null;
  /** The sharing policy recorded by the latest change, or null while the static directory's stands. */
  sharing?: SharingPolicy | null;
  /** Who assesses the region's referrals, as the latest change recorded (regional hubs), or null. */
  assessedBy?: GatewayAssessor | null;
  /** The council's Channel panel as the latest change recorded, or null while none is recorded. */
  channelPanel?: ChannelPanel | null;
}

export const organisationErrorMessages = {
  'always-onboarded':
    'Police Prevent hubs, Vulnerability Support Hubs and national triage always receive referrals: they cannot be taken off the service.',
  'always-on-submission':
    'Police Prevent hubs and national triage always receive the whole referral at once: the police deconflict it, triage passes it on.',
  'regional-hub-not-onboarded':
    "A regional Prevent hub is not onboarded: whether it receives its region's referrals is the region's setting of who makes the gateway assessment.",
  'assessment-is-regional':
    'Who makes the gateway assessment is set for a Counter Terrorism Policing region, on its regional Prevent hub.',
  'panel-is-a-councils': 'Only a council runs a Channel panel.',
  'joint-panel-names-councils':
    'A joint Channel panel names the other councils that run it, and a council that runs its own panel names none.',
} as const;
export type OrganisationErrorCode = keyof typeof organisationErrorMessages;
export interface OrganisationError {
  code: OrganisationErrorCode;
  message: string;
}

export type OrganisationEvent = DomainEvent<
  | 'OrganisationDetailsChanged'
  | 'OrganisationSharingPolicyChanged'
  | 'RegionalAssessmentChanged'
  | 'ChannelPanelChanged'
>;

/** Who assesses the region's referrals now: the latest recorded change, else the static directory's. */
export function assessorInForce(
  state: OrganisationState,
  directoryAssessedBy: GatewayAssessor = 'force',
): GatewayAssessor {
  return state.assessedBy ?? directoryAssessedBy;
}

function refusal(code: OrganisationErrorCode): { ok: false; error: OrganisationError } {
  return { ok: false, error: { code, message: organisationErrorMessages[code] } };
}

/** The sharing policy in force: the latest recorded change, else the static directory's. */
export function sharingInForce(state: OrganisationState, directorySharing: SharingPolicy): SharingPolicy {
  return state.sharing ?? directorySharing;
}

/** The details in force: the latest recorded change, else the static directory's. */
export function detailsInForce(state: OrganisationState, directoryDetails: DestinationDetails): DestinationDetails {
  return state.details ?? directoryDetails;
}

export function decideOrganisation(
  command: ChangeOrganisationDetails,
  state: OrganisationState,
): Decision<OrganisationEvent, OrganisationError> {
  const { assessedBy, channelPanel } = command.requested;
  if (assessedBy !== undefined && command.kind !== 'regional-prevent-hub') return refusal('assessment-is-regional');
  if (channelPanel !== undefined && command.kind !== 'local-authority-prevent-team')
    return refusal('panel-is-a-councils');
  if (channelPanel !== undefined && !channelPanelIsCoherent(command.organisationId, channelPanel))
    return refusal('joint-panel-names-councils');
  const current = detailsInForce(state, command.directoryDetails);
  const next: DestinationDetails = {
    mailbox: command.requested.mailbox ?? current.mailbox,
    onboarded: command.requested.onboarded ?? current.onboarded,
  };
  // A regional Prevent hub (decision 0018) is no destination of its own: it is never onboarded here.
  if (command.kind === 'regional-prevent-hub' && next.onboarded !== command.directoryDetails.onboarded) {
    return {
      ok: false,
      error: { code: 'regional-hub-not-onboarded', message: organisationErrorMessages['regional-hub-not-onboarded'] },
    };
  }
  if (command.kind !== 'local-authority-prevent-team' && command.kind !== 'regional-prevent-hub' && !next.onboarded) {
    return { ok: false, error: { code: 'always-onboarded', message: organisationErrorMessages['always-onboarded'] } };
  }
  const sharing = command.requested.sharing ?? sharingInForce(state, command.directorySharing);
  if (sharing !== 'on-submission' && sharingPolicyAlwaysOnSubmission(command.kind)) {
    return {
      ok: false,
      error: { code: 'always-on-submission', message: organisationErrorMessages['always-on-submission'] },
    };
  }
  const changed = (['mailbox', 'onboarded'] as const).filter((field) => next[field] !== current[field]);
  const events: OrganisationEvent[] = [];
  if (changed.length > 0)
    events.push({
      type: 'OrganisationDetailsChanged',
      data: { organisationId: command.organisationId, ...next, changed, reason: command.reason },
    });
  if (sharing !== sharingInForce(state, command.directorySharing))
    events.push({
      type: 'OrganisationSharingPolicyChanged',
      data: { organisationId: command.organisationId, sharing, reason: command.reason },
    });
  if (assessedBy !== undefined && assessedBy !== assessorInForce(state, command.directoryAssessedBy))
    events.push({
      type: 'RegionalAssessmentChanged',
      data: { organisationId: command.organisationId, assessedBy, reason: command.reason },
    });
  if (channelPanel !== undefined && !sameChannelPanel(state.channelPanel, channelPanel))
    events.push({
      type: 'ChannelPanelChanged',
      data: {
        organisationId: command.organisationId,
        panel: { ...channelPanel, jointWith: [...channelPanel.jointWith].sort() },
        reason: command.reason,
      },
    });
  return { ok: true, events };
}

export function evolveOrganisation(
  state: OrganisationState,
  event: OrganisationEvent | RecordedEvent,
): OrganisationState {
  if (event.type === 'OrganisationSharingPolicyChanged') return { ...state, sharing: event.data.sharing };
  if (event.type === 'RegionalAssessmentChanged') return { ...state, assessedBy: event.data.assessedBy };
  if (event.type === 'ChannelPanelChanged') return { ...state, channelPanel: event.data.panel };
  if (event.type !== 'OrganisationDetailsChanged') return state;
  const { mailbox, onboarded } = event.data;
  return { ...state, details: { mailbox, onboarded } };
}

export const initialOrganisationState: OrganisationState = {
  details: null,
  sharing: null,
  assessedBy: null,
  channelPanel: null,
};

export const organisationDecider: Decider<
  ChangeOrganisationDetails,
  OrganisationState,
  OrganisationEvent,
  OrganisationError
> & {
  evolve(state: OrganisationState, event: OrganisationEvent | RecordedEvent): OrganisationState;
} = {
  initialState: initialOrganisationState,
  decide: decideOrganisation,
  evolve: evolveOrganisation,
};
