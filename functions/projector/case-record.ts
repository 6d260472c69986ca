// What the case projection keeps per referral: the decider's state folded so far (without the
// personal age basis), the stream checkpoint, and the few envelope facts the read models need
// that the state does not keep (when it was submitted, routed, referred on; who submitted it).
// Stepping it is pure, so a live projection and a rebuild produce the same record.
import * as z from 'zod';
import { NamedArea, type RecordedEvent } from '../../events/index.js';
import { type ReferralState, createReferralDecider, initialReferralState } from '../../domain/referral/index.js';

const decider = createReferralDecider();

export const CaseRecord = z.object({
  streamId: z.string(),
  /** The last version of the stream folded in: the per-stream checkpoint. */
  checkpoint: z.number().int().positive(),
  /** The decider's state with `ageBasis` removed (it is personal). Stored as JSON text. */
  state: z.custom<ReferralState>(
    (value) => typeof value === 'object' && value !== null && 'status' in value && 'currentDestinations' in value,
  ),
  submittedBy: z.object({ organisation: z.string(), user: z.string() }),
  submittedAt: z.string(),
  localAuthority: NamedArea.nullable(),
  policeForce: NamedArea.nullable(),
  routedAt: z.string().nullable(),
  hubRequestedAt: z.string().nullable(),
  referredToChannelAt: z.string().nullable(),
  /**
   * The person's blind index (keyed HMAC of name and date of birth), derived from personal data:
   * cleared by erasure, as a rebuild after erasure (the submission's personal part unreadable)
   * would never have it.
   */
  personHmac: z.string().nullable(),
});
export type CaseRecord = z.infer<typeof CaseRecord>;

export type CaseStep =
  { status: 'applied'; record: CaseRecord } | { status: 'duplicate' } | { status: 'gap'; expectedVersion: number };

export class CaseStreamError extends Error {
  constructor(
    readonly streamId: string,
    message: string,
  ) {
    super(`stream ${streamId}: ${message}`);
    this.name = 'CaseStreamError';
  }
}

/**
 * The state without what is personal: the age basis always; once erased, also the referrer's
 * organisation (free text that a member of the public may fill with a name or a relationship;
 * the sector, an anonymous category, stays). Erasure is the last event folded that changes them,
 * so a rebuild ends with the same record.
 */
function withoutPersonal(state: ReferralState): ReferralState {
  const organisation = state.erased ? null : state.referrerOrganisation;
  return state.ageBasis === null && organisation === state.referrerOrganisation
    ? state
    : { ...state, ageBasis: null, referrerOrganisation: organisation };
}

/**
 * The record after one more event of its stream: `duplicate` at or below the checkpoint, `gap`
 * when an earlier event is missing. `personHmac` is the blind index of the person, computed by
 * the caller for a ReferralSubmitted whose personal part is readable (null otherwise).
 */
export function stepCase(
  previous: CaseRecord | undefined,
  event: RecordedEvent,
  personHmac: string | null = null,
): CaseStep {
  const checkpoint = previous?.checkpoint ?? 0;
  if (event.version <= checkpoint) return { status: 'duplicate' };
  if (event.version > checkpoint + 1) return { status: 'gap', expectedVersion: checkpoint + 1 };
  if (!previous) {
    if (event.type !== 'ReferralSubmitted')
      throw new CaseStreamError(event.streamId, `the first event is ${event.type}, not ReferralSubmitted`);
    return {
      status: 'applied',
      record: {
        streamId: event.streamId,
        checkpoint: event.version,
        state: withoutPersonal(decider.evolve(initialReferralState, event)),
        submittedBy: { organisation: event.actor.organisation, user: event.actor.user },
        submittedAt: event.occurredAt,
        localAuthority: null,
        policeForce: null,
        routedAt: null,
        hubRequestedAt: null,
        referredToChannelAt: null,
        personHmac,
      },
    };
  }
  if (event.streamId !== previous.streamId)
    throw new CaseStreamError(event.streamId, 'the event belongs to another stream than the record');
  if (event.type === 'ReferralSubmitted')
    throw new CaseStreamError(event.streamId, `a second ReferralSubmitted at version ${event.version}`);
  const record: CaseRecord = {
    ...previous,
    checkpoint: event.version,
    state: withoutPersonal(decider.evolve(previous.state, event)),
  };
  switch (event.type) {
    case 'ReferralRouted':
      return {
        status: 'applied',
        record: {
          ...record,
          routedAt: event.occurredAt,
          localAuthority: event.data.localAuthority,
          policeForce: event.data.policeForce,
        },
      };
    case 'HubAssessmentRequested':
      return { status: 'applied', record: { ...record, hubRequestedAt: event.occurredAt } };
    case 'PersonalDataErased':
      return { status: 'applied', record: { ...record, personHmac: null } };
    case 'GatewayAssessmentCompleted':
      return event.data.outcome === 'referred-to-channel'
        ? { status: 'applied', record: { ...record, referredToChannelAt: event.occurredAt } }
        : { status: 'applied', record };
    default:
      return { status: 'applied', record };
  }
}
