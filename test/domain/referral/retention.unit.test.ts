// Retention (issue 12, part 6): the review closure schedules falls due by itself; erasure is a
// reasoned decision whose reason stays as an anonymous fact.
import { describe, expect, it } from 'vitest';
import { type RecordedEvent } from '../../../events/catalogue.js';
import { ERASED } from '../../../events/envelope.js';
import { fold } from '../../../domain/decider.js';
import { isBookkeeping } from '../../../domain/referral/index.js';
import { commands, decider, events, happenedAt, histories, recorded, spec } from './referral-fixtures.js';

describe('MarkRetentionReviewDue', () => {
  it('records the review falling due on its day, and not before', () => {
    spec
      .given(histories.closed)
      .when(commands.markRetentionReviewDue({ at: '2032-07-14T23:00:00Z' }))
      .thenThrows('not-yet-due');
    spec.given(histories.closed).when(commands.markRetentionReviewDue()).then([events.retentionReviewDue()]);
    const state = spec.given(histories.closed).when(commands.markRetentionReviewDue()).state();
    expect(state.retention).toEqual({ dueOn: '2032-07-15', due: true });
  });

  it('records nothing twice, on an erased case, or on a case with no review scheduled', () => {
    spec
      .given([...histories.closed, events.retentionReviewDue()])
      .when(commands.markRetentionReviewDue())
      .thenNothing();
    spec
      .given([...histories.closed, events.erasureDecided(), events.erased()])
      .when(commands.markRetentionReviewDue())
      .thenNothing();
    spec.given(histories.supported).when(commands.markRetentionReviewDue()).thenNothing();
  });

  it('does not make a command decided before it stale (bookkeeping)', () => {
    expect(isBookkeeping('RetentionReviewDue')).toBe(true);
    expect(isBookkeeping('ConsentDueAgain')).toBe(false);
  });
});

describe('erasure as a reasoned decision', () => {
  it('keeps the reason and grounds as anonymous facts a statistics reader can tell apart', () => {
    const inError = { reason: 'recorded-in-error', grounds: 'duplicate-referral' } as const;
    const decision = decider.decide(commands.erase(inError), fold(decider, histories.supported.map(recorded)));
    if (!decision.ok) expect.fail(decision.error.code);
    const [decided, erased] = decision.events;
    expect(decided).toEqual({ type: 'ErasureDecided', data: { ...inError, caseOpen: true } });
    expect(erased).toEqual({ type: 'PersonalDataErased', data: { reason: 'recorded-in-error' } });
    expect(decided?.personal).toBeUndefined();
    expect(erased?.personal).toBeUndefined();
  });

  it('clears the day consent falls due again, which comes from the date of birth', () => {
    const history = [...histories.consented, events.consentDueAgainDateSet()];
    const inError = { reason: 'recorded-in-error', grounds: 'wrong-person' } as const;
    const state = spec.given(history).when(commands.erase(inError)).state();
    expect(state.consent.dueAgainOn).toBeNull();
    // A rebuild after the key is destroyed reads the same.
    const stored = [...history.map(recorded)].map((event) =>
      event.personal === undefined ? event : { ...event, personal: ERASED },
    ) as RecordedEvent[];
    const rebuilt = fold(decider, [
      ...stored,
      recorded(happenedAt('2025-02-01T00:00:00Z', events.erasureDecided()), stored.length),
      recorded(events.erased(), stored.length + 1),
    ]);
    expect(rebuilt.consent.dueAgainOn).toBeNull();
  });
});
