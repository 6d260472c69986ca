// Keyboard-only completion of the referral form; the pages in Welsh (strings, lang attributes,
// the switcher remembered); a page with errors checked by axe; and the statistics dashboard of a
// Home Office analyst (charts, small cells suppressed, CSV downloads).
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, newPerson, screenshot, signInAs } from './browser/browser-session.js';
import { launchChromium } from './browser/chromium.js';
import { coventryReferral, fillPageByKeyboard, tabTo } from './referral-form/referral-answers.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('the referral form by keyboard alone', () => {
  it('is completed with Tab, typing, Space, arrow keys and Enter', async () => {
    const { context, page } = await newPerson(browser);
    await page.goto('/');
    await tabTo(page, 'a.govuk-button--start');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/referral/your-details');

    // Sent empty by keyboard: the error summary takes the focus, and its links lead to the fields.
    await tabTo(page, 'button.govuk-button');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.govuk-error-summary');
    await expectAccessible(page, 'a form page with errors');
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { className: string } | null } }).document
            .activeElement?.className ?? '',
      ),
    ).toContain('govuk-error-summary');

    for (const step of coventryReferral('Keyboard Person', 'CV2 4DW')) {
      expect(new URL(page.url()).pathname).toBe(step.path);
      await fillPageByKeyboard(page, step.answers);
      await tabTo(page, 'form button.govuk-button');
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname !== step.path);
    }
    expect(new URL(page.url()).pathname).toBe('/referral/other-agencies');
    await tabTo(page, 'button[value="continue"]');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/referral/check-answers');
    await tabTo(page, 'form[action="/referral/check-answers"] button');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/referral/confirmation');
    expect(await page.getByTestId('reference').textContent()).toMatch(/PRV-/);
    await context.close();
  });
});

describe('the pages in Welsh', () => {
  it('switches language, sets lang, and keeps the choice', async () => {
    const { context, page } = await newPerson(browser);
    await page.goto('/');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('link', { name: 'Cymraeg' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('cy');
    expect(await page.locator('h1').textContent()).toBe('Gwneud atgyfeiriad Prevent');
    expect(await page.textContent('main')).toContain('ffoniwch 999 nawr');
    // The switcher names each language in itself.
    expect(await page.getAttribute('a[hreflang="en"]', 'lang')).toBe('en');
    await expectAccessible(page, 'the Welsh start page');
    await screenshot(page, 'start-cymraeg');

    await page.goto('/referral/person-name');
    expect(await page.getAttribute('html', 'lang')).toBe('cy');
    await page.getByRole('button', { name: 'Parhau' }).click();
    expect(await page.locator('.govuk-error-summary__title').textContent()).toContain('Mae problem wedi codi');
    expect(await page.textContent('.govuk-error-summary__list')).toContain(
      "Rhowch enw'r unigolyn rydych yn poeni amdano",
    );
    await expectAccessible(page, 'a Welsh page with errors');
    await context.close();
  });
});

describe('the statistics dashboard', () => {
  it('shows an analyst a dated extract with charts, the date it is as at, and CSV downloads that say it too', async () => {
    const { context, page } = await newPerson(browser);
    await signInAs(page, 'home-office-analyst');
    expect(new URL(page.url()).pathname).toBe('/reports');
    await expectAccessible(page, 'the statistics dashboard');
    // The timers kept an extract of the last closed quarter when the service started.
    expect(await page.getByTestId('as-at').textContent()).toMatch(/^As at [0-9]{1,2} [A-Z][a-z]+ [0-9]{4}$/);
    for (const chart of [
      'referrals-by-quarter',
      'referrals-by-type-of-concern',
      'referrals-by-sector',
      'referrals-by-ctp-region',
    ]) {
      expect(await page.getByTestId(`chart-${chart}`).count(), chart).toBe(1);
    }
    expect(await page.textContent('main')).toContain('To protect people');
    // An analyst has no own figures to switch to.
    expect(await page.textContent('main')).not.toContain("your organisation's own referrals");
    await screenshot(page, 'statistics-dashboard');

    const csv = await context.request.get(
      (await page.locator('a[href^="/reports/referrals-by-sector.csv"]').getAttribute('href')) ?? '',
    );
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(csv.headers()['content-disposition']).toContain('-as-at-');
    expect((await csv.text()).split('\n')[0]).toMatch(/^Financial year,As at,.*Referrals/);
    expect((await page.goto('/reports?scope=organisation'))?.status()).toBe(403);

    // An analyst has no triage queue.
    expect((await page.goto('/queue'))?.status()).toBe(403);
    await context.close();
  });

  it('shows an analyst the release tables and key results, in English and in Welsh, with each table as CSV', async () => {
    const { context, page } = await newPerson(browser);
    await signInAs(page, 'home-office-analyst');
    await page.getByTestId('release-link').click();
    expect(new URL(page.url()).pathname).toBe('/reports/release');
    await expectAccessible(page, 'the release tables');
    expect(await page.textContent('h1')).toContain(
      'Individuals referred to and supported through the Prevent Programme',
    );
    expect(await page.getByTestId('key-results').locator('li').count()).toBeGreaterThan(0);
    for (const id of ['table-1', 'table-3', 'table-8', 'table-11a', 'table-12d'])
      expect(await page.getByTestId(id).count(), id).toBe(1);
    const csv = await context.request.get(
      (await page.locator('a[href^="/reports/release/table-4.csv"]').getAttribute('href')) ?? '',
    );
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-disposition']).toContain('table-4-as-at-');
    expect(await csv.text()).toContain('Type of concern');
    await page.getByRole('link', { name: 'Cymraeg' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('cy');
    expect(await page.textContent('h1')).toContain('Unigolion a atgyfeiriwyd at y Rhaglen Prevent');
    await expectAccessible(page, 'the release tables in Welsh');
    expect((await context.request.get('/reports/release/not-a-table.csv')).status()).toBe(404);
    await context.close();
  });

  it("shows a police officer the extract suppressed, and their own organisation's referrals exactly", async () => {
    const { context, page } = await newPerson(browser);
    await signInAs(page, 'wm-officer');
    await page.goto('/reports');
    expect(await page.textContent('main')).toContain('To protect people');
    await page.getByRole('link', { name: "See the exact figures of your organisation's own referrals" }).click();
    expect(new URL(page.url()).searchParams.get('scope')).toBe('organisation');
    await expectAccessible(page, "an organisation's own figures");
    const table = page.getByTestId('table-referrals-by-quarter');
    expect(await table.textContent()).not.toContain('[c]');
    expect(await page.textContent('main')).not.toContain('To protect people');
    const total = await table.locator('tbody tr').last().locator('td').first().textContent();
    expect(Number(total)).toBeGreaterThanOrEqual(1);
    await context.close();
  });
});
