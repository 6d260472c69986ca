// The oversight group (function `oversight`): the access audit of a case and of a person, and
// subject access requests. It reads referral streams (personal parts included, for the export),
// the person and reference indexes and the audit. The pages run on the same two services.
import { createCaseIndexReader } from '../../read-models/case-index-reader.js';
import { type RouteDefinition } from '../../http/route.js';
import { readModelTable } from '../../tables/table-definitions.js';
import { accessAudit, accessGuard } from '../shared/access-composition.js';
import { blindIndexKey } from '../shared/blind-index-composition.js';
import { type CompositionContext } from '../shared/composition-context.js';
import { projectionVersions } from '../shared/projection-versions-composition.js';
import { eventStore, referralDecider } from '../shared/referral-stream-composition.js';
import { type AuditReading, createAuditReading } from './audit-reading.js';
import { createOversightRoutes } from './oversight-routes.js';
import { type SubjectAccess, createSubjectAccess } from './subject-access.js';

/** The access audit for oversight: the API's routes and the pages read it through this. */
export function auditReading(ctx: CompositionContext): AuditReading {
  return ctx.once('audit-reading', () =>
    createAuditReading({
      store: eventStore(ctx),
      decider: referralDecider(ctx),
      guard: accessGuard(ctx),
      audit: accessAudit(ctx),
      index: createCaseIndexReader({ client: ctx.clients.dynamo, tableName: ctx.table(readModelTable) }),
      versions: projectionVersions(ctx),
    }),
  );
}

/** Subject access requests: the API's route and the data protection officer's pages. */
export function subjectAccess(ctx: CompositionContext): SubjectAccess {
  return ctx.once('subject-access', () =>
    createSubjectAccess({
      index: createCaseIndexReader({ client: ctx.clients.dynamo, tableName: ctx.table(readModelTable) }),
      versions: projectionVersions(ctx),
      blindIndexKey: blindIndexKey(ctx),
      store: eventStore(ctx),
      decider: referralDecider(ctx),
      audit: accessAudit(ctx),
      guard: accessGuard(ctx),
      clock: ctx.clock,
    }),
  );
}

export function composeOversightRoutes(ctx: CompositionContext): RouteDefinition[] {
  return createOversightRoutes({ audit: auditReading(ctx), subjectAccess: subjectAccess(ctx) });
}
