// An organisation administrator's people pages over the people service the API uses (the demo
// directory, the real access guard, an audit and a revocation record in memory): the list holds
// only their own organisation's caseworkers; inviting goes through check your answers to a
// confirmation, with GOV.UK errors; a role can be changed and a leaver removed, never anyone of
// another organisation; and a removed person's own session ends on their next request.
import { describe, expect, it } from 'vitest';
import { type AccessRecord } from '../../../functions/audit/access-audit.js';
import { createAccessGuard } from '../../../functions/api/shared/access-guard.js';
import { type AuthenticatedViewer } from '../../../functions/identity/identity.js';
import { createPeopleAdministration } from '../../../functions/people/people-administration.js';
import { type Revocations } from '../../../functions/people/revocations.js';
import { createDemoPeople } from '../../../local/demo-people.js';
import { personas } from '../../../local/personas.js';
import { createPeoplePages } from '../../../web/people/people-pages.js';
import { type PageRoute, view } from '../../../web/http/page-route.js';
import { signedInPages } from '../http/signed-in-browser.js';

const viewerOf = (id: string): AuthenticatedViewer => {
  const persona = personas.find((candidate) => candidate.id === id)!;
  return { user: persona.id, organisation: persona.organisation, role: persona.role, roles: [persona.role] };
};

let now = new Date('2026-05-04T09:00:00.000Z');
const clock = () => now;

function setUp() {
  const records: AccessRecord[] = [];
  const audit = {
    record: async (entry: Omit<AccessRecord, 'at'> & { at: Date }) => {
      records.push({ ...entry, at: entry.at.toISOString() });
    },
    listForCase: async () => ({ items: [] }),
    listForUser: async () => ({ items: [] }),
  };
  const revoked = new Map<string, Date>();
  const revocations: Revocations = {
    revoke: async ({ user, at }) => {
      revoked.set(user, at);
    },
    revokedAt: async (user) => revoked.get(user) ?? null,
  };
  const directory = createDemoPeople(personas);
  const people = createPeopleAdministration({
    directory,
    revocations,
    guard: createAccessGuard({ audit, clock }),
    clock,
  });
  // Stands for any page of a signed-in person.
  const work: PageRoute = {
    method: 'GET',
    path: '/work',
    access: 'signed-in',
    handle: async (request) => view('signed-out', { title: `Work of ${request.person?.name ?? 'nobody'}` }),
  };
  const pages = signedInPages({
    routes: [...createPeoplePages({ people }), work],
    clock,
    revocations,
  });
  return { pages, records, directory, revoked };
}

const text = (body: string | undefined) => (body ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe("an organisation administrator's people pages", () => {
  it("list only the organisation's own caseworkers, with their roles", async () => {
    const { pages } = setUp();
    const admin = await pages.signIn(viewerOf('coventry-admin'), 'Ruth Okoye');
    const list = await admin.get('/people');
    expect(list.statusCode).toBe(200);
    const shown = text(list.body?.slice(list.body.indexOf('data-testid="people"')));
    expect(shown).toContain('Helen Ward');
    expect(shown).toContain('Marcus Bell');
    expect(shown).toContain('Channel panel chair');
    for (const other of ['Priya Sandhu', 'Joanne Pike', 'Imran Hussain', 'Ruth Okoye'])
      expect(shown).not.toContain(other);
  });

  it('are refused to anyone who is not an organisation administrator', async () => {
    const { pages } = setUp();
    const lead = await pages.signIn(viewerOf('coventry-lead'), 'Helen Ward');
    expect((await lead.get('/people')).statusCode).toBe(403);
    expect((await lead.get('/people/invite')).statusCode).toBe(403);
    expect((await lead.post('/people/coventry-chair/remove')).statusCode).toBe(403);
  });

  it('invite a caseworker through check your answers to a confirmation', async () => {
    const { pages, directory, records } = setUp();
    const admin = await pages.signIn(viewerOf('coventry-admin'), 'Ruth Okoye');
    const form = await admin.get('/people/invite');
    expect(form.statusCode).toBe(200);
    // Only the casework roles of a council are offered.
    expect(form.body).toContain('value="local-authority-prevent-lead"');
    expect(form.body).toContain('value="channel-chair"');
    expect(form.body).not.toContain('value="police-prevent-officer"');
    expect(form.body).not.toContain('value="organisation-administrator"');
    const sent = await admin.post('/people/invite', {
      inviteName: 'Nia Roberts',
      inviteEmail: 'nia.roberts@coventry.example',
      personRole: 'channel-chair',
    });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/people/invite/check');
    const check = await admin.follow(sent);
    expect(text(check.body)).toContain('Nia Roberts');
    expect(text(check.body)).toContain('nia.roberts@coventry.example');
    expect(directory.signable.some((persona) => persona.name === 'Nia Roberts')).toBe(false);
    const confirmed = await admin.post('/people/invite/check');
    expect(confirmed.headers.location).toBe('/people/done');
    const done = await admin.follow(confirmed);
    expect(text(done.body)).toContain('Invitation sent');
    expect(text(done.body)).toContain('Nia Roberts has been invited as Channel panel chair');
    const invited = directory.signable.find((persona) => persona.name === 'Nia Roberts');
    expect(invited).toMatchObject({ organisation: 'la:E08000026', role: 'channel-chair' });
    expect(records.some((record) => record.action === 'manage-people' && record.outcome === 'allowed')).toBe(true);
  });

  it('answer a form with mistakes with a GOV.UK error summary, in Welsh too, repeating nothing entered', async () => {
    const { pages } = setUp();
    const admin = await pages.signIn(viewerOf('coventry-admin'), 'Ruth Okoye');
    const wrong = await admin.post('/people/invite', {
      inviteName: '',
      inviteEmail: 'not-an-address',
      personRole: 'police-prevent-officer',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('govuk-error-summary');
    expect(wrong.body).toContain('There is a problem');
    expect(wrong.body).toContain('href="#inviteName"');
    expect(wrong.body).toContain('Enter an email address in the correct format');
    await admin.get('/people/invite', 'lang=cy');
    const welsh = await admin.post('/people/invite', { inviteName: 'Nia', inviteEmail: '', personRole: '' });
    expect(welsh.statusCode).toBe(400);
    expect(welsh.body).toContain('Mae problem');
    expect(welsh.body).toContain('Rhowch gyfeiriad e-bost yr unigolyn');
  });

  it('refuse an address that already has an account on the check page', async () => {
    const { pages } = setUp();
    const admin = await pages.signIn(viewerOf('coventry-admin'), 'Ruth Okoye');
    await admin.post('/people/invite', {
      inviteName: 'Helen Again',
      inviteEmail: 'coventry-lead@demo.invalid',
      personRole: 'channel-chair',
    });
    const refused = await admin.post('/people/invite/check');
    expect(refused.statusCode).toBe(400);
    expect(text(refused.body)).toContain('There is already an account with this email address');
  });

  it("change a caseworker's role, and never touch anyone of another organisation", async () => {
    const { pages, revoked } = setUp();
    const admin = await pages.signIn(viewerOf('coventry-admin'), 'Ruth Okoye');
    const changed = await admin.post('/people/coventry-chair/role', { personRole: 'local-authority-prevent-lead' });
    expect(changed.headers.location).toBe('/people/done');
    expect(text((await admin.follow(changed)).body)).toContain('Marcus Bell is now Local authority Prevent lead');
    expect(revoked.has('coventry-chair')).toBe(true);
    // West Midlands Police's officer, Lichfield's lead: not Coventry's people.
    expect((await admin.get('/people/wm-officer/role')).statusCode).toBe(404);
    expect((await admin.post('/people/lichfield-lead/remove')).statusCode).toBe(404);
    expect((await admin.get('/people/not%20an%20id/remove')).statusCode).toBe(404);
  });

  it('remove a leaver, whose own session ends at their next request', async () => {
    const { pages, directory } = setUp();
    const leaver = await pages.signIn(viewerOf('coventry-chair'), 'Marcus Bell');
    expect((await leaver.get('/work')).statusCode).toBe(200);
    now = new Date(now.getTime() + 60_000);
    const admin = await pages.signIn(viewerOf('coventry-admin'), 'Ruth Okoye');
    const confirm = await admin.get('/people/coventry-chair/remove');
    expect(text(confirm.body)).toContain('Remove Marcus Bell?');
    const removed = await admin.post('/people/coventry-chair/remove');
    expect(removed.headers.location).toBe('/people/done');
    expect(text((await admin.follow(removed)).body)).toContain('Marcus Bell has been removed');
    expect(directory.signable.some((persona) => persona.id === 'coventry-chair')).toBe(false);
    // The leaver's next request: signed out at once, sent to sign in, the cookie cleared.
    const next = await leaver.get('/work');
    expect(next.statusCode).toBe(303);
    expect(next.headers.location).toBe('/sign-in');
    expect(
      (next.cookies ?? []).some((cookie) => cookie.startsWith('__Host-session=;') || /max-age=0/i.test(cookie)),
    ).toBe(true);
    // The administrator, signed in after nothing of theirs was revoked, carries on.
    expect((await admin.get('/people')).statusCode).toBe(200);
    // Signing in again after the revocation would give a new session (the persona sign-in no longer lists them).
    now = new Date(now.getTime() + 1_000);
    const back = await pages.signIn(viewerOf('coventry-chair'), 'Marcus Bell');
    expect((await back.get('/work')).statusCode).toBe(200);
  });
});
