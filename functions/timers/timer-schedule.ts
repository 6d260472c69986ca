// The timers a referral has running: deadlines and reviews that fall due by themselves. The
// projector keeps one timer item per entry (indexed by due instant); the scheduled timers
// function appends the due event when the instant has passed; the event, projected, removes
// the timer. Derived from the case record alone.
import * as z from 'zod';
import {
  type TriagePolicy,
  addDays,
  calendarForLocalAuthority,
  deliveryDueBy,
  postExitReviewDates,
} from '../../domain/triage/index.js';
import { type CaseRecord } from '../projector/case-record.js';
import { outstandingShares } from '../../domain/routing/undelivered.js';
import { type ReferralState, caseManagementOf, consentAnswers, retentionOf } from '../../domain/referral/index.js';

export const TimerKind = z.enum([
  'delivery-overdue',
  'shared-delivery-overdue',
  'gateway-assessment-overdue',
  'post-exit-review-six-month',
  'post-exit-review-twelve-month',
  'support-review-due',
  'case-management-review-due',
  'consent-due-again',
  'retention-review-due',
]);
export type TimerKind = z.infer<typeof TimerKind>;

export const DueTimer = z.object({
  streamId: z.string(),
  kind: TimerKind,
  /** The instant (ISO, UTC) from which the decider accepts the command. */
  dueAt: z.iso.datetime(),
});
export type DueTimer = z.infer<typeof DueTimer>;

/** The first instant of the day after `date` (UTC): the decider accepts an overdue mark once its date is past the due date. */
function dayAfter(date: string): string {
  return `${addDays(date, 1)}T00:00:00.000Z`;
}

function deliveryOutstanding(record: CaseRecord): boolean {
  const { state } = record;
  const routedVersion = state.routing?.routedVersion ?? null;
  if (routedVersion === null) return false;
  return state.currentDestinations.some((id) => {
    const delivery = state.deliveries[id];
    return !(delivery && delivery.routedVersion === routedVersion && (delivery.delivered || delivery.overdue));
  });
}

export function timersOf(record: CaseRecord, policy: TriagePolicy): DueTimer[] {
  const { state, streamId } = record;
  if (state.erased) return [];
  const retention = retentionOf(state);
  if (state.closure !== null) {
    // A closed case has one timer left: the review of its record at the end of the retention period.
    return retention && !retention.due
      ? [{ streamId, kind: 'retention-review-due', dueAt: `${retention.dueOn}T00:00:00.000Z` }]
      : [];
  }
  const timers: DueTimer[] = [];
  const consent = consentAnswers(state);
  const dueAgainOn = (state.consent as Partial<ReferralState['consent']>).dueAgainOn ?? null;
  if (dueAgainOn !== null && consent.parentOrGuardian === 'given' && !consent.dueAgain && !state.channelExit) {
    timers.push({ streamId, kind: 'consent-due-again', dueAt: `${dueAgainOn}T00:00:00.000Z` });
  }
  if (record.routedAt !== null && deliveryOutstanding(record)) {
    timers.push({ streamId, kind: 'delivery-overdue', dueAt: deliveryDueBy(record.routedAt, policy) });
  }
  // A share has its own delivery deadline, like a routing: the earliest one still outstanding.
  const shareDue = outstandingShares(state, policy)
    .map((share) => share.dueBy)
    .sort()[0];
  if (shareDue !== undefined) timers.push({ streamId, kind: 'shared-delivery-overdue', dueAt: shareDue });
  // The gateway deadline runs from routing, whether or not anyone has started the assessment.
  if (state.gateway.status !== 'completed' && !state.gateway.overdue && state.gateway.dueBy !== null) {
    timers.push({ streamId, kind: 'gateway-assessment-overdue', dueAt: dayAfter(state.gateway.dueBy) });
  }
  const nextReview = state.support.nextReviewDue ?? null;
  if (state.support.status === 'agreed' && !state.channelExit && !state.support.reviewDue && nextReview !== null) {
    timers.push({ streamId, kind: 'support-review-due', dueAt: `${nextReview}T00:00:00.000Z` });
  }
  const management = caseManagementOf(state);
  if (management.status === 'open' && !management.reviewDue && management.nextReviewDue !== null) {
    timers.push({ streamId, kind: 'case-management-review-due', dueAt: `${management.nextReviewDue}T00:00:00.000Z` });
  }
  if (state.channelExit) {
    const context = { policy, calendar: calendarForLocalAuthority(state.routing?.localAuthorityCode) };
    for (const { review, dueOn } of postExitReviewDates(state.channelExit.exitDate, context)) {
      if (state.reviews[review].status === 'not-due') {
        timers.push({
          streamId,
          kind: review === 'six-month' ? 'post-exit-review-six-month' : 'post-exit-review-twelve-month',
          dueAt: `${dueOn}T00:00:00.000Z`,
        });
      }
    }
  }
  return timers;
}
