// Due dates of the work a referral waits for, in working days of the case's calendar.
import { type Priority } from '../../events/index.js';
import { type CalendarDate, addMonths, londonDateOf } from './calendar-date.js';
import { type TriagePolicy } from './triage-policy.js';
import { type WorkingDayCalendar, addWorkingDays, onOrNextWorkingDay } from './working-days.js';

/** Work with a working-day target in the policy. */
export type TimedWork = 'gateway-assessment' | 'hub-assessment' | 'channel-panel';

const targetOf = {
  'gateway-assessment': (policy: TriagePolicy) => policy.gatewayAssessment,
  'hub-assessment': (policy: TriagePolicy) => policy.hubAssessment,
  'channel-panel': (policy: TriagePolicy) => policy.channelPanel,
} as const;

export interface DueDateContext {
  policy: TriagePolicy;
  calendar: WorkingDayCalendar;
}

/**
 * The date by which the work is due, counted from the instant it started (a submission, a
 * request, a referral to Channel). The start day is day zero, in England and Wales time; an
 * urgent target of 0 working days is due that same day.
 */
export function dueDateOf(
  work: TimedWork,
  startedAt: string,
  priority: Priority,
  { policy, calendar }: DueDateContext,
): CalendarDate {
  const target = targetOf[work](policy);
  const workingDays = priority === 'urgent' ? target.urgentWorkingDays : target.standardWorkingDays;
  return addWorkingDays(calendar, londonDateOf(startedAt), workingDays);
}

/** The instant by which a destination must confirm delivery (a clock-time timer, not working days). */
export function deliveryDueBy(routedAt: string, policy: TriagePolicy): string {
  return new Date(Date.parse(routedAt) + policy.deliveryConfirmationMinutes * 60_000).toISOString();
}

export interface PostExitReviewDate {
  review: 'six-month' | 'twelve-month';
  dueOn: CalendarDate;
}

/**
 * The post-exit reviews after a person left Channel: the policy's months after the exit date,
 * moved to the next working day when that date is a weekend or bank holiday.
 */
export function postExitReviewDates(
  exitDate: CalendarDate,
  { policy, calendar }: DueDateContext,
): PostExitReviewDate[] {
  return [
    {
      review: 'six-month',
      dueOn: onOrNextWorkingDay(calendar, addMonths(exitDate, policy.postExitReviewMonths.sixMonth)),
    },
    {
      review: 'twelve-month',
      dueOn: onOrNextWorkingDay(calendar, addMonths(exitDate, policy.postExitReviewMonths.twelveMonth)),
    },
  ];
}
