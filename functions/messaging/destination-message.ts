// What a destination's queue carries: the non-personal facts of one event of a referral routed
// to it. Personal data never travels on a queue; a destination reads it through the audited API.
// The same schema checks a message before it is sent and when it is received.
import * as z from 'zod';
import { describeIssues, definitionOf, type EventType, eventTypes } from '../../events/catalogue.js';
import { DestinationId } from '../../events/common.js';
import { IsoDateTime } from '../../events/envelope.js';
import { Priority } from '../../events/routing.js';
import { ReferralReference } from '../../events/submission.js';
import { ReferralId } from '../../domain/referral/commands.js';

/**
 * Events that stay inside the service: ReferralDelivered and DeliveryOverdue are the service's
 * own bookkeeping about delivery (a destination confirming receipt should not be told that it
 * confirmed receipt, and forwarding them would loop a delivery back into another delivery);
 * GatewayAssessmentDeadlineSet is the police hub's deadline, which the case page and the queue
 * show, recorded with the routing or the escalation each destination already receives.
 * SharedReferralDelivered is the bookkeeping of a share's delivery, like ReferralDelivered.
 * ReferralSharingDeferred is forwarded in its own way: a destination told only that a referral
 * exists receives, for the routing, a message of that type carrying the existence facts (the
 * routing's version, so its confirmation confirms the routing), never the routing itself.
 */
export const INTERNAL_EVENT_TYPES: ReadonlySet<EventType> = new Set<EventType>([
  'ReferralDelivered',
  'DeliveryOverdue',
  'GatewayAssessmentDeadlineSet',
  'SharedReferralDelivered',
  'SharedDeliveryOverdue',
]);

export const forwardedEventTypes = eventTypes.filter((type) => !INTERNAL_EVENT_TYPES.has(type)) as [
  EventType,
  ...EventType[],
];

export function isForwarded(type: EventType): boolean {
  return !INTERNAL_EVENT_TYPES.has(type);
}

export const DestinationMessage = z
  .strictObject({
    referralId: ReferralId,
    reference: ReferralReference,
    destinationId: DestinationId,
    eventType: z.enum(forwardedEventTypes),
    version: z.number().int().positive(),
    occurredAt: IsoDateTime,
    priority: Priority,
    /** The event's `data`: never its `personal` part. */
    data: z.record(z.string(), z.unknown()),
  })
  .superRefine((message, context) => {
    const definition = definitionOf(message.eventType);
    const data = definition?.data.safeParse(message.data);
    if (data && !data.success)
      context.addIssue({
        code: 'custom',
        path: ['data'],
        message: `not the data of ${message.eventType}: ${describeIssues(data.error)}`,
      });
  });
export type DestinationMessage = z.infer<typeof DestinationMessage>;

export class DestinationMessageError extends Error {
  constructor(readonly issues: string) {
    super(`the destination message is not valid: ${issues}`);
    this.name = 'DestinationMessageError';
  }
}

/** Parses a message (an object or an SQS body); the error names fields and rules, never values. */
export function readDestinationMessage(input: unknown): DestinationMessage {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      throw new DestinationMessageError('the body is not JSON');
    }
  }
  const parsed = DestinationMessage.safeParse(value);
  if (!parsed.success) throw new DestinationMessageError(describeIssues(parsed.error));
  return parsed.data;
}
