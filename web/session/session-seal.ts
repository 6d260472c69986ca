// A session's contents are personal data (the referral form's answers, the signed-in person), so
// they are sealed like an event's personal part: the event store's key provider makes the
// session a data key of its own (KMS in the cloud, the local master key offline), kept wrapped in
// the session item, and the contents are sealed with the event store's AES-256-GCM cipher, bound
// to the session and its revision. Unwrapped keys are cached for a few minutes.
import { BoundedCache } from '../../functions/event-store/bounded-cache.js';
import { type KeyProvider } from '../../functions/event-store/key-provider.js';
import { openPersonal, sealPersonal } from '../../functions/event-store/personal-data-cipher.js';
import { SessionContents } from './session-contents.js';

export interface SealedContents {
  wrappedKey: Uint8Array;
  sealed: Uint8Array;
}

export interface SessionSeal {
  seal(
    sessionId: string,
    revision: number,
    contents: SessionContents,
    wrappedKey: Uint8Array | undefined,
  ): Promise<SealedContents>;
  open(sessionId: string, revision: number, stored: SealedContents): Promise<SessionContents>;
}

/** The key service's name for a session's data key (KMS encryption context, local AES-GCM data). */
export function sessionKeyName(sessionId: string): string {
  return `web-session-${sessionId}`;
}

export function createSessionSeal(deps: {
  keyProvider: KeyProvider;
  cache?: { maxEntries: number; ttlMs: number };
}): SessionSeal {
  const keys = new BoundedCache<string, Uint8Array>(deps.cache ?? { maxEntries: 5_000, ttlMs: 5 * 60_000 });
  const binding = (sessionId: string, revision: number) => ({
    streamId: sessionKeyName(sessionId),
    version: revision,
    type: 'WebSession',
  });

  async function keyFor(sessionId: string, wrappedKey: Uint8Array): Promise<Uint8Array> {
    const cached = keys.get(sessionId);
    if (cached) return cached;
    const key = await deps.keyProvider.unwrapDataKey(sessionKeyName(sessionId), wrappedKey);
    keys.set(sessionId, key);
    return key;
  }

  return {
    async seal(sessionId, revision, contents, wrappedKey) {
      let key: Uint8Array;
      let wrapped: Uint8Array;
      if (wrappedKey) {
        key = await keyFor(sessionId, wrappedKey);
        wrapped = wrappedKey;
      } else {
        const generated = await deps.keyProvider.generateDataKey(sessionKeyName(sessionId));
        key = generated.plaintext;
        wrapped = generated.wrapped;
        keys.set(sessionId, key);
      }
      const plaintext = Buffer.from(JSON.stringify(SessionContents.parse(contents)), 'utf8');
      return { wrappedKey: wrapped, sealed: sealPersonal(key, plaintext, binding(sessionId, revision)) };
    },
    async open(sessionId, revision, stored) {
      const key = await keyFor(sessionId, stored.wrappedKey);
      const plaintext = openPersonal(key, stored.sealed, binding(sessionId, revision));
      return SessionContents.parse(JSON.parse(Buffer.from(plaintext).toString('utf8')));
    },
  };
}
