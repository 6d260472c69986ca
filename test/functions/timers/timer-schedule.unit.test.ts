// The timers a case record keeps for consent sought again and for the retention review: derived
// from the projected record alone, gone once the fact is recorded, and gone on erasure.
import { describe, expect, it } from 'vitest';
import { type DomainEvent } from '../../../events/catalogue.js';
import { defaultTriagePolicy } from '../../../domain/triage/index.js';
import { type CaseRecord, stepCase } from '../../../functions/projector/case-record.js';
import { timersOf } from '../../../functions/timers/timer-schedule.js';
import { events, histories, recorded } from '../../domain/referral/referral-fixtures.js';

function recordOf(history: DomainEvent[]): CaseRecord {
  let record: CaseRecord | undefined;
  history.forEach((event, index) => {
    const step = stepCase(record, recorded(event, index));
    if (step.status !== 'applied') throw new Error(`step ${index} was ${step.status}`);
    record = step.record;
  });
  return record as CaseRecord;
}

const kindsOf = (history: DomainEvent[]) =>
  timersOf(recordOf(history), defaultTriagePolicy).map(({ kind, dueAt }) => [kind, dueAt]);

describe('the consent-due-again timer', () => {
  const consented = [...histories.consented, events.consentDueAgainDateSet()];

  it("runs from a parent's consent to the day the person comes of age", () => {
    expect(kindsOf(consented)).toContainEqual(['consent-due-again', '2028-03-15T00:00:00.000Z']);
  });

  it('stops once consent is sought again, once the person left Channel, and on erasure', () => {
    const none = (history: DomainEvent[]) =>
      expect(kindsOf(history).filter(([kind]) => kind === 'consent-due-again')).toEqual([]);
    none([...consented, events.consentDueAgain()]);
    none([...histories.leftChannel.slice(0, 6), events.consentDueAgainDateSet(), ...histories.leftChannel.slice(6)]);
    none([...consented, events.erasureDecided(), events.erased()]);
  });

  it('keeps the day out of the record once erased', () => {
    const record = recordOf([...consented, events.erasureDecided(), events.erased()]);
    expect(record.state.consent.dueAgainOn).toBeNull();
    expect(JSON.stringify(record)).not.toContain('2028-03-15');
  });
});

describe('the retention-review timer', () => {
  it('is the only timer of a closed case, until the review falls due', () => {
    expect(kindsOf(histories.closed)).toEqual([['retention-review-due', '2032-07-15T00:00:00.000Z']]);
    expect(kindsOf([...histories.closed, events.retentionReviewDue()])).toEqual([]);
  });

  it('is gone on erasure, and absent for a case closed before reviews were scheduled', () => {
    expect(kindsOf([...histories.closed, events.erasureDecided(), events.erased()])).toEqual([]);
    expect(kindsOf(histories.closed.slice(0, -1))).toEqual([]);
  });
});

describe('the shared-delivery-overdue timer (a share has a delivery deadline, like a routing)', () => {
  const coventry = 'la:E08000026';
  const shared = [
    events.submitted(),
    events.routed(),
    events.sharingDeferred({ data: { destinationIds: [coventry], typesOfConcern: ['extreme-right-wing'] } }),
    events.gatewayDeadline(),
    events.gatewayStarted(),
    events.deconflicted(),
    events.gatewayCompleted(),
    events.shared(),
  ];
  const sharedVersion = shared.length;
  const sharedAt = recorded(shared.at(-1)!, shared.length - 1).occurredAt;
  const due = new Date(Date.parse(sharedAt) + defaultTriagePolicy.deliveryConfirmationMinutes * 60_000).toISOString();
  const sharedTimers = (history: DomainEvent[]) =>
    kindsOf(history).filter(([kind]) => kind === 'shared-delivery-overdue');

  it('runs from the share for the delivery window', () => {
    expect(sharedTimers(shared)).toEqual([['shared-delivery-overdue', due]]);
  });

  it('stops once the share is confirmed, once it is marked overdue, and on closure', () => {
    expect(sharedTimers([...shared, events.sharedDelivered({ data: { sharedVersion } })])).toEqual([]);
    expect(
      sharedTimers([
        ...shared,
        events.sharedDeliveryOverdue({ data: { sharedVersion, destinationId: coventry, dueBy: due } }),
      ]),
    ).toEqual([]);
    expect(sharedTimers([...shared, events.closed({ data: { outcome: 'no-further-action' } })])).toEqual([]);
  });
});
