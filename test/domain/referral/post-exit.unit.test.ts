import { describe, it } from 'vitest';
import { commands, events, histories, spec } from './referral-fixtures.js';

const twelveMonth = { review: 'twelve-month' } as const;

describe('MarkPostExitReviewDue', () => {
  it('makes the six-month review due six months after the exit', () => {
    spec.given(histories.leftChannel).when(commands.markReviewDue()).then([events.reviewDue()]);
  });

  it('refuses the day before', () => {
    spec
      .given(histories.leftChannel)
      .when(commands.markReviewDue({ at: '2025-12-29T23:00:00Z' }))
      .thenThrows('not-yet-due');
  });

  it('makes the twelve-month review due after the six-month one', () => {
    const at = '2026-06-30T06:00:00Z';
    spec
      .given(histories.sixMonthDone)
      .when(commands.markReviewDue({ ...twelveMonth, at }))
      .then([events.reviewDue({ data: { review: 'twelve-month', dueOn: '2026-06-30' } })]);
    spec
      .given(histories.leftChannel)
      .when(commands.markReviewDue({ ...twelveMonth, at }))
      .thenThrows('out-of-order');
  });

  it('records nothing when the review is already due or done', () => {
    spec.given(histories.sixMonthDue).when(commands.markReviewDue()).thenNothing();
    spec.given(histories.sixMonthDone).when(commands.markReviewDue()).thenNothing();
  });

  it('keeps to the last day of a shorter month', () => {
    const leftInAugust = [...histories.riskMitigated, events.leftChannel({ data: { exitDate: '2025-08-31' } })];
    spec
      .given(leftInAugust)
      .when(commands.markReviewDue({ at: '2026-02-28T06:00:00Z' }))
      .then([events.reviewDue({ data: { dueOn: '2026-02-28' } })]);
  });

  it('refuses when the person has not left Channel', () => {
    spec.given(histories.riskMitigated).when(commands.markReviewDue()).thenThrows('not-left-channel');
  });
});

describe('CompletePostExitReview', () => {
  it('records a review that fell due', () => {
    spec.given(histories.sixMonthDue).when(commands.completeReview()).then([events.reviewCompleted()]);
  });

  it('refuses a review that has not fallen due, and one already done', () => {
    spec.given(histories.leftChannel).when(commands.completeReview()).thenThrows('review-not-due');
    spec.given(histories.sixMonthDone).when(commands.completeReview()).thenThrows('review-already-completed');
    spec
      .given(histories.sixMonthDone)
      .when(commands.completeReview({ review: 'twelve-month' }))
      .thenThrows('review-not-due');
  });
});
