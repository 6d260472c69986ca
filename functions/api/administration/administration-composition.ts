// The administration group (function `administration`): organisations over the directory alone
// (no postcode table) with its overlay of recorded changes, and each organisation's own people.
import { loadOrganisations, loadRoutingTable } from '../../geography/load-geography.js';
import { createChangePreview } from '../../organisations/change-preview.js';
import { destinationQueueCheck } from '../../organisations/destination-queue-check.js';
import { createOpenCaseCount } from '../../read-models/open-case-count.js';
import { readModelTable } from '../../tables/table-definitions.js';
import { projectionVersions } from '../shared/projection-versions-composition.js';
import { type RouteDefinition } from '../../http/route.js';
import { composeDirectoryOverlay } from '../../organisations/directory-composition.js';
import { createOrganisationAdministration } from '../../organisations/organisation-administration.js';
import { accessGuard } from '../shared/access-composition.js';
import { createAdministrationRoutes } from './administration-routes.js';
import { type CompositionContext } from '../shared/composition-context.js';
import { eventStore } from '../shared/referral-stream-composition.js';
import { peopleAdministration } from '../shared/people-composition.js';
import { createPeopleRoutes } from './people-routes.js';

export function composeAdministrationRoutes(ctx: CompositionContext): RouteDefinition[] {
  const organisations = loadOrganisations();
  const directoryOptions = ctx.options.directoryTtlMs === undefined ? {} : { ttlMs: ctx.options.directoryTtlMs };
  const directory = ctx.once('directory-overlay', () =>
    composeDirectoryOverlay(ctx.config, ctx.clients, { organisations }, directoryOptions),
  );
  const administration = createAdministrationRoutes({
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
    guard: accessGuard(ctx),
    clock: ctx.clock,
    newId: ctx.newId,
  });
  return [...administration, ...createPeopleRoutes({ people: peopleAdministration(ctx) })];
}
