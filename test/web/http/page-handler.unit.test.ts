// The page handler on its own (no engines): values from people are escaped in every view, every
// POST needs the session's CSRF token, pages carry a CSP that allows GOV.UK's one inline script
// by its hash and nothing else inline, and assets are served with a long cache.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type PageAnswer, type PageCallOptions, callPage } from './page-call.js';
import { createLocalKeyProvider } from '../../../functions/event-store/local-key-provider.js';
import { type PageRoute, redirect, view } from '../../../web/http/page-route.js';
import { createWebHandler } from '../../../web/web-handler.js';
import { locateWebFiles } from '../../../web/web-files.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inMemorySessionStore } from '../session/session-store-in-memory.js';

const hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>';
const saved: string[] = [];

const routes: PageRoute[] = [
  {
    method: 'GET',
    path: '/shown',
    access: 'public',
    handle: async () =>
      view('check-answers', {
        title: hostile,
        sections: [{ heading: hostile, rows: [{ key: hostile, lines: [hostile], href: '/x', hiddenText: hostile }] }],
        agencies: [{ agency: hostile, contact: hostile }],
        agenciesHref: '/x',
      }),
  },
  {
    method: 'GET',
    path: '/case',
    access: 'public',
    handle: async () =>
      view('case', {
        title: hostile,
        state: { immediateRisk: false },
        summaryRows: [{ key: hostile, lines: [hostile] }],
        detailSections: [{ heading: hostile, rows: [{ key: hostile, lines: [hostile] }] }],
        erased: false,
        timeline: [{ title: hostile, when: hostile, facts: [hostile], personal: [hostile] }],
        actions: [],
      }),
  },
  {
    method: 'GET',
    path: '/form',
    access: 'public',
    handle: async () =>
      view('question', { title: 'A question', fields: [], errors: [], action: '/form', backLink: '/' }),
  },
  {
    method: 'POST',
    path: '/form',
    access: 'public',
    handle: async (request) => (saved.push(request.form.get('answer') ?? ''), redirect('/done')),
  },
  {
    method: 'GET',
    path: '/private',
    access: 'signed-in',
    handle: async () => view('question', { title: 'x', fields: [], errors: [] }),
  },
  {
    method: 'GET',
    path: '/cases/{caseId}',
    access: 'public',
    handle: async (request) => view('question', { title: request.params.caseId ?? '', fields: [], errors: [] }),
  },
];

const handler = createWebHandler({
  routes,
  sessions: { store: inMemorySessionStore(), keyProvider: createLocalKeyProvider(new Uint8Array(32).fill(3)) },
  clock: () => new Date('2026-03-02T10:00:00Z'),
});

const call = (method: string, path: string, options: PageCallOptions = {}): Promise<PageAnswer> =>
  callPage(handler, method, path, options);

describe('the pages', () => {
  it('show every value from people as text', async () => {
    const page = await call('GET', '/shown');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).not.toContain('<img src=x');
    expect(page.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('show the case page’s answers and timeline as text', async () => {
    const page = await call('GET', '/case');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).not.toContain('<img src=x');
    expect(page.body?.split('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;').length).toBeGreaterThan(8);
  });

  it('allow no inline script but GOV.UK Frontend’s, by its hash', async () => {
    const page = await call('GET', '/shown');
    const csp = page.headers['content-security-policy'] ?? '';
    const inline = [...(page.body ?? '').matchAll(/<script(?![^>]*\bsrc=)[^>]*>([^<]*)<\/script>/g)].map(
      (match) => match[1] as string,
    );
    expect(inline).toHaveLength(1);
    expect(csp).toContain(
      `'sha256-${createHash('sha256')
        .update(inline[0] as string)
        .digest('base64')}'`,
    );
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(csp).toContain("default-src 'none'");
    expect(page.body).not.toMatch(/\sstyle=/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it('refuse a POST without the session’s CSRF token, and accept it with', async () => {
    const form = await call('GET', '/form');
    const cookie = (form.cookies ?? [])[0]?.split(';')[0] ?? '';
    const token = /name="_csrf" value="([^"]+)"/.exec(form.body ?? '')?.[1] ?? '';
    expect(cookie).toMatch(/^__Host-session=/);
    expect(token.length).toBeGreaterThan(20);

    expect((await call('POST', '/form', { body: 'answer=no-session' })).statusCode).toBe(403);
    expect((await call('POST', '/form', { body: 'answer=no-token', cookies: [cookie] })).statusCode).toBe(403);
    expect((await call('POST', '/form', { body: `answer=wrong&_csrf=${token}x`, cookies: [cookie] })).statusCode).toBe(
      403,
    );
    const accepted = await call('POST', '/form', {
      body: `answer=yes&_csrf=${encodeURIComponent(token)}`,
      cookies: [cookie],
    });
    expect(accepted.statusCode).toBe(303);
    expect(saved).toEqual(['yes']);
  });

  it('send people who are not signed in to the sign-in page', async () => {
    const page = await call('GET', '/private');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/sign-in');
  });

  it('answer in Welsh when asked, and remember it', async () => {
    const page = await call('GET', '/form', { query: 'lang=cy' });
    expect(page.body).toContain('<html lang="cy"');
    expect((page.cookies ?? []).some((cookie) => cookie.startsWith('__Host-lang=cy;'))).toBe(true);
    const next = await call('GET', '/nowhere', { cookies: ['__Host-lang=cy'] });
    expect(next.statusCode).toBe(404);
    expect(next.body).toContain('Heb ddod o hyd i&#39;r dudalen');
  });

  it('serve GOV.UK Frontend’s assets with a long cache, and nothing outside them', async () => {
    const files = locateWebFiles();
    const css = await call('GET', '/assets/govuk-frontend.min.css');
    expect(css.statusCode).toBe(200);
    expect(css.headers['cache-control']).toContain('immutable');
    expect(
      Buffer.from(css.body ?? '', 'base64').equals(
        readFileSync(join(files.govukDist, 'govuk', 'govuk-frontend.min.css')),
      ),
    ).toBe(true);
    expect((await call('GET', '/assets/fonts/bold-b542beb274-v2.woff2')).headers['content-type']).toBe('font/woff2');
    for (const path of [
      '/assets/../package.json',
      '/assets/%2e%2e/package.json',
      '/assets/fonts/../../template.njk',
      '/assets/nothing.css',
    ])
      expect((await call('GET', path)).statusCode).toBe(404);
  });
});

describe('the pages under malformed addresses', () => {
  it.each(['/cases/%ZZ', '/cases/abc%', '/cases/%E0%A4%A'])(
    'answer %s with a not-found page, not a failure',
    async (path) => {
      const page = await call('GET', path);
      expect(page.statusCode).toBe(404);
      expect(String(page.headers['content-type'])).toContain('text/html');
      expect(String(page.body)).not.toContain('%ZZ');
    },
  );

  it('still decode a well-formed address', async () => {
    const page = await call('GET', '/cases/PRV%2D1');
    expect(page.statusCode).toBe(200);
    expect(String(page.body)).toContain('PRV-1');
  });
});
