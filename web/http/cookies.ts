// Cookies the pages set and read. The session cookie is `__Host-` prefixed (Secure, Path=/, no
// Domain: it cannot be set or overwritten by another host or path), HttpOnly and SameSite=Lax.
// Chromium keeps Secure cookies on http://127.0.0.1 and http://localhost (secure contexts), so the
// local server uses the same cookie as the cloud.

export const SESSION_COOKIE = '__Host-session';
export const LANGUAGE_COOKIE = '__Host-lang';

/** Cookies of a request: API Gateway (v2) sends them in `cookies`, one `name=value` each. */
export function readCookies(cookies: readonly string[] | undefined, cookieHeader?: string): Map<string, string> {
  const out = new Map<string, string>();
  const pairs = [...(cookies ?? []), ...(cookieHeader ? cookieHeader.split(';') : [])];
  for (const pair of pairs) {
    const index = pair.indexOf('=');
    if (index < 1) continue;
    const name = pair.slice(0, index).trim();
    const value = pair.slice(index + 1).trim();
    if (!out.has(name)) out.set(name, value);
  }
  return out;
}

export function setCookie(name: string, value: string, options: { maxAgeSeconds?: number } = {}): string {
  const maxAge = options.maxAgeSeconds === undefined ? '' : `; Max-Age=${options.maxAgeSeconds}`;
  return `${name}=${value}; Path=/; Secure; HttpOnly; SameSite=Lax${maxAge}`;
}

export function clearCookie(name: string): string {
  return setCookie(name, '', { maxAgeSeconds: 0 });
}
