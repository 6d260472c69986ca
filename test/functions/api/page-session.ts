// The web pages fetched over HTTP as a browser would (for integration tests of a harness started
// with `pages: true`): the session cookie kept between pages, the form's CSRF token read from each
// page, and signing in as a demo persona through the sign-in page.
import { expect } from 'vitest';

const SESSION = '__Host-session';

export interface PageAnswer {
  status: number;
  location: string | null;
  html: string;
  csrf: string | undefined;
}

export interface PageSession {
  /** GET a page, or POST a form to it, with the session's cookie. */
  page(path: string, form?: Record<string, string>): Promise<PageAnswer>;
}

export function pageSession(baseUrl: string): PageSession {
  let cookie: string | undefined;
  return {
    async page(path, form) {
      const response = await fetch(`${baseUrl}${path}`, {
        method: form ? 'POST' : 'GET',
        redirect: 'manual',
        headers: {
          ...(cookie ? { cookie } : {}),
          ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        ...(form ? { body: new URLSearchParams(form).toString() } : {}),
      });
      for (const line of response.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        if (pair.startsWith(`${SESSION}=`)) cookie = pair;
      }
      const html = await response.text();
      const csrf = /name="_csrf"\s+value="([^"]+)"/.exec(html)?.[1] ?? /value="([^"]+)"\s+name="_csrf"/.exec(html)?.[1];
      return { status: response.status, location: response.headers.get('location'), html, csrf };
    },
  };
}

/** A session signed in through the pages as a demo persona. */
export async function signedInPages(baseUrl: string, persona: string): Promise<PageSession> {
  const session = pageSession(baseUrl);
  const signIn = await session.page('/sign-in');
  const posted = await session.page('/sign-in/callback', { persona, _csrf: signIn.csrf ?? '' });
  expect(posted.status).toBe(303);
  return session;
}
