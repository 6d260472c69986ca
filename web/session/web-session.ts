// The session of one request: loaded from the cookie's token, changed by the page, and committed
// once the page has answered (created, sealed and saved, rotated on sign-in, or deleted on sign
// out). A session is created only when a page needs one (a form's CSRF token, answers to keep),
// so reading the start page leaves nothing behind.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { type SessionContents } from './session-contents.js';
import { type SessionSeal } from './session-seal.js';
import { type SessionStore, type StoredSession } from './session-store.js';
import { SESSION_COOKIE, clearCookie, setCookie } from '../http/cookies.js';

export interface SessionPolicy {
  /** A session unused this long expires. */
  idleSeconds: number;
  /** The longest a session without a signed-in person lasts (the referral form). */
  anonymousLifetimeSeconds: number;
  /** The longest a signed-in session lasts, whatever the activity. */
  signedInLifetimeSeconds: number;
  /** An unchanged session's idle expiry is pushed back at most this often (one write). */
  refreshAfterSeconds: number;
}

export const defaultSessionPolicy: SessionPolicy = {
  idleSeconds: 60 * 60,
  anonymousLifetimeSeconds: 24 * 60 * 60,
  signedInLifetimeSeconds: 8 * 60 * 60,
  refreshAfterSeconds: 5 * 60,
};

export interface SessionDeps {
  store: SessionStore;
  seal: SessionSeal;
  clock: () => Date;
  policy?: SessionPolicy;
  /** Random bytes (tokens); injectable for tests. */
  random?: (size: number) => Uint8Array;
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

function tokenFrom(random: (size: number) => Uint8Array): string {
  return Buffer.from(random(32)).toString('base64url');
}

type Lifecycle = 'none' | 'loaded' | 'new' | 'rotated' | 'ended';

export class WebSession {
  private lifecycle: Lifecycle;
  private dirty = false;
  private token: string | undefined;
  private replacedId: string | undefined;

  private constructor(
    private readonly deps: SessionDeps & { policy: SessionPolicy; random: (size: number) => Uint8Array },
    private stored: StoredSession | undefined,
    private current: SessionContents,
  ) {
    this.lifecycle = stored ? 'loaded' : 'none';
  }

  /** The session named by the cookie's token, or an empty one (created if the page needs it). */
  static async load(token: string | undefined, deps: SessionDeps): Promise<WebSession> {
    const settled = {
      ...deps,
      policy: deps.policy ?? defaultSessionPolicy,
      random: deps.random ?? ((size: number) => randomBytes(size)),
    };
    if (!token || !TOKEN.test(token)) return new WebSession(settled, undefined, {});
    const found = await deps.store.find(sessionIdOf(token));
    const now = Math.floor(deps.clock().getTime() / 1000);
    if (!found || found.expiresAt <= now || found.absoluteExpiresAt <= now)
      return new WebSession(settled, undefined, {});
    let contents: SessionContents = {};
    if (found.wrappedKey && found.sealed) {
      try {
        contents = await deps.seal.open(found.id, found.revision, {
          wrappedKey: found.wrappedKey,
          sealed: found.sealed,
        });
      } catch {
        // Contents that do not open (changed, or sealed for another session) are not this session's.
        return new WebSession(settled, undefined, {});
      }
    }
    const session = new WebSession(settled, found, contents);
    session.token = token;
    return session;
  }

  get exists(): boolean {
    return this.lifecycle !== 'none' && this.lifecycle !== 'ended';
  }

  get contents(): Readonly<SessionContents> {
    return this.current;
  }

  update(change: (contents: SessionContents) => SessionContents): void {
    this.ensure();
    this.current = change({ ...this.current });
    this.dirty = true;
  }

  /** The token every form of the session carries back (created with the session). */
  csrfToken(): string {
    return this.ensure().csrf;
  }

  /** Whether a posted token is this session's (constant time). */
  acceptsCsrfToken(posted: string | undefined): boolean {
    if (!this.stored || !this.exists || posted === undefined) return false;
    const expected = Buffer.from(this.stored.csrf, 'utf8');
    const given = Buffer.from(posted, 'utf8');
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  /** A new id and token for the same contents (on sign-in: an id known before sign-in is worth nothing after). */
  rotate(options: { lifetimeSeconds: number }): void {
    const previous = this.stored;
    this.replacedId = this.lifecycle === 'loaded' ? previous?.id : this.replacedId;
    this.stored = this.fresh(options.lifetimeSeconds);
    this.lifecycle = 'rotated';
    this.dirty = true;
  }

  /** Signs out / forgets: the stored session is deleted and the cookie cleared. */
  end(): void {
    // A rotated session's old id is already in replacedId; its new one was never written.
    if (this.lifecycle === 'loaded') this.replacedId = this.stored?.id;
    this.lifecycle = 'ended';
    this.current = {};
  }

  /** Writes what changed and returns the Set-Cookie headers to send. */
  async commit(): Promise<string[]> {
    const nowSeconds = Math.floor(this.deps.clock().getTime() / 1000);
    switch (this.lifecycle) {
      case 'none':
        return [];
      case 'ended':
        if (this.replacedId) await this.deps.store.delete(this.replacedId);
        return [clearCookie(SESSION_COOKIE)];
      case 'new':
      case 'rotated': {
        const stored = this.stored as StoredSession;
        await this.deps.store.create(
          await this.sealed({ ...stored, lastSeenAt: nowSeconds, expiresAt: this.expiryFrom(nowSeconds, stored) }),
        );
        if (this.replacedId) await this.deps.store.delete(this.replacedId);
        return [setCookie(SESSION_COOKIE, this.token as string)];
      }
      case 'loaded': {
        const stored = this.stored as StoredSession;
        if (!this.dirty && nowSeconds - stored.lastSeenAt < this.deps.policy.refreshAfterSeconds) return [];
        const next = {
          ...stored,
          revision: this.dirty ? stored.revision + 1 : stored.revision,
          lastSeenAt: nowSeconds,
          expiresAt: this.expiryFrom(nowSeconds, stored),
        };
        const outcome = await this.deps.store.update(this.dirty ? await this.sealed(next) : next);
        return outcome === 'gone' ? [clearCookie(SESSION_COOKIE)] : [];
      }
    }
  }

  private expiryFrom(nowSeconds: number, stored: StoredSession): number {
    return Math.min(nowSeconds + this.deps.policy.idleSeconds, stored.absoluteExpiresAt);
  }

  private async sealed(session: StoredSession): Promise<StoredSession> {
    if (Object.keys(this.current).length === 0 && !session.wrappedKey) return { ...session, sealed: undefined };
    const { wrappedKey, sealed } = await this.deps.seal.seal(
      session.id,
      session.revision,
      this.current,
      session.wrappedKey,
    );
    return { ...session, wrappedKey, sealed };
  }

  private fresh(lifetimeSeconds: number): StoredSession {
    this.token = tokenFrom(this.deps.random);
    const nowSeconds = Math.floor(this.deps.clock().getTime() / 1000);
    return {
      id: sessionIdOf(this.token),
      csrf: tokenFrom(this.deps.random),
      createdAt: nowSeconds,
      lastSeenAt: nowSeconds,
      expiresAt: nowSeconds + this.deps.policy.idleSeconds,
      absoluteExpiresAt: nowSeconds + lifetimeSeconds,
      revision: 0,
    };
  }

  private ensure(): StoredSession {
    if (this.lifecycle === 'none' || this.lifecycle === 'ended') {
      this.stored = this.fresh(this.deps.policy.anonymousLifetimeSeconds);
      this.lifecycle = 'new';
    }
    return this.stored as StoredSession;
  }
}
