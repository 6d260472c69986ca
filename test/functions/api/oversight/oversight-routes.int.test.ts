// Oversight over HTTP on the local stack: a case's access audit for the lead of the council
// holding it and the data protection officer (another council: as for a missing case), as CSV
// too; what one person read, for their organisation's administrator only; a subject access export
// with an exemption, as JSON and as a readable page (in Welsh, what each event and read was in
// Welsh words), and after erasure, the date it was erased.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSubject } from '../../../../functions/audit/access-audit.js';
import { referralStreamId } from '../../../../domain/referral/stream-id.js';
import en from '../../../../web/locales/en.json' with { type: 'json' };
import cy from '../../../../web/locales/cy.json' with { type: 'json' };
import { referralForm } from '../api-fixtures.js';
import { signedInPages } from '../page-session.js';
import { type ApiHarness, runCaseCommand, startApiHarness, until } from '../api-harness.js';

let api: ApiHarness;
const person = { name: 'Robin Oversight-Subject', dateOfBirth: '2008-06-21' };
const cases: { referralId: string; reference: string }[] = [];

beforeAll(async () => {
  api = await startApiHarness('oversight', { pages: true });
  for (let n = 0; n < 2; n += 1) {
    const form = referralForm('CV1 2NJ');
    form.personal.person = { ...form.personal.person, ...person };
    const submitted = await api.call('POST', '/referrals', { body: form });
    expect(submitted.status).toBe(201);
    cases.push(submitted.json as { referralId: string; reference: string });
  }
  const token = await api.token('wm-officer');
  await until('both indexed', async () => {
    const found = await api.call('POST', '/case-search', { token, body: { person } });
    return (found.json.cases as unknown[] | undefined)?.length === 2;
  });
  // A read by the West Midlands officer, for the audits to show.
  expect((await api.call('GET', `/referrals/${cases[0]!.referralId}`, { token })).status).toBe(200);
});
afterAll(async () => {
  await api?.stop();
});

const auditOf = async (persona: string, referralId: string, query = '') =>
  api.call('GET', `/referrals/${referralId}/access-audit${query}`, { token: await api.token(persona) });

describe("a case's access audit", () => {
  it('shows who read the case to the council lead holding it and the data protection officer', async () => {
    for (const persona of ['coventry-lead', 'data-protection-officer', 'administrator']) {
      const answer = await auditOf(persona, cases[0]!.referralId);
      expect(answer.status, persona).toBe(200);
      expect(answer.json.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ user: 'wm-officer', action: 'read-case', outcome: 'allowed' }),
        ]),
      );
    }
  });

  it('answers another council exactly as a case that does not exist, and a police officer 403', async () => {
    const probe = await auditOf('lichfield-lead', cases[0]!.referralId);
    const missing = await auditOf('lichfield-lead', 'AAAAAAAAAAAAAAAAAAAAAA');
    expect(probe.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(probe.json.detail).toBe(missing.json.detail);
    expect((await auditOf('wm-officer', cases[0]!.referralId)).status).toBe(403);
  });

  it('filters by user and action, pages, and gives CSV', async () => {
    const filtered = await auditOf('coventry-lead', cases[0]!.referralId, '?user=wm-officer&action=read-case');
    expect((filtered.json.items as { user: string }[]).every((item) => item.user === 'wm-officer')).toBe(true);
    const first = await auditOf('data-protection-officer', cases[0]!.referralId, '?limit=1');
    expect(first.json.items).toHaveLength(1);
    expect(typeof first.json.cursor).toBe('string');
    const csv = await auditOf('coventry-lead', cases[0]!.referralId, '?format=csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text.split('\r\n')[0]).toBe('at,subject,user,organisation,role,action,outcome,reason,purpose');
    expect(csv.text).toContain('wm-officer');
  });

  it('records that the audit was read', async () => {
    const records = await api.audit(referralStreamId(cases[0]!.referralId));
    expect(records).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ user: 'coventry-lead', action: 'read-access-audit', outcome: 'allowed' }),
        expect.objectContaining({ user: 'lichfield-lead', action: 'read-access-audit', outcome: 'refused' }),
      ]),
    );
  });
});

describe('what one person read', () => {
  const path = (organisation: string, user: string) => `/organisations/${organisation}/people/${user}/access-audit`;

  it("is shown to their organisation's administrator and the data protection officer, not to another's", async () => {
    const own = await api.call('GET', path('police:E23000014', 'wm-officer'), { token: await api.token('wm-admin') });
    expect(own.status).toBe(200);
    expect(own.json.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ subject: referralStreamId(cases[0]!.referralId) })]),
    );
    const dpo = await api.call('GET', path('police:E23000014', 'wm-officer'), {
      token: await api.token('data-protection-officer'),
    });
    expect(dpo.status).toBe(200);
    const other = await api.call('GET', path('la:E08000026', 'coventry-lead'), { token: await api.token('wm-admin') });
    expect(other.status).toBe(403);
    const records = await api.audit(auditSubject('user', 'wm-officer'));
    expect(records.some((record) => record.user === 'wm-admin' && record.outcome === 'allowed')).toBe(true);
  });
});

describe('a subject access request', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Export = any;
  const produce = async (body: Record<string, unknown>, query = '') => {
    const answer = await api.call('POST', `/subject-access-requests${query}`, {
      token: await api.token('data-protection-officer'),
      body,
    });
    return { ...answer, json: answer.json as Export };
  };

  it('exports both referrals, with who read them, to the data protection officer only', async () => {
    const answer = await produce({ person });
    expect(answer.status).toBe(200);
    const referrals = answer.json.disclosure.referrals as {
      reference: string;
      history: unknown[];
      readBy: unknown[];
    }[];
    expect(referrals.map((referral) => referral.reference).sort()).toEqual(cases.map((item) => item.reference).sort());
    expect(JSON.stringify(referrals)).toContain(person.name);
    const refused = await api.call('POST', '/subject-access-requests', {
      token: await api.token('coventry-lead'),
      body: { person },
    });
    expect(refused.status).toBe(403);
  });

  it('leaves an exempt referral out of the disclosure and keeps the ground in the officer record', async () => {
    const exemption = {
      reference: cases[1]!.reference,
      ground: 'prejudice-to-investigation',
      explanation: 'Live case',
    };
    const answer = await produce({ person, exemptions: [exemption] });
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.json.disclosure)).not.toContain(cases[1]!.reference);
    expect(answer.json.officerRecord.exemptions).toEqual([exemption]);
    const page = await produce({ person, exemptions: [exemption] }, '?format=html');
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain(cases[0]!.reference);
    expect(page.text).not.toContain(cases[1]!.reference);
    expect(page.text).not.toContain('Live case');
    // In Welsh, what each event was and what each read was are Welsh words too, not the catalogue's English.
    const welsh = await produce({ person, exemptions: [exemption] }, '?format=html&lang=cy');
    expect(welsh.headers.get('content-language')).toBe('cy');
    const escaped = (text: string) => text.replace(/'/g, '&#39;');
    expect(welsh.text).toContain(escaped(cy.subjectAccess.events.ReferralSubmitted));
    expect(welsh.text).toContain(escaped(cy.subjectAccess.events.ReferralRouted));
    expect(welsh.text).toContain(`<td>${escaped(cy.subjectAccess.auditActions['read-case'])}</td>`);
    expect(welsh.text).not.toContain('A referral was submitted');
    expect(welsh.text).not.toContain('<td>read-case</td>');
    expect(page.text).toContain(escaped(en.subjectAccess.events.ReferralSubmitted));
    expect(page.text).toContain(`<td>${escaped(en.subjectAccess.auditActions['read-case'])}</td>`);
    const notTheirs = await produce({ person, exemptions: [{ ...exemption, reference: 'PRV-0000-0000' }] });
    expect(notTheirs.status).toBe(422);
  });

  it('after erasure, says the data was erased and when (when the request names the reference)', async () => {
    const erased = await runCaseCommand(api, await api.token('wm-officer'), cases[0]!.referralId, 'erasure', {
      // The case is open: only an erasure as recorded in error is allowed on it (decision 0016, part 6).
      reason: 'recorded-in-error',
      grounds: 'mistaken-or-test-submission',
    });
    expect(erased.status).toBe(200);
    await until('the erasure projected', async () => {
      const found = await api.call('POST', '/case-search', { token: await api.token('wm-officer'), body: { person } });
      return (found.json.cases as unknown[]).length === 1;
    });
    const answer = await produce({ person, references: [cases[0]!.reference] });
    expect(answer.status).toBe(200);
    expect(answer.json.disclosure.erased).toEqual([{ reference: cases[0]!.reference, erasedAt: expect.any(String) }]);
    expect(answer.json.disclosure.referrals.map((referral: { reference: string }) => referral.reference)).toEqual([
      cases[1]!.reference,
    ]);
  });

  it('records the request and every referral read for it', async () => {
    const records = await api.audit(referralStreamId(cases[1]!.referralId));
    expect(records).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ user: 'data-protection-officer', purpose: 'subject access request' }),
      ]),
    );
    const requests = await api.audit(auditSubject('subject-access', 'data-protection'));
    expect(requests.length).toBeGreaterThanOrEqual(4);
  });
});

describe("the data protection officer finding a case's audit by its reference, in the pages", () => {
  it("opens the case's audit from its reference, the look-up recorded without the reference", async () => {
    const officer = await signedInPages(api.url, 'data-protection-officer');
    const lookup = await officer.page('/access-audit');
    expect(lookup.html).toContain('name="reference"');
    const found = await officer.page(
      `/access-audit?reference=${encodeURIComponent(cases[1]!.reference.toLowerCase())}`,
    );
    expect(found.status).toBe(303);
    expect(found.location).toBe(`/cases/${cases[1]!.referralId}/access-audit`);
    const audit = await officer.page(found.location!);
    expect(audit.status).toBe(200);
    expect(audit.html).toContain('data-testid="access-audit"');
    expect(audit.html).toContain('subject access request');
    const searches = await api.audit(auditSubject('search', 'data-protection'));
    expect(searches).toContainEqual(
      expect.objectContaining({
        user: 'data-protection-officer',
        action: 'read-access-audit',
        outcome: 'allowed',
        purpose: "find a case's access audit by its reference",
      }),
    );
    expect(JSON.stringify(searches)).not.toContain(cases[1]!.reference);
    expect(await api.audit(referralStreamId(cases[1]!.referralId))).toContainEqual(
      expect.objectContaining({ user: 'data-protection-officer', action: 'read-access-audit', outcome: 'allowed' }),
    );
  });

  it('answers the same through the API: the case for a reference, 404 for none, 403 for a lead', async () => {
    const token = await api.token('data-protection-officer');
    const found = await api.call('GET', `/access-audit/case?reference=${cases[1]!.reference}`, { token });
    expect(found.status).toBe(200);
    expect(found.json).toEqual({ referralId: cases[1]!.referralId });
    expect((await api.call('GET', '/access-audit/case?reference=PRV-0000-0000', { token })).status).toBe(404);
    expect((await api.call('GET', '/access-audit/case?reference=nonsense', { token })).status).toBe(400);
    const lead = await api.call('GET', `/access-audit/case?reference=${cases[1]!.reference}`, {
      token: await api.token('coventry-lead'),
    });
    expect(lead.status).toBe(403);
    expect(JSON.stringify(lead.json)).not.toContain(cases[1]!.referralId);
  });

  it('says in plain words that no case has an unknown reference, in English and Welsh', async () => {
    const officer = await signedInPages(api.url, 'data-protection-officer');
    const unknown = await officer.page('/access-audit?reference=PRV-0000-0000');
    expect(unknown.status).toBe(404);
    expect(unknown.html).toContain('No case has this reference');
    const welsh = await officer.page('/access-audit?reference=PRV-0000-0000&lang=cy');
    expect(welsh.html).toContain('Nid oes gan unrhyw achos y cyfeirnod hwn');
  });
});
