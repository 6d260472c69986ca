// Finding a case in the pages: the search box sits on every page of someone who may find cases
// (and no one else's); the page searches by reference (typed any way) or by the person's name and
// date of birth, open, closed or all cases, through the case search service the API uses; errors in
// GOV.UK style; results link to the case and, for those who may read it, its access audit.
import { describe, expect, it } from 'vitest';
import {
  type CaseSearch,
  type CaseSearchRequest,
  type FoundCase,
} from '../../../functions/api/referrals/case-search.js';
import { type AuthenticatedViewer } from '../../../functions/identity/identity.js';
import { createFindCasePages } from '../../../web/oversight/find-case-pages.js';
import { signedInPages } from '../http/signed-in-browser.js';

const lead: AuthenticatedViewer = {
  user: 'coventry-lead',
  organisation: 'la:E08000026',
  role: 'local-authority-prevent-lead',
  roles: ['local-authority-prevent-lead'],
};
const officer: AuthenticatedViewer = {
  user: 'wm-officer',
  organisation: 'police:E23000014',
  role: 'police-prevent-officer',
  roles: ['police-prevent-officer'],
};
const administrator: AuthenticatedViewer = {
  user: 'coventry-admin',
  organisation: 'la:E08000026',
  role: 'organisation-administrator',
  roles: ['organisation-administrator'],
};

const closedCase: FoundCase = {
  referralId: 'ref-closed-0001',
  reference: 'PRV-7K3M-Q9TX',
  status: 'closed',
  closed: true,
  priority: 'standard',
  submittedAt: '2026-02-03T10:00:00.000Z',
  erased: false,
};

function setUp() {
  const asked: { viewer: AuthenticatedViewer; request: CaseSearchRequest }[] = [];
  const search: CaseSearch = {
    async find(viewer, request) {
      asked.push({ viewer, request });
      if (viewer.role === 'organisation-administrator') return { allowed: false };
      return { allowed: true, cases: request.status === 'open' ? [] : [closedCase] };
    },
  };
  return { asked, pages: signedInPages({ routes: createFindCasePages({ search }) }) };
}

describe('finding a case in the pages', () => {
  it("puts the search box on every page of someone who may find cases, and on no one else's", async () => {
    const { pages } = setUp();
    const asLead = await pages.signIn(lead, 'Helen Ward');
    const page = await asLead.get('/signed-out');
    expect(page.body).toContain('id="case-search-box"');
    expect(page.body).toMatch(/<form method="post" action="\/find-a-case"[^>]*role="search"/);
    const asAdministrator = await pages.signIn(administrator, 'Ruth Okoye');
    expect((await asAdministrator.get('/signed-out')).body).not.toContain('id="case-search-box"');
    expect((await asAdministrator.get('/find-a-case')).statusCode).toBe(403);
  });

  it('finds a closed case by its reference typed in lower case with spaces, from the box', async () => {
    const { pages, asked } = setUp();
    const asLead = await pages.signIn(lead, 'Helen Ward');
    const found = await asLead.post('/find-a-case', { searchReference: '  prv-7k3m-q9tx ', searchStatus: 'all' });
    expect(found.statusCode).toBe(200);
    expect(asked).toEqual([{ viewer: lead, request: { reference: 'PRV-7K3M-Q9TX', status: 'all' } }]);
    expect(found.body).toContain('data-testid="search-results"');
    expect(found.body).toContain('href="/cases/ref-closed-0001"');
    expect(found.body).toContain('href="/cases/ref-closed-0001/access-audit"');
    expect(found.body).toMatch(/govuk-tag--grey">\s*Closed/);
  });

  it('finds by the person, and filters on open or closed cases', async () => {
    const { pages, asked } = setUp();
    const asOfficer = await pages.signIn(officer, 'Priya Sandhu');
    const found = await asOfficer.post('/find-a-case', {
      searchReference: '',
      searchName: 'Jordan Walker',
      'searchDateOfBirth-day': '12',
      'searchDateOfBirth-month': '3',
      'searchDateOfBirth-year': '1990',
      searchStatus: 'open',
    });
    expect(found.statusCode).toBe(200);
    expect(asked[0]?.request).toEqual({ person: { name: 'Jordan Walker', dateOfBirth: '1990-03-12' }, status: 'open' });
    expect(found.body).toContain('data-testid="no-results"');
    // A police officer does not read access audits: no link offered.
    const all = await asOfficer.post('/find-a-case', { searchReference: 'PRV-7K3M-Q9TX', searchStatus: 'all' });
    expect(all.body).toContain('href="/cases/ref-closed-0001"');
    expect(all.body).not.toContain('/access-audit"');
  });

  it('says what is wrong in GOV.UK style, in English and Welsh, and searches for nothing', async () => {
    const { pages, asked } = setUp();
    const asLead = await pages.signIn(lead, 'Helen Ward');
    const empty = await asLead.post('/find-a-case', { searchReference: '', searchStatus: 'all' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('govuk-error-summary');
    expect(empty.body).toContain('Enter a reference, or the person&#39;s full name and date of birth');
    const wrong = await asLead.post('/find-a-case', { searchReference: 'PRV-1', searchStatus: 'all' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Enter a reference in the correct format');
    const noDate = await asLead.post('/find-a-case', { searchName: 'Jordan Walker', searchStatus: 'all' });
    expect(noDate.statusCode).toBe(400);
    expect(noDate.body).toContain('href="#searchDateOfBirth-day"');
    await asLead.get('/find-a-case', 'lang=cy');
    const welsh = await asLead.post('/find-a-case', { searchReference: '' });
    expect(welsh.body).toContain('Rhowch gyfeirnod, neu enw llawn a dyddiad geni');
    expect(asked).toEqual([]);
  });
});
