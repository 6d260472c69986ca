// The referral journey in a real browser: a referrer completes the form and gets a reference;
// the referral reaches the West Midlands police hub's queue (and not Staffordshire's); the
// officer opens the case and starts the gateway assessment. Every page passes axe-core at WCAG
// 2.2 AA, and the main pages are kept as screenshots in test/artifacts/.
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, expectAccessible, newPerson, screenshot, signInAs } from './browser/browser-session.js';
import { launchChromium } from './browser/chromium.js';
import { coventryReferral, fillPage } from './referral-form/referral-answers.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function continueOn(page: Page): Promise<void> {
  await Promise.all([
    page.waitForLoadState('domcontentloaded'),
    page.getByRole('button', { name: 'Continue', exact: true }).click(),
  ]);
}

describe('a referrer completes the referral form', () => {
  let reference = '';
  let caseUrl = '';

  it('answers every page, checks the answers and gets a reference (every page accessible)', async () => {
    const { context, page } = await newPerson(browser);
    const start = await page.goto('/');
    expect(start?.status()).toBe(200);
    await expectAccessible(page, 'the start page');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Make a Prevent referral');
    expect(await page.textContent('main')).toContain('call 999 now');
    expect(await page.textContent('main')).toContain('0800 011 3764');
    await screenshot(page, 'referral-start');
    await page.getByRole('button', { name: 'Start now' }).click();

    for (const step of coventryReferral('Adam Example')) {
      expect(new URL(page.url()).pathname).toBe(step.path);
      await expectAccessible(page, step.path);
      if (step.path === '/referral/indicators') await screenshot(page, 'referral-indicators');
      await fillPage(page, step.answers);
      await continueOn(page);
    }

    expect(new URL(page.url()).pathname).toBe('/referral/other-agencies');
    await expectAccessible(page, 'other agencies');
    await page.fill('[name="agency"]', "Children's social care");
    await page.fill('[name="agencyContact"]', 'Duty team');
    await page.getByRole('button', { name: 'Add this agency' }).click();
    expect(await page.textContent('main')).toContain("Children's social care");
    await continueOn(page);

    expect(new URL(page.url()).pathname).toBe('/referral/check-answers');
    await expectAccessible(page, 'check your answers');
    const check = await page.textContent('main');
    expect(check).toContain('Adam Example');
    expect(check).toContain('14 May 2010');
    expect(check).toContain('Extreme Right-Wing');
    expect(check).toContain('Neurodiversity, such as autism or ADHD');
    await screenshot(page, 'referral-check-answers');
    // No personal data in any address the journey used.
    expect(page.url()).not.toContain('Adam');

    await page.getByRole('button', { name: 'Accept and send' }).click();
    await page.waitForURL('**/referral/confirmation');
    await expectAccessible(page, 'the confirmation');
    reference = (await page.getByTestId('reference').textContent())?.trim() ?? '';
    expect(reference).toMatch(/^PRV-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await screenshot(page, 'referral-confirmation');
    await context.close();
  });

  it("appears in the West Midlands police hub's queue, and not in Staffordshire's", async () => {
    expect(reference).not.toBe('');
    const westMidlands = await newPerson(browser);
    await signInAs(westMidlands.page, 'wm-officer');
    expect(new URL(westMidlands.page.url()).pathname).toBe('/queue');
    await eventually(
      westMidlands.page,
      'the referral in the West Midlands queue',
      async () => (await westMidlands.page.getByRole('link', { name: reference }).count()) > 0,
    );
    await expectAccessible(westMidlands.page, 'the triage queue');
    expect(await westMidlands.page.getByTestId('queue-position').textContent()).toContain('in queue order');
    await screenshot(westMidlands.page, 'triage-queue-west-midlands');
    // Filtered and sorted by a column: the sort says what it covers, and the filters hold.
    await westMidlands.page.selectOption('#priority', 'standard');
    await westMidlands.page.getByRole('button', { name: 'Apply filters' }).click();
    await westMidlands.page.getByRole('link', { name: 'Due', exact: true }).click();
    const sorted = new URL(westMidlands.page.url());
    expect(Object.fromEntries(sorted.searchParams)).toEqual({ priority: 'standard', sort: 'due', order: 'asc' });
    expect(await westMidlands.page.getByRole('link', { name: reference }).count()).toBe(1);
    expect(await westMidlands.page.textContent('main')).toContain(
      'Every referral of the queue that matches is in this sort.',
    );
    expect(await westMidlands.page.locator('th[aria-sort="ascending"]').textContent()).toContain('Due');
    await expectAccessible(westMidlands.page, 'the triage queue, filtered and sorted');
    await westMidlands.page.selectOption('#priority', 'urgent');
    await westMidlands.page.getByRole('button', { name: 'Apply filters' }).click();
    const refiltered = new URL(westMidlands.page.url()).searchParams;
    expect(['priority', 'sort', 'order'].map((name) => refiltered.get(name))).toEqual(['urgent', 'due', 'asc']);
    expect(await westMidlands.page.getByRole('link', { name: reference }).count()).toBe(0);
    await westMidlands.page.goto('/queue');
    caseUrl = (await westMidlands.page.getByRole('link', { name: reference }).getAttribute('href')) ?? '';
    expect(caseUrl).toMatch(/^\/cases\/[0-9A-Za-z_-]+$/);
    await westMidlands.context.close();

    const staffordshire = await newPerson(browser);
    await signInAs(staffordshire.page, 'staffs-officer');
    expect(await staffordshire.page.locator('h1').textContent()).toBe('Triage queue');
    expect(await staffordshire.page.textContent('main')).not.toContain(reference);
    // Nor can the Staffordshire officer open it by its address: it is answered as if it did not exist.
    const direct = await staffordshire.page.goto(caseUrl);
    expect(direct?.status()).toBe(404);
    await staffordshire.context.close();
  });

  it('the officer opens the case, sees its timeline and starts the gateway assessment (errors first)', async () => {
    expect(caseUrl).not.toBe('');
    const { context, page } = await newPerson(browser);
    await signInAs(page, 'wm-officer');
    await page.goto(caseUrl);
    await expectAccessible(page, 'the case page');
    const main = await page.textContent('main');
    expect(main).toContain(reference);
    expect(main).toContain('Adam Example');
    // Whose answers are whose: the referrer's and the person's in cards of their own.
    const card = (title: string) =>
      page.locator('.govuk-summary-card', { has: page.getByRole('heading', { level: 3, name: title, exact: true }) });
    expect(await card('The referrer').textContent()).toContain('Laura Finch');
    expect(await card('The referrer').textContent()).not.toContain('Adam Example');
    expect(await card('The person referred').textContent()).toContain('Adam Example');
    expect(await card('The concern').textContent()).toContain('Extreme Right-Wing');
    expect(await card('Other agencies involved').textContent()).toContain('Duty team');
    // The timeline in plain words, never codes or field dumps.
    const timeline = (await page.getByTestId('timeline').textContent()) ?? '';
    expect(timeline).toContain('Referral submitted by A Coventry secondary school');
    expect(timeline).toMatch(
      /Routed to West Midlands Police Prevent hub and Coventry City Council Prevent team \(Coventry, West Midlands Police; routing rules [^)]+\)/,
    );
    expect(timeline).toContain('Postcode: CV1 5FB');
    expect(timeline).not.toMatch(/destinationId|routedVersion|la:E08000026|police:E23000014|\{"/);
    const actions = await page.getByTestId('case-actions').textContent();
    expect(actions).toContain('Start the gateway assessment');
    // A police officer does not run the Channel panel.
    expect(actions).not.toContain('Record the Channel panel');
    await screenshot(page, 'case-page');

    // The gateway assessment fell due when the referral was routed: nobody types the date in.
    expect(timeline).toContain('Gateway assessment due by');

    // New information: the officer raises the case to urgent, with the reason (asked for first).
    await page.getByRole('link', { name: 'Raise the case to urgent' }).click();
    await expectAccessible(page, 'the escalation form');
    await page.getByRole('button', { name: 'Raise to urgent' }).click();
    expect(await page.locator('.govuk-error-summary__title').textContent()).toContain('There is a problem');
    const link = page.locator('.govuk-error-summary a').first();
    expect(await link.getAttribute('href')).toBe('#escalationReason');
    expect(await link.textContent()).toContain('Enter why the case is now urgent');
    await expectAccessible(page, 'the escalation form with errors');
    await screenshot(page, 'case-action-errors');
    await page.fill('[name="escalationReason"]', 'The school reported travel plans since the referral was made.');
    await page.getByRole('button', { name: 'Raise to urgent' }).click();
    await page.waitForURL(`**${caseUrl}`);
    expect(await page.getByTestId('timeline').textContent()).toContain('Raised to urgent');
    expect(await page.getByTestId('case-actions').textContent()).not.toContain('Raise the case to urgent');

    await page.getByRole('link', { name: 'Start the gateway assessment' }).click();
    await expectAccessible(page, 'the gateway assessment form');
    await page.getByRole('button', { name: 'Start the assessment' }).click();
    await page.waitForURL(`**${caseUrl}`);
    expect(await page.getByTestId('timeline').textContent()).toContain('Gateway assessment started: due by');
    await context.close();
  });

  it('the officer erases the personal data after a confirmation that says what erasure does; the case page then shows it as erased', async () => {
    expect(caseUrl).not.toBe('');
    const { context, page } = await newPerson(browser);
    await signInAs(page, 'wm-officer');
    await page.goto(caseUrl);
    await page.getByRole('link', { name: "Erase this referral's personal data" }).click();
    expect(new URL(page.url()).pathname).toBe(`${caseUrl}/actions/erase-personal-data`);
    const confirmation = (await page.textContent('main')) ?? '';
    expect(confirmation).toContain('This cannot be undone.');
    expect(confirmation).toContain('destroys this referral');
    expect(confirmation).toContain('The anonymous facts are kept for the Home Office statistics');
    await expectAccessible(page, 'the erasure confirmation');
    await screenshot(page, 'erasure-confirmation');

    await page.getByRole('button', { name: 'Erase the personal data for good' }).click();
    const problems = (await page.locator('.govuk-error-summary').textContent()) ?? '';
    expect(problems).toContain('Select why the personal data is being erased');
    expect(problems).toContain('Select the grounds for the erasure');
    await expectAccessible(page, 'the erasure confirmation with errors');
    expect(await page.textContent('main')).not.toContain('Adam Example');

    await page.getByLabel('The referral was recorded in error').check();
    await page.getByLabel('The referral was submitted by mistake or as a test').check();
    await page.getByRole('button', { name: 'Erase the personal data for good' }).click();
    await page.waitForURL(`**${caseUrl}`);
    await expectAccessible(page, 'the case page after erasure');
    const main = (await page.textContent('main')) ?? '';
    expect(main).toContain('The personal data of this referral has been erased.');
    for (const personal of [
      'Adam Example',
      'Laura Finch',
      'laura.finch@example.org',
      '1 Example Street',
      'CV1 5FB',
      'Duty team',
    ])
      expect(main).not.toContain(personal);
    // The anonymous facts remain.
    expect(main).toContain('A Coventry secondary school');
    expect(main).toContain('Extreme Right-Wing');
    const timeline = (await page.getByTestId('timeline').textContent()) ?? '';
    expect(timeline).toContain('Personal data erased: the referral was recorded in error');
    expect(timeline).toContain('Personal details: erased');
    // Erasure is not offered twice.
    expect(await page.getByTestId('case-actions').textContent()).not.toContain('Erase');
    await screenshot(page, 'case-page-erased');
    await context.close();
  });
});
