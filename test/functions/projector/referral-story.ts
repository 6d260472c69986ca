// Stored events of one referral, told step by step, for projection specifications: each step
// gets the next version and a time a few minutes after the previous one (or the time given).
import {
  type Actor,
  type DomainEvent,
  type EventType,
  type RecordedEvent,
  validateEvent,
} from '../../../events/index.js';
import { sampleEvents } from '../../events/sample-events.js';

export const storyActors = {
  referrer: { organisation: 'Coventry Academy', user: 'sam.referrer', role: 'referrer' },
  police: { organisation: 'police:E23000014', user: 'po.1234', role: 'police-prevent-officer' },
  chair: { organisation: 'la:E08000026', user: 'panel.chair', role: 'channel-chair' },
  system: { organisation: 'prevent-referral-routing', user: 'router', role: 'system' },
} satisfies Record<string, Actor>;

/** The routing data of a referral in Lichfield: Staffordshire Police and Lichfield District Council. */
export const lichfieldRouting = {
  localAuthority: { code: 'E07000194', name: 'Lichfield' },
  policeForce: { code: 'E23000015', name: 'Staffordshire Police' },
  destinations: [
    { kind: 'police-prevent-hub' as const, id: 'police:E23000015', name: 'Staffordshire Police Prevent hub' },
    {
      kind: 'local-authority-prevent-team' as const,
      id: 'la:E07000194',
      name: 'Lichfield District Council Prevent team',
    },
  ],
};
export const STAFFORDSHIRE_POLICE = 'police:E23000015';

type Overrides<T extends EventType> = {
  data?: Partial<DomainEvent<T>['data']>;
  personal?: Partial<NonNullable<DomainEvent<T>['personal']>>;
};

/** The catalogue's sample of an event type with fields replaced, checked against the catalogue. */
export function eventLike<T extends EventType>(type: T, overrides: Overrides<T> = {}): DomainEvent<T> {
  const sample = sampleEvents[type] as DomainEvent;
  const event = { type, data: { ...sample.data, ...overrides.data } } as DomainEvent;
  const full =
    sample.personal === undefined
      ? event
      : ({ ...event, personal: { ...sample.personal, ...overrides.personal } } as DomainEvent);
  return validateEvent(full) as DomainEvent<T>;
}

export interface ReferralStory {
  streamId: string;
  events: RecordedEvent[];
  /** Adds the next event of the stream. */
  then(event: DomainEvent, options?: { at?: string; actor?: Actor }): ReferralStory;
}

export function referralStory(streamId: string, startAt = '2025-01-06T09:00:00.000Z'): ReferralStory {
  const events: RecordedEvent[] = [];
  let at = Date.parse(startAt);
  const story: ReferralStory = {
    streamId,
    events,
    then(event, options = {}) {
      at = options.at ? Date.parse(options.at) : events.length === 0 ? at : at + 5 * 60_000;
      const version = events.length + 1;
      const occurredAt = new Date(at).toISOString();
      const actor =
        options.actor ??
        (event.type === 'ReferralSubmitted'
          ? storyActors.referrer
          : event.type.startsWith('Referral')
            ? storyActors.system
            : storyActors.police);
      events.push({
        eventId: `${streamId}-${version}`,
        streamId,
        version,
        type: event.type,
        schemaVersion: event.type === 'ReferralSubmitted' ? 2 : 1,
        occurredAt,
        recordedAt: occurredAt,
        actor,
        correlationId: streamId,
        causationId: null,
        commandId: `${streamId}-command-${version}`,
        data: event.data,
        personal: event.personal,
      } as RecordedEvent);
      return story;
    },
  };
  return story;
}

/**
 * Generated streams whose submissions name one of `people` synthetic people (`Person 0`, ...)
 * born on the date given, so the person index has entries; an erased personal part stays erased.
 */
export function withPeople(
  streams: readonly (readonly RecordedEvent[])[],
  options: { people: number; dateOfBirth: string },
): RecordedEvent[][] {
  const sample = eventLike('ReferralSubmitted').personal;
  return streams.map((stream, i) =>
    stream.map((event) =>
      event.type === 'ReferralSubmitted' && !('erased' in (event.personal as object))
        ? ({
            ...event,
            personal: {
              ...sample,
              person: { ...sample.person, name: `Person ${i % options.people}`, dateOfBirth: options.dateOfBirth },
            },
          } as RecordedEvent)
        : event,
    ),
  );
}

/** Submitted, routed to West Midlands Police and Coventry, delivered to both, gateway assessment started. */
export function submittedAndRouted(
  streamId: string,
  options: { reference: string; person?: { name: string; dateOfBirth?: string }; startAt?: string },
): ReferralStory {
  const sample = sampleEvents.ReferralSubmitted.personal;
  return referralStory(streamId, options.startAt)
    .then(
      eventLike('ReferralSubmitted', {
        data: { reference: options.reference },
        personal: { person: { ...sample.person, ...options.person } },
      }),
    )
    .then(eventLike('ReferralRouted'))
    .then(eventLike('ReferralDelivered', { data: { destinationId: 'police:E23000014', routedVersion: 2 } }))
    .then(eventLike('ReferralDelivered', { data: { destinationId: 'la:E08000026', routedVersion: 2 } }));
}
