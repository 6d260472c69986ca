// A regional Prevent hub's pages in a real browser (decision 0018): the West Midlands regional
// hub officer signs in to the region's urgent and overdue work, in English and in Welsh, opens an
// urgent Coventry referral held by West Midlands Police and moves it to Staffordshire Police with
// a reason. Every page visited passes axe-core at WCAG 2.2 AA.
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referralForm } from '../../functions/api/api-fixtures.js';
import { baseUrl, eventually, expectAccessible, newPerson, screenshot, signInAs } from '../browser/browser-session.js';
import { launchChromium } from '../browser/chromium.js';

/** Each step visits several pages, each checked by axe: on a shared, busy machine that takes minutes. */
const STEP_TIMEOUT_MS = 240_000;

let browser: Browser;
let reference = '';

beforeAll(async () => {
  browser = await launchChromium();
  const answer = await fetch(new URL('/referrals', baseUrl()), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(referralForm('CV1 2NJ', { immediateRisk: true })),
  });
  expect(answer.status).toBe(201);
  reference = ((await answer.json()) as { reference: string }).reference;
}, STEP_TIMEOUT_MS);
afterAll(async () => {
  await browser?.close();
});

describe('a regional Prevent hub officer', () => {
  it(
    "lands on the region's urgent and overdue work, in English and in Welsh",
    async () => {
      const { context, page } = await newPerson(browser);
      await signInAs(page, 'west-midlands-regional-hub');
      expect(new URL(page.url()).pathname).toBe('/regional-work');
      await eventually(
        page,
        'the urgent referral in the regional work',
        async () => (await page.getByRole('link', { name: reference }).count()) > 0,
      );
      expect(await page.locator('h1').textContent()).toBe('Overdue and urgent work across the region');
      const row = page.getByRole('row').filter({ hasText: reference });
      expect(await row.textContent()).toContain('West Midlands Police Prevent hub');
      await expectAccessible(page, 'the regional work');
      await screenshot(page, 'regional-work');

      await page.getByRole('link', { name: 'Cymraeg' }).click();
      expect(await page.getAttribute('html', 'lang')).toBe('cy');
      expect(await page.locator('h1').textContent()).toBe('Gwaith hwyr a brys ar draws y rhanbarth');
      await expectAccessible(page, 'the regional work in Welsh');
      await screenshot(page, 'regional-work-cymraeg');
      await context.close();
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'moves a case to another force of the region, with a reason, from the case page',
    async () => {
      const { context, page } = await newPerson(browser);
      await signInAs(page, 'west-midlands-regional-hub');
      await eventually(
        page,
        'the urgent referral in the regional work',
        async () => (await page.getByRole('link', { name: reference }).count()) > 0,
      );
      await page.getByRole('link', { name: reference }).click();
      await page.waitForLoadState('domcontentloaded');
      const caseUrl = new URL(page.url()).pathname;
      await expectAccessible(page, 'the case page, read by the regional hub');
      await page
        .getByRole('link', { name: 'Move the case to another police force of the region', exact: true })
        .click();
      await expectAccessible(page, 'the move form');
      // Sent without answers: the error summary names both questions.
      await page.getByRole('button', { name: 'Move the case', exact: true }).click();
      await page.waitForSelector('.govuk-error-summary');
      await expectAccessible(page, 'the move form with errors');
      await page.check('input[name="moveToForce"][value="E23000015"]');
      await page.fill('textarea[name="moveReason"]', 'Staffordshire Police already know the person.');
      await page.getByRole('button', { name: 'Move the case', exact: true }).click();
      await page.waitForURL(`**${caseUrl}`);
      await expectAccessible(page, 'the case page after the move');
      expect(await page.getByTestId('timeline').textContent()).toContain('Case moved by the regional Prevent hub');
      await context.close();
    },
    STEP_TIMEOUT_MS,
  );
});
