// The referral decider as a case command runs it over HTTP: on the exact state the command is
// decided on, first the access policy (a caller who may not see the case learns nothing, not even
// its version), then the version the caller named in If-Match (stale only if the case changed
// since, not if a delivery confirmation or a deadline was recorded), then the referral's own rules.
// Pure; the command handler loads, retries on conflicts (where the version check then refuses)
// and appends.
import { type RecordedEvent } from '../../../events/catalogue.js';
import { type AccessDecision, type Action, type Viewer, decideAccess } from '../../../domain/access/index.js';
import { type ReferralCommand } from '../../../domain/referral/commands.js';
import { type ReferralDecider } from '../../../domain/referral/decider.js';
import { type ReferralError } from '../../../domain/referral/errors.js';
import { type ReferralState, regionsHolding } from '../../../domain/referral/state.js';
import { isBookkeeping } from '../../../domain/referral/bookkeeping.js';
import { sharingOf } from '../../../domain/referral/sharing.js';
import { type StreamDecider } from '../../command-handler/command-handler.js';
import { referrerLinkFacts } from './case-file.js';

export interface GuardedState {
  referral: ReferralState;
  version: number;
  /** The version of the last event that changed what the case says (not bookkeeping). */
  lastCaseChange: number;
  submittedBy: { organisation: string; user: string } | null;
  streamId: string | null;
}

export type GuardedRefusal =
  | { kind: 'access'; decision: Extract<AccessDecision, { allowed: false }> }
  | { kind: 'stale'; currentVersion: number }
  | { kind: 'referral'; error: ReferralError };

export function guardedReferralDecider(
  decider: ReferralDecider,
  /** `expectedVersion` 'any': no version check (the referrer's answer, which names its request instead). */
  guard: { viewer: Viewer; action: Action; expectedVersion: number | 'any' },
): StreamDecider<ReferralCommand, GuardedState, GuardedRefusal> {
  return {
    initialState: {
      referral: decider.initialState,
      version: 0,
      lastCaseChange: 0,
      submittedBy: null,
      streamId: null,
    },
    evolve(state, event: RecordedEvent) {
      return {
        referral: decider.evolve(state.referral, event),
        version: event.version,
        lastCaseChange: isBookkeeping(event.type) ? state.lastCaseChange : event.version,
        submittedBy:
          state.submittedBy ??
          (event.type === 'ReferralSubmitted'
            ? { organisation: event.actor.organisation, user: event.actor.user }
            : null),
        streamId: state.streamId ?? event.streamId,
      };
    },
    decide(command, state) {
      const caseFacts = state.submittedBy
        ? {
            currentDestinations: state.referral.currentDestinations,
            awaitingSharing: sharingOf(state.referral).withheld,
            submittedBy: state.submittedBy,
            regions: regionsHolding(state.referral),
            ...(state.streamId !== null ? referrerLinkFacts(state.streamId, state.referral) : {}),
          }
        : null;
      const access = decideAccess(guard.viewer, guard.action, { caseFacts });
      if (!access.allowed) return { ok: false, error: { kind: 'access', decision: access } };
      // Stale when the case changed after the version the caller saw; delivery confirmations and
      // deadlines recorded since (bookkeeping) do not change what the caller decided on.
      const expected = guard.expectedVersion;
      if (expected !== 'any' && (expected < state.lastCaseChange || expected > state.version)) {
        return { ok: false, error: { kind: 'stale', currentVersion: state.version } };
      }
      const decision = decider.decide(command, state.referral);
      return decision.ok ? decision : { ok: false, error: { kind: 'referral', error: decision.error } };
    },
  };
}
