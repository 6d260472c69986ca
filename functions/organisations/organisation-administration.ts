// An administrator's change to an organisation of the directory: load -> decide -> append on the
// organisation's stream through the command handler. The answer is the organisation as it
// stands after the change (folded from its stream over the static directory's details).
import { type Actor } from '../../events/envelope.js';
import { type RecordedEvent } from '../../events/catalogue.js';
import {
  type Organisation,
  type SharingPolicy,
  gatewayAssessorOf,
  sharingPolicyOf,
} from '../../domain/routing/directory.js';
import { type ChannelPanel, type GatewayAssessor } from '../../events/organisation.js';
import {
  type ChangeOrganisationDetails,
  type DestinationDetails,
  type OrganisationError,
  assessorInForce,
  detailsInForce,
  evolveOrganisation,
  sharingInForce,
  initialOrganisationState,
  organisationDecider,
} from '../../domain/organisation/decider.js';
import { type DirectoryHistoryEntry, organisationHistory } from '../../domain/organisation/history.js';
import { createCommandHandler } from '../command-handler/command-handler.js';
import { unbindCommandId } from '../command-handler/command-identity.js';
import { CommandIdReusedError } from '../event-store/errors.js';
import { type EventStore } from '../event-store/event-store.js';
import { organisationStreamId } from './organisation-stream.js';

export interface OrganisationChangeRequest {
  organisationId: string;
  requested: ChangeOrganisationDetails['requested'];
  /** Why the administrator makes the change (recorded with it). */
  reason: string;
  actor: Actor;
  commandId: string;
  correlationId: string;
  at: string;
}

export interface ChangedOrganisation extends DestinationDetails {
  id: string;
  kind: Organisation['kind'];
  name: string;
  queueName: string;
  /** When it receives the whole referral, after the change. */
  sharing: SharingPolicy;
  /** Regional hubs: who assesses the region's referrals after the change ('force' for any other organisation). */
  assessedBy: GatewayAssessor;
  /** Councils: the Channel panel after the change, or null while none is recorded. */
  channelPanel: ChannelPanel | null;
  version: number;
  changed: ('mailbox' | 'onboarded' | 'sharing' | 'assessedBy' | 'channelPanel')[];
}

export type OrganisationChangeResult =
  | { ok: true; organisation: ChangedOrganisation }
  | { ok: false; error: OrganisationError }
  | { ok: false; error: 'unknown-organisation' }
  /** The command id was already used for another change: nothing ran. */
  | { ok: false; error: 'command-id-reused' };

export interface OrganisationAdministration {
  change(request: OrganisationChangeRequest): Promise<OrganisationChangeResult>;
  /** Every change recorded for the organisation, newest first; null when the directory has no such organisation. */
  history(organisationId: string): Promise<DirectoryHistoryEntry[] | null>;
}

export function createOrganisationAdministration(deps: {
  store: EventStore;
  directory: ReadonlyMap<string, Organisation>;
}): OrganisationAdministration {
  const commands = createCommandHandler({ store: deps.store, decider: organisationDecider });

  function fold(events: readonly RecordedEvent[]) {
    return events.reduce(evolveOrganisation, initialOrganisationState);
  }

  return {
    async history(organisationId) {
      const organisation = deps.directory.get(organisationId);
      if (!organisation) return null;
      const events = await deps.store.read(organisationStreamId(organisation.id));
      return organisationHistory(
        events,
        {
          mailbox: organisation.mailbox,
          onboarded: organisation.onboarded,
          sharing: sharingPolicyOf(organisation),
          assessedBy: gatewayAssessorOf(organisation),
        },
        (event) => unbindCommandId(event.commandId).commandId,
      );
    },
    async change(request) {
      const organisation = deps.directory.get(request.organisationId);
      if (!organisation) return { ok: false, error: 'unknown-organisation' };
      const streamId = organisationStreamId(organisation.id);
      const directoryDetails = { mailbox: organisation.mailbox, onboarded: organisation.onboarded };
      const directorySharing = sharingPolicyOf(organisation);
      let result;
      try {
        result = await commands.handle({
          streamId,
          commandId: request.commandId,
          command: {
            type: 'ChangeOrganisationDetails',
            organisationId: organisation.id,
            kind: organisation.kind,
            directoryDetails,
            directorySharing,
            directoryAssessedBy: gatewayAssessorOf(organisation),
            requested: request.requested,
            reason: request.reason,
            at: request.at,
            actor: request.actor,
          },
          correlationId: request.correlationId,
        });
      } catch (error) {
        if (error instanceof CommandIdReusedError) return { ok: false, error: 'command-id-reused' };
        throw error;
      }
      if (!result.ok) return { ok: false, error: result.error };
      const history = await deps.store.read(streamId);
      const state = fold(history);
      const details = detailsInForce(state, directoryDetails);
      const mine = history.filter((event) => unbindCommandId(event.commandId).commandId === request.commandId);
      const changed = mine.flatMap((event): ChangedOrganisation['changed'] => {
        switch (event.type) {
          case 'OrganisationDetailsChanged':
            return event.data.changed;
          case 'OrganisationSharingPolicyChanged':
            return ['sharing'];
          case 'RegionalAssessmentChanged':
            return ['assessedBy'];
          case 'ChannelPanelChanged':
            return ['channelPanel'];
          default:
            return [];
        }
      });
      return {
        ok: true,
        organisation: {
          id: organisation.id,
          kind: organisation.kind,
          name: organisation.name,
          queueName: organisation.queueName,
          ...details,
          sharing: sharingInForce(state, directorySharing),
          assessedBy: assessorInForce(state, gatewayAssessorOf(organisation)),
          channelPanel: state.channelPanel ?? null,
          version: history.at(-1)?.version ?? 0,
          changed,
        },
      };
    },
  };
}
