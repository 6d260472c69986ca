// The access audit and the guard every signed-in route checks access with.
import { type AccessAudit, createAccessAudit } from '../../audit/access-audit.js';
import { auditTable } from '../../tables/table-definitions.js';
import { type AccessGuard, createAccessGuard } from './access-guard.js';
import { type CompositionContext } from './composition-context.js';

export function accessAudit(ctx: CompositionContext): AccessAudit {
  return ctx.once('access-audit', () =>
    createAccessAudit({ client: ctx.clients.dynamo, tableName: ctx.table(auditTable), newId: ctx.newId }),
  );
}

export function accessGuard(ctx: CompositionContext): AccessGuard {
  return ctx.once('access-guard', () => createAccessGuard({ audit: accessAudit(ctx), clock: ctx.clock }));
}
