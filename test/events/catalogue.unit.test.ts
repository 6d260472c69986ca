import { describe, expect, it } from 'vitest';
import {
  EventSchemaError,
  catalogue,
  eventTypes,
  validateEvent,
  validateRecordedPersonal,
} from '../../events/catalogue.js';
import { ERASED } from '../../events/envelope.js';
import { sampleEvents } from './sample-events.js';

/** A value no schema message could contain unless it echoed the input. */
const MARKER = 'Zebra-Marker-7731';

function schemaErrorOf(event: { type: string; data: unknown; personal?: unknown }): EventSchemaError {
  try {
    validateEvent(event);
  } catch (error) {
    if (error instanceof EventSchemaError) return error;
    throw error;
  }
  throw new Error(`${event.type} was accepted`);
}

describe('the event catalogue', () => {
  it('has an example for every event type, and nothing else', () => {
    expect(Object.keys(sampleEvents).sort()).toEqual([...eventTypes].sort());
    expect(eventTypes).toHaveLength(49);
  });

  it.each(eventTypes)('%s round-trips through its schema and through JSON', (type) => {
    const sample = sampleEvents[type];
    expect(validateEvent(sample)).toEqual(sample);
    expect(validateEvent(JSON.parse(JSON.stringify(sample)) as typeof sample)).toEqual(sample);
  });

  it.each(eventTypes)('%s keeps its personal part apart from its data', (type) => {
    const definition = catalogue[type];
    const sample = sampleEvents[type];
    expect(definition.personal === undefined).toBe(sample.personal === undefined);
    if (definition.personal === undefined) {
      expect(schemaErrorOf({ ...sample, personal: { note: 'x' } })).toMatchObject({ part: 'personal' });
    } else {
      expect(schemaErrorOf({ type, data: sample.data })).toMatchObject({ part: 'personal' });
    }
  });

  it('rejects an unknown event type', () => {
    const error = schemaErrorOf({ type: 'ReferralTeleported', data: {} });
    expect(error.part).toBe('type');
    expect(error.message).toBe('ReferralTeleported: type is not valid: not an event type of the catalogue');
  });

  it('rejects an unknown field of the data, naming it, without echoing its value', () => {
    const error = schemaErrorOf({ type: 'ReferralClosed', data: { outcome: 'signposted', colour: MARKER } });
    expect(error.part).toBe('data');
    expect(error.message).toBe('ReferralClosed: data is not valid: colour: is not a known field');
  });

  it('rejects an unknown field deep in the personal part, naming its path, without echoing its value', () => {
    const sample = sampleEvents.ReferralSubmitted;
    const personal = { ...sample.personal, person: { ...sample.personal.person, nickname: MARKER } };
    const error = schemaErrorOf({ ...sample, personal });
    expect(error.part).toBe('personal');
    expect(error.message).toContain('person.nickname: is not a known field');
    expect(error.message).not.toContain(MARKER);
  });

  it('rejects a wrong type in the data, naming the field, without echoing the value', () => {
    const sample = sampleEvents.ConsentRecorded;
    const error = schemaErrorOf({ ...sample, data: { ...sample.data, given: MARKER } });
    expect(error.message).toBe(
      'ConsentRecorded: data is not valid: given: Invalid input: expected boolean, received string',
    );
  });

  it('rejects a wrong value of a code list without echoing the value', () => {
    const sample = sampleEvents.GatewayAssessmentCompleted;
    const error = schemaErrorOf({ ...sample, data: { ...sample.data, confirmedConcernType: MARKER } });
    expect(error.message).toMatch(
      /^GatewayAssessmentCompleted: data is not valid: confirmedConcernType: Invalid option/,
    );
    expect(error.message).not.toContain(MARKER);
  });

  it('rejects personal data of the wrong shape without echoing any of it', () => {
    const sample = sampleEvents.ReferralSubmitted;
    const personal = {
      ...sample.personal,
      referrer: { ...sample.personal.referrer, email: MARKER },
      person: { ...sample.personal.person, dateOfBirth: MARKER, approximateAge: 130 },
    };
    const error = schemaErrorOf({ ...sample, personal });
    expect(error.part).toBe('personal');
    expect(error.message).toContain('referrer.email:');
    expect(error.message).toContain('person.dateOfBirth:');
    expect(error.message).toContain('person.approximateAge:');
    expect(error.message).not.toContain(MARKER);
    expect(error.message).not.toContain('130');
  });

  it('names a missing field', () => {
    const error = schemaErrorOf({ type: 'LeftChannel', data: { reason: 'other' } });
    expect(error.message).toBe(
      'LeftChannel: data is not valid: exitDate: Invalid input: expected string, received undefined',
    );
  });

  it('accepts the erased marker in place of a stored personal part, and nothing else that is wrong', () => {
    expect(validateRecordedPersonal('ConsentRecorded', ERASED)).toEqual({ erased: true });
    expect(validateRecordedPersonal('ConsentRecorded', sampleEvents.ConsentRecorded.personal)).toEqual(
      sampleEvents.ConsentRecorded.personal,
    );
    expect(validateRecordedPersonal('ReferralClosed', undefined)).toBeUndefined();
    expect(() => validateRecordedPersonal('ConsentRecorded', { erased: false })).toThrow(EventSchemaError);
  });
});
