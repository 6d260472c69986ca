// The access audit in pages, over the audit reading service the API uses (a stand-in here that
// answers as the service does): a case's audit with filters, the next page and CSV; a person's
// audit for their organisation's administrator (their own organisation only) and for the data
// protection officer; refusals as the not-found or forbidden page; wrong filters in GOV.UK style.
// The data protection officer finds a case's audit by its reference (an unknown reference said so in
// plain words, a malformed one a form error); an organisation administrator has no reference box.
import { describe, expect, it } from 'vitest';
import { type AuditItem, type AuditReading } from '../../../functions/api/oversight/audit-reading.js';
import { type AuditPageOptions } from '../../../functions/audit/access-audit.js';
import { type AuthenticatedViewer } from '../../../functions/identity/identity.js';
import { createAccessAuditPages } from '../../../web/oversight/access-audit-pages.js';
import { signedInPages } from '../http/signed-in-browser.js';

const viewer = (user: string, organisation: string, role: AuthenticatedViewer['role']): AuthenticatedViewer => ({
  user,
  organisation,
  role,
  roles: [role],
});
const lead = viewer('coventry-lead', 'la:E08000026', 'local-authority-prevent-lead');
const administrator = viewer('coventry-admin', 'la:E08000026', 'organisation-administrator');
const officer = viewer('data-protection-officer', 'data-protection', 'data-protection-officer');

const read: AuditItem = {
  at: '2026-04-02T09:30:00.000Z#a1',
  subject: 'referral-ref-0001',
  user: 'coventry-chair',
  organisation: 'la:E08000026',
  role: 'channel-chair',
  action: 'read-case',
  outcome: 'allowed',
  purpose: 'search by reference',
  correlationId: 'c-1',
};

function setUp() {
  const calls: { kind: 'case' | 'person'; viewer: AuthenticatedViewer; on: unknown; options: AuditPageOptions }[] = [];
  const lookUps: { viewer: AuthenticatedViewer; reference: string }[] = [];
  const audit: AuditReading = {
    async caseWithReference(who, reference) {
      lookUps.push({ viewer: who, reference });
      if (who.role !== 'data-protection-officer')
        return { allowed: false, refusal: { allowed: false, answer: 'forbidden', reason: 'role' } };
      return { allowed: true, referralId: reference === 'PRV-7K3M-Q9TX' ? 'ref-0001' : null };
    },
    async forCase(who, referralId, options) {
      calls.push({ kind: 'case', viewer: who, on: referralId, options });
      if (referralId === 'ref-elsewhere')
        return { allowed: false, refusal: { allowed: false, answer: 'not-found', reason: 'not routed here' } };
      return { allowed: true, page: { items: [read], ...(options.cursor ? {} : { cursor: 'next-page-cursor' }) } };
    },
    async forPerson(who, person, options) {
      calls.push({ kind: 'person', viewer: who, on: person, options });
      if (who.role === 'local-authority-prevent-lead')
        return { allowed: false, refusal: { allowed: false, answer: 'forbidden', reason: 'role' } };
      return { allowed: true, page: { items: [read] } };
    },
  };
  return { calls, lookUps, pages: signedInPages({ routes: createAccessAuditPages({ audit }) }) };
}

describe('the access audit pages', () => {
  it("show a case's audit to its lead, filtered, a page at a time", async () => {
    const { pages, calls } = setUp();
    const asLead = await pages.signIn(lead, 'Helen Ward');
    const query =
      'auditFrom-day=1&auditFrom-month=4&auditFrom-year=2026&auditTo-day=30&auditTo-month=4&auditTo-year=2026&auditUser=coventry-chair&auditAction=read-case&auditOutcome=allowed';
    const page = await asLead.get('/cases/ref-0001/access-audit', query);
    expect(page.statusCode).toBe(200);
    expect(calls[0]).toEqual({
      kind: 'case',
      viewer: lead,
      on: 'ref-0001',
      options: {
        limit: 50,
        from: '2026-04-01',
        to: '2026-04-30',
        user: 'coventry-chair',
        action: 'read-case',
        outcome: 'allowed',
      },
    });
    expect(page.body).toContain('data-testid="access-audit"');
    expect(page.body).toContain('coventry-chair');
    expect(page.body).toContain('search by reference');
    // The next page keeps the filters and adds the cursor; the CSV link keeps them too.
    const next =
      /href="([^"]*cursor=next-page-cursor[^"]*)"/.exec(page.body ?? '')?.[1]?.replaceAll('&amp;', '&') ?? '';
    expect(next).toContain('auditUser=coventry-chair');
    const [path = '', nextQuery = ''] = next.split('?');
    await asLead.get(path, nextQuery);
    expect(calls[1]?.options).toMatchObject({ cursor: 'next-page-cursor', user: 'coventry-chair' });
    const csv = await asLead.get('/cases/ref-0001/access-audit/csv', query);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="access-audit-ref-0001.csv"');
    expect(csv.body?.split('\r\n')[0]).toBe('at,subject,user,organisation,role,action,outcome,reason,purpose');
    expect(csv.body).toContain('referral-ref-0001,coventry-chair');
  });

  it("answers a case the viewer's organisation does not hold as not found, and a bad filter as a form error", async () => {
    const { pages, calls } = setUp();
    const asLead = await pages.signIn(lead, 'Helen Ward');
    expect((await asLead.get('/cases/ref-elsewhere/access-audit')).statusCode).toBe(404);
    expect((await asLead.get('/cases/ref-elsewhere/access-audit/csv')).statusCode).toBe(404);
    const before = calls.length;
    const wrong = await asLead.get(
      '/cases/ref-0001/access-audit',
      'auditFrom-day=31&auditFrom-month=2&auditFrom-year=2026&auditUser=no%20spaces',
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('govuk-error-summary');
    expect(wrong.body).toContain('The from date must be a real date');
    expect(wrong.body).toContain('only letters, digits and hyphens');
    expect(calls.length).toBe(before);
  });

  it('show an organisation administrator what one of their own people read, and a lead nothing', async () => {
    const { pages, calls } = setUp();
    const asAdministrator = await pages.signIn(administrator, 'Ruth Okoye');
    const page = await asAdministrator.get('/people/coventry-chair/access-audit');
    expect(page.statusCode).toBe(200);
    expect(calls.at(-1)).toMatchObject({
      kind: 'person',
      on: { organisation: 'la:E08000026', user: 'coventry-chair' },
    });
    // The case each record names links to that case's audit.
    expect(page.body).toContain('href="/cases/ref-0001/access-audit"');
    const asLead = await pages.signIn(lead, 'Helen Ward');
    expect((await asLead.get('/people/coventry-chair/access-audit')).statusCode).toBe(403);
  });

  it('let the data protection officer name anyone by organisation and id', async () => {
    const { pages, calls } = setUp();
    const asOfficer = await pages.signIn(officer, 'Eleanor Shaw');
    const lookup = await asOfficer.get('/access-audit');
    expect(lookup.statusCode).toBe(200);
    expect(lookup.body).toContain('name="organisation"');
    const wrong = await asOfficer.get('/access-audit', 'organisation=nowhere&user=x');
    expect(wrong.statusCode).toBe(400);
    const page = await asOfficer.get('/access-audit', 'organisation=police%3AE23000014&user=wm-officer');
    expect(page.statusCode).toBe(200);
    expect(calls.at(-1)).toMatchObject({
      kind: 'person',
      on: { organisation: 'police:E23000014', user: 'wm-officer' },
    });
    // The filter form carries the person named.
    expect(page.body).toContain('type="hidden" name="user" value="wm-officer"');
    const csv = await asOfficer.get('/access-audit/csv', 'organisation=police%3AE23000014&user=wm-officer');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="access-audit-wm-officer.csv"');
    const asLead = await pages.signIn(lead, 'Helen Ward');
    expect((await asLead.get('/access-audit')).statusCode).toBe(403);
  });

  it("let the data protection officer find a case's audit by its reference, and say plainly when no case has it", async () => {
    const { pages, lookUps } = setUp();
    const asOfficer = await pages.signIn(officer, 'Eleanor Shaw');
    const lookup = await asOfficer.get('/access-audit');
    expect(lookup.body).toContain('name="reference"');
    // As people type it: lower case and spaces forgiven.
    const found = await asOfficer.get('/access-audit', 'reference=%20prv-7k3m-q9tx%20');
    expect(found.statusCode).toBe(303);
    expect(found.headers.location).toBe('/cases/ref-0001/access-audit');
    expect(lookUps).toEqual([{ viewer: officer, reference: 'PRV-7K3M-Q9TX' }]);
    const unknown = await asOfficer.get('/access-audit', 'reference=PRV-0000-0000');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('govuk-error-summary');
    expect(unknown.body).toContain('href="#reference"');
    expect(unknown.body).toContain('No case has this reference');
    const malformed = await asOfficer.get('/access-audit', 'reference=not-a-reference');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body).toContain('Enter a reference in the right format');
    expect(lookUps).toHaveLength(2);
    const welsh = await asOfficer.get('/access-audit', 'reference=PRV-0000-0000&lang=cy');
    expect(welsh.body).toContain('Nid oes gan unrhyw achos y cyfeirnod hwn');
  });

  it('give an organisation administrator no reference box, and refuse them a look-up by reference', async () => {
    const { pages, lookUps } = setUp();
    const asAdministrator = await pages.signIn(administrator, 'Ruth Okoye');
    const lookup = await asAdministrator.get('/access-audit');
    expect(lookup.statusCode).toBe(200);
    expect(lookup.body).not.toContain('name="reference"');
    expect((await asAdministrator.get('/access-audit', 'reference=PRV-7K3M-Q9TX')).statusCode).toBe(403);
    expect(lookUps).toEqual([]);
  });
});
