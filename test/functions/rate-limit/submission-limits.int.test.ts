// Both public submission paths share one limit per client address: the API's POST /referrals
// answers 429 problem+json with Retry-After and the wait in plain words; the web form's
// submission answers a GOV.UK error page, in English and Welsh. The limit comes from the
// service configuration (here 2 a window), so other tests can set their own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountLocalWeb } from '../../../web/local-web.js';
import { type LocalService, startLocalService } from '../../../local/local-service.js';
import { personas } from '../../../local/personas.js';
import { referralForm } from '../api/api-fixtures.js';
import { dynamoEndpointForTests, uniquePrefix } from '../../engines/local-engines.js';

let service: LocalService;
beforeAll(async () => {
  service = await startLocalService({
    dynamoDbEndpoint: dynamoEndpointForTests(),
    prefix: uniquePrefix('limits'),
    pollIntervalMs: 50,
    visibilityTimeoutSeconds: 1,
    directoryTtlMs: 0,
    timerIntervalMs: 3_600_000,
    serviceConfig: { SUBMISSION_RATE_LIMIT: '2', SUBMISSION_RATE_WINDOW_SECONDS: '3600' },
    mountPages: (running) => mountLocalWeb(running, personas),
  });
});
afterAll(async () => {
  await service?.stop();
});

const submit = (body: unknown = referralForm()) =>
  fetch(`${service.url}/referrals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function formSession(): Promise<{ cookie: string; token: string }> {
  const page = await fetch(`${service.url}/referral/your-details`);
  const cookie =
    page.headers
      .getSetCookie()
      .find((value) => value.startsWith('__Host-session='))
      ?.split(';')[0] ?? '';
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  return { cookie, token };
}

describe('submission limits per client', () => {
  it('do not count a form refused as invalid', async () => {
    const invalid = await submit({ ...referralForm(), personal: {} });
    expect(invalid.status).toBe(400);
  });

  it('let the limit through on the API, then answer 429 problem+json with Retry-After in plain words', async () => {
    expect((await submit()).status).toBe(201);
    expect((await submit()).status).toBe(201);
    const refused = await submit();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    const problem = (await refused.json()) as { status: number; title: string; detail: string };
    expect(problem.status).toBe(429);
    expect(problem.detail).toMatch(/Too many referrals have been sent from your network/);
    expect(problem.detail).toMatch(/Try again in (a minute|[0-9]+ minutes|about [0-9]+ hours)/);
    expect(JSON.stringify(problem)).not.toContain('127.0.0.1');
  });

  it('hold the web form’s submission to the same limit, with a GOV.UK page in English and Welsh', async () => {
    const { cookie, token } = await formSession();
    const post = (language?: string) =>
      fetch(`${service.url}/referral/check-answers`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: language ? `${cookie}; __Host-lang=${language}` : cookie,
        },
        body: `_csrf=${encodeURIComponent(token)}`,
      });
    const english = await post();
    expect(english.status).toBe(429);
    expect(Number(english.headers.get('retry-after'))).toBeGreaterThan(0);
    const page = await english.text();
    expect(page).toContain('govuk-heading-l');
    expect(page).toContain('Too many referrals have been sent from your network');
    expect(page).toMatch(/Try again in (a minute|[0-9]+ minutes|about [0-9]+ hours)/);
    const welsh = await post('cy');
    expect(welsh.status).toBe(429);
    expect(await welsh.text()).toContain('Mae gormod o atgyfeiriadau wedi');
  });

  it('leave the rest of the form usable', async () => {
    expect((await fetch(`${service.url}/referral/your-details`)).status).toBe(200);
  });
});
