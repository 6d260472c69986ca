// Which deliveries a referral has had confirmed, across all its routings. States folded before
// this was kept (case records stored by the projector) read as having none, and refill as their
// events are replayed.
import { type ReferralState } from './state.js';

export function deliveryKey(routedVersion: number, destinationId: string): string {
  return `${routedVersion}:${destinationId}`;
}

export function confirmedDeliveriesOf(state: ReferralState): string[] {
  return (state as Partial<ReferralState>).confirmedDeliveries ?? [];
}

export function deliveryConfirmed(state: ReferralState, routedVersion: number, destinationId: string): boolean {
  return confirmedDeliveriesOf(state).includes(deliveryKey(routedVersion, destinationId));
}

export function routedToOf(state: ReferralState): string[] {
  return (state as Partial<ReferralState>).routedTo ?? [];
}

/**
 * Was this organisation a destination of that routing? Exactly, when the state was folded from
 * stored events (versions known); otherwise, was it ever a destination (now, or before it moved on).
 */
export function destinationOfRouting(state: ReferralState, routedVersion: number, destinationId: string): boolean {
  if (state.routing?.routedVersion != null)
    return routedToOf(state).includes(deliveryKey(routedVersion, destinationId));
  return state.currentDestinations.includes(destinationId) || state.formerDestinations.includes(destinationId);
}

/** A closed or erased case: facts about its past are still recorded, but nothing new is asked of anyone. */
export function settled(state: ReferralState): boolean {
  return state.erased || state.closure !== null;
}
