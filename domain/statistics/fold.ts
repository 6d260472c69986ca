// Folding recorded events into the statistics, exactly once per event. Two layers:
// - `stepStatistics`: one referral's profile and one event -> the new profile and the
//   counter deltas. Pure, and what the projector uses with a stored profile (the profile's
//   version is the stream's checkpoint, written in the same transaction as the deltas).
// - `foldStatistics`: the same over a whole in-memory model (tests, rebuilds, the bench).
import { type EventType, type RecordedEvent } from '../../events/index.js';
import { type CounterDelta, type StatisticsCounters, applyDeltas, deltasBetween, emptyCounters } from './counters.js';
import { type StatisticalProfile, evolveProfile, startProfile } from './statistical-profile.js';

export type StatisticsStep =
  /** The event was new: the profile moved on and the deltas (possibly none) must be applied. */
  | { status: 'applied'; profile: StatisticalProfile; deltas: CounterDelta[] }
  /** Seen before (a retry or a redelivery): nothing to apply. */
  | { status: 'duplicate' }
  /** An earlier event of the stream has not been folded yet: fold from `expectedVersion` first. */
  | { status: 'gap'; expectedVersion: number };

export class StatisticsStreamError extends Error {
  constructor(
    readonly streamId: string,
    message: string,
  ) {
    super(`stream ${streamId}: ${message}`);
    this.name = 'StatisticsStreamError';
  }
}

/** Event types that can move a referral between cells; the others only advance the checkpoint. */
export const countedTypes: ReadonlySet<EventType> = new Set<EventType>([
  'ReferralRouted',
  'GatewayAssessmentCompleted',
  'PanelDecisionRecorded',
  'LeftChannel',
  'ReferralClosed',
  'PersonalDataErased',
  'AgeCorrected',
]);

export function stepStatistics(profile: StatisticalProfile | undefined, event: RecordedEvent): StatisticsStep {
  const checkpoint = profile?.version ?? 0;
  if (event.version <= checkpoint) return { status: 'duplicate' };
  if (event.version > checkpoint + 1) return { status: 'gap', expectedVersion: checkpoint + 1 };
  if (!profile) {
    if (event.type !== 'ReferralSubmitted')
      throw new StatisticsStreamError(event.streamId, `the first event is ${event.type}, not ReferralSubmitted`);
    const started = startProfile(event);
    return { status: 'applied', profile: started, deltas: deltasBetween(undefined, started) };
  }
  if (event.streamId !== profile.streamId)
    throw new StatisticsStreamError(event.streamId, 'the event belongs to another stream than the profile');
  if (event.type === 'ReferralSubmitted')
    throw new StatisticsStreamError(event.streamId, `a second ReferralSubmitted at version ${event.version}`);
  const next = evolveProfile(profile, event);
  return { status: 'applied', profile: next, deltas: countedTypes.has(event.type) ? deltasBetween(profile, next) : [] };
}

/** Profiles by stream id and the counters they add up to. Plain JSON, owned by whoever folds into it. */
export interface StatisticsModel {
  profiles: Record<string, StatisticalProfile>;
  counters: StatisticsCounters;
}

export function emptyStatistics(): StatisticsModel {
  return { profiles: {}, counters: emptyCounters() };
}

/**
 * Folds one event into the model, in place (a copy per event would make a national replay
 * quadratic), and says what happened; a duplicate changes nothing, a gap is left for the
 * caller to fill.
 */
export function foldStatistics(model: StatisticsModel, event: RecordedEvent): StatisticsStep {
  const step = stepStatistics(model.profiles[event.streamId], event);
  if (step.status === 'applied') {
    model.profiles[event.streamId] = step.profile;
    applyDeltas(model.counters, step.deltas);
  }
  return step;
}
