// Statistics cannot be differenced (security review, issue 11, points 3 and 4), over HTTP on the
// real local stack: the national figures anyone may read are a dated extract of a closed quarter,
// and a referral submitted now changes nothing an analyst (or a case worker looking beyond their
// own organisation) can read; exact figures are given only of an organisation's own referrals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPeriods, financialYearOf, periodLastDay } from '../../../../domain/statistics/index.js';
import { londonDateOf } from '../../../../domain/triage/calendar-date.js';
import { auditSubject } from '../../../../functions/audit/access-audit.js';
import { composeTimers } from '../../../../functions/timers/timers-composition.js';
import { referralForm } from '../api-fixtures.js';
import { type ApiHarness, answered, startApiHarness, until } from '../api-harness.js';

let api: ApiHarness;
const today = londonDateOf(new Date().toISOString());
const currentYear = financialYearOf(today);
const [lastClosed] = closedPeriods(today, { lookback: 1, settleDays: 1 });
const extractYear = lastClosed!.financialYear;

beforeAll(async () => {
  api = await startApiHarness('statistics-extracts');
});
afterAll(async () => {
  await api?.stop();
});

type Tables = {
  name: string;
  columns: { key: string }[];
  total: { cells: { value: number | null; suppressed: boolean }[] };
}[];
const referralsTotal = (tables: unknown, name = 'referrals-by-sector') =>
  (tables as Tables).find((table) => table.name === name)?.total.cells[0];

describe('the national statistics are dated extracts', () => {
  it('answers that no extract exists before one is produced, instead of live counts', async () => {
    const answer = await answered(
      api.client(await api.token('home-office-analyst')).GET('/statistics', {
        params: { query: { year: extractYear } },
      }),
    );
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(answer.json.detail).toMatch(/No extract of the statistics of .* has been produced yet/);
  });

  it('keeps an extract of each closed quarter when the timers run, with its as-at date and when it was produced', async () => {
    const timers = composeTimers(api.stack.config, api.stack.clients);
    const produced: string[] = [];
    for (let run = 0; run < 5; run += 1) produced.push(...(await timers.run()).statisticsExtracts);
    expect(produced).toContain(`${extractYear}-q${lastClosed!.quarter}-r1`);
    const list = await answered(api.client(await api.token('home-office-analyst')).GET('/statistics/extracts'));
    expect(list.status).toBe(200);
    const extracts = list.json.extracts as { id: string; asAt: string; producedAt: string; revision: number }[];
    expect(extracts[0]).toEqual({
      id: `${extractYear}-q${lastClosed!.quarter}-r1`,
      financialYear: extractYear,
      quarter: lastClosed!.quarter,
      asAt: periodLastDay(lastClosed!),
      producedAt: expect.any(String),
      revision: 1,
      revisionNote: null,
    });
    expect(extracts.map((extract) => extract.id)).toEqual(expect.arrayContaining(produced));
  });

  it('gives an analyst and a police officer the same suppressed extract, unchanged by a referral submitted now', async () => {
    const analyst = await api.token('home-office-analyst');
    const officer = await api.token('wm-officer');
    const read = async (token: string) => {
      const client = api.client(token);
      const tables = await answered(client.GET('/statistics', { params: { query: { year: extractYear } } }));
      const csv = await answered(
        client.GET('/statistics/{table}', {
          params: { path: { table: 'referrals-by-sector.csv' }, query: { year: extractYear } },
          parseAs: 'text',
        }),
      );
      const current = await answered(client.GET('/statistics', { params: { query: { year: currentYear } } }));
      return {
        status: tables.status,
        json: tables.json,
        csv: csv.text,
        csvName: csv.headers.get('content-disposition'),
        current: { status: current.status, json: current.json.tables },
      };
    };
    const before = await read(analyst);
    expect(before.status).toBe(200);
    expect(before.json).toMatchObject({
      year: extractYear,
      asAt: periodLastDay(lastClosed!),
      disclosureControl: { applied: true, threshold: 5 },
    });
    expect(before.csv.split('\r\n')[1]).toMatch(new RegExp(`^[0-9]{4}/[0-9]{2},${periodLastDay(lastClosed!)},`));
    expect(before.csvName).toContain(`as-at-${periodLastDay(lastClosed!)}`);
    expect(await read(officer)).toEqual(before);

    const submitted = await answered(
      api.client(await api.token('coventry-teacher')).POST('/referrals', { body: referralForm('CV1 2NJ') }),
    );
    expect(submitted.status).toBe(201);
    // The referral is in the statistics now: West Midlands Police's own, exact figures count it.
    const own = await until('the referral in West Midlands Police’s own figures', async () => {
      const answer = await answered(
        api.client(officer).GET('/statistics/own-organisation', { params: { query: { year: currentYear } } }),
      );
      return referralsTotal(answer.json.tables)?.value === 1 ? answer : undefined;
    });
    expect(own.json).toMatchObject({
      organisation: 'police:E23000014',
      disclosureControl: { applied: false },
      asAt: expect.stringMatching(/^[0-9]{4}-[0-9]{2}-[0-9]{2}T/),
    });

    // Nothing an analyst, or an officer looking at the nation, can read has moved.
    expect(await read(analyst)).toEqual(before);
    expect(await read(officer)).toEqual(before);
  });
});

describe("exact figures only of an organisation's own referrals", () => {
  it("counts nothing of the Coventry referral in Staffordshire's own figures", async () => {
    const answer = await answered(
      api
        .client(await api.token('staffs-officer'))
        .GET('/statistics/own-organisation', { params: { query: { year: currentYear } } }),
    );
    expect(answer.status).toBe(200);
    expect(referralsTotal(answer.json.tables)).toEqual({ value: 0, suppressed: false });
  });

  it('refuses own figures to an analyst and every statistic to a referrer, and records both', async () => {
    const analyst = await answered(
      api
        .client(await api.token('home-office-analyst'))
        .GET('/statistics/own-organisation', { params: { query: { year: currentYear } } }),
    );
    expect(analyst.status).toBe(403);
    const referrer = await answered(api.client(await api.token('coventry-teacher')).GET('/statistics/extracts'));
    expect(referrer.status).toBe(403);
    expect(await api.audit(auditSubject('statistics', currentYear))).toContainEqual(
      expect.objectContaining({ user: 'home-office-analyst', outcome: 'refused' }),
    );
    expect(await api.audit(auditSubject('statistics', 'extracts'))).toContainEqual(
      expect.objectContaining({ user: 'coventry-teacher', outcome: 'refused' }),
    );
  });

  it('left the pollers without errors', () => {
    expect(api.errors.map(({ source, error }) => `${source}: ${String(error)}`)).toEqual([]);
  });
});

describe('the release tables of an extract', () => {
  it('serves the tables in the release shape, with the key results, one CSV per table and one workbook', async () => {
    const client = api.client(await api.token('home-office-analyst'));
    const release = await answered(client.GET('/statistics/release', { params: { query: { year: extractYear } } }));
    expect(release.status).toBe(200);
    const body = release.json as {
      asAt: string;
      disclosureControl: { applied: boolean; threshold: number };
      tables: { id: string; number: string; rows: { label: string }[] }[];
      keyResults: { results: unknown[] };
    };
    expect(body.asAt).toBe(periodLastDay(lastClosed!));
    expect(body.disclosureControl).toMatchObject({ applied: true, threshold: 5 });
    expect(body.tables.map((table) => table.number)).toEqual(
      expect.arrayContaining(['Table 1', 'Table 3', 'Table 8', 'Table 11a', 'Table 12d']),
    );
    expect(body.keyResults.results.length).toBeGreaterThan(0);

    const csv = await answered(
      client.GET('/statistics/release/{file}', {
        params: { path: { file: 'table-3.csv' }, query: { year: extractYear } },
        parseAs: 'text',
      }),
    );
    expect(csv.status).toBe(200);
    expect(csv.text.split('\r\n')[0]).toMatch(/^"Table 3: Individuals referred to Prevent, by sector of referral/);
    expect(csv.headers.get('content-disposition')).toContain(`table-3-as-at-${periodLastDay(lastClosed!)}.csv`);

    const workbook = await answered(
      client.GET('/statistics/release/{file}', {
        params: { path: { file: 'tables.xlsx' }, query: { year: extractYear } },
        parseAs: 'arrayBuffer',
      }),
    );
    expect(workbook.status).toBe(200);
    expect(workbook.headers.get('content-type')).toContain('spreadsheetml');
    const bytes = new Uint8Array(workbook.data as unknown as ArrayBuffer);
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]); // a zip, as every XLSX is

    const markdown = await answered(
      client.GET('/statistics/release/{file}', {
        params: { path: { file: 'key-results.md' }, query: { year: extractYear } },
        parseAs: 'text',
      }),
    );
    expect(markdown.text).toContain('key results');

    const refused = await answered(
      api.client(await api.token('coventry-teacher')).GET('/statistics/release', {
        params: { query: { year: extractYear } },
      }),
    );
    expect(refused.status).toBe(403);
  });
});

describe('extracts taken on request, and revisions that say what changed', () => {
  const order = (body: Record<string, unknown>, persona = 'home-office-analyst') =>
    api
      .token(persona)
      .then((token) =>
        answered(
          api
            .client(token)
            .POST('/statistics/extracts', { body: body as { year: string; quarter: 1; reason: string } }),
        ),
      );

  it('refuses anyone but a Home Office analyst, and records the refusal', async () => {
    const answer = await order(
      { year: extractYear, quarter: lastClosed!.quarter, reason: 'a second look' },
      'wm-officer',
    );
    expect(answer.status).toBe(403);
    expect(await api.audit(auditSubject('statistics', extractYear))).toContainEqual(
      expect.objectContaining({ user: 'wm-officer', action: 'produce-statistics-extract', outcome: 'refused' }),
    );
  });

  it('refuses a day before the quarter ends or one not over yet, and an order without a reason, keeping nothing', async () => {
    const before = await answered(api.client(await api.token('home-office-analyst')).GET('/statistics/extracts'));
    const early = await order({ year: extractYear, quarter: lastClosed!.quarter, asAt: '2000-01-01', reason: 'early' });
    expect(early.status).toBe(422);
    expect(early.json.detail).toMatch(/cannot be as at a day before its end/);
    const notOver = await order({ year: extractYear, quarter: lastClosed!.quarter, asAt: today, reason: 'today' });
    expect(notOver.status).toBe(422);
    const noReason = await order({ year: extractYear, quarter: lastClosed!.quarter });
    expect(noReason.status).toBe(400);
    const after = await answered(api.client(await api.token('home-office-analyst')).GET('/statistics/extracts'));
    expect(after.json).toEqual(before.json);
  });

  it('keeps a second extract of a quarter as its next revision, beside the first, saying what changed', async () => {
    const answer = await order({ year: extractYear, quarter: lastClosed!.quarter, reason: 'checked again' });
    expect(answer.status, answer.text).toBe(201);
    const id = `${extractYear}-q${lastClosed!.quarter}-r2`;
    expect(answer.json).toEqual({
      extract: expect.objectContaining({
        id,
        revision: 2,
        asAt: periodLastDay(lastClosed!),
        revisionNote: `Revision 2 of ${extractYear}-q${lastClosed!.quarter}-r1: checked again. No figure changed.`,
      }),
      comparable: true,
      // The referral submitted today is after the quarter's end: the figures as at its end stand.
      changes: [],
    });
    const list = await answered(api.client(await api.token('home-office-analyst')).GET('/statistics/extracts'));
    expect((list.json.extracts as { id: string }[]).map((extract) => extract.id)).toEqual(
      expect.arrayContaining([id, `${extractYear}-q${lastClosed!.quarter}-r1`]),
    );
    const changes = await answered(
      api
        .client(await api.token('wm-officer'))
        .GET('/statistics/extracts/{extractId}/changes', { params: { path: { extractId: id } } }),
    );
    expect(changes.status).toBe(200);
    expect(changes.json).toEqual(answer.json);
    const missing = await answered(
      api
        .client(await api.token('home-office-analyst'))
        .GET('/statistics/extracts/{extractId}/changes', { params: { path: { extractId: '2001-02-q1-r1' } } }),
    );
    expect(missing.status).toBe(404);
    const referrer = await answered(
      api
        .client(await api.token('coventry-teacher'))
        .GET('/statistics/extracts/{extractId}/changes', { params: { path: { extractId: id } } }),
    );
    expect(referrer.status).toBe(403);
  });
});
