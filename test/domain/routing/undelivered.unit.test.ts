import { describe, expect, it } from 'vitest';
import { undeliveredDestinations } from '../../../domain/routing/undelivered.js';
import { defaultTriagePolicy } from '../../../domain/triage/triage-policy.js';
import { loadGeography } from '../../../functions/geography/load-geography.js';
import { routingCommandFor } from '../../../functions/router/routing-command.js';
import { ReferralHistory, submitReferral } from '../../functions/router/referral-history.js';

const ROUTED_AT = '2026-01-05T09:01:00Z';

function routed() {
  const history = new ReferralHistory('referral-abc123def456');
  const [submitted] = history.run(submitReferral('CV1 5FB'));
  const [routedEvent] = history.run(
    routingCommandFor(submitted!, history.events, history.state, loadGeography(), ROUTED_AT)!,
  );
  return { history, routedVersion: routedEvent!.version };
}

const system = { organisation: 'system', user: 'delivery', role: 'system' } as const;

describe('undelivered destinations', () => {
  it('lists none before the delivery window (60 minutes by default) has passed', () => {
    const { history } = routed();
    expect(defaultTriagePolicy.deliveryConfirmationMinutes).toBe(60);
    expect(undeliveredDestinations(history.state, ROUTED_AT, '2026-01-05T10:00:59Z', defaultTriagePolicy)).toEqual([]);
  });

  it('lists every destination without a delivery once the window has passed, with when it was due', () => {
    const { history, routedVersion } = routed();
    history.run({
      type: 'RecordDelivery',
      at: '2026-01-05T09:02:00Z',
      actor: system,
      destinationId: 'police:E23000014',
      routedVersion,
      messageId: 'm-1',
      receivedAt: '2026-01-05T09:02:00Z',
    });
    expect(undeliveredDestinations(history.state, ROUTED_AT, '2026-01-05T10:01:00Z', defaultTriagePolicy)).toEqual([
      { destinationId: 'la:E08000026', routedVersion, dueBy: '2026-01-05T10:01:00.000Z', alreadyMarkedOverdue: false },
    ]);
  });

  it('follows a configured window and says when the overdue mark is already recorded', () => {
    const { history, routedVersion } = routed();
    const policy = { deliveryConfirmationMinutes: 5 };
    expect(undeliveredDestinations(history.state, ROUTED_AT, '2026-01-05T09:05:59Z', policy)).toEqual([]);
    history.run({
      type: 'MarkDeliveryOverdue',
      at: '2026-01-05T09:07:00Z',
      actor: system,
      destinationId: 'la:E08000026',
      routedVersion,
      dueBy: '2026-01-05T09:06:00.000Z',
    });
    const undelivered = undeliveredDestinations(history.state, ROUTED_AT, '2026-01-05T09:07:00Z', policy);
    expect(undelivered.map((u) => [u.destinationId, u.alreadyMarkedOverdue])).toEqual([
      ['police:E23000014', false],
      ['la:E08000026', true],
    ]);
  });

  it('lists none for a referral not yet routed, or waiting to be routed again after a transfer', () => {
    const history = new ReferralHistory('referral-abc123def456');
    history.run(submitReferral('CV1 5FB'));
    expect(undeliveredDestinations(history.state, ROUTED_AT, '2026-02-01T00:00:00Z', defaultTriagePolicy)).toEqual([]);
    const { history: moved } = routed();
    moved.run({
      type: 'TransferReferral',
      at: '2026-01-05T09:30:00Z',
      actor: { organisation: 'police:E23000014', user: 'o', role: 'police-prevent-officer' },
      reason: 'person-moved',
      personal: { address: 'x', postcode: 'WS13 6YY' },
    });
    expect(undeliveredDestinations(moved.state, ROUTED_AT, '2026-02-01T00:00:00Z', defaultTriagePolicy)).toEqual([]);
  });
});
