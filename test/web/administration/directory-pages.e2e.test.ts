// The directory in a real browser: a platform administrator finds a council that is not on the
// service, asks to onboard it (the form refuses a change without a reason, and a change that
// changes nothing), sees on the check page what the change will do (its district's new referrals
// come to its queue, the queue awaits the next deployment, open cases stay where they are),
// confirms, and finds the change in the organisation's history with who and why; in Welsh too.
// It then records the council's Channel panel, joint with Lichfield (a joint panel naming no
// council is refused with a GOV.UK error summary), previewed and kept in the history.
// Anyone else is refused the directory. Every page passes axe-core. Who assesses a region's
// referrals (decision 0018): the administrator sets the South West to its regional hub (the check
// page names the forces whose new referrals also go to the hub's queue), finds it in the history
// (in Welsh too), then sets it back, so the shared service is left as it was.
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickButton, expectAccessible, newPerson, signInAs } from '../browser/browser-session.js';
import { launchChromium } from '../browser/chromium.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('the directory, for a platform administrator', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ({ context, page } = await newPerson(browser));
    await signInAs(page, 'administrator');
  });
  afterAll(async () => {
    await context?.close();
  });

  it('finds a council that is not on the service, and opens its change form', async () => {
    await page.getByRole('link', { name: 'Directory' }).click();
    await expectAccessible(page, 'the directory');
    await page.selectOption('#kind', 'local-authority-prevent-team');
    await page.fill('#name', 'Cannock');
    await clickButton(page, 'Show organisations');
    expect(await page.getByTestId('directory-count').textContent()).toContain('1 organisations');
    await page.getByRole('link', { name: 'Cannock Chase District Council Prevent team' }).click();
    await expectAccessible(page, "an organisation's page");
    expect(await page.textContent('main')).toContain('No changes have been recorded');
    await page.getByRole('button', { name: 'Change this organisation' }).click();
    await expectAccessible(page, 'the change form');
  });

  it('refuses a change that changes nothing, and a change without a reason', async () => {
    await page.fill('[name="directoryReason"]', 'Checking the form');
    await clickButton(page, 'Continue');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Change at least one of the details');
    await page.fill('[name="directoryReason"]', '');
    await page.check('input[name="directoryOnboarded"][value="yes"]');
    await page.fill('[name="directoryMailbox"]', 'prevent@cannockchasedc.example.gov.uk');
    await clickButton(page, 'Continue');
    expect(await page.locator('.govuk-error-summary a').first().getAttribute('href')).toBe('#directoryReason');
    await expectAccessible(page, 'the change form with errors');
  });

  it('shows what onboarding will do before it is made, then makes it', async () => {
    await page.fill('[name="directoryReason"]', 'Cannock Chase joins the shared service from 1 April');
    await clickButton(page, 'Continue');
    await page.waitForURL('**/change/check');
    await expectAccessible(page, 'the check page');
    const effects = (await page.getByTestId('directory-effects').textContent()) ?? '';
    expect(effects).toContain("New referrals from Cannock Chase will be delivered to this council's queue");
    expect(effects).toContain('as well as to Staffordshire Police');
    expect(effects).toContain('the next deployment creates it');
    expect(effects).toContain('Cases already open stay with the organisations that hold them now');
    expect(effects).toContain('prevent@cannockchasedc.example.gov.uk');
    await clickButton(page, 'Make the change');
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('The change has been recorded');
  });

  it("keeps the change in the organisation's history with who and why, in English and Welsh", async () => {
    await expectAccessible(page, 'the organisation after the change');
    const history = (await page.getByTestId('directory-history').textContent()) ?? '';
    expect(history).toContain('On this service: Not on this service, changed to On this service');
    expect(history).toContain('Cannock Chase joins the shared service from 1 April');
    expect(history).toContain('(administrator)');
    await page.goto(`${page.url()}?lang=cy`);
    expect(await page.getByTestId('directory-history').textContent()).toContain('newidiwyd i');
    await expectAccessible(page, "an organisation's page in Welsh");
    await page.goto(`${page.url().split('?')[0]}?lang=en`);
  });

  it('records its Channel panel, joint with Lichfield: a joint panel naming no council is refused, GOV.UK style', async () => {
    await page.getByRole('button', { name: 'Change this organisation' }).click();
    await page.check('input[name="directoryPanelArrangement"][value="joint"]');
    await page.fill('[name="directoryPanelChair"]', 'Head of Community Safety');
    await page.fill('[name="directoryPanelMailbox"]', 'channel@cannockchasedc.example.gov.uk');
    await page.fill('[name="directoryReason"]', 'Cannock Chase and Lichfield run one Channel panel');
    await clickButton(page, 'Continue');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('There is a problem');
    expect(await page.locator('.govuk-error-summary a').first().getAttribute('href')).toBe('#directoryPanelJointWith');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Enter the other councils that run the joint panel',
    );
    await expectAccessible(page, "the change form with a Channel panel's error");
    await page.fill('[name="directoryPanelJointWith"]', 'Lichfield District Council');
    await clickButton(page, 'Continue');
    await page.waitForURL('**/change/check');
    await expectAccessible(page, "the check page of a Channel panel's change");
    expect(await page.textContent('main')).toContain(
      'A joint panel with Lichfield District Council, chaired by its Head of Community Safety',
    );
    expect((await page.getByTestId('directory-effects').textContent()) ?? '').toContain(
      "The directory will show this council's Channel panel as given",
    );
    await clickButton(page, 'Make the change');
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('The change has been recorded');
    const history = (await page.getByTestId('directory-history').textContent()) ?? '';
    expect(history).toContain('Channel panel: Not recorded, changed to A joint panel with Lichfield District Council');
    expect(history).toContain('Cannock Chase and Lichfield run one Channel panel');
    await page.goto(`${page.url()}?lang=cy`);
    expect(await page.getByTestId('directory-history').textContent()).toContain('Panel ar y cyd gyda Lichfield');
    await expectAccessible(page, "an organisation's page with its Channel panel, in Welsh");
    await page.goto(`${page.url().split('?')[0]}?lang=en`);
  });
});

const HUB_PAGE = '/administration/organisations/ctp%3ACTP-SW';

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
    await clickButton(page, 'Continue');
    await page.waitForURL('**/change/check');
    await expectAccessible(page, "a regional hub's check page");
    const effects = (await page.getByTestId('directory-effects').textContent()) ?? '';
    expect(effects).toContain("will also be delivered to the regional hub's queue (prevent-ctp-ctp-sw.fifo)");
    expect(effects).toContain('Devon and Cornwall Police');
    expect(effects).toContain('Cases already open are not routed again');
    await clickButton(page, 'Make the change');
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
    await clickButton(page, 'Continue');
    await page.waitForURL('**/change/check');
    expect((await page.getByTestId('directory-effects').textContent()) ?? '').toContain(
      'will go to the forces alone, which make the gateway assessment',
    );
    await clickButton(page, 'Make the change');
    expect(await page.textContent('main')).toContain('Each police force of the region');
  });
});

describe('the directory, for anyone else', () => {
  it('is refused to anyone but an administrator', async () => {
    const { context, page } = await newPerson(browser);
    await signInAs(page, 'coventry-lead');
    const answer = await page.goto('/administration/organisations');
    expect(answer?.status()).toBe(403);
    expect(await page.getByRole('link', { name: 'Directory' }).count()).toBe(0);
    await context.close();
  });
});
