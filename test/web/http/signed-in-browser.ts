// Pages tried as signed-in people, without engines: a web handler over the given page routes, a
// sign-in whose callback signs in whoever the test names (as the persona sign-in does after the
// token check), and a small browser per person that keeps its cookies and posts each form with the
// session's CSRF token, as a real browser would.
import { type AuthenticatedViewer } from '../../../functions/identity/identity.js';
import { createLocalKeyProvider } from '../../../functions/event-store/local-key-provider.js';
import { type RevocationCheck } from '../../../functions/people/revocations.js';
import { type PageRoute } from '../../../web/http/page-route.js';
import { createSignInPages } from '../../../web/sign-in/sign-in-pages.js';
import { createWebHandler } from '../../../web/web-handler.js';
import { inMemorySessionStore } from '../session/session-store-in-memory.js';
import { type PageAnswer, callPage } from './page-call.js';

export interface SignedInBrowser {
  get(path: string, query?: string): Promise<PageAnswer>;
  /** Posts the fields with the session's CSRF token (from the last page that had one). */
  post(path: string, fields?: Record<string, string | string[]>): Promise<PageAnswer>;
  /** Follows a 303 with a GET. */
  follow(answer: PageAnswer): Promise<PageAnswer>;
}

export function signedInPages(options: { routes: PageRoute[]; clock?: () => Date; revocations?: RevocationCheck }) {
  const clock = options.clock ?? (() => new Date());
  const people = new Map<string, { viewer: AuthenticatedViewer; name: string }>();
  const signIn = createSignInPages({
    clock,
    method: {
      begin: async () => ({ kind: 'redirect', location: '/sign-in/callback' }),
      async complete(request) {
        const chosen = people.get(request.query.get('as') ?? '');
        if (!chosen) return { kind: 'not-signed-in', result: { kind: 'redirect', location: '/' } };
        return { kind: 'signed-in', viewer: chosen.viewer, name: chosen.name };
      },
    },
  });
  const handler = createWebHandler({
    routes: [...signIn, ...options.routes],
    sessions: { store: inMemorySessionStore(), keyProvider: createLocalKeyProvider(new Uint8Array(32).fill(9)) },
    clock,
    ...(options.revocations ? { revocations: options.revocations } : {}),
  });

  async function browserOf(viewer: AuthenticatedViewer, name: string): Promise<SignedInBrowser> {
    people.set(viewer.user, { viewer, name });
    const jar = new Map<string, string>();
    let csrf = '';
    const remember = (answer: PageAnswer): PageAnswer => {
      for (const cookie of answer.cookies ?? []) {
        const [pair = ''] = cookie.split(';');
        const [cookieName = '', value = ''] = pair.split('=');
        if (value === '' || /max-age=0/i.test(cookie)) jar.delete(cookieName);
        else jar.set(cookieName, value);
      }
      const token = /name="_csrf" value="([^"]+)"/.exec(answer.body ?? '')?.[1];
      if (token) csrf = token;
      return answer;
    };
    const cookies = () => [...jar].map(([cookieName, value]) => `${cookieName}=${value}`);
    const browser: SignedInBrowser = {
      get: async (path, query) =>
        remember(await callPage(handler, 'GET', path, { cookies: cookies(), query: query ?? '' })),
      async post(path, fields = {}) {
        const body = new URLSearchParams({ _csrf: csrf });
        for (const [field, value] of Object.entries(fields))
          for (const each of Array.isArray(value) ? value : [value]) body.append(field, each);
        return remember(await callPage(handler, 'POST', path, { cookies: cookies(), body: body.toString() }));
      },
      async follow(answer) {
        const location = answer.headers.location ?? '';
        const [path = '', query = ''] = location.split('?');
        return browser.get(path, query);
      },
    };
    await browser.get('/sign-in/callback', `as=${encodeURIComponent(viewer.user)}`);
    // A page of the signed-in person: its sign-out form carries the session's CSRF token.
    await browser.get('/signed-out');
    return browser;
  }

  return { handler, signIn: browserOf };
}
