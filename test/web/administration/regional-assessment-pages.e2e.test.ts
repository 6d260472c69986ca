// Who assesses a region's referrals, in a real browser (decision 0018): a platform administrator
// opens the South West regional Prevent hub, asks for its region to be assessed by the hub, sees
// on the check page what that will do (which forces' new referrals also go to the hub's queue,
// open cases not routed again), confirms, and finds the setting and its history (in Welsh too);
// then sets it back to the forces, so the shared service is left as it was. Axe on every page.
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, newPerson, signInAs } from '../browser/browser-session.js';
import { launchChromium } from '../browser/chromium.js';

const HUB_PAGE = '/administration/organisations/ctp%3ACTP-SW';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function click(page: Page, name: string): Promise<void> {
  await Promise.all([
    page.waitForLoadState('domcontentloaded'),
    page.getByRole('button', { name, exact: true }).click(),
  ]);
}

describe("a region's gateway assessor, for a platform administrator", () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ({ context, page } = await newPerson(browser));
    await signInAs(page, 'administrator');
  });
  afterAll(async () => {
    await context?.close();
  });

  it('shows who assesses the region now, and asks who should', async () => {
    await page.goto(HUB_PAGE);
    await expectAccessible(page, "a regional hub's page");
    expect(await page.textContent('main')).toContain('Gateway assessment made by');
    expect(await page.textContent('main')).toContain('Each police force of the region');
    await page.getByRole('button', { name: 'Change this organisation' }).click();
    await expectAccessible(page, "a regional hub's change form");
    expect(await page.isChecked('input[name="directoryAssessedBy"][value="force"]')).toBe(true);
  });

  it('previews the change: the forces whose new referrals also go to the hub, then makes it', async () => {
    await page.check('input[name="directoryAssessedBy"][value="regional-hub"]');
    await page.fill('[name="directoryReason"]', 'The South West assesses its referrals centrally from 1 April');
    await click(page, 'Continue');
    await page.waitForURL('**/change/check');
    await expectAccessible(page, "a regional hub's check page");
    const effects = (await page.getByTestId('directory-effects').textContent()) ?? '';
    expect(effects).toContain("will also be delivered to the regional hub's queue (prevent-ctp-ctp-sw.fifo)");
    expect(effects).toContain('Devon and Cornwall Police');
    expect(effects).toContain('Cases already open are not routed again');
    await click(page, 'Make the change');
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('The change has been recorded');
    expect(await page.textContent('main')).toContain('The regional Prevent hub');
  });

  it('keeps the change in the history, in English and Welsh', async () => {
    const history = (await page.getByTestId('directory-history').textContent()) ?? '';
    expect(history).toContain(
      'Gateway assessment made by: Each police force of the region, changed to The regional Prevent hub',
    );
    expect(history).toContain('The South West assesses its referrals centrally from 1 April');
    await page.goto(`${HUB_PAGE}?lang=cy`);
    expect(await page.getByTestId('directory-history').textContent()).toContain('Yr hyb Prevent rhanbarthol');
    await expectAccessible(page, "a regional hub's page in Welsh");
    await page.goto(`${HUB_PAGE}?lang=en`);
  });

  it('sets the region back to its forces (leaving the shared service as it was)', async () => {
    await page.goto(`${HUB_PAGE}/change`);
    await page.check('input[name="directoryAssessedBy"][value="force"]');
    await page.fill('[name="directoryReason"]', 'Back to each force after the trial');
    await click(page, 'Continue');
    await page.waitForURL('**/change/check');
    expect((await page.getByTestId('directory-effects').textContent()) ?? '').toContain(
      'will go to the forces alone, which make the gateway assessment',
    );
    await click(page, 'Make the change');
    expect(await page.textContent('main')).toContain('Each police force of the region');
  });
});
