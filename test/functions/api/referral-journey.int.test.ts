// End to end over HTTP on the real local stack: a referral submitted in Coventry is routed by the
// router to West Midlands Police and Coventry City Council, shows in West Midlands Police's triage
// queue, goes through the gateway assessment to Channel, where Coventry's lead schedules the
// panel, records consent and the adoption; the statistics count it. Staffordshire sees none of
// it, and every cross-tenant probe fails the way the policy says and is recorded in the audit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { financialYearOf } from '../../../domain/statistics/index.js';
import { auditSubject } from '../../../functions/audit/access-audit.js';
import { documentedCaseCommandBodies, referralForm } from './api-fixtures.js';
import { type ApiHarness, answered, runCaseCommand, startApiHarness, until } from './api-harness.js';

const WEST_MIDLANDS = 'police:E23000014';
const STAFFORDSHIRE = 'police:E23000015';
const COVENTRY = 'la:E08000026';

let api: ApiHarness;
let referralId = '';
let reference = '';
const today = new Date();
const bodies = documentedCaseCommandBodies(today);
const year = financialYearOf(today.toISOString().slice(0, 10));

beforeAll(async () => {
  api = await startApiHarness('api-journey');
});
afterAll(async () => {
  await api?.stop();
});

function withoutCorrelation(json: Record<string, unknown>) {
  const { correlationId: _correlationId, ...rest } = json;
  return rest;
}

describe('a Coventry referral over HTTP', () => {
  it('is submitted through the form and answered with its id and reference', async () => {
    const answer = await answered(
      api.client(await api.token('coventry-teacher')).POST('/referrals', { body: referralForm('CV1 2NJ') }),
    );
    expect(answer.status).toBe(201);
    expect(answer.json).toEqual({
      referralId: expect.any(String),
      reference: expect.stringMatching(/^PRV-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/),
    });
    ({ referralId, reference } = answer.json as { referralId: string; reference: string });
  });

  it("reaches West Midlands Police's triage queue once routed", async () => {
    const token = await api.token('wm-officer');
    const item = await until('the referral in the West Midlands queue', async () => {
      const page = await answered(
        api.client(token).GET('/organisations/{organisationId}/triage-queue', {
          params: { path: { organisationId: WEST_MIDLANDS } },
        }),
      );
      expect(page.status).toBe(200);
      return (page.json.items as { reference: string }[]).find((candidate) => candidate.reference === reference);
    });
    expect(item).toMatchObject({ destinationId: WEST_MIDLANDS, awaiting: 'gateway-assessment', priority: 'standard' });
    const filtered = await answered(
      api.client(token).GET('/organisations/{organisationId}/triage-queue', {
        params: { path: { organisationId: WEST_MIDLANDS }, query: { priority: 'urgent' } },
      }),
    );
    expect((filtered.json.items as { reference: string }[]).map((candidate) => candidate.reference)).not.toContain(
      reference,
    );
  });

  it('is shown to West Midlands Police with its version, and the read is audited', async () => {
    const answer = await answered(
      api.client(await api.token('wm-officer')).GET('/referrals/{referralId}', { params: { path: { referralId } } }),
    );
    expect(answer.status).toBe(200);
    expect(answer.headers.get('etag')).toBe(`"${answer.json.version as number}"`);
    expect(answer.json).toMatchObject({
      referralId,
      reference,
      status: 'routed',
      currentDestinations: expect.arrayContaining([WEST_MIDLANDS, COVENTRY]),
    });
    expect((answer.json.submission as { personal: { person: { postcode: string } } }).personal.person.postcode).toBe(
      'CV1 2NJ',
    );
    const audit = await api.audit(`referral-${referralId}`);
    expect(audit).toContainEqual(
      expect.objectContaining({
        organisation: WEST_MIDLANDS,
        user: 'wm-officer',
        role: 'police-prevent-officer',
        action: 'read-case',
        outcome: 'allowed',
        correlationId: answer.headers.get('x-correlation-id'),
      }),
    );
  });

  it('goes through the gateway assessment to Channel (West Midlands Police)', async () => {
    const token = await api.token('wm-officer');
    expect(
      (await runCaseCommand(api, token, referralId, 'gateway-assessment/start', bodies['gateway-assessment/start']))
        .status,
    ).toBe(200);
    const completed = await runCaseCommand(
      api,
      token,
      referralId,
      'gateway-assessment/complete',
      bodies['gateway-assessment/complete'],
    );
    expect(completed.status).toBe(200);
    expect(completed.headers.get('etag')).toBe(`"${completed.json.version as number}"`);
  });

  it("is adopted at Coventry's Channel panel (Coventry's Prevent lead)", async () => {
    const token = await api.token('coventry-lead');
    for (const command of ['panel/schedule', 'consent', 'panel/decision'] as const) {
      const answer = await runCaseCommand(api, token, referralId, command, bodies[command]);
      expect(answer.status, `${command}: ${answer.text}`).toBe(200);
    }
    const timeline = await answered(
      api.client(token).GET('/referrals/{referralId}/timeline', { params: { path: { referralId } } }),
    );
    expect((timeline.json.entries as { type: string }[]).map((entry) => entry.type)).toEqual(
      expect.arrayContaining([
        'ReferralSubmitted',
        'ReferralRouted',
        'GatewayAssessmentStarted',
        'GatewayAssessmentCompleted',
        'ChannelPanelScheduled',
        'ConsentRecorded',
        'PanelDecisionRecorded',
      ]),
    );
  });

  it("refuses a step the case is not at with the decider's code (422), writing nothing", async () => {
    const before = await api.settledEventCount();
    const answer = await runCaseCommand(
      api,
      await api.token('coventry-lead'),
      referralId,
      'panel/schedule',
      bodies['panel/schedule'],
    );
    expect(answer.status).toBe(422);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(answer.json.code).toEqual(expect.any(String));
    expect(await api.count('events')).toBe(before);
  });

  it('is counted exactly in the own figures of the organisations it is routed to, and nowhere live for anyone else', async () => {
    const token = await api.token('wm-officer');
    const total = (tables: unknown, name: string) => {
      const table = (
        tables as { name: string; columns: { key: string }[]; total: { cells: { value: number | null }[] } }[]
      ).find((candidate) => candidate.name === name)!;
      return Object.fromEntries(table.columns.map((column, index) => [column.key, table.total.cells[index]?.value]));
    };
    const counted = await until('the adoption in the statistics', async () => {
      const answer = await answered(
        api.client(token).GET('/statistics/own-organisation', { params: { query: { year } } }),
      );
      const totals = total(answer.json.tables, 'referrals-by-sector');
      return totals.adopted === 1 ? totals : undefined;
    });
    expect(counted).toMatchObject({ referrals: 1, 'discussed-at-panel': 1, adopted: 1 });
    const coventry = await answered(
      api.client(await api.token('coventry-lead')).GET('/statistics/own-organisation', { params: { query: { year } } }),
    );
    expect(coventry.json).toMatchObject({ organisation: COVENTRY, disclosureControl: { applied: false } });
    expect(total(coventry.json.tables, 'referrals-by-sector').adopted).toBe(1);
    const staffordshire = await answered(
      api
        .client(await api.token('staffs-officer'))
        .GET('/statistics/own-organisation', { params: { query: { year } } }),
    );
    expect(total(staffordshire.json.tables, 'referrals-by-sector').referrals).toBe(0);
    // The Home Office sees only dated extracts; none is kept in this run, and no live count is offered instead.
    const analyst = await answered(
      api.client(await api.token('home-office-analyst')).GET('/statistics', { params: { query: { year } } }),
    );
    expect(analyst.status).toBe(404);
    expect(
      (
        await answered(
          api
            .client(await api.token('home-office-analyst'))
            .GET('/statistics/own-organisation', { params: { query: { year } } }),
        )
      ).status,
    ).toBe(403);
    const csv = await answered(
      api.client(token).GET('/statistics/own-organisation/{table}', {
        params: { path: { table: 'referrals-by-sector.csv' }, query: { year } },
        parseAs: 'text',
      }),
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.text.split('\n')[0]).toMatch(/^Financial year,As at,.*Referrals/);
  });
});

describe('cross-tenant probes over HTTP', () => {
  it('answers a Staffordshire officer asking for the Coventry case exactly like a case that does not exist, and records both', async () => {
    const token = await api.token('staffs-officer');
    const client = api.client(token);
    const probe = await answered(client.GET('/referrals/{referralId}', { params: { path: { referralId } } }));
    const missing = await answered(
      client.GET('/referrals/{referralId}', { params: { path: { referralId: 'doesnotexist0001' } } }),
    );
    expect(probe.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(withoutCorrelation(probe.json)).toEqual(withoutCorrelation(missing.json));
    expect(probe.headers.get('etag')).toBeNull();
    expect(
      (await answered(client.GET('/referrals/{referralId}/timeline', { params: { path: { referralId } } }))).status,
    ).toBe(404);
    const audit = await api.audit(`referral-${referralId}`);
    expect(
      audit
        .filter((record) => record.organisation === STAFFORDSHIRE && record.outcome === 'refused')
        .map((record) => record.action)
        .sort(),
    ).toEqual(['read-case', 'read-timeline']);
    expect(await api.audit('referral-doesnotexist0001')).toContainEqual(
      expect.objectContaining({ organisation: STAFFORDSHIRE, outcome: 'refused', reason: 'no such case' }),
    );
  });

  it('refuses a Staffordshire officer a command on the Coventry case (404, audited), even with the right version', async () => {
    const read = await answered(
      api.client(await api.token('wm-officer')).GET('/referrals/{referralId}', { params: { path: { referralId } } }),
    );
    const before = await api.settledEventCount();
    const answer = await answered(
      api.client(await api.token('staffs-officer')).POST('/referrals/{referralId}/close', {
        params: { path: { referralId }, header: { 'If-Match': read.headers.get('etag')! } },
        body: bodies.close,
      }),
    );
    expect(answer.status).toBe(404);
    expect(answer.json.currentVersion).toBeUndefined();
    expect(await api.count('events')).toBe(before);
    expect(await api.audit(`referral-${referralId}`)).toContainEqual(
      expect.objectContaining({ organisation: STAFFORDSHIRE, action: 'close', outcome: 'refused' }),
    );
  });

  it("keeps the Coventry referral out of Staffordshire's queue", async () => {
    const page = await answered(
      api.client(await api.token('staffs-officer')).GET('/organisations/{organisationId}/triage-queue', {
        params: { path: { organisationId: STAFFORDSHIRE } },
      }),
    );
    expect(page.status).toBe(200);
    expect((page.json.items as { reference: string }[]).map((item) => item.reference)).not.toContain(reference);
  });

  it.each([
    ['a council reading another council’s queue', 'lichfield-lead', COVENTRY],
    ['a West Midlands token with Staffordshire’s id in the path', 'wm-officer', STAFFORDSHIRE],
    ['a Staffordshire token with West Midlands’ id in the path', 'staffs-officer', WEST_MIDLANDS],
    ['a Home Office analyst', 'home-office-analyst', WEST_MIDLANDS],
  ])('refuses %s (403) and records it', async (_label, persona, organisation) => {
    const answer = await answered(
      api.client(await api.token(persona)).GET('/organisations/{organisationId}/triage-queue', {
        params: { path: { organisationId: organisation } },
      }),
    );
    expect(answer.status).toBe(403);
    expect(answer.text).not.toContain(reference);
    expect(await api.audit(auditSubject('queue', organisation))).toContainEqual(
      expect.objectContaining({
        user: persona,
        action: 'read-triage-queue',
        outcome: 'refused',
        correlationId: answer.headers.get('x-correlation-id'),
      }),
    );
  });

  it('shows the referrer the status of what it submitted, never the case; another referrer sees nothing', async () => {
    const teacher = await api.token('coventry-teacher');
    const statusOf = async (token: string) =>
      answered(api.client(token).GET('/referrals/{referralId}/status', { params: { path: { referralId } } }));
    const status = await statusOf(teacher);
    expect(status.status).toBe(200);
    expect(status.json).toEqual({
      reference,
      status: 'being-assessed',
      submittedAt: expect.any(String),
      question: null,
    });
    expect(status.text).not.toContain('Alex Person');
    expect(
      (await answered(api.client(teacher).GET('/referrals/{referralId}', { params: { path: { referralId } } }))).status,
    ).toBe(404);
    const colleague = await api.identity.sign('another-teacher', {
      'cognito:groups': ['referrer'],
      'custom:organisation': 'referrer:coventry-school',
    });
    expect((await statusOf(colleague)).status).toBe(404);
    const stranger = await statusOf(await api.token('wm-officer'));
    expect(stranger.status).toBe(404);
  });

  it('refuses the statistics to a referrer (403, audited)', async () => {
    const answer = await answered(
      api.client(await api.token('coventry-teacher')).GET('/statistics', { params: { query: { year } } }),
    );
    expect(answer.status).toBe(403);
    expect(await api.audit(auditSubject('statistics', year))).toContainEqual(
      expect.objectContaining({ user: 'coventry-teacher', outcome: 'refused' }),
    );
  });

  it("lets an administrator read the case's access audit, and nobody else", async () => {
    const auditOf = async (token: string) =>
      answered(api.client(token).GET('/referrals/{referralId}/access-audit', { params: { path: { referralId } } }));
    const audit = await auditOf(await api.token('administrator'));
    expect(audit.status).toBe(200);
    const items = audit.json.items as { organisation: string; outcome: string }[];
    expect(items.some((item) => item.organisation === STAFFORDSHIRE && item.outcome === 'refused')).toBe(true);
    expect(items.some((item) => item.organisation === WEST_MIDLANDS && item.outcome === 'allowed')).toBe(true);
    expect((await auditOf(await api.token('wm-officer'))).status).toBe(403);
  });

  it('left the pollers without errors', () => {
    expect(api.errors.map(({ source, error }) => `${source}: ${String(error)}`)).toEqual([]);
  });
});
