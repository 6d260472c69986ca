// The pieces over referral streams that more than one group uses: the event store and the
// referral decider (the referrals and case command groups, the administration's organisation
// streams and the web pages share one instance of each per composition context).
import { type ReferralDecider, createReferralDecider } from '../../../domain/referral/decider.js';
import { createServiceEventStore } from '../../composition/event-store.js';
import { type EventStore } from '../../event-store/event-store.js';
import { type CompositionContext } from './composition-context.js';

export function eventStore(ctx: CompositionContext): EventStore {
  return ctx.once('event-store', () => createServiceEventStore(ctx.config, ctx.clients, ctx.clock));
}

export function referralDecider(ctx: CompositionContext): ReferralDecider {
  return ctx.once('referral-decider', () => createReferralDecider());
}
