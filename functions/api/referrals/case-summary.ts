// What GET /referrals/{referralId} answers to an organisation the case is routed to: where the
// case stands (folded from its stream) and what was referred, personal part included (or
// 'erased'). The version is also the ETag.
import * as z from 'zod';
import { type RecordedEvent, isErased } from '../../../events/index.js';
import { type ReferralState } from '../../../domain/referral/state.js';

export const CaseSummary = z
  .object({
    referralId: z.string(),
    reference: z.string().nullable(),
    status: z.string(),
    priority: z.enum(['urgent', 'standard']).nullable(),
    immediateRisk: z.boolean(),
    submittedAt: z.string().nullable(),
    version: z.number().int(),
    erased: z.boolean(),
    currentDestinations: z.array(z.string()),
    awaitingRerouting: z.boolean(),
    routing: z.unknown().nullable(),
    gateway: z.unknown(),
    hub: z.unknown(),
    panel: z.unknown(),
    consent: z.unknown(),
    support: z.unknown(),
    channelExit: z.unknown().nullable(),
    postExitReviews: z.unknown(),
    closure: z.unknown().nullable(),
    submission: z.object({
      data: z.unknown(),
      personal: z.unknown().meta({ description: "The form's personal part, or 'erased'" }),
    }),
  })
  .meta({ id: 'CaseSummary' });
export type CaseSummary = z.infer<typeof CaseSummary>;

export function caseSummary(
  referralId: string,
  state: ReferralState,
  history: readonly RecordedEvent[],
  version: number,
): CaseSummary {
  const submitted = history.find((event) => event.type === 'ReferralSubmitted');
  return {
    referralId,
    reference: state.reference,
    status: state.status,
    priority: state.priority,
    immediateRisk: state.immediateRisk,
    submittedAt: state.submittedAt,
    version,
    erased: state.erased,
    currentDestinations: state.currentDestinations,
    awaitingRerouting: state.awaitingRerouting,
    routing: state.routing,
    gateway: state.gateway,
    hub: state.hub,
    panel: state.panel,
    consent: state.consent,
    support: state.support,
    channelExit: state.channelExit,
    postExitReviews: state.reviews,
    closure: state.closure,
    submission: {
      data: submitted?.data ?? null,
      personal: submitted === undefined || isErased(submitted.personal) ? 'erased' : submitted.personal,
    },
  };
}
