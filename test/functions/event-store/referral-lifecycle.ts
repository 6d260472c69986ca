// A typical referral's life as the store sees it (13 events): submitted, routed, delivered
// to both destinations, gateway assessment started and completed, Channel panel scheduled,
// consent, panel decision, support agreed and reviewed, left Channel, closed. Used by the
// store's integration tests and by the benchmark's capacity figures.
import { type DomainEvent } from '../../../events/catalogue.js';
import { sampleEvents } from '../../events/sample-events.js';

export const referralLifecycle: DomainEvent[] = [
  sampleEvents.ReferralSubmitted,
  sampleEvents.ReferralRouted,
  sampleEvents.ReferralDelivered,
  {
    ...sampleEvents.ReferralDelivered,
    data: { ...sampleEvents.ReferralDelivered.data, destinationId: 'la:E08000026', messageId: 'msg-2' },
  },
  sampleEvents.GatewayAssessmentStarted,
  sampleEvents.GatewayAssessmentCompleted,
  sampleEvents.ChannelPanelScheduled,
  sampleEvents.ConsentRecorded,
  sampleEvents.PanelDecisionRecorded,
  sampleEvents.SupportPackageAgreed,
  sampleEvents.SupportReviewed,
  sampleEvents.LeftChannel,
  sampleEvents.ReferralClosed,
];

/** The actor names a user by an opaque id: the envelope is not encrypted and survives erasure. */
export const referrerActor = { organisation: 'Coventry Academy', user: 'user-5c1f9e20', role: 'referrer' } as const;

/** Append options for a command numbered `n` (fresh ids per call unless the same n and tag). */
export function commandOptions(tag: string, n: number | string = 1) {
  return {
    commandId: `cmd-${tag}-${n}`,
    actor: referrerActor,
    correlationId: `corr-${tag}`,
    occurredAt: '2025-01-06T09:00:00.000Z',
  };
}
