// The statistics group (function `statistics`): read models only, no event store.
import { type RouteDefinition } from '../http/route.js';
import { accessGuard } from './access-composition.js';
import { type CompositionContext } from './composition-context.js';
import { statisticsReader } from './read-model-composition.js';
import { createStatisticsRoutes } from './statistics-routes.js';

export function composeStatisticsRoutes(ctx: CompositionContext): RouteDefinition[] {
  return createStatisticsRoutes({ guard: accessGuard(ctx), statistics: statisticsReader(ctx), clock: ctx.clock });
}
