// Which destinations hear of an event, and what they are told. Only organisations that are a
// destination of the referral both when the event happened and now receive it: after a transfer
// the old destinations get nothing more, even for events still in flight. Messages carry the
// event's non-personal `data`, never its personal part.
import { type RecordedEvent } from '../../events/catalogue.js';
import { type ReferralState } from '../../domain/referral/state.js';
import { type DestinationMessage, isForwarded } from '../messaging/destination-message.js';
import { type OutgoingMessage } from '../messaging/queue-publisher.js';
import { referralIdOf } from '../../domain/referral/stream-id.js';

export { referralIdOf };

/** Destinations current when the event happened and still current now. */
export function recipientsOf(atEvent: ReferralState, now: ReferralState): string[] {
  return atEvent.currentDestinations.filter((id) => now.currentDestinations.includes(id));
}

/** The messages for one event: one per recipient, or none for internal bookkeeping and unrouted referrals. */
export function messagesFor(event: RecordedEvent, atEvent: ReferralState, now: ReferralState): OutgoingMessage[] {
  const referralId = referralIdOf(event.streamId);
  if (referralId === null || !isForwarded(event.type) || atEvent.reference === null) return [];
  const { reference } = atEvent;
  return recipientsOf(atEvent, now).map((destinationId) => {
    const message: DestinationMessage = {
      referralId,
      reference,
      destinationId,
      eventType: event.type,
      version: event.version,
      occurredAt: event.occurredAt,
      priority: atEvent.priority ?? 'standard',
      data: { ...(event.data as Record<string, unknown>) },
    };
    return { streamId: event.streamId, message };
  });
}
