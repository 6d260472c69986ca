// The referral form with JavaScript switched off: every page says what is wrong when it is sent
// empty or wrong (the error summary "There is a problem" linking to each field, and the message
// beside the field), the whole journey still works, a name like <script> shows as text, and
// forms sent without their CSRF token are refused.
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPerson, screenshot } from '../browser/browser-session.js';
import { launchChromium } from '../browser/chromium.js';
import { coventryReferral, fillPage } from './referral-answers.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Pages where every question may be left unanswered. */
const mayBeEmpty = new Set(['/referral/person-age', '/referral/indicators', '/referral/complex-needs']);

async function expectErrorsLinkedToFields(page: Page): Promise<string[]> {
  expect(await page.locator('.govuk-error-summary__title').textContent()).toContain('There is a problem');
  expect(await page.title()).toMatch(/^Error: /);
  const links = page.locator('.govuk-error-summary__list a');
  const count = await links.count();
  expect(count).toBeGreaterThan(0);
  const messages: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const href = (await links.nth(index).getAttribute('href')) ?? '';
    expect(href).toMatch(/^#[A-Za-z][\w-]*$/);
    // The link lands on a field of the page, and the field says the same thing beside it.
    expect(await page.locator(href).count(), `field ${href}`).toBe(1);
    const message = ((await links.nth(index).textContent()) ?? '').trim();
    expect(await page.locator('.govuk-error-message').allTextContents()).toContainEqual(
      expect.stringContaining(message),
    );
    messages.push(message);
  }
  return messages;
}

async function send(page: Page, button = 'Continue'): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.waitForLoadState('domcontentloaded');
}

describe('the referral form without JavaScript', () => {
  it('shows the errors of each page, then completes; a <script> name stays text', async () => {
    const { context, page } = await newPerson(browser, { javaScriptEnabled: false });
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    await page.goto('/');
    await page.getByRole('button', { name: 'Start now' }).click();
    const hostileName = '<script>alert("x")</script><img src=x onerror=alert(1)> Jones';

    for (const step of coventryReferral(hostileName)) {
      expect(new URL(page.url()).pathname).toBe(step.path);
      if (!mayBeEmpty.has(step.path)) {
        await send(page);
        expect(new URL(page.url()).pathname).toBe(step.path);
        await expectErrorsLinkedToFields(page);
        // (axe needs JavaScript in the page: the pages with errors are checked in keyboard-and-welsh.e2e.test.ts.)
        if (step.path === '/referral/your-details') await screenshot(page, 'referral-errors');
      }
      if (step.path === '/referral/your-details') {
        // A wrong email address is named as such, and what was typed is kept to correct.
        await fillPage(page, [
          { kind: 'text', name: 'referrerName', value: 'Laura Finch' },
          { kind: 'text', name: 'referrerEmail', value: 'not-an-address' },
        ]);
        await send(page);
        expect(await expectErrorsLinkedToFields(page)).toEqual([
          'Enter an email address in the correct format, like name@example.com',
        ]);
        expect(await page.inputValue('[name="referrerName"]')).toBe('Laura Finch');
      }
      if (step.path === '/referral/person-age') {
        await fillPage(page, [{ kind: 'date', name: 'personDateOfBirth', day: '31', month: '2', year: '2010' }]);
        await send(page);
        expect(await expectErrorsLinkedToFields(page)).toEqual(['Date of birth must be a real date in the past']);
        await page.fill('[name="personDateOfBirth-day"]', '');
        await page.fill('[name="personDateOfBirth-month"]', '');
        await page.fill('[name="personDateOfBirth-year"]', '');
      }
      await fillPage(page, step.answers);
      await send(page);
    }

    expect(new URL(page.url()).pathname).toBe('/referral/other-agencies');
    await send(page, 'Add this agency');
    expect(await expectErrorsLinkedToFields(page)).toEqual(['Enter the agency or professional']);
    await send(page);

    expect(new URL(page.url()).pathname).toBe('/referral/check-answers');
    const main = page.locator('main');
    expect(await main.textContent()).toContain(hostileName);
    expect(await page.locator('main script, main img').count()).toBe(0);
    expect(await main.innerHTML()).toContain('&lt;script&gt;');

    await send(page, 'Accept and send');
    expect(new URL(page.url()).pathname).toBe('/referral/confirmation');
    expect(await page.getByTestId('reference').textContent()).toMatch(/PRV-/);
    expect(dialogs).toBe(0);
    await context.close();
  });

  it('keeps answers between pages in the session, never in the address', async () => {
    const { context, page } = await newPerson(browser, { javaScriptEnabled: false });
    const visited: string[] = [];
    page.on('request', (request) => visited.push(request.url()));
    await page.goto('/referral/person-name');
    await page.fill('[name="personName"]', 'Zebedee Private');
    await send(page);
    await page.goto('/referral/person-name');
    expect(await page.inputValue('[name="personName"]')).toBe('Zebedee Private');
    expect(visited.some((url) => url.includes('Zebedee'))).toBe(false);
    await context.close();
  });
});

describe('security of the pages', () => {
  it('sends a CSP without inline scripts, framing refused, and a Secure HttpOnly SameSite session cookie', async () => {
    const { context, page } = await newPerson(browser);
    const response = await page.goto('/referral/your-details');
    const headers = response?.headers() ?? {};
    expect(headers['content-security-policy']).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['strict-transport-security']).toContain('max-age=');
    // GOV.UK Frontend's script ran (its hashed inline script marked the body).
    expect(await page.locator('body.js-enabled').count()).toBe(1);
    const session = (await context.cookies()).find((cookie) => cookie.name === '__Host-session');
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
    await context.close();
  });

  it('refuses a form sent without its CSRF token, or with another session’s', async () => {
    const { context, page } = await newPerson(browser);
    await page.goto('/referral/person-name');
    const token = await page.inputValue('input[name="_csrf"]');
    const refused = await context.request.post('/referral/person-name', {
      form: { personName: 'Forged' },
      maxRedirects: 0,
    });
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toContain('Your session has ended');
    const other = await newPerson(browser);
    await other.page.goto('/referral/person-name');
    const crossed = await other.context.request.post('/referral/person-name', {
      form: { personName: 'Forged', _csrf: token },
      maxRedirects: 0,
    });
    expect(crossed.status()).toBe(403);
    const accepted = await context.request.post('/referral/person-name', {
      form: { personName: 'Real', _csrf: token },
      maxRedirects: 0,
    });
    expect(accepted.status()).toBe(303);
    await other.context.close();
    await context.close();
  });
});
