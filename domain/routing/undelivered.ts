// Which destinations of a referral's latest routing have not confirmed delivery within the
// delivery window (the triage policy's `deliveryConfirmationMinutes`, 60 by default). The timers
// append DeliveryOverdue for each of them; views show them as overdue. Pure: time comes in.
import { type ReferralState } from '../referral/state.js';
import { sharingOf } from '../referral/sharing.js';
import { type TriagePolicy } from '../triage/triage-policy.js';

export type DeliveryWindow = Pick<TriagePolicy, 'deliveryConfirmationMinutes'>;

export interface UndeliveredDestination {
  destinationId: string;
  /** The version of the ReferralRouted event whose delivery is missing. */
  routedVersion: number;
  /** When delivery was due: the routing time plus the delivery window (ISO 8601, UTC). */
  dueBy: string;
  /** Whether a DeliveryOverdue has already been recorded for this routing. */
  alreadyMarkedOverdue: boolean;
}

const MINUTE_MS = 60_000;

/**
 * The current destinations that have not confirmed the latest routing and whose delivery was due
 * at or before `now`. `routedAt` is when the latest ReferralRouted occurred (its envelope's
 * `occurredAt`); the referral state keeps the routed version but not the time.
 */
export function undeliveredDestinations(
  state: ReferralState,
  routedAt: string,
  now: string,
  policy: DeliveryWindow,
): UndeliveredDestination[] {
  const routedVersion = state.routing?.routedVersion ?? null;
  if (routedVersion === null || state.erased || state.closure !== null) return [];
  const routedAtMs = Date.parse(routedAt);
  const nowMs = Date.parse(now);
  if (Number.isNaN(routedAtMs) || Number.isNaN(nowMs))
    throw new RangeError('routedAt and now must be ISO 8601 date-times');
  const dueByMs = routedAtMs + policy.deliveryConfirmationMinutes * MINUTE_MS;
  if (nowMs < dueByMs) return [];
  const dueBy = new Date(dueByMs).toISOString();
  return state.currentDestinations.flatMap((destinationId) => {
    const delivery = state.deliveries[destinationId];
    const current = delivery !== undefined && delivery.routedVersion === routedVersion;
    if (current && delivery.delivered) return [];
    return [{ destinationId, routedVersion, dueBy, alreadyMarkedOverdue: current && delivery.overdue }];
  });
}

export interface UndeliveredShare {
  destinationId: string;
  /** The version of the ReferralShared event whose delivery is missing. */
  sharedVersion: number;
  /** When delivery was due: the share's time plus the delivery window (ISO 8601, UTC). */
  dueBy: string;
}

/**
 * The shares (decision 0016, part 1) still waiting for their delivery confirmation, with the
 * instant each was due: the share's time plus the same delivery window as a routing. Only to
 * destinations that still hold the case, not confirmed and not already marked overdue; none on a
 * closed or erased case, nor for a share folded before its time was kept.
 */
export function outstandingShares(state: ReferralState, policy: DeliveryWindow): UndeliveredShare[] {
  if (state.erased || state.closure !== null) return [];
  const sharing = sharingOf(state);
  const sharedAt = sharing.sharedAt ?? {};
  const overdue = sharing.overdueShares ?? [];
  return sharing.sharedTo.flatMap((key) => {
    if (sharing.confirmedShares.includes(key) || overdue.includes(key)) return [];
    const separator = key.indexOf(':');
    const version = key.slice(0, separator);
    const destinationId = key.slice(separator + 1);
    const at = sharedAt[version];
    if (at === undefined || !state.currentDestinations.includes(destinationId)) return [];
    const dueBy = new Date(Date.parse(at) + policy.deliveryConfirmationMinutes * MINUTE_MS).toISOString();
    return [{ destinationId, sharedVersion: Number(version), dueBy }];
  });
}

/** The outstanding shares whose delivery was due at or before `now`: the timers mark each overdue. */
export function undeliveredShares(state: ReferralState, now: string, policy: DeliveryWindow): UndeliveredShare[] {
  const nowMs = Date.parse(now);
  if (Number.isNaN(nowMs)) throw new RangeError('now must be an ISO 8601 date-time');
  return outstandingShares(state, policy).filter((share) => Date.parse(share.dueBy) <= nowMs);
}
