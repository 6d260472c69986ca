// The case commands group (function `case-commands`): one route per case command, all run by the
// case command service, which the web pages' case actions run on too.
import { type RouteDefinition } from '../../http/route.js';
import { accessGuard } from '../shared/access-composition.js';
import { type CompositionContext } from '../shared/composition-context.js';
import { eventStore, referralDecider } from '../shared/referral-stream-composition.js';
import { createCaseCommandRoutes } from './case-command-routes.js';
import { type CaseCommands, createCaseCommands } from './case-commands.js';
import { loadOrganisations } from '../../geography/load-geography.js';
import { createRegionalMoveRoute } from './regional-move.js';

export function caseCommands(ctx: CompositionContext): CaseCommands {
  return ctx.once('case-commands', () =>
    createCaseCommands({
      store: eventStore(ctx),
      decider: referralDecider(ctx),
      guard: accessGuard(ctx),
      clock: ctx.clock,
      newId: ctx.newId,
    }),
  );
}

export function composeCaseCommandRoutes(ctx: CompositionContext): RouteDefinition[] {
  return [
    ...createCaseCommandRoutes({ commands: caseCommands(ctx) }),
    createRegionalMoveRoute({ commands: caseCommands(ctx), organisations: loadOrganisations }),
  ];
}
