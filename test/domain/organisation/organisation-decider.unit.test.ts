import { describe, expect, it } from 'vitest';
import { validateEvent } from '../../../events/catalogue.js';
import {
  type ChangeOrganisationDetails,
  decideOrganisation,
  evolveOrganisation,
  initialOrganisationState,
} from '../../../domain/organisation/decider.js';

const actor = { organisation: 'platform', user: 'admin-1', role: 'administrator' } as const;

function change(overrides: Partial<ChangeOrganisationDetails> = {}): ChangeOrganisationDetails {
  return {
    type: 'ChangeOrganisationDetails',
    organisationId: 'la:E07000195',
    kind: 'local-authority-prevent-team',
    directoryDetails: { mailbox: 'prevent-team.e07000195@mailbox.invalid', onboarded: false },
    directorySharing: 'after-deconfliction',
    requested: { onboarded: true, mailbox: 'prevent@newcastle-staffs.example.gov.uk' },
    reason: 'Joins the shared service from 1 February',
    at: '2026-02-01T10:00:00Z',
    actor,
    ...overrides,
  };
}

describe('the organisation decider', () => {
  it('onboards a council with its mailbox, as one valid event naming what changed', () => {
    const decision = decideOrganisation(change(), initialOrganisationState);
    expect(decision).toEqual({
      ok: true,
      events: [
        {
          type: 'OrganisationDetailsChanged',
          data: {
            organisationId: 'la:E07000195',
            mailbox: 'prevent@newcastle-staffs.example.gov.uk',
            onboarded: true,
            changed: ['mailbox', 'onboarded'],
            reason: 'Joins the shared service from 1 February',
          },
        },
      ],
    });
    if (decision.ok) expect(() => validateEvent(decision.events[0]!)).not.toThrow();
  });

  it('records nothing when the details already hold (a repeated PUT)', () => {
    const first = decideOrganisation(change(), initialOrganisationState);
    if (!first.ok) throw new Error('refused');
    const state = evolveOrganisation(initialOrganisationState, first.events[0]!);
    expect(state.details).toEqual({ mailbox: 'prevent@newcastle-staffs.example.gov.uk', onboarded: true });
    expect(decideOrganisation(change(), state)).toEqual({ ok: true, events: [] });
  });

  it('starts from the latest recorded change, not the static directory', () => {
    const state = { details: { mailbox: 'a@example.gov.uk', onboarded: true } };
    const decision = decideOrganisation(change({ requested: { mailbox: 'b@example.gov.uk' } }), state);
    expect(decision.ok && decision.events[0]?.data).toEqual({
      organisationId: 'la:E07000195',
      mailbox: 'b@example.gov.uk',
      onboarded: true,
      changed: ['mailbox'],
      reason: 'Joins the shared service from 1 February',
    });
  });

  it.each(['police-prevent-hub', 'vulnerability-support-hub', 'national-triage'] as const)(
    'never takes a %s off the service',
    (kind) => {
      const decision = decideOrganisation(
        change({
          kind,
          organisationId: 'police:E23000014',
          directoryDetails: { mailbox: 'x@mailbox.invalid', onboarded: true },
          requested: { onboarded: false },
        }),
        initialOrganisationState,
      );
      expect(decision).toMatchObject({ ok: false, error: { code: 'always-onboarded' } });
    },
  );

  it('lets a council leave the service', () => {
    const decision = decideOrganisation(
      change({ directoryDetails: { mailbox: 'x@mailbox.invalid', onboarded: true }, requested: { onboarded: false } }),
      initialOrganisationState,
    );
    expect(decision).toMatchObject({ ok: true, events: [{ data: { changed: ['onboarded'] } }] });
  });
});

describe('the sharing policy', () => {
  it('is changed by an administrator, as its own event', () => {
    const decision = decideOrganisation(change({ requested: { sharing: 'on-submission' } }), initialOrganisationState);
    expect(decision).toEqual({
      ok: true,
      events: [
        {
          type: 'OrganisationSharingPolicyChanged',
          data: {
            organisationId: 'la:E07000195',
            sharing: 'on-submission',
            reason: 'Joins the shared service from 1 February',
          },
        },
      ],
    });
    if (decision.ok) for (const event of decision.events) expect(() => validateEvent(event)).not.toThrow();
  });

  it('records nothing when the policy asked for is the one in force', () => {
    expect(
      decideOrganisation(change({ requested: { sharing: 'after-deconfliction' } }), initialOrganisationState),
    ).toEqual({ ok: true, events: [] });
    const changed = evolveOrganisation(initialOrganisationState, {
      type: 'OrganisationSharingPolicyChanged',
      data: { organisationId: 'la:E07000195', sharing: 'on-submission', reason: null },
    });
    expect(decideOrganisation(change({ requested: { sharing: 'on-submission' } }), changed)).toEqual({
      ok: true,
      events: [],
    });
  });

  it.each(['police-prevent-hub', 'national-triage'] as const)(
    'is always on submission for %s: the police deconflict, triage passes referrals on',
    (kind) => {
      const decision = decideOrganisation(
        change({
          kind,
          directoryDetails: { mailbox: 'hub@mailbox.invalid', onboarded: true },
          directorySharing: 'on-submission',
          requested: { sharing: 'after-deconfliction' },
        }),
        initialOrganisationState,
      );
      expect(decision).toMatchObject({ ok: false, error: { code: 'always-on-submission' } });
    },
  );

  it('changes with the mailbox in one decision, two events', () => {
    const decision = decideOrganisation(
      change({ requested: { mailbox: 'prevent@newcastle-staffs.example.gov.uk', sharing: 'on-submission' } }),
      initialOrganisationState,
    );
    expect(decision.ok && decision.events.map((event) => event.type)).toEqual([
      'OrganisationDetailsChanged',
      'OrganisationSharingPolicyChanged',
    ]);
  });
});

describe('the reason for a change', () => {
  it('is required: a change without one, or with only spaces, is not a valid command', async () => {
    const { ChangeOrganisationDetails } = await import('../../../domain/organisation/decider.js');
    const { reason: _reason, ...without } = change();
    expect(ChangeOrganisationDetails.safeParse(without).success).toBe(false);
    expect(ChangeOrganisationDetails.safeParse(change({ reason: '   ' })).success).toBe(false);
    expect(ChangeOrganisationDetails.safeParse(change({ reason: 'x'.repeat(501) })).success).toBe(false);
    expect(ChangeOrganisationDetails.safeParse(change()).success).toBe(true);
  });

  it('is recorded on every event of the change', () => {
    const decision = decideOrganisation(
      change({ requested: { mailbox: 'prevent@newcastle-staffs.example.gov.uk', sharing: 'on-submission' } }),
      initialOrganisationState,
    );
    expect(decision.ok && decision.events.map((event) => event.data.reason)).toEqual([
      'Joins the shared service from 1 February',
      'Joins the shared service from 1 February',
    ]);
  });

  describe("a region's gateway assessor (decision 0018)", () => {
    const westMidlands = (overrides: Partial<ChangeOrganisationDetails> = {}) =>
      change({
        organisationId: 'ctp:CTP-WM',
        kind: 'regional-prevent-hub',
        directoryDetails: { mailbox: 'regional-hub.ctp-wm@mailbox.invalid', onboarded: false },
        directorySharing: 'on-submission',
        requested: { assessedBy: 'regional-hub' },
        reason: 'The region assesses its referrals centrally from 1 April',
        ...overrides,
      });

    it('given the static directory (each force assesses), when the administrator sets the regional hub, then it is recorded with the reason', () => {
      const decision = decideOrganisation(westMidlands(), initialOrganisationState);
      expect(decision).toEqual({
        ok: true,
        events: [
          {
            type: 'RegionalAssessmentChanged',
            data: {
              organisationId: 'ctp:CTP-WM',
              assessedBy: 'regional-hub',
              reason: 'The region assesses its referrals centrally from 1 April',
            },
          },
        ],
      });
      if (decision.ok) expect(() => validateEvent(decision.events[0]!)).not.toThrow();
    });

    it('given the regional hub assesses, when asked again, then nothing is recorded; when set back to the forces, it is', () => {
      const first = decideOrganisation(westMidlands(), initialOrganisationState);
      if (!first.ok) throw new Error('refused');
      const state = first.events.reduce(evolveOrganisation, initialOrganisationState);
      expect(state.assessedBy).toBe('regional-hub');
      expect(decideOrganisation(westMidlands(), state)).toEqual({ ok: true, events: [] });
      expect(decideOrganisation(westMidlands({ requested: { assessedBy: 'force' } }), state)).toMatchObject({
        ok: true,
        events: [{ type: 'RegionalAssessmentChanged', data: { assessedBy: 'force' } }],
      });
    });

    it('given the static directory, asking for the forces (the default) records nothing', () => {
      expect(
        decideOrganisation(westMidlands({ requested: { assessedBy: 'force' } }), initialOrganisationState),
      ).toEqual({ ok: true, events: [] });
    });

    it.each([
      'police-prevent-hub',
      'local-authority-prevent-team',
      'vulnerability-support-hub',
      'national-triage',
    ] as const)("is refused for a %s: the setting is a region's", (kind) => {
      expect(
        decideOrganisation(change({ kind, requested: { assessedBy: 'regional-hub' } }), initialOrganisationState),
      ).toMatchObject({ ok: false, error: { code: 'assessment-is-regional' } });
    });

    it('still never onboards the regional hub itself', () => {
      expect(
        decideOrganisation(
          westMidlands({ requested: { onboarded: true, assessedBy: 'regional-hub' } }),
          initialOrganisationState,
        ),
      ).toMatchObject({ ok: false, error: { code: 'regional-hub-not-onboarded' } });
    });
  });

  describe("a council's Channel panel (decision 0017)", () => {
    const own = {
      arrangement: 'own' as const,
      jointWith: [],
      chairRole: 'Head of Community Safety',
      mailbox: 'channel@newcastle-staffs.example.gov.uk',
    };
    const joint = { ...own, arrangement: 'joint' as const, jointWith: ['la:E07000198', 'la:E07000197'] };

    it('records the panel with the reason; a joint panel names its councils in a stable order', () => {
      const decision = decideOrganisation(
        change({ requested: { channelPanel: joint }, reason: 'One panel for the two districts' }),
        initialOrganisationState,
      );
      expect(decision).toEqual({
        ok: true,
        events: [
          {
            type: 'ChannelPanelChanged',
            data: {
              organisationId: 'la:E07000195',
              panel: { ...joint, jointWith: ['la:E07000197', 'la:E07000198'] },
              reason: 'One panel for the two districts',
            },
          },
        ],
      });
      if (decision.ok) expect(() => validateEvent(decision.events[0]!)).not.toThrow();
    });

    it('records nothing for the same panel again, and a change of chair as a new event', () => {
      const first = decideOrganisation(change({ requested: { channelPanel: joint } }), initialOrganisationState);
      if (!first.ok) throw new Error('refused');
      const state = first.events.reduce(evolveOrganisation, initialOrganisationState);
      expect(
        decideOrganisation(
          change({ requested: { channelPanel: { ...joint, jointWith: [...joint.jointWith].reverse() } } }),
          state,
        ),
      ).toEqual({
        ok: true,
        events: [],
      });
      expect(
        decideOrganisation(
          change({ requested: { channelPanel: { ...joint, chairRole: 'Director of Communities' } } }),
          state,
        ),
      ).toMatchObject({
        ok: true,
        events: [{ type: 'ChannelPanelChanged', data: { panel: { chairRole: 'Director of Communities' } } }],
      });
    });

    it.each([
      ['a joint panel naming no council', { ...own, arrangement: 'joint' as const }],
      ['its own panel naming councils', { ...own, jointWith: ['la:E07000197'] }],
      ['a joint panel naming the council itself', { ...joint, jointWith: ['la:E07000195'] }],
      ['a joint panel naming a police force', { ...joint, jointWith: ['police:E23000015'] }],
      ['a joint panel naming a council twice', { ...joint, jointWith: ['la:E07000197', 'la:E07000197'] }],
    ])('refuses %s', (_case, panel) => {
      expect(
        decideOrganisation(change({ requested: { channelPanel: panel } }), initialOrganisationState),
      ).toMatchObject({
        ok: false,
        error: { code: 'joint-panel-names-councils' },
      });
    });

    it('is refused for anyone but a council', () => {
      expect(
        decideOrganisation(
          change({ kind: 'police-prevent-hub', organisationId: 'police:E23000015', requested: { channelPanel: own } }),
          initialOrganisationState,
        ),
      ).toMatchObject({ ok: false, error: { code: 'panel-is-a-councils' } });
    });
  });
});
