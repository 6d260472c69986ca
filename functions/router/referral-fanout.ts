// Which destinations hear of an event, and what they are told. Only organisations that are a
// destination of the referral both when the event happened and now receive it: after a transfer
// the old destinations get nothing more, even for events still in flight. Messages carry the
// event's non-personal `data`, never its personal part.
import { type RecordedEvent } from '../../events/catalogue.js';
import { type ReferralState } from '../../domain/referral/state.js';
import { type DestinationMessage, isForwarded } from '../messaging/destination-message.js';
import { type OutgoingMessage } from '../messaging/queue-publisher.js';
import { referralIdOf } from '../../domain/referral/stream-id.js';
import { sharingOf } from '../../domain/referral/sharing.js';

export { referralIdOf };

/** Destinations current when the event happened and still current now. */
export function recipientsOf(atEvent: ReferralState, now: ReferralState): string[] {
  return atEvent.currentDestinations.filter((id) => now.currentDestinations.includes(id));
}

/**
 * The messages for one event: one per recipient, or none for internal bookkeeping and unrouted
 * referrals. `atEvent` is the state after the event's command. A destination told only that the
 * referral exists (decision 0016, part 1) receives, for a routing, the existence facts under the
 * routing's version (its confirmation confirms the routing) and nothing else until the referral
 * is shared with it; a share goes to the destinations it names.
 */
export function messagesFor(
  event: RecordedEvent,
  atEvent: ReferralState,
  now: ReferralState,
  /** Who waited for the referral at any point of the event's command (default: after it). */
  waiting: readonly string[] = sharingOf(atEvent).withheld,
): OutgoingMessage[] {
  const referralId = referralIdOf(event.streamId);
  if (referralId === null || !isForwarded(event.type) || atEvent.reference === null) return [];
  if (event.type === 'ReferralSharingDeferred') return []; // told with the routing it belongs to
  const { reference } = atEvent;
  const message = (destinationId: string, eventType: DestinationMessage['eventType'], data: object) => ({
    streamId: event.streamId,
    message: {
      referralId,
      reference,
      destinationId,
      eventType,
      version: event.version,
      occurredAt: event.occurredAt,
      priority: atEvent.priority ?? 'standard',
      data: { ...(data as Record<string, unknown>) },
    } satisfies DestinationMessage,
  });
  const recipients = recipientsOf(atEvent, now);
  if (event.type === 'ReferralShared')
    return recipients
      .filter((id) => event.data.destinationIds.includes(id))
      .map((id) => message(id, event.type, event.data));
  return recipients.flatMap((destinationId) => {
    if (!waiting.includes(destinationId)) return [message(destinationId, event.type, event.data)];
    if (event.type !== 'ReferralRouted') return [];
    return [
      message(destinationId, 'ReferralSharingDeferred', {
        destinationIds: [destinationId],
        typesOfConcern: [...atEvent.suspectedConcernTypes],
      }),
    ];
  });
}
