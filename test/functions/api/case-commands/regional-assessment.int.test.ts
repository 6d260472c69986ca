// Who assesses, per CTP region, over HTTP on the real local stack (decision 0018): the platform
// administrator sets the West Midlands region to be assessed by its regional Prevent hub (an
// event with who and why, previewed first, in the history); a referral from Coventry submitted
// then goes to West Midlands Police and to the regional hub's queue (delivery confirmed), and the
// hub's officer makes the gateway assessment. A referral routed while the forces assessed stays
// the force's: the hub officer may read it, not assess it. The hub officer finds its region's
// cases by reference, and not another region's (issue 17 part 6). On its regional work page the
// hub officer sees the hub's own queue beside the forces' work: the hub-assessed case is there, the
// force's own is not (in English and Welsh); a force's officer is refused the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referralStreamId } from '../../../../domain/referral/stream-id.js';
import { type RecordedEvent } from '../../../../events/catalogue.js';
import { referralForm } from '../api-fixtures.js';
import { type ApiHarness, answered, runCaseCommand, startApiHarness, until } from '../api-harness.js';
import { signedInPages } from '../page-session.js';

const REGIONAL_HUB = 'ctp:CTP-WM';
const reason = 'The West Midlands region assesses its referrals centrally from 1 April';

let api: ApiHarness;
/** Routed while each force assessed (the default). */
let before = { referralId: '', reference: '' };
/** Routed once the region is assessed by its regional hub. */
let after = { referralId: '', reference: '' };
/** Routed to another region (Greater Manchester: CTP North West). */
let elsewhere = { referralId: '', reference: '' };

async function submit(postcode: string) {
  const submitted = await answered(api.client().POST('/referrals', { body: referralForm(postcode) }));
  expect(submitted.status).toBe(201);
  return submitted.json as { referralId: string; reference: string };
}

async function routed(referralId: string): Promise<RecordedEvent[]> {
  return until('the referral routed and delivered', async () => {
    const events = await api.store.read(referralStreamId(referralId));
    const routing = events.find((event) => event.type === 'ReferralRouted');
    if (!routing || routing.type !== 'ReferralRouted') return null;
    const delivered = events.filter((event) => event.type === 'ReferralDelivered');
    return delivered.length === routing.data.destinations.length ? events : null;
  });
}

async function admin() {
  return api.client(await api.token('administrator'));
}

beforeAll(async () => {
  api = await startApiHarness('regional-assessment', { pages: true });
  before = await submit('CV1 2NJ');
  elsewhere = await submit('M1 1AE');
  await routed(before.referralId);
  await routed(elsewhere.referralId);
});
afterAll(async () => {
  await api?.stop();
});

describe("a region's referrals assessed by its regional Prevent hub", () => {
  it('previews the change: which forces, which queue, open cases not routed again', async () => {
    const preview = await answered(
      (await admin()).POST('/organisations/{organisationId}/change-preview', {
        params: { path: { organisationId: REGIONAL_HUB } },
        body: { assessedBy: 'regional-hub' },
      }),
    );
    expect(preview.status).toBe(200);
    expect(preview.json.effects).toEqual([
      expect.objectContaining({
        kind: 'assessment-changes',
        from: 'force',
        to: 'regional-hub',
        queueName: 'prevent-ctp-ctp-wm.fifo',
        queueExists: true,
        forces: expect.arrayContaining(['West Midlands Police Prevent hub']),
      }),
    ]);
    expect(await api.store.read('organisation-ctp_CTP-WM')).toEqual([]);
  });

  it('is refused for a police force (the setting is the region’s), nothing recorded', async () => {
    const refused = await answered(
      (await admin()).PUT('/organisations/{organisationId}', {
        params: { path: { organisationId: 'police:E23000014' } },
        body: { assessedBy: 'regional-hub', reason },
      }),
    );
    expect(refused.status).toBe(422);
    expect(refused.json).toMatchObject({ code: 'assessment-is-regional' });
    expect(await api.store.read('organisation-police_E23000014')).toEqual([]);
  });

  it('records the change with who and why, and shows it in the history', async () => {
    const changed = await answered(
      (await admin()).PUT('/organisations/{organisationId}', {
        params: { path: { organisationId: REGIONAL_HUB } },
        body: { assessedBy: 'regional-hub', reason },
      }),
    );
    expect(changed.status).toBe(200);
    expect(changed.json.organisation).toMatchObject({ assessedBy: 'regional-hub', changed: ['assessedBy'] });
    const events = await api.store.read('organisation-ctp_CTP-WM');
    expect(events.map((event) => [event.type, event.actor.role, event.data])).toEqual([
      [
        'RegionalAssessmentChanged',
        'administrator',
        { organisationId: REGIONAL_HUB, assessedBy: 'regional-hub', reason },
      ],
    ]);
    const history = await answered(
      (await admin()).GET('/organisations/{organisationId}/history', {
        params: { path: { organisationId: REGIONAL_HUB } },
      }),
    );
    expect(history.json.history).toEqual([
      expect.objectContaining({ changes: [{ field: 'assessedBy', from: 'force', to: 'regional-hub' }], reason }),
    ]);
    await until('the regional hub receiving referrals', async () => {
      const list = await answered((await admin()).GET('/organisations'));
      return (list.json.organisations as { id: string; receivesReferrals: boolean }[]).find(
        (organisation) => organisation.id === REGIONAL_HUB && organisation.receivesReferrals,
      );
    });
  });

  it("delivers a referral of the region to the regional hub's queue beside the force's, confirmed", async () => {
    after = await submit('CV1 2NJ');
    const events = await routed(after.referralId);
    const routing = events.find((event) => event.type === 'ReferralRouted');
    expect(
      routing?.type === 'ReferralRouted' && routing.data.destinations.map((destination) => destination.id),
    ).toEqual(['police:E23000014', REGIONAL_HUB, 'la:E08000026']);
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'ReferralDelivered',
        data: expect.objectContaining({ destinationId: REGIONAL_HUB }),
      }),
    );
    // A referral of another region is not the hub's.
    const other = await routed(elsewhere.referralId);
    expect(JSON.stringify(other.filter((event) => event.type === 'ReferralRouted'))).not.toContain(REGIONAL_HUB);
  });

  it("lets the hub's officer make the gateway assessment of it: start, then complete with deconfliction", async () => {
    const token = await api.token('west-midlands-regional-hub');
    const started = await runCaseCommand(api, token, after.referralId, 'gateway-assessment/start', {});
    expect(started.status).toBe(200);
    const completed = await runCaseCommand(api, token, after.referralId, 'gateway-assessment/complete', {
      outcome: 'referred-to-channel',
      confirmedConcernType: 'extreme-right-wing',
      deconflicted: true,
      signpostedTo: [],
      personal: { rationale: 'Vulnerable to influence; no live investigation.' },
    });
    expect(completed.status).toBe(200);
    const events = await api.store.read(referralStreamId(after.referralId));
    expect(events.filter((event) => event.actor.organisation === REGIONAL_HUB).map((event) => event.type)).toEqual(
      expect.arrayContaining(['GatewayAssessmentStarted', 'DeconflictionRecorded', 'GatewayAssessmentCompleted']),
    );
  });

  it('leaves a case routed while the forces assessed with its force: the hub officer reads it, may not assess it', async () => {
    const token = await api.token('west-midlands-regional-hub');
    const read = await answered(
      api.client(token).GET('/referrals/{referralId}', { params: { path: { referralId: before.referralId } } }),
    );
    expect(read.status).toBe(200);
    const refused = await runCaseCommand(api, token, before.referralId, 'gateway-assessment/start', {});
    expect(refused.status).toBe(403);
    expect((await api.store.read(referralStreamId(before.referralId))).map((event) => event.type)).not.toContain(
      'GatewayAssessmentStarted',
    );
  });
});

/** The hub's own queue on the page: the table's text, or '' when the page says the queue is empty. */
function hubQueueOf(html: string): string {
  return /data-testid="regional-hub-queue">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
}

describe("the regional hub's own queue, on its regional work page", () => {
  it('lists the case delivered to the hub, not the force-assessed one, in English and Welsh', async () => {
    const hub = await signedInPages(api.url, 'west-midlands-regional-hub');
    const found = await until('the hub-assessed case in the hub queue', async () => {
      const work = await hub.page('/regional-work');
      expect(work.status).toBe(200);
      return hubQueueOf(work.html).includes(after.reference) ? work : null;
    });
    expect(found.html).toContain('Referrals delivered to the regional hub');
    expect(hubQueueOf(found.html)).toContain(`href="/cases/${after.referralId}"`);
    expect(hubQueueOf(found.html)).not.toContain(before.reference);
    expect(hubQueueOf(found.html)).not.toContain(elsewhere.reference);
    const welsh = await hub.page('/regional-work?lang=cy');
    expect(welsh.html).toContain('Atgyfeiriadau a anfonwyd i&#39;r hyb rhanbarthol');
    expect(hubQueueOf(welsh.html)).toContain(after.reference);
  });

  it("is not a police force officer's page (as for a page that does not exist)", async () => {
    const officer = await signedInPages(api.url, 'wm-officer');
    const refused = await officer.page('/regional-work');
    expect(refused.status).toBe(404);
    expect(refused.html).not.toContain(after.reference);
  });
});

describe('finding a case by reference as a regional hub officer', () => {
  async function search(reference: string) {
    return answered(
      api
        .client(await api.token('west-midlands-regional-hub'))
        .POST('/case-search', { body: { reference, status: 'all' } }),
    );
  }

  it('finds a case of its region, held by the force alone or with the hub, and audits it', async () => {
    for (const { referralId, reference } of [before, after]) {
      const found = await search(reference.toLowerCase());
      expect(found.status).toBe(200);
      expect((found.json.cases as { referralId: string }[]).map((item) => item.referralId)).toEqual([referralId]);
    }
    expect(await api.audit(referralStreamId(before.referralId))).toContainEqual(
      expect.objectContaining({ organisation: REGIONAL_HUB, action: 'find-case', outcome: 'allowed' }),
    );
  });

  it('finds nothing of another region, exactly as for a reference nobody has', async () => {
    const probe = await search(elsewhere.reference);
    const missing = await search('PRV-0000-0000');
    expect(probe.status).toBe(200);
    expect(probe.json.cases).toEqual([]);
    const { correlationId: _a, ...probed } = probe.json;
    const { correlationId: _b, ...nobody } = missing.json;
    expect(probed).toEqual(nobody);
  });
});
