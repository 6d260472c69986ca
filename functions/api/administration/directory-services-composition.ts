// The directory's administration services (recorded changes, their preview and history, the
// directory as it stands), composed once per context: the administration routes and the pages
// run on the same instances. No route here, so the web function's bundle carries no route group.
import { loadOrganisations, loadRoutingTable } from '../../geography/load-geography.js';
import { type ChangePreview, createChangePreview } from '../../organisations/change-preview.js';
import { destinationQueueCheck } from '../../organisations/destination-queue-check.js';
import { composeDirectoryOverlay } from '../../organisations/directory-composition.js';
import { type DirectoryOverlay } from '../../organisations/directory-overlay.js';
import {
  type OrganisationAdministration,
  createOrganisationAdministration,
} from '../../organisations/organisation-administration.js';
import { createOpenCaseCount } from '../../read-models/open-case-count.js';
import { readModelTable } from '../../tables/table-definitions.js';
import { type CompositionContext } from '../shared/composition-context.js';
import { projectionVersions } from '../shared/projection-versions-composition.js';
import { eventStore } from '../shared/referral-stream-composition.js';

export interface DirectoryServices {
  organisations: OrganisationAdministration;
  preview: ChangePreview;
  directory: DirectoryOverlay;
}

export function directoryServices(ctx: CompositionContext): DirectoryServices {
  return ctx.once('directory-services', () => {
    const organisations = loadOrganisations();
    const directoryOptions = ctx.options.directoryTtlMs === undefined ? {} : { ttlMs: ctx.options.directoryTtlMs };
    const directory = ctx.once('directory-overlay', () =>
      composeDirectoryOverlay(ctx.config, ctx.clients, { organisations }, directoryOptions),
    );
    return {
      organisations: createOrganisationAdministration({ store: eventStore(ctx), directory: organisations }),
      preview: createChangePreview({
        directory,
        routingTable: loadRoutingTable(),
        openCasesHeld: createOpenCaseCount({
          client: ctx.clients.dynamo,
          tableName: ctx.table(readModelTable),
          versions: projectionVersions(ctx),
        }),
        queueExists: destinationQueueCheck(ctx.clients.sqs),
      }),
      directory,
    };
  });
}
