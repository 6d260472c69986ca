// The triage queues group (function `triage-queues`): read models only, no event store.
import { type RouteDefinition } from '../http/route.js';
import { accessGuard } from './access-composition.js';
import { type CompositionContext } from './composition-context.js';
import { triageQueueReader } from './read-model-composition.js';
import { createTriageQueueRoutes } from './triage-queue-routes.js';

export function composeTriageQueueRoutes(ctx: CompositionContext): RouteDefinition[] {
  return createTriageQueueRoutes({ guard: accessGuard(ctx), queues: triageQueueReader(ctx) });
}
