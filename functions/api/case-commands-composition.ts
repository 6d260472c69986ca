// The case commands group (function `case-commands`): one route per case command.
import { type RouteDefinition } from '../http/route.js';
import { createCaseCommandRoutes } from './case-command-routes.js';
import { type CompositionContext } from './composition-context.js';
import { caseCommands } from './referral-services-composition.js';

export function composeCaseCommandRoutes(ctx: CompositionContext): RouteDefinition[] {
  return createCaseCommandRoutes({ commands: caseCommands(ctx) });
}
