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

  it("shows a region's gateway assessor and a council's Channel panel, each from what to what", () => {
    const panel = {
      arrangement: 'own' as const,
      jointWith: [],
      chairRole: 'Head of Community Safety',
      mailbox: 'channel@cannock.example.gov.uk',
    };
    const region = organisationHistory(
      [
        recorded(1, 'a', {
          type: 'RegionalAssessmentChanged',
          data: { organisationId: 'ctp:CTP-WM', assessedBy: 'regional-hub', reason: 'Assessed centrally' },
        }),
        recorded(2, 'b', {
          type: 'RegionalAssessmentChanged',
          data: { organisationId: 'ctp:CTP-WM', assessedBy: 'force', reason: 'Back to the forces' },
        }),
      ],
      { mailbox: 'ctp@mailbox.invalid', onboarded: false, sharing: 'on-submission' },
      (event) => event.commandId,
    );
    expect(region.map((entry) => [entry.changes, entry.reason])).toEqual([
      [[{ field: 'assessedBy', from: 'regional-hub', to: 'force' }], 'Back to the forces'],
      [[{ field: 'assessedBy', from: 'force', to: 'regional-hub' }], 'Assessed centrally'],
    ]);
    const council = organisationHistory(
      [
        recorded(1, 'a', {
          type: 'ChannelPanelChanged',
          data: { organisationId: 'la:E07000192', panel, reason: 'Panel recorded' },
        }),
      ],
      { mailbox: 'x@mailbox.invalid', onboarded: true, sharing: 'after-deconfliction' },
      (event) => event.commandId,
    );
    expect(council[0]?.changes).toEqual([{ field: 'channelPanel', from: null, to: panel }]);
  });
});
