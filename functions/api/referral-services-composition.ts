// The services over referral streams: the event store, the guarded decider's base, the public
// submission (idempotent per caller key) and the case commands. Shared by the referrals and case
// command groups and the web pages.
import { type ReferralDecider, createReferralDecider } from '../../domain/referral/decider.js';
import { createCommandHandler } from '../command-handler/command-handler.js';
import { createServiceEventStore } from '../composition/event-store.js';
import { type EventStore } from '../event-store/event-store.js';
import { idempotencyTable } from '../tables/table-definitions.js';
import { accessGuard } from './access-composition.js';
import { type CaseCommands, createCaseCommands } from './case-commands.js';
import { type CompositionContext } from './composition-context.js';
import { newReferralIdentifiers } from './referral-identifiers.js';
import { type ReferralSubmission, createReferralSubmission } from './referral-submission.js';
import { createSubmissionIdempotency } from './submission-idempotency.js';

export function eventStore(ctx: CompositionContext): EventStore {
  return ctx.once('event-store', () => createServiceEventStore(ctx.config, ctx.clients, ctx.clock));
}

export function referralDecider(ctx: CompositionContext): ReferralDecider {
  return ctx.once('referral-decider', () => createReferralDecider());
}

export function referralSubmission(ctx: CompositionContext): ReferralSubmission {
  return ctx.once('referral-submission', () =>
    createReferralSubmission({
      commands: createCommandHandler({ store: eventStore(ctx), decider: referralDecider(ctx) }),
      idempotency: createSubmissionIdempotency({
        client: ctx.clients.dynamo,
        tableName: ctx.table(idempotencyTable),
        clock: ctx.clock,
      }),
      clock: ctx.clock,
      newIdentifiers: () => newReferralIdentifiers(),
    }),
  );
}

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
