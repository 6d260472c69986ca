// Sessions of the pages: the cookie's token is not what is stored, the contents are sealed with
// the event store's cipher (no personal data readable at rest, nothing movable between sessions),
// CSRF tokens belong to their session, sign-in gives a new id, sign-out deletes, expiry holds.
import { describe, expect, it } from 'vitest';
import { createLocalKeyProvider } from '../../../functions/event-store/local-key-provider.js';
import { SESSION_COOKIE } from '../../../web/http/cookies.js';
import { createSessionSeal } from '../../../web/session/session-seal.js';
import { WebSession, defaultSessionPolicy, sessionIdOf } from '../../../web/session/web-session.js';
import { inMemorySessionStore } from './session-store-in-memory.js';

const keyProvider = createLocalKeyProvider(new Uint8Array(32).fill(7));

function setup(start = new Date('2026-03-02T10:00:00Z')) {
  let now = start;
  const store = inMemorySessionStore();
  const deps = { store, seal: createSessionSeal({ keyProvider }), clock: () => now };
  return { store, deps, advance: (seconds: number) => (now = new Date(now.getTime() + seconds * 1000)) };
}

function tokenFrom(cookies: string[]): string {
  const cookie = cookies.find((candidate) => candidate.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) throw new Error('no session cookie');
  expect(cookie).toMatch(/; Path=\/; Secure; HttpOnly; SameSite=Lax/);
  return cookie.slice(SESSION_COOKIE.length + 1).split(';')[0] as string;
}

const answers = {
  answers: { personName: 'Ada Lovelace-Private', concernDescription: 'special category words' },
  otherAgencies: [],
  submissionKey: 'key-1234567890abcdef',
};

describe('a web session', () => {
  it('is created only when a page needs it, and stores the hash of its token with sealed contents', async () => {
    const { store, deps } = setup();
    const idle = await WebSession.load(undefined, deps);
    expect(await idle.commit()).toEqual([]);
    expect(store.items.size).toBe(0);

    const session = await WebSession.load(undefined, deps);
    session.update((contents) => ({ ...contents, referral: answers }));
    const token = tokenFrom(await session.commit());
    const [stored] = [...store.items.values()];
    expect(stored?.id).toBe(sessionIdOf(token));
    expect(stored?.id).not.toBe(token);
    const atRest = Buffer.from(
      JSON.stringify({ ...stored, sealed: Buffer.from(stored?.sealed ?? []).toString('latin1') }),
      'latin1',
    ).toString('latin1');
    expect(atRest).not.toContain('Lovelace');
    expect(atRest).not.toContain('special category');

    const again = await WebSession.load(token, deps);
    expect(again.contents.referral?.answers.personName).toBe('Ada Lovelace-Private');
  });

  it('accepts only its own CSRF token', async () => {
    const { deps } = setup();
    const first = await WebSession.load(undefined, deps);
    const firstToken = first.csrfToken();
    const firstCookie = tokenFrom(await first.commit());
    const second = await WebSession.load(undefined, deps);
    const secondToken = second.csrfToken();
    await second.commit();

    const loaded = await WebSession.load(firstCookie, deps);
    expect(loaded.acceptsCsrfToken(firstToken)).toBe(true);
    expect(loaded.acceptsCsrfToken(secondToken)).toBe(false);
    expect(loaded.acceptsCsrfToken(undefined)).toBe(false);
    expect(loaded.acceptsCsrfToken(`${firstToken}x`)).toBe(false);
    expect((await WebSession.load(undefined, deps)).acceptsCsrfToken(firstToken)).toBe(false);
  });

  it('does not open contents changed at rest, or moved from another session', async () => {
    const { store, deps } = setup();
    const one = await WebSession.load(undefined, deps);
    one.update((contents) => ({ ...contents, referral: answers }));
    const oneToken = tokenFrom(await one.commit());
    const two = await WebSession.load(undefined, deps);
    two.update((contents) => ({ ...contents, submitted: { reference: 'PRV-AAAA-BBBB', immediateRisk: false } }));
    const twoToken = tokenFrom(await two.commit());

    const oneStored = store.items.get(sessionIdOf(oneToken));
    const twoStored = store.items.get(sessionIdOf(twoToken));
    if (!oneStored?.sealed || !twoStored) throw new Error('sessions were not stored');
    store.items.set(twoStored.id, { ...twoStored, sealed: oneStored.sealed, wrappedKey: oneStored.wrappedKey });
    expect((await WebSession.load(twoToken, deps)).contents).toEqual({});

    const flipped = Buffer.from(oneStored.sealed);
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] as number) ^ 1;
    store.items.set(oneStored.id, { ...oneStored, sealed: flipped });
    const tampered = await WebSession.load(oneToken, deps);
    expect(tampered.exists).toBe(false);
  });

  it('gets a new id on sign-in (the old one is deleted) and is deleted on sign-out', async () => {
    const { store, deps } = setup();
    const before = await WebSession.load(undefined, deps);
    before.csrfToken();
    const oldToken = tokenFrom(await before.commit());

    const signingIn = await WebSession.load(oldToken, deps);
    signingIn.rotate({ lifetimeSeconds: 3600 });
    signingIn.update(() => ({
      person: {
        user: 'u1',
        organisation: 'police:E23000014',
        role: 'police-prevent-officer',
        roles: ['police-prevent-officer'],
        name: 'Priya',
      },
    }));
    const newToken = tokenFrom(await signingIn.commit());
    expect(newToken).not.toBe(oldToken);
    expect(store.items.has(sessionIdOf(oldToken))).toBe(false);
    expect((await WebSession.load(oldToken, deps)).contents.person).toBeUndefined();
    expect((await WebSession.load(newToken, deps)).contents.person?.name).toBe('Priya');

    const signingOut = await WebSession.load(newToken, deps);
    signingOut.end();
    expect((await signingOut.commit())[0]).toMatch(/^__Host-session=; .*Max-Age=0/);
    expect(store.items.size).toBe(0);
  });

  it('expires when idle, and at its absolute end whatever the activity', async () => {
    const { deps, advance } = setup();
    const session = await WebSession.load(undefined, deps);
    session.rotate({ lifetimeSeconds: 2 * 60 * 60 });
    session.update(() => ({ submitted: { reference: 'PRV-AAAA-BBBB', immediateRisk: false } }));
    const token = tokenFrom(await session.commit());

    for (let step = 0; step < 2; step += 1) {
      advance(defaultSessionPolicy.idleSeconds - 60);
      const active = await WebSession.load(token, deps);
      expect(active.exists).toBe(true);
      await active.commit();
    }
    advance(defaultSessionPolicy.idleSeconds - 60);
    expect((await WebSession.load(token, deps)).exists).toBe(false);

    const idle = setup();
    const quiet = await WebSession.load(undefined, idle.deps);
    quiet.csrfToken();
    const quietToken = tokenFrom(await quiet.commit());
    idle.advance(defaultSessionPolicy.idleSeconds + 1);
    expect((await WebSession.load(quietToken, idle.deps)).exists).toBe(false);
  });
});
