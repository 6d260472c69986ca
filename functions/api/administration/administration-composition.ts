// The administration group (function `administration`): organisations over the directory alone
// (no postcode table) with its overlay of recorded changes, and each organisation's own people.
import { type RouteDefinition } from '../../http/route.js';
import { accessGuard } from '../shared/access-composition.js';
import { createAdministrationRoutes } from './administration-routes.js';
import { type CompositionContext } from '../shared/composition-context.js';
import { peopleAdministration } from '../shared/people-composition.js';
import { directoryServices } from './directory-services-composition.js';
import { createPeopleRoutes } from './people-routes.js';

export function composeAdministrationRoutes(ctx: CompositionContext): RouteDefinition[] {
  const administration = createAdministrationRoutes({
    ...directoryServices(ctx),
    guard: accessGuard(ctx),
    clock: ctx.clock,
    newId: ctx.newId,
  });
  return [...administration, ...createPeopleRoutes({ people: peopleAdministration(ctx) })];
}
