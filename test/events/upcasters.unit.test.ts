import { describe, expect, it } from 'vitest';
import { EventSchemaError, validateEvent } from '../../events/catalogue.js';
import { ReferralSubmittedV1 } from '../../events/submission.js';
import { UpcastError, currentSchemaVersion, upcast } from '../../events/upcasters.js';
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
    expect(lifted).toEqual({
      data: { ...sharedData, suspectedConcernTypes: ['islamist'] },
      personal: current.personal,
    });
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

describe('ReferralRouted at schema version 2: an explanation that names no postcode, and version 1 lifted to it', () => {
  const routed = sampleEvents.ReferralRouted;
  const withExplanation = (explanation: string[]) => ({ ...routed.data, explanation });
  const outwardOnly =
    'the postcode given could not be read: "CV1" is only the first half of a postcode: give the full postcode, for example CV1 2NJ';

  it('is at schema version 2', () => {
    expect(currentSchemaVersion('ReferralRouted')).toBe(2);
  });

  it.each([
    ['an outward code', [outwardOnly]],
    ['a full postcode', ['postcode CV1 5FB is in Coventry (E08000026)']],
    ['an outward code leading a step', ['CV1 is in Coventry (E08000026)']],
    ['a postcode area', ['postcode area BT is in Northern Ireland']],
  ])('refuses an explanation that names %s, without repeating it', (_what, explanation) => {
    const attempt = () =>
      validateEvent({ type: 'ReferralRouted', data: withExplanation(explanation), personal: routed.personal });
    expect(attempt).toThrow(EventSchemaError);
    expect(attempt).toThrow(/explanation\.0: /);
    expect(attempt).not.toThrow(/CV1|BT\b/);
  });

  it('accepts the districts, forces, regions and rule versions routing decided', () => {
    const explanation = [
      'the postcode given is in Cardiff (W06000015)',
      'Cardiff is policed by South Wales Police (W15000003)',
      'South Wales Police is in Counter Terrorism Policing Wales (CTP-WALES)',
      "the postcode's area is in Northern Ireland",
      'decided by routing rules 2026-11-22.1',
    ];
    expect(
      validateEvent({ type: 'ReferralRouted', data: withExplanation(explanation), personal: routed.personal }).data,
    ).toMatchObject({ explanation });
  });

  it('lifts version 1: the outward code, a postcode and a postcode area go, every other step and fact stays', () => {
    const v1 = {
      data: withExplanation([
        outwardOnly,
        'the postcode given could not be read: not in the format of a UK postcode, for example CV1 2NJ',
        'the postcode table has no local authority for postcode ZY1 1AA',
        'postcode area BT is in Northern Ireland',
        'CV1 is in Coventry (E08000026)',
        'no location in England and Wales could be found: held for the national triage team to pass on',
        'decided by routing rules 2026-11-22.1',
      ]),
      personal: routed.personal,
    };
    const lifted = upcast('ReferralRouted', 1, v1);
    expect(lifted).toEqual({
      data: withExplanation([
        'the postcode given could not be read: only the first half of a postcode was given',
        'the postcode given could not be read: not in the format of a UK postcode',
        'the postcode table has no local authority for the postcode given',
        "the postcode's area is in Northern Ireland",
        'the postcode given is in Coventry (E08000026)',
        'no location in England and Wales could be found: held for the national triage team to pass on',
        'decided by routing rules 2026-11-22.1',
      ]),
      personal: routed.personal,
    });
    expect(() => validateEvent({ type: 'ReferralRouted', ...lifted })).not.toThrow();
    expect(JSON.stringify(lifted.data)).not.toMatch(/CV1|ZY1|\bBT\b/);
  });

  it('refuses a version 1 payload that was not valid at version 1, without repeating it', () => {
    const invalid = { data: { ...routed.data, jurisdiction: 'CV1 5FB' }, personal: routed.personal };
    expect(() => upcast('ReferralRouted', 1, invalid)).toThrow(
      /^ReferralRouted: data is not valid: schema version 1: jurisdiction: /,
    );
    expect(() => upcast('ReferralRouted', 1, invalid)).not.toThrow(/CV1/);
  });
});

describe('a change to the directory recorded before reasons were asked for (schema version 1)', () => {
  it.each([
    [
      'OrganisationDetailsChanged',
      { organisationId: 'la:E07000195', mailbox: 'prevent@example.gov.uk', onboarded: true, changed: ['onboarded'] },
    ],
    ['OrganisationSharingPolicyChanged', { organisationId: 'la:E07000195', sharing: 'on-submission' }],
  ] as const)('%s reads with no reason, never an invented one', (type, data) => {
    const lifted = upcast(type, 1, { data, personal: undefined });
    expect(lifted.data).toEqual({ ...data, reason: null });
    expect(() => upcast(type, 1, { data: { ...data, reason: 'already there' }, personal: undefined })).toThrow(
      /schema version 1/,
    );
  });
});
