import { describe, expect, it } from 'vitest';
import { type RecordedEvent } from '../../../events/catalogue.js';
import { organisationHistory } from '../../../domain/organisation/history.js';

const admin = { organisation: 'platform', user: 'admin-1', role: 'administrator' } as const;

function recorded(version: number, commandId: string, event: Pick<RecordedEvent, 'type' | 'data'>): RecordedEvent {
  return {
    ...event,
    eventId: `e${version}`,
    streamId: 'organisation-la_E07000192',
    version,
    schemaVersion: 2,
    occurredAt: `2026-0${version}-01T10:00:00.000Z`,
    recordedAt: `2026-0${version}-01T10:00:00.000Z`,
    actor: admin,
    commandId,
    correlationId: 'c',
  } as RecordedEvent;
}

describe("an organisation's history in the directory", () => {
  it('lists each change newest first, from what to what, with who and why; one command is one entry', () => {
    const events = [
      recorded(1, 'onboard', {
        type: 'OrganisationDetailsChanged',
        data: {
          organisationId: 'la:E07000192',
          mailbox: 'prevent@cannock.example.gov.uk',
          onboarded: true,
          changed: ['mailbox', 'onboarded'],
          reason: 'Joins from 1 April',
        },
      }),
      recorded(2, 'onboard', {
        type: 'OrganisationSharingPolicyChanged',
        data: { organisationId: 'la:E07000192', sharing: 'on-submission', reason: 'Joins from 1 April' },
      }),
      recorded(3, 'old', {
        type: 'OrganisationSharingPolicyChanged',
        data: { organisationId: 'la:E07000192', sharing: 'after-deconfliction', reason: null },
      }),
    ];
    const history = organisationHistory(
      events,
      { mailbox: 'prevent-team.e07000192@mailbox.invalid', onboarded: false, sharing: 'after-deconfliction' },
      (event) => event.commandId,
    );
    expect(history).toEqual([
      {
        version: 3,
        at: '2026-03-01T10:00:00.000Z',
        actor: admin,
        changes: [{ field: 'sharing', from: 'on-submission', to: 'after-deconfliction' }],
        reason: null,
      },
      {
        version: 2,
        at: '2026-01-01T10:00:00.000Z',
        actor: admin,
        changes: [
          { field: 'mailbox', from: 'prevent-team.e07000192@mailbox.invalid', to: 'prevent@cannock.example.gov.uk' },
          { field: 'onboarded', from: false, to: true },
          { field: 'sharing', from: 'after-deconfliction', to: 'on-submission' },
        ],
        reason: 'Joins from 1 April',
      },
    ]);
  });
});
