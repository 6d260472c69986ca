// Builds a referral's stored history the way the store would return it: commands decided by the
// real referral decider, each resulting event stamped with an envelope (stream, version, times).
import { type DomainEvent, type RecordedEvent } from '../../../events/catalogue.js';
import { type ReferralCommand } from '../../../domain/referral/commands.js';
import { createReferralDecider } from '../../../domain/referral/decider.js';
import { type ReferralState } from '../../../domain/referral/state.js';
import { sampleEvents } from '../../events/sample-events.js';

export const decider = createReferralDecider();

export const referrerActor = { organisation: 'Coventry Academy', user: 'sam', role: 'referrer' } as const;

export class ReferralHistory {
  readonly events: RecordedEvent[] = [];
  state: ReferralState = decider.initialState;

  constructor(readonly streamId: string) {}

  /** Decides the command against the history and records what it decides; throws on refusal. */
  run(command: ReferralCommand): RecordedEvent[] {
    const decision = decider.decide(command, this.state);
    if (!decision.ok) throw new Error(`refused: ${decision.error.code} ${decision.error.message}`);
    return decision.events.map((event) => this.record(event, command.at));
  }

  record(event: DomainEvent, at: string): RecordedEvent {
    const version = this.events.length + 1;
    const recorded = {
      ...event,
      personal: event.personal,
      eventId: `${this.streamId}-e${version}`,
      streamId: this.streamId,
      version,
      schemaVersion: 1,
      occurredAt: at,
      recordedAt: at,
      actor: referrerActor,
      correlationId: `corr-${this.streamId}`,
      causationId: null,
      commandId: `cmd-${version}`,
    } as RecordedEvent;
    this.events.push(recorded);
    this.state = decider.evolve(this.state, recorded);
    return recorded;
  }

  stateAt(version: number): ReferralState {
    return this.events
      .filter((event) => event.version <= version)
      .reduce((state, event) => decider.evolve(state, event), decider.initialState);
  }
}

const submitted = sampleEvents.ReferralSubmitted;

/** A SubmitReferral command for a person living at `postcode`. */
export function submitReferral(
  postcode: string,
  options: {
    at?: string;
    immediateRisk?: boolean;
    vulnerabilitySupportHubRequested?: boolean;
    reference?: string;
    referralId?: string;
  } = {},
): ReferralCommand {
  const { ageBand: _ageBand, ...data } = submitted.data;
  return {
    type: 'SubmitReferral',
    referralId: options.referralId ?? 'abc123def456',
    at: options.at ?? '2026-01-05T09:00:00Z',
    actor: referrerActor,
    ...data,
    reference: options.reference ?? data.reference,
    immediateRisk: options.immediateRisk ?? false,
    vulnerabilitySupportHubRequested: options.vulnerabilitySupportHubRequested ?? false,
    personal: { ...submitted.personal, person: { ...submitted.personal.person, postcode } },
  };
}

/** Words from the sample referral's personal part that must never leave the service in a message or mail. */
export const personalWords = [
  submitted.personal.person.name,
  submitted.personal.referrer.name,
  submitted.personal.referrer.email,
  submitted.personal.person.address,
  submitted.personal.concern.description,
  submitted.personal.concern.howItCameToLight,
  'Example Street',
];
