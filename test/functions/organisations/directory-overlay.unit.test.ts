import { describe, expect, it } from 'vitest';
import { routeReferral } from '../../../domain/routing/routing-rules.js';
import { loadGeography } from '../../../functions/geography/load-geography.js';
import {
  type AssessmentChange,
  type DirectoryChange,
  type DirectoryChanges,
  type PanelChange,
  type SharingChange,
} from '../../../functions/organisations/directory-changes.js';
import { createDirectoryOverlay } from '../../../functions/organisations/directory-overlay.js';

const geography = loadGeography();
// Newcastle-under-Lyme (Staffordshire): in the directory, not onboarded in the static file.
const NEWCASTLE = 'la:E07000195';
const COVENTRY = 'la:E08000026';

function changesHolding(
  changes: DirectoryChange[],
  sharing: SharingChange[] = [],
  recorded: { assessments?: AssessmentChange[]; panels?: PanelChange[] } = {},
): DirectoryChanges & { reads: number } {
  const store = {
    reads: 0,
    async all() {
      store.reads += 1;
      return changes;
    },
    async record() {
      throw new Error('the overlay never records');
    },
    async sharingPolicies() {
      return sharing;
    },
    async assessments() {
      return recorded.assessments ?? [];
    },
    async channelPanels() {
      return recorded.panels ?? [];
    },
    async recordSetting() {
      throw new Error('the overlay never records');
    },
  };
  return store;
}

function overlayWith(
  changes: DirectoryChange[],
  existingQueues: string[] = [],
  clock = { now: 0 },
  sharing: SharingChange[] = [],
  recorded: { assessments?: AssessmentChange[]; panels?: PanelChange[] } = {},
) {
  const held = changesHolding(changes, sharing, recorded);
  const overlay = createDirectoryOverlay({
    base: geography.organisations,
    changes: held,
    queueExists: async (name) => existingQueues.includes(name),
    ttlMs: 1_000,
    now: () => clock.now,
  });
  return { overlay, held, clock };
}

function newcastleOnboarded(version = 1): DirectoryChange {
  return {
    organisationId: NEWCASTLE,
    mailbox: 'prevent@newcastle-staffs.example.gov.uk',
    onboarded: true,
    version,
    changedAt: '2026-02-01T10:00:00Z',
  };
}

describe('the directory overlay', () => {
  it('is the static directory when nothing was changed', async () => {
    const { overlay } = overlayWith([]);
    expect(await overlay.find(COVENTRY)).toEqual(geography.organisations.get(COVENTRY));
    expect((await overlay.list()).length).toBe(geography.organisations.size);
  });

  it('shows a council onboarded by an administrator, but routes to it only once its queue exists', async () => {
    const queueName = geography.organisations.get(NEWCASTLE)!.queueName;
    const without = overlayWith([newcastleOnboarded()]).overlay;
    const listed = await without.get(NEWCASTLE);
    expect(listed).toMatchObject({
      onboarded: true,
      receivesReferrals: false,
      mailbox: 'prevent@newcastle-staffs.example.gov.uk',
      version: 1,
    });
    expect(without.organisations.get(NEWCASTLE)?.onboarded).toBe(false);
    expect(
      routeReferral(
        { postcode: 'ST5 1AA', immediateRisk: false, vulnerabilitySupportHubRequested: false },
        { ...geography, organisations: without.organisations },
      ).destinations.map((d) => d.id),
    ).not.toContain(NEWCASTLE);

    const withQueue = overlayWith([newcastleOnboarded()], [queueName]).overlay;
    await withQueue.refresh();
    expect(withQueue.organisations.get(NEWCASTLE)?.onboarded).toBe(true);
    const decision = routeReferral(
      { postcode: 'ST5 1AA', immediateRisk: false, vulnerabilitySupportHubRequested: false },
      { ...geography, organisations: withQueue.organisations },
    );
    expect(decision.destinations.map((d) => d.id)).toContain(NEWCASTLE);
    expect((await withQueue.find(NEWCASTLE))?.mailbox).toBe('prevent@newcastle-staffs.example.gov.uk');
  });

  it('stops routing to a council taken off the service', async () => {
    const { overlay } = overlayWith([
      {
        organisationId: COVENTRY,
        mailbox: 'prevent@coventry.example.gov.uk',
        onboarded: false,
        version: 2,
        changedAt: '2026-02-01T10:00:00Z',
      },
    ]);
    await overlay.refresh();
    const decision = routeReferral(
      { postcode: 'CV1 2NJ', immediateRisk: false, vulnerabilitySupportHubRequested: false },
      { ...geography, organisations: overlay.organisations },
    );
    expect(decision.destinations.map((d) => d.id)).toEqual(['police:E23000014']);
  });

  it('reads the changes again only once its time to live has passed', async () => {
    const { overlay, held, clock } = overlayWith([]);
    await overlay.find(COVENTRY);
    await overlay.find(COVENTRY);
    expect(held.reads).toBe(1);
    clock.now = 1_500;
    await overlay.find(COVENTRY);
    expect(held.reads).toBe(2);
    await overlay.refresh({ force: true });
    expect(held.reads).toBe(3);
  });

  it('ignores changes to organisations the directory does not have', async () => {
    const { overlay } = overlayWith([{ ...newcastleOnboarded(), organisationId: 'la:E99999999' }]);
    expect(await overlay.get('la:E99999999')).toBeUndefined();
  });

  it("gives each organisation its sharing policy: the file, its kind, or an administrator's change", async () => {
    const { overlay } = overlayWith([], [], { now: 0 }, [
      { organisationId: 'la:E08000025', sharing: 'on-submission', version: 1, changedAt: '2026-03-01T10:00:00Z' },
    ]);
    expect(await overlay.get(COVENTRY)).toMatchObject({ sharing: 'on-submission' });
    expect(await overlay.get('la:E07000195')).toMatchObject({ sharing: 'after-deconfliction' });
    expect(await overlay.get('police:E23000014')).toMatchObject({ sharing: 'on-submission' });
    expect(await overlay.get('la:E08000025')).toMatchObject({
      sharing: 'on-submission',
      version: 1,
      changedAt: '2026-03-01T10:00:00Z',
    });
    expect(overlay.organisations.get('la:E08000025')).toMatchObject({ sharing: 'on-submission' });
  });

  describe('who assesses a region (decision 0018)', () => {
    const WEST_MIDLANDS = 'ctp:CTP-WM';
    const coventry = { postcode: 'CV1 2NJ', immediateRisk: false, vulnerabilitySupportHubRequested: false };
    const assessedBy = (to: 'force' | 'regional-hub', version = 1): AssessmentChange => ({
      organisationId: WEST_MIDLANDS,
      assessedBy: to,
      version,
      changedAt: '2026-04-01T09:00:00Z',
    });

    it("routes the region's referrals to its regional hub too, once the region is assessed by it and its queue is there", async () => {
      const queueName = geography.organisations.get(WEST_MIDLANDS)!.queueName;
      const { overlay } = overlayWith([], [queueName], { now: 0 }, [], { assessments: [assessedBy('regional-hub')] });
      expect(await overlay.get(WEST_MIDLANDS)).toMatchObject({
        assessedBy: 'regional-hub',
        receivesReferrals: true,
        version: 1,
      });
      const decision = routeReferral(coventry, { ...geography, organisations: overlay.organisations });
      expect(decision.destinations.map((d) => d.id)).toEqual(['police:E23000014', WEST_MIDLANDS, COVENTRY]);
      expect(decision.explanation.join('\n')).toContain('assessed by its regional Prevent hub');
    });

    it('keeps routing to the force alone while the regional hub has no queue, or once the region goes back to its forces', async () => {
      const queueName = geography.organisations.get(WEST_MIDLANDS)!.queueName;
      const noQueue = overlayWith([], [], { now: 0 }, [], { assessments: [assessedBy('regional-hub')] }).overlay;
      expect(await noQueue.get(WEST_MIDLANDS)).toMatchObject({ assessedBy: 'regional-hub', receivesReferrals: false });
      expect(
        routeReferral(coventry, { ...geography, organisations: noQueue.organisations }).destinations.map((d) => d.id),
      ).toEqual(['police:E23000014', COVENTRY]);
      const back = overlayWith([], [queueName], { now: 0 }, [], { assessments: [assessedBy('force', 2)] }).overlay;
      expect(await back.get(WEST_MIDLANDS)).toMatchObject({ assessedBy: 'force', receivesReferrals: false });
      expect(
        routeReferral(coventry, { ...geography, organisations: back.organisations }).destinations.map((d) => d.id),
      ).toEqual(['police:E23000014', COVENTRY]);
    });

    it("never routes another region's referrals to the hub", async () => {
      const queueName = geography.organisations.get(WEST_MIDLANDS)!.queueName;
      const { overlay } = overlayWith([], [queueName], { now: 0 }, [], { assessments: [assessedBy('regional-hub')] });
      await overlay.refresh();
      const london = routeReferral(
        { postcode: 'SW1A 1AA', immediateRisk: false, vulnerabilitySupportHubRequested: false },
        { ...geography, organisations: overlay.organisations },
      );
      expect(london.destinations.map((d) => d.kind)).not.toContain('regional-prevent-hub');
    });

    it("lists a council's Channel panel as recorded, and none for a council whose panel was never recorded", async () => {
      const panel = {
        arrangement: 'own' as const,
        jointWith: [],
        chairRole: 'Head of Community Safety',
        mailbox: 'channel@coventry.example.gov.uk',
      };
      const { overlay } = overlayWith([], [], { now: 0 }, [], {
        panels: [{ organisationId: COVENTRY, panel, version: 3, changedAt: '2026-04-02T09:00:00Z' }],
      });
      expect(await overlay.get(COVENTRY)).toMatchObject({ channelPanel: panel, version: 3 });
      expect(await overlay.get(NEWCASTLE)).toMatchObject({ channelPanel: null });
    });
  });
});
