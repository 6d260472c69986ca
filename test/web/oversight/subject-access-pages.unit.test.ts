// Subject access requests in pages, over the subject access service the API uses (a stand-in that
// answers as it does): the person, exemptions, check your answers, the export as a page, as JSON
// and as the readable page for the person in English and in Welsh (without the officer's record);
// after erasure it says so; errors in GOV.UK style; no one but the data protection officer.
import { describe, expect, it } from 'vitest';
import {
  type SubjectAccess,
  type SubjectAccessExport,
  type SubjectAccessRequest,
} from '../../../functions/api/oversight/subject-access.js';
import { type AuthenticatedViewer } from '../../../functions/identity/identity.js';
import { createSubjectAccessPages } from '../../../web/oversight/subject-access-pages.js';
import { signedInPages } from '../http/signed-in-browser.js';

const officer: AuthenticatedViewer = {
  user: 'data-protection-officer',
  organisation: 'data-protection',
  role: 'data-protection-officer',
  roles: ['data-protection-officer'],
};
const lead: AuthenticatedViewer = {
  user: 'coventry-lead',
  organisation: 'la:E08000026',
  role: 'local-authority-prevent-lead',
  roles: ['local-authority-prevent-lead'],
};

const exportFor = (request: SubjectAccessRequest): SubjectAccessExport => ({
  producedAt: '2026-05-04T10:00:00.000Z',
  producedBy: { organisation: 'data-protection', role: 'data-protection-officer' },
  disclosure: {
    referrals: [
      {
        reference: 'PRV-AAAA-BBBB',
        submittedAt: '2026-01-05T09:00:00.000Z',
        status: 'closed',
        organisations: ['police:E23000014'],
        history: [
          {
            type: 'ReferralSubmitted',
            occurredAt: '2026-01-05T09:00:00.000Z',
            describes: 'ReferralSubmitted',
            by: { organisation: 'referrer:school', role: 'referrer' },
            recorded: { concern: 'x' },
            aboutThePerson: { name: request.person.name },
          },
        ],
        readBy: [
          {
            at: '2026-01-06T09:00:00.000Z',
            organisation: 'police:E23000014',
            role: 'police-prevent-officer',
            action: 'read-case',
          },
        ],
      },
    ],
    erased: request.references.includes('PRV-ERAS-ED00')
      ? [{ reference: 'PRV-ERAS-ED00', erasedAt: '2026-03-01T12:00:00.000Z' }]
      : [],
  },
  officerRecord: { exemptions: request.exemptions, matchedReferrals: 2 },
});

function setUp() {
  const asked: SubjectAccessRequest[] = [];
  const subjectAccess: SubjectAccess = {
    async produce(viewer, request) {
      if (viewer.role !== 'data-protection-officer') return { ok: false, error: 'forbidden' };
      asked.push(request);
      if (request.exemptions.some((exemption) => exemption.reference === 'PRV-ZZZZ-ZZZZ'))
        return { ok: false, error: 'exemption-not-matched' };
      return { ok: true, export: exportFor(request) };
    },
  };
  return { asked, pages: signedInPages({ routes: createSubjectAccessPages({ subjectAccess }) }) };
}

const person = {
  sarName: 'Jordan Walker',
  'sarDateOfBirth-day': '12',
  'sarDateOfBirth-month': '3',
  'sarDateOfBirth-year': '1990',
  sarReferences: 'prv-eras-ed00',
};

describe('subject access request pages', () => {
  it('take the person and an exemption, check them, and produce the export as a page and downloads', async () => {
    const { pages, asked } = setUp();
    const dpo = await pages.signIn(officer, 'Eleanor Shaw');
    expect((await dpo.get('/subject-access')).statusCode).toBe(200);
    const named = await dpo.post('/subject-access', person);
    expect(named.headers.location).toBe('/subject-access/check');
    const wrongExemption = await dpo.post('/subject-access/exemption', {
      exemptionReference: 'PRV-AAAA-BBBB',
    });
    expect(wrongExemption.statusCode).toBe(400);
    expect(wrongExemption.body).toContain('Select the ground of the exemption');
    expect(wrongExemption.body).toContain('Enter why the exemption applies');
    const exempted = await dpo.post('/subject-access/exemption', {
      exemptionReference: 'prv-cccc-dddd',
      exemptionGround: 'prejudice-to-investigation',
      exemptionExplanation: 'Live investigation',
    });
    const check = await dpo.follow(exempted);
    expect(check.body).toContain('Jordan Walker');
    expect(check.body).toContain('12 March 1990');
    expect(check.body).toContain('PRV-CCCC-DDDD');
    expect(check.body).toContain('Disclosure would prejudice a live investigation');
    const result = await dpo.post('/subject-access/check');
    expect(result.statusCode).toBe(200);
    expect(asked[0]).toEqual({
      person: { name: 'Jordan Walker', dateOfBirth: '1990-03-12' },
      references: ['PRV-ERAS-ED00'],
      exemptions: [
        { reference: 'PRV-CCCC-DDDD', ground: 'prejudice-to-investigation', explanation: 'Live investigation' },
      ],
    });
    expect(result.body).toContain('Referral PRV-AAAA-BBBB');
    expect(result.body).toContain('Referral PRV-ERAS-ED00: the personal data was erased on 1 March 2026');

    const json = await dpo.get('/subject-access/export.json');
    expect(json.headers['content-type']).toContain('application/json');
    expect(json.headers['content-disposition']).toBe('attachment; filename="subject-access-export.json"');
    expect(JSON.parse(json.body ?? '{}').officerRecord.exemptions).toHaveLength(1);

    const english = await dpo.get('/subject-access/export.html', 'language=en');
    expect(english.headers['content-disposition']).toBe('attachment; filename="subject-access-export-en.html"');
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain('Your personal data held by the Prevent referral service');
    expect(english.body).toContain('the personal data was erased on 2026-03-01T12:00:00.000Z');
    const welsh = await dpo.get('/subject-access/export.html', 'language=cy');
    expect(welsh.body).toContain('<html lang="cy">');
    expect(welsh.body).toContain('Eich data personol a ddelir gan wasanaeth atgyfeirio Prevent');
    expect(welsh.body).toContain('Atgyfeiriad PRV-AAAA-BBBB');
    // Neither copy for the person names the exemption, its ground or its explanation.
    for (const copy of [english.body, welsh.body]) {
      expect(copy).not.toContain('PRV-CCCC-DDDD');
      expect(copy).not.toContain('Live investigation');
    }
    // Choosing the copy's language leaves the officer's own pages in theirs.
    expect(welsh.cookies ?? []).toEqual([]);
  });

  it('say what is wrong with the person in GOV.UK style, in English and Welsh', async () => {
    const { pages, asked } = setUp();
    const dpo = await pages.signIn(officer, 'Eleanor Shaw');
    const wrong = await dpo.post('/subject-access', { sarName: '', sarReferences: 'PRV-1' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('govuk-error-summary');
    expect(wrong.body).toContain('href="#sarName"');
    expect(wrong.body).toContain('Enter references in the correct format');
    await dpo.get('/subject-access', 'lang=cy');
    const welsh = await dpo.post('/subject-access', { sarName: '' });
    expect(welsh.body).toContain('Rhowch enw llawn yr unigolyn');
    expect(asked).toEqual([]);
  });

  it("refuse an exemption that names a referral not among the person's on the check page", async () => {
    const { pages } = setUp();
    const dpo = await pages.signIn(officer, 'Eleanor Shaw');
    await dpo.post('/subject-access', person);
    await dpo.post('/subject-access/exemption', {
      exemptionReference: 'PRV-ZZZZ-ZZZZ',
      exemptionGround: 'other',
      exemptionExplanation: 'A mistake',
    });
    const refused = await dpo.post('/subject-access/check');
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('An exemption names a referral that is not among this person');
  });

  it('are for the data protection officer alone', async () => {
    const { pages } = setUp();
    const asLead = await pages.signIn(lead, 'Helen Ward');
    expect((await asLead.get('/subject-access')).statusCode).toBe(403);
    expect((await asLead.post('/subject-access', person)).statusCode).toBe(403);
    expect((await asLead.get('/subject-access/export.json')).statusCode).toBe(403);
  });
});
