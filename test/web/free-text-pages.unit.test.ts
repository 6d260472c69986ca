// The referral form refuses hidden control and text-direction characters on the page that asked,
// in GOV.UK style (error summary, message on the field), in English and Welsh, without repeating
// the answer in the message.
import { describe, expect, it } from 'vitest';
import { type PageAnswer, type PageCallOptions, callPage } from './http/page-call.js';
import { createLocalKeyProvider } from '../../functions/event-store/local-key-provider.js';
import { type ReferralSubmission } from '../../functions/api/referrals/referral-submission.js';
import { createReferralPages } from '../../web/referral-form/referral-pages.js';
import { createWebHandler } from '../../web/web-handler.js';
import { inMemorySessionStore } from './session/session-store-in-memory.js';

const submission: ReferralSubmission = { submit: async () => ({ kind: 'key-reused-with-another-body' }) };
const handler = createWebHandler({
  routes: createReferralPages({ submission, newSubmissionKey: () => 'key-1' }),
  sessions: { store: inMemorySessionStore(), keyProvider: createLocalKeyProvider(new Uint8Array(32).fill(5)) },
  clock: () => new Date('2026-03-02T10:00:00Z'),
});

type Answer = PageAnswer;

const call = (method: string, path: string, options: PageCallOptions = {}): Promise<PageAnswer> =>
  callPage(handler, method, path, options);

async function postName(name: string, language?: 'cy'): Promise<Answer> {
  const form = await call('GET', '/referral/person-name', language ? { query: 'lang=cy' } : {});
  const session = (form.cookies ?? []).find((cookie) => cookie.startsWith('__Host-session='))?.split(';')[0] ?? '';
  const token = /name="_csrf" value="([^"]+)"/.exec(form.body ?? '')?.[1] ?? '';
  const cookies = language ? [session, '__Host-lang=cy'] : [session];
  return call('POST', '/referral/person-name', {
    body: `personName=${encodeURIComponent(name)}&_csrf=${encodeURIComponent(token)}`,
    cookies,
  });
}

describe('free text on the referral form', () => {
  it('is refused on its page when it holds a text-direction override, in GOV.UK style', async () => {
    const page = await postName('Alex\u202Eenoemos');
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('There is a problem');
    expect(page.body).toContain('govuk-error-summary');
    expect(page.body).toContain('Remove hidden control or text-direction characters from full name');
    expect(page.body).toMatch(/govuk-error-message[\s\S]*Remove hidden control or text-direction characters/);
  });

  it('is refused in Welsh too, and for control characters', async () => {
    const page = await postName('Alex\u0007Person', 'cy');
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Tynnwch nodau rheoli cudd neu nodau cyfeiriad testun');
  });

  it('is accepted with accents and right-to-left script', async () => {
    const page = await postName('Siân ap Dafydd مرحبا');
    expect(page.statusCode).toBe(303);
  });
});
