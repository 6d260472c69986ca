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
  inForce: { mailbox: 'prevent-team.e07000192@mailbox.invalid', onboarded: false, sharing: 'after-deconfliction' },
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
});
