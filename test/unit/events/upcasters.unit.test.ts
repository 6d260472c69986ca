import { describe, expect, it } from 'vitest';
import { EventSchemaError, validateEvent } from '../../../events/catalogue.js';
import { ReferralSubmittedV1 } from '../../../events/submission.js';
import { UpcastError, currentSchemaVersion, upcast } from '../../../events/upcasters.js';
import { sampleEvents } from './sample-events.js';

const current = sampleEvents.ReferralSubmitted;
const { suspectedConcernTypes: _list, ...sharedData } = current.data;

function storedV1(suspectedConcernType: string): { data: unknown; personal: unknown } {
  return { data: { ...sharedData, suspectedConcernType }, personal: current.personal };
}

describe('upcasting ReferralSubmitted from schema version 1 to 2', () => {
  it('is at schema version 2 now', () => {
    expect(currentSchemaVersion('ReferralSubmitted')).toBe(2);
  });

  it('turns the older category "school-massacre" into "fascination-with-extreme-violence"', () => {
    const v1 = storedV1('school-massacre');
    expect(ReferralSubmittedV1.data.safeParse(v1.data).success).toBe(true);
    const lifted = upcast('ReferralSubmitted', 1, v1);
    expect(lifted.data).toEqual({ ...sharedData, suspectedConcernTypes: ['fascination-with-extreme-violence'] });
    expect(validateEvent({ type: 'ReferralSubmitted', ...lifted })).toEqual({ ...current, data: lifted.data });
  });

  it('turns the single type of concern into a list of one, keeping every other fact and the personal part', () => {
    const lifted = upcast('ReferralSubmitted', 1, storedV1('islamist'));
    expect(lifted).toEqual({ data: { ...sharedData, suspectedConcernTypes: ['islamist'] }, personal: current.personal });
  });

  it('leaves an event already at the current version as it is', () => {
    const payload = { data: current.data, personal: current.personal };
    expect(upcast('ReferralSubmitted', 2, payload)).toBe(payload);
    expect(upcast('ReferralClosed', 1, { data: { outcome: 'signposted' }, personal: undefined })).toEqual({
      data: { outcome: 'signposted' },
      personal: undefined,
    });
  });

  it('refuses a version 1 payload that was not valid at version 1', () => {
    expect(() => upcast('ReferralSubmitted', 1, storedV1('Zebra-Marker-7731'))).toThrow(
      /^ReferralSubmitted: data is not valid: schema version 1: suspectedConcernType: Invalid input$/,
    );
    expect(() => upcast('ReferralSubmitted', 1, storedV1('Zebra-Marker-7731'))).not.toThrow(/Zebra-Marker/);
    const withBoth = { ...(storedV1('islamist').data as object), suspectedConcernTypes: ['islamist'] };
    expect(() => upcast('ReferralSubmitted', 1, { data: withBoth, personal: {} })).toThrow(EventSchemaError);
  });

  it('refuses a version it has no upcaster from, and a version newer than the catalogue', () => {
    expect(() => upcast('ReferralClosed', 0, { data: {}, personal: undefined })).toThrow(UpcastError);
    expect(() => upcast('ReferralSubmitted', 3, { data: {}, personal: undefined })).toThrow(UpcastError);
  });
});
