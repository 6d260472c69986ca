// Tokens already verified, per warm container: what the identity provider's signature, the issuer,
// the audience and the token's times were found to say, kept so that a caller's next requests with
// the same token skip verifying its signature again (ES256 205-243 us of CPU a request, RS256
// 140-183 us, against about 6 us from here: decision 0009).
//
// The key is a SHA-256 digest of the whole token (header, claims and signature), so a token that
// differs in any character, an altered or forged one, is another key and is verified in full.
// An entry is never served at or after the token's `exp`, before its `nbf`, nor past the longest
// life the service takes a token for after its `iat`; those are read from the claims that were
// verified, against the wall clock, as the verification reads them. Nor is one verification taken
// for longer than jose keeps a fetched JWKS (10 minutes): a token whose key was withdrawn from the
// identity provider is taken for at most that long after, as without the cache. Only what the
// verification accepted is kept; a refused token is refused again by verifying it. The revocation
// check is not part of the entry: it is asked on every request (functions/people/revocations.ts).
import { createHash } from 'node:crypto';
import { BoundedCache } from '../event-store/bounded-cache.js';

/** What a verified token said: who is calling, and its times (seconds since the epoch). */
export interface VerifiedToken<Claims> {
  claims: Claims;
  /** The token is taken before this moment only (its `exp`, or sooner if its `iat` makes it older than allowed). */
  expiresAt: number;
  /** The token is not taken before this moment (its `nbf`, if it has one). */
  notBefore?: number;
}

/** Tokens kept (least recently used go first): a bound on memory, not on how long a token is taken. */
export const VERIFIED_TOKEN_ENTRIES = 10_000;
/** Longest a verification is taken without verifying again: jose's default age of a fetched JWKS. */
export const VERIFIED_TOKEN_MAX_AGE_MS = 10 * 60 * 1000;

export interface VerifiedTokens<Claims> {
  /** What the token was verified to say, if it was verified here and is within its times now. */
  get(token: string): Claims | undefined;
  /** Keeps what a token was verified to say, if it is within its times now. */
  set(token: string, verified: VerifiedToken<Claims>): void;
  readonly size: number;
}

export interface VerifiedTokensOptions {
  maxEntries?: number;
  /** Longest a verification is taken (default VERIFIED_TOKEN_MAX_AGE_MS). */
  maxAgeMs?: number;
  /** The wall clock in milliseconds (tests). */
  now?: () => number;
}

const digestOf = (token: string): string => createHash('sha256').update(token).digest('base64url');

export function createVerifiedTokens<Claims>(options: VerifiedTokensOptions = {}): VerifiedTokens<Claims> {
  const now = options.now ?? (() => Date.now());
  const within = (verified: VerifiedToken<Claims>): boolean => {
    const seconds = now() / 1000;
    return seconds < verified.expiresAt && (verified.notBefore === undefined || seconds >= verified.notBefore);
  };
  // The token's own times are checked on every read; the cache's time to live bounds how long one
  // verification is taken, whatever the token's life.
  const cache = new BoundedCache<string, VerifiedToken<Claims>>({
    maxEntries: options.maxEntries ?? VERIFIED_TOKEN_ENTRIES,
    ttlMs: options.maxAgeMs ?? VERIFIED_TOKEN_MAX_AGE_MS,
    now,
  });
  return {
    get(token) {
      const key = digestOf(token);
      const verified = cache.get(key);
      if (!verified) return undefined;
      if (within(verified)) return verified.claims;
      if (now() / 1000 >= verified.expiresAt) cache.delete(key);
      return undefined;
    },
    set(token, verified) {
      if (within(verified)) cache.set(digestOf(token), verified);
    },
    get size() {
      return cache.size;
    },
  };
}
