// The oversight group (function `oversight`): the access audit of a case and of a person, and
// subject access requests. It reads referral streams (personal parts included, for the export),
// the person and reference indexes and the audit.
import { createCaseIndexReader } from '../../read-models/case-index-reader.js';
import { type RouteDefinition } from '../../http/route.js';
import { readModelTable } from '../../tables/table-definitions.js';
import { accessAudit, accessGuard } from '../shared/access-composition.js';
import { blindIndexKey } from '../shared/blind-index-composition.js';
import { type CompositionContext } from '../shared/composition-context.js';
import { projectionVersions } from '../shared/projection-versions-composition.js';
import { eventStore, referralDecider } from '../shared/referral-stream-composition.js';
import { createOversightRoutes } from './oversight-routes.js';
import { createSubjectAccess } from './subject-access.js';

export function composeOversightRoutes(ctx: CompositionContext): RouteDefinition[] {
  const store = eventStore(ctx);
  const decider = referralDecider(ctx);
  const guard = accessGuard(ctx);
  const audit = accessAudit(ctx);
  return createOversightRoutes({
    store,
    decider,
    guard,
    audit,
    subjectAccess: createSubjectAccess({
      index: createCaseIndexReader({ client: ctx.clients.dynamo, tableName: ctx.table(readModelTable) }),
      versions: projectionVersions(ctx),
      blindIndexKey: blindIndexKey(ctx),
      store,
      decider,
      audit,
      guard,
      clock: ctx.clock,
    }),
  });
}
