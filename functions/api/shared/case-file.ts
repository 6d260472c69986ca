// A referral as the API reads it: its stream from the store, folded by the referral decider,
// with its version (the ETag) and the facts the access policy needs. Access is decided on the
// stream itself, never on a projection that may lag behind a transfer.
import { type RecordedEvent } from '../../../events/catalogue.js';
import { type CaseAccessFacts } from '../../../domain/access/index.js';
import { type ReferralDecider } from '../../../domain/referral/decider.js';
import { type ReferralState, regionsHolding } from '../../../domain/referral/state.js';
import { sharingOf } from '../../../domain/referral/sharing.js';
import { type EventStore } from '../../event-store/event-store.js';
import { referralIdOf, referralStreamId } from '../../../domain/referral/stream-id.js';

export interface CaseFile {
  streamId: string;
  history: RecordedEvent[];
  state: ReferralState;
  version: number;
  /** Null when the referral does not exist (answered exactly like one the viewer may not see). */
  facts: CaseAccessFacts | null;
}

/** Who submitted the referral: the actor of its first event. */
export function accessFactsOf(history: readonly RecordedEvent[], state: ReferralState): CaseAccessFacts | null {
  const first = history[0];
  if (!first || first.type !== 'ReferralSubmitted') return null;
  return {
    currentDestinations: state.currentDestinations,
    awaitingSharing: sharingOf(state).withheld,
    submittedBy: { organisation: first.actor.organisation, user: first.actor.user },
    regions: regionsHolding(state),
    ...referrerLinkFacts(first.streamId, state),
  };
}

/** What a referrer's link is checked against: the referral's id and its questions to the referrer. */
export function referrerLinkFacts(
  streamId: string,
  state: ReferralState,
): Pick<CaseAccessFacts, 'referralId' | 'referrerQuestions'> {
  const referralId = referralIdOf(streamId);
  return {
    ...(referralId !== null ? { referralId } : {}),
    referrerQuestions: { asked: state.moreInformation.requests, awaitingAnswer: state.moreInformation.awaitingAnswer },
  };
}

export async function loadCaseFile(
  deps: { store: Pick<EventStore, 'read'>; decider: Pick<ReferralDecider, 'initialState' | 'evolve'> },
  referralId: string,
): Promise<CaseFile> {
  const streamId = referralStreamId(referralId);
  const history = await deps.store.read(streamId);
  const state = history.reduce((folded, event) => deps.decider.evolve(folded, event), deps.decider.initialState);
  return { streamId, history, state, version: history.at(-1)?.version ?? 0, facts: accessFactsOf(history, state) };
}
