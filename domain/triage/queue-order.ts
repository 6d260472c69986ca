// The order of a triage queue: priority, then due date, then reference. As one string that
// sorts the same way byte by byte, so a store can keep it as a sort key (the projector's
// DynamoDB `queueSk`) and return a queue in order without sorting it again.
import * as z from 'zod';
import { Priority, ReferralReference } from '../../events/index.js';
import { CalendarDate } from './calendar-date.js';
import { priorityRank } from './priority.js';

/** Items with no due date go after every dated item of the same priority. */
const NO_DUE_DATE = '9999-12-31';

export const QueuePosition = z.strictObject({
  priority: Priority,
  dueOn: CalendarDate.nullable(),
  reference: ReferralReference,
});
export type QueuePosition = z.infer<typeof QueuePosition>;

export class QueuePositionError extends Error {
  constructor(issues: string) {
    super(`a queue position needs ${issues}`);
    this.name = 'QueuePositionError';
  }
}

/**
 * "0#2025-12-29#PRV-7K3M-Q9TX": priority rank (one digit), due date (ISO, fixed width) and
 * reference (fixed width), so text order is queue order.
 */
export function queueSortKey(position: QueuePosition): string {
  const parsed = QueuePosition.safeParse(position);
  if (!parsed.success)
    throw new QueuePositionError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const { priority, dueOn, reference } = parsed.data;
  return `${priorityRank[priority]}#${dueOn ?? NO_DUE_DATE}#${reference}`;
}

/** Compares two queue positions in queue order (for sorting in memory). */
export function compareQueuePositions(a: QueuePosition, b: QueuePosition): number {
  const left = queueSortKey(a);
  const right = queueSortKey(b);
  return left < right ? -1 : left > right ? 1 : 0;
}
