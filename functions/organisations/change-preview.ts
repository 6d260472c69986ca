// What a change to an organisation of the directory will do, before the administrator confirms
// it (domain/organisation/change-preview.ts): the organisation as in force now (the directory with
// its recorded changes), the districts it covers and their police force from the routing table,
// the open cases it holds, and whether its queue exists.
import {
  type ChangeEffect,
  type DirectorySettings,
  previewOrganisationChange,
} from '../../domain/organisation/change-preview.js';
import { type RoutingTable } from '../../domain/routing/geography.js';
import { policeHubId, queueNameFor } from '../../domain/routing/directory.js';
import { regionalHubOf } from '../../domain/routing/regions.js';
import { type OpenCaseCount } from '../read-models/open-case-count.js';
import { type DirectoryOverlay } from './directory-overlay.js';

export interface ChangePreview {
  /** Null when the directory has no such organisation. */
  preview(organisationId: string, requested: Partial<DirectorySettings>): Promise<ChangeEffect[] | null>;
}

export function createChangePreview(deps: {
  directory: DirectoryOverlay;
  routingTable: RoutingTable;
  openCasesHeld: OpenCaseCount;
  queueExists(queueName: string): Promise<boolean>;
}): ChangePreview {
  const districts = new Map(deps.routingTable.districts.map((district) => [district.code, district]));
  const forces = new Map(deps.routingTable.policeForces.map((force) => [force.code, force]));
  return {
    async preview(organisationId, requested) {
      const organisation = await deps.directory.get(organisationId);
      if (!organisation) return null;
      const covered =
        organisation.kind === 'local-authority-prevent-team'
          ? organisation.covers.flatMap((code) => districts.get(code) ?? [])
          : [];
      const force = covered[0] ? forces.get(covered[0].policeForce) : undefined;
      const [openCasesHeld, queueExists] = await Promise.all([
        deps.openCasesHeld(organisation.id),
        organisation.receivesReferrals ? Promise.resolve(true) : deps.queueExists(organisation.queueName),
      ]);
      return previewOrganisationChange({
        organisation,
        inForce: {
          mailbox: organisation.mailbox,
          onboarded: organisation.onboarded,
          sharing: organisation.sharing,
          assessedBy: organisation.assessedBy,
          channelPanel: organisation.channelPanel,
        },
        requested,
        districts: covered.map((district) => district.name),
        policeForce: force ? { name: force.name, queueName: queueNameFor(policeHubId(force.code)) } : null,
        openCasesHeld,
        queueExists,
        regionForces:
          organisation.kind === 'regional-prevent-hub'
            ? (regionalHubOf(deps.directory.organisations, organisation.id.slice('ctp:'.length))?.forces.map(
                (force) => force.name,
              ) ?? [])
            : [],
      });
    },
  };
}
