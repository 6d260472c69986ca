// Regional Prevent hubs over HTTP on the real local stack (decision 0018): the West Midlands
// regional hub reads every case held by a force of its region (audited), sees its urgent and
// overdue work across its forces, and moves a case from West Midlands Police to Staffordshire
// Police: the old force loses it at once, the new one receives it (routed and delivered like a
// transfer). A move outside the region, by a force, or to a force nobody has is refused, nothing
// echoed; another region sees nothing; a transfer out of the region takes the case from the hub.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referralStreamId } from '../../../../domain/referral/stream-id.js';
import { financialYearOf } from '../../../../domain/statistics/index.js';
import { londonDateOf } from '../../../../domain/triage/calendar-date.js';
import { findPersona } from '../../../../local/personas.js';
import { referralForm } from '../api-fixtures.js';
import { type ApiHarness, answered, runCaseCommand, startApiHarness, until } from '../api-harness.js';

let api: ApiHarness;
let referralId = '';
let reference = '';
let northWestToken = '';
const reason = 'Staffordshire Police hold a live investigation concerning Robin Testperson-Regional';

beforeAll(async () => {
  api = await startApiHarness('regional-hubs');
  const submitted = await answered(
    api.client().POST('/referrals', { body: referralForm('CV1 2NJ', { immediateRisk: true }) }),
  );
  expect(submitted.status).toBe(201);
  ({ referralId, reference } = submitted.json as { referralId: string; reference: string });
  const hub = findPersona('west-midlands-regional-hub');
  if (!hub) throw new Error('the demo personas have no West Midlands regional hub officer');
  northWestToken = await api.identity.issue({
    ...hub,
    id: 'north-west-regional-hub',
    organisation: 'ctp:CTP-NW',
    organisationName: 'Counter Terrorism Policing North West regional Prevent hub',
  });
  await until('the referral routed to West Midlands Police', async () => {
    const read = await readCase('wm-officer');
    return read.status === 200;
  });
});
afterAll(async () => {
  await api?.stop();
});

async function tokenOf(persona: string) {
  return persona === 'north-west' ? northWestToken : api.token(persona);
}

async function readCase(persona: string) {
  return answered(
    api.client(await tokenOf(persona)).GET('/referrals/{referralId}', { params: { path: { referralId } } }),
  );
}

async function regionalWork(persona: string, ctpRegion = 'CTP-WM') {
  return answered(
    api.client(await tokenOf(persona)).GET('/regional-hubs/{ctpRegion}/work', { params: { path: { ctpRegion } } }),
  );
}

async function move(persona: string, body: { toPoliceForce: string; reason: string }) {
  const token = await tokenOf(persona);
  const client = api.client(token);
  const version = (await readCase('west-midlands-regional-hub')).headers.get('etag') ?? '"0"';
  return answered(
    client.POST('/referrals/{referralId}/regional-move', {
      params: { path: { referralId }, header: { 'If-Match': version } },
      body,
    }),
  );
}

describe('a regional Prevent hub', () => {
  it('reads a case held by a force of its region, and its timeline, each read audited', async () => {
    const read = await readCase('west-midlands-regional-hub');
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ reference });
    const timeline = await answered(
      api
        .client(await api.token('west-midlands-regional-hub'))
        .GET('/referrals/{referralId}/timeline', { params: { path: { referralId } } }),
    );
    expect(timeline.status).toBe(200);
    const records = await api.audit(referralStreamId(referralId));
    expect(records).toContainEqual(
      expect.objectContaining({ organisation: 'ctp:CTP-WM', action: 'read-case', outcome: 'allowed' }),
    );
  });

  it('another region sees nothing of it, as for a case that does not exist', async () => {
    const probe = await readCase('north-west');
    expect(probe.status).toBe(404);
    expect(probe.text).not.toContain(reference);
  });

  it('lists the urgent referral among the work of its forces, and refuses another region the list', async () => {
    const work = await until('the urgent referral in the regional work', async () => {
      const answer = await regionalWork('west-midlands-regional-hub');
      return answer.status === 200 &&
        (answer.json.items as { reference: string }[]).some((item) => item.reference === reference)
        ? answer
        : null;
    });
    expect(work.json).toMatchObject({ ctpRegion: 'CTP-WM', bounded: [] });
    expect((work.json.forces as { code: string }[]).map((force) => force.code).sort()).toEqual([
      'E23000014',
      'E23000015',
      'E23000016',
      'E23000017',
    ]);
    const item = (work.json.items as { reference: string; attention: string[]; forceName: string }[]).find(
      (candidate) => candidate.reference === reference,
    );
    expect(item).toMatchObject({ attention: ['urgent'], forceName: 'West Midlands Police Prevent hub' });
    expect(JSON.stringify(work.json)).not.toContain('Testperson');
    expect((await regionalWork('west-midlands-regional-hub', 'CTP-NW')).status).toBe(403);
    expect((await regionalWork('north-west')).status).toBe(403);
    expect((await regionalWork('wm-officer')).status).toBe(403);
  });

  it("reads its region's figures exact and unsuppressed; another region's own figures do not count it", async () => {
    const year = financialYearOf(londonDateOf(new Date().toISOString()));
    type Tables = { name: string; total: { cells: { value: number; suppressed: boolean }[] } }[];
    const total = (tables: unknown) =>
      (tables as Tables).find((table) => table.name === 'referrals-by-sector')?.total.cells[0];
    const own = await until('the referral counted in the region', async () => {
      const answer = await answered(
        api
          .client(await api.token('west-midlands-regional-hub'))
          .GET('/statistics/own-organisation', { params: { query: { year } } }),
      );
      return answer.status === 200 && total(answer.json.tables)?.value === 1 ? answer : null;
    });
    expect(own.json).toMatchObject({ organisation: 'ctp:CTP-WM', disclosureControl: { applied: false } });
    const northWest = await answered(
      api.client(northWestToken).GET('/statistics/own-organisation', { params: { query: { year } } }),
    );
    expect(northWest.status).toBe(200);
    expect(total(northWest.json.tables)).toEqual({ value: 0, suppressed: false });
  });

  it('may not move a case outside its region, nor to a force nobody has; a police officer may not move it at all', async () => {
    const outside = await move('west-midlands-regional-hub', { toPoliceForce: 'E23000005', reason });
    expect(outside.status).toBe(422);
    expect(outside.json.code).toBe('outside-region');
    const nowhere = await move('west-midlands-regional-hub', { toPoliceForce: 'E23999999', reason });
    expect(nowhere.status).toBe(400);
    const byPolice = await move('wm-officer', { toPoliceForce: 'E23000015', reason });
    expect(byPolice.status).toBe(403);
    const otherRegion = await move('north-west', { toPoliceForce: 'E23000015', reason });
    expect(otherRegion.status).toBe(404);
    for (const answer of [outside, nowhere, byPolice, otherRegion]) expect(answer.text).not.toContain('Testperson');
    expect((await readCase('wm-officer')).status).toBe(200);
  });

  it('moves the case to another force of its region: the old force loses it at once, the new one receives it', async () => {
    const moved = await move('west-midlands-regional-hub', { toPoliceForce: 'E23000015', reason });
    expect(moved.status).toBe(200);
    expect((await readCase('wm-officer')).status).toBe(404);
    const received = await until('Staffordshire Police holds the case', async () => {
      const read = await readCase('staffs-officer');
      return read.status === 200 ? read : null;
    });
    expect(received.json).toMatchObject({ reference });
    // The council keeps it throughout; the regional hub still sees it, now with Staffordshire.
    expect((await readCase('coventry-lead')).status).toBe(200);
    expect((await readCase('west-midlands-regional-hub')).status).toBe(200);
    const events = await api.store.read(referralStreamId(referralId));
    const recordedMove = events.find((event) => event.type === 'CaseMovedWithinRegion');
    expect(recordedMove).toMatchObject({
      actor: { organisation: 'ctp:CTP-WM', role: 'regional-prevent-hub-officer' },
      data: { ctpRegion: 'CTP-WM', fromPoliceForce: 'E23000014', toPoliceForce: 'E23000015' },
      personal: { reason },
    });
    const routed = events.filter((event) => event.type === 'ReferralRouted').at(-1);
    expect(routed).toMatchObject({
      data: {
        reason: 'moved-within-region',
        policeForce: { code: 'E23000015' },
        destinations: expect.arrayContaining([expect.objectContaining({ id: 'police:E23000015' })]),
      },
    });
    // The queues follow: out of West Midlands Police's, into Staffordshire Police's and the region's work with it.
    const queue = async (persona: string, organisationId: string) =>
      answered(
        api
          .client(await api.token(persona))
          .GET('/organisations/{organisationId}/triage-queue', { params: { path: { organisationId } } }),
      );
    await until('the case in Staffordshire Police’s queue and out of West Midlands Police’s', async () => {
      const staffs = await queue('staffs-officer', 'police:E23000015');
      const westMidlands = await queue('wm-officer', 'police:E23000014');
      const holds = (answer: typeof staffs) =>
        (answer.json.items as { reference: string }[]).some((item) => item.reference === reference);
      return holds(staffs) && !holds(westMidlands);
    });
    const work = await regionalWork('west-midlands-regional-hub');
    expect(
      (work.json.items as { reference: string; forceName: string }[]).find((item) => item.reference === reference),
    ).toMatchObject({ forceName: 'Staffordshire Police Prevent hub' });
    await until('Staffordshire Police confirmed delivery', async () => {
      const history = await api.store.read(referralStreamId(referralId));
      return history.some(
        (event) => event.type === 'ReferralDelivered' && event.data.destinationId === 'police:E23000015',
      );
    });
  });

  it('loses the case when it is transferred out of the region', async () => {
    const transferred = await runCaseCommand(api, await api.token('coventry-lead'), referralId, 'transfer', {
      reason: 'person-moved',
      personal: { address: '1 Test Street, Manchester', postcode: 'M1 1AE' },
    });
    expect(transferred.status).toBe(200);
    expect((await readCase('west-midlands-regional-hub')).status).toBe(404);
    await until(
      'the case routed to Greater Manchester Police',
      async () => (await readCase('gmp-officer')).status === 200,
    );
    expect((await readCase('west-midlands-regional-hub')).status).toBe(404);
    expect((await readCase('north-west')).status).toBe(200);
  });
});
