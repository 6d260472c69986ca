import { describe, expect, it } from 'vitest';
import { type PreviewContext, previewOrganisationChange } from '../../../domain/organisation/change-preview.js';

const cannock: PreviewContext = {
  organisation: {
    id: 'la:E07000192',
    kind: 'local-authority-prevent-team',
    name: 'Cannock Chase District Council Prevent team',
    queueName: 'prevent-la-e07000192.fifo',
    covers: ['E07000192'],
  },
  inForce: {
    mailbox: 'prevent-team.e07000192@mailbox.invalid',
    onboarded: false,
    sharing: 'after-deconfliction',
    assessedBy: 'force',
    channelPanel: null,
  },
  requested: {},
  districts: ['Cannock Chase'],
  policeForce: { name: 'Staffordshire Police', queueName: 'prevent-police-e23000015.fifo' },
  openCasesHeld: 0,
  queueExists: false,
};

describe('what a change to the directory will do', () => {
  it("onboarding a council: its districts' new referrals come to its queue, the queue awaits the next deployment, open cases stay", () => {
    expect(
      previewOrganisationChange({
        ...cannock,
        requested: { onboarded: true, mailbox: 'prevent@cannock.example.gov.uk' },
      }),
    ).toEqual([
      {
        kind: 'districts-join',
        districts: ['Cannock Chase'],
        queueName: 'prevent-la-e07000192.fifo',
        policeForce: 'Staffordshire Police',
      },
      { kind: 'queue-awaits-deployment', queueName: 'prevent-la-e07000192.fifo', policeForce: 'Staffordshire Police' },
      { kind: 'open-cases-stay', count: 0 },
      { kind: 'mailbox-moves', from: 'prevent-team.e07000192@mailbox.invalid', to: 'prevent@cannock.example.gov.uk' },
    ]);
  });

  it('says nothing of a deployment when the queue already exists', () => {
    const kinds = previewOrganisationChange({ ...cannock, queueExists: true, requested: { onboarded: true } }).map(
      (effect) => effect.kind,
    );
    expect(kinds).toEqual(['districts-join', 'open-cases-stay']);
  });

  it('taking a council off: new referrals go to the police force alone, its open cases stay with it until closed', () => {
    expect(
      previewOrganisationChange({
        ...cannock,
        inForce: { ...cannock.inForce, onboarded: true },
        openCasesHeld: 4,
        requested: { onboarded: false },
      }),
    ).toEqual([
      { kind: 'districts-leave', districts: ['Cannock Chase'], policeForce: 'Staffordshire Police' },
      { kind: 'open-cases-kept-until-closed', count: 4 },
    ]);
  });

  it('a sharing policy applies to referrals routed from now; the open cases it holds keep theirs', () => {
    expect(
      previewOrganisationChange({
        ...cannock,
        inForce: { ...cannock.inForce, onboarded: true },
        openCasesHeld: 2,
        requested: { sharing: 'on-submission' },
      }),
    ).toEqual([{ kind: 'sharing-changes', from: 'after-deconfliction', to: 'on-submission', openCases: 2 }]);
  });

  it('says so when what is asked is what is in force', () => {
    expect(
      previewOrganisationChange({ ...cannock, requested: { onboarded: false, sharing: 'after-deconfliction' } }),
    ).toEqual([{ kind: 'nothing-changes' }]);
  });

  describe("a region's gateway assessor and a council's Channel panel", () => {
    const westMidlands: PreviewContext = {
      organisation: {
        id: 'ctp:CTP-WM',
        kind: 'regional-prevent-hub',
        name: 'Counter Terrorism Policing West Midlands regional Prevent hub',
        queueName: 'prevent-ctp-ctp-wm.fifo',
        covers: ['E23000014', 'E23000015'],
      },
      inForce: {
        mailbox: 'ctp-wm@mailbox.invalid',
        onboarded: false,
        sharing: 'on-submission',
        assessedBy: 'force',
        channelPanel: null,
      },
      requested: {},
      districts: [],
      policeForce: null,
      openCasesHeld: 0,
      queueExists: true,
      regionForces: ['West Midlands Police', 'Staffordshire Police'],
    };

    it("says the region's new referrals go to the regional hub's queue too, and names its forces", () => {
      expect(previewOrganisationChange({ ...westMidlands, requested: { assessedBy: 'regional-hub' } })).toEqual([
        {
          kind: 'assessment-changes',
          from: 'force',
          to: 'regional-hub',
          forces: ['West Midlands Police', 'Staffordshire Police'],
          queueName: 'prevent-ctp-ctp-wm.fifo',
          queueExists: true,
          openCases: 0,
        },
      ]);
    });

    it('says the open cases the hub holds when the region goes back to its forces', () => {
      const effects = previewOrganisationChange({
        ...westMidlands,
        inForce: { ...westMidlands.inForce, assessedBy: 'regional-hub' },
        requested: { assessedBy: 'force' },
        openCasesHeld: 4,
      });
      expect(effects).toMatchObject([{ kind: 'assessment-changes', from: 'regional-hub', to: 'force', openCases: 4 }]);
    });

    it('asking for the setting in force changes nothing', () => {
      expect(previewOrganisationChange({ ...westMidlands, requested: { assessedBy: 'force' } })).toEqual([
        { kind: 'nothing-changes' },
      ]);
    });

    it("a council's Channel panel: from none, or from another; the same panel (councils in any order) changes nothing", () => {
      const joint = {
        arrangement: 'joint' as const,
        jointWith: ['la:E07000193', 'la:E07000194'],
        chairRole: 'Head of Community Safety',
        mailbox: 'channel@cannock.example.gov.uk',
      };
      expect(previewOrganisationChange({ ...cannock, requested: { channelPanel: joint } })).toEqual([
        { kind: 'panel-changes', from: null, to: joint },
      ]);
      const recorded = { ...cannock, inForce: { ...cannock.inForce, channelPanel: joint } };
      expect(
        previewOrganisationChange({
          ...recorded,
          requested: { channelPanel: { ...joint, jointWith: ['la:E07000194', 'la:E07000193'] } },
        }),
      ).toEqual([{ kind: 'nothing-changes' }]);
      expect(
        previewOrganisationChange({
          ...recorded,
          requested: { channelPanel: { ...joint, chairRole: 'Director of Communities' } },
        }),
      ).toMatchObject([{ kind: 'panel-changes', from: joint, to: { chairRole: 'Director of Communities' } }]);
    });
  });
});
