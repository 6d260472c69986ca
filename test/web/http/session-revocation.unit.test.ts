// The pages honour the revocation record: a session whose person's access was revoked at or after
// they signed in ends on its next request (sent to sign in, the session deleted), on public pages
// too (no one is signed in any more); a session signed in after the revocation carries on; a
// person never revoked costs one look-up and nothing else.
import { describe, expect, it } from 'vitest';
import { type AuthenticatedViewer } from '../../../functions/identity/identity.js';
import { type RevocationCheck } from '../../../functions/people/revocations.js';
import { type PageRoute, view } from '../../../web/http/page-route.js';
import { signedInPages } from './signed-in-browser.js';

const chair: AuthenticatedViewer = {
  user: 'coventry-chair',
  organisation: 'la:E08000026',
  role: 'channel-chair',
  roles: ['channel-chair'],
};

const routes: PageRoute[] = [
  {
    method: 'GET',
    path: '/work',
    access: 'signed-in',
    handle: async (request) => view('signed-out', { title: `Work of ${request.person?.name ?? 'nobody'}` }),
  },
  {
    method: 'GET',
    path: '/open',
    access: 'public',
    handle: async (request) => view('signed-out', { title: `Open page for ${request.person?.name ?? 'nobody'}` }),
  },
];

function setUp() {
  let now = new Date('2026-05-04T09:00:00.000Z');
  const revoked = new Map<string, Date>();
  const lookups: string[] = [];
  const revocations: RevocationCheck = {
    async revokedAt(user) {
      lookups.push(user);
      return revoked.get(user) ?? null;
    },
  };
  const pages = signedInPages({ routes, clock: () => now, revocations });
  return {
    pages,
    lookups,
    revoke: (user: string) => revoked.set(user, now),
    later: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
}

describe('web sessions and revoked access', () => {
  it('end at the next request once the access is revoked, on public pages too', async () => {
    const { pages, revoke, later } = setUp();
    const browser = await pages.signIn(chair, 'Marcus Bell');
    expect((await browser.get('/work')).body).toContain('Work of Marcus Bell');
    later(5_000);
    revoke('coventry-chair');
    const open = await browser.get('/open');
    expect(open.statusCode).toBe(200);
    expect(open.body).toContain('Open page for nobody');
    const work = await browser.get('/work');
    expect(work.statusCode).toBe(303);
    expect(work.headers.location).toBe('/sign-in');
  });

  it('end when the revocation falls in the very instant of signing in', async () => {
    const { pages, revoke } = setUp();
    const browser = await pages.signIn(chair, 'Marcus Bell');
    revoke('coventry-chair');
    expect((await browser.get('/work')).statusCode).toBe(303);
  });

  it('carry on when the person signed in after the revocation, and check every request', async () => {
    const { pages, revoke, later, lookups } = setUp();
    revoke('coventry-chair');
    later(1_000);
    const browser = await pages.signIn(chair, 'Marcus Bell');
    const before = lookups.length;
    expect((await browser.get('/work')).body).toContain('Work of Marcus Bell');
    expect((await browser.get('/work')).statusCode).toBe(200);
    expect(lookups.length - before).toBe(2);
  });
});
