// The administration group (function `administration`): organisations over the directory alone
// (no postcode table) with its overlay of recorded changes, and each organisation's own people.
import { loadOrganisations } from '../../geography/load-geography.js';
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
  const administration = createAdministrationRoutes({
    organisations: createOrganisationAdministration({ store: eventStore(ctx), directory: organisations }),
    directory: ctx.once('directory-overlay', () =>
      composeDirectoryOverlay(ctx.config, ctx.clients, { organisations }, directoryOptions),
    ),
    guard: accessGuard(ctx),
    clock: ctx.clock,
    newId: ctx.newId,
  });
  return [...administration, ...createPeopleRoutes({ people: peopleAdministration(ctx) })];
}
