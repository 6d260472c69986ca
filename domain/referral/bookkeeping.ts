// Events the service records about a case on its own, without anyone changing what the case says:
// confirmations of delivery and deadlines falling due. A person's command decided on an earlier
// version of the case is not stale because one of these arrived since (the decider still judges
// the command on the current state); anything else that arrived since makes it stale.
import { type EventType } from '../../events/catalogue.js';

const bookkeeping: ReadonlySet<EventType> = new Set<EventType>([
  'ReferralDelivered',
  'SharedReferralDelivered',
  'DeliveryOverdue',
  'SharedDeliveryOverdue',
  'GatewayAssessmentOverdue',
  'PostExitReviewDue',
  'SupportReviewDue',
  'PoliceCaseManagementReviewDue',
  'RetentionReviewDue',
]);

export function isBookkeeping(type: EventType): boolean {
  return bookkeeping.has(type);
}
