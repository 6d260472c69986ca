// The referrer kept informed, in a real browser: a signed-in referrer makes a referral; the police
// officer asks them for more information from the case page; the referrer reads the question on
// their referral's status page, answers it (error summary, check your answer, confirmation), and
// the answer appears on the officer's case timeline. The status never names a route or outcome;
// nobody but the referrer who made the referral opens those pages. Every page passes axe-core.
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clickButton,
  eventually,
  expectAccessible,
  newPerson,
  screenshot,
  signInAs,
} from '../browser/browser-session.js';
import { launchChromium } from '../browser/chromium.js';
import { coventryReferral, fillPage } from '../referral-form/referral-answers.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('the referrer is asked for more information and answers', () => {
  let reference = '';
  let referralId = '';

  it('the referrer, signed in, makes a referral', async () => {
    const { context, page } = await newPerson(browser);
    await signInAs(page, 'coventry-teacher');
    await page.goto('/');
    await page.getByRole('button', { name: 'Start now' }).click();
    for (const step of coventryReferral('Bea Example')) {
      await fillPage(page, step.answers);
      await clickButton(page, 'Continue');
    }
    await clickButton(page, 'Continue');
    await page.getByRole('button', { name: 'Accept and send' }).click();
    await page.waitForURL('**/referral/confirmation');
    reference = (await page.getByTestId('reference').textContent())?.trim() ?? '';
    expect(reference).toMatch(/^PRV-/);
    await context.close();
  });

  it('the police officer asks the referrer a question from the case page', async () => {
    const { context, page } = await newPerson(browser);
    await signInAs(page, 'wm-officer');
    await eventually(
      page,
      'the referral in the queue',
      async () => (await page.getByRole('link', { name: reference }).count()) > 0,
    );
    const caseUrl = (await page.getByRole('link', { name: reference }).getAttribute('href')) ?? '';
    referralId = caseUrl.replace('/cases/', '');
    await page.goto(caseUrl);
    await page.getByRole('link', { name: 'Ask the referrer for more information' }).click();
    await expectAccessible(page, 'the question form');
    await clickButton(page, 'Send the question');
    expect(await page.locator('.govuk-error-summary__title').textContent()).toContain('There is a problem');
    expect(await page.locator('.govuk-error-summary a').first().getAttribute('href')).toBe('#moreInformationQuestion');
    await page.fill(
      '[name="moreInformationQuestion"]',
      'Which lessons were the comments made in, and who else heard them?',
    );
    await clickButton(page, 'Send the question');
    await page.waitForURL(`**${caseUrl}`);
    expect(await page.getByTestId('timeline').textContent()).toContain('Asked the referrer for more information');
    expect(await page.textContent('main')).toContain("Waiting for the referrer's answer to request 1");
    // One question at a time: the action is not offered again while it waits.
    expect(await page.getByTestId('case-actions').textContent()).not.toContain('Ask the referrer');
    await context.close();
  });

  it('nobody else opens the status or the question: another referrer, and the officer, are told there is no such page', async () => {
    for (const persona of ['wm-officer', 'coventry-lead']) {
      const { context, page } = await newPerson(browser);
      await signInAs(page, persona);
      expect((await page.goto(`/referral-status/${referralId}`))?.status()).toBe(404);
      expect((await page.goto(`/referral-status/${referralId}/more-information`))?.status()).toBe(404);
      await context.close();
    }
  });

  it('the referrer reads the question, answers it, checks the answer and sends it', async () => {
    const { context, page } = await newPerson(browser);
    await signInAs(page, 'coventry-teacher');
    await page.goto(`/referral-status/${referralId}`);
    await expectAccessible(page, 'the referral status');
    expect(await page.locator('h1').textContent()).toBe(`Your referral ${reference}`);
    expect(await page.textContent('main')).toContain('More information requested');
    await screenshot(page, 'referrer-status-question');
    await page.getByRole('button', { name: 'Answer the question' }).click();
    await page.waitForURL(`**/referral-status/${referralId}/more-information`);
    await expectAccessible(page, 'the question');
    expect(await page.getByTestId('referrer-question').textContent()).toContain(
      'Which lessons were the comments made in',
    );

    await clickButton(page, 'Continue');
    expect(await page.locator('.govuk-error-summary__title').textContent()).toContain('There is a problem');
    const link = page.locator('.govuk-error-summary a').first();
    expect(await link.getAttribute('href')).toBe('#referrerAnswer');
    expect(await link.textContent()).toContain('Enter your answer');
    await expectAccessible(page, 'the question with errors');
    await screenshot(page, 'referrer-answer-errors');

    await page.fill('[name="referrerAnswer"]', 'In two history lessons; the teaching assistant heard them too.');
    await clickButton(page, 'Continue');
    await page.waitForURL(`**/more-information/check`);
    await expectAccessible(page, 'check your answer');
    expect(await page.textContent('main')).toContain('the teaching assistant heard them too');
    // Change goes back to the answer, kept.
    await page.getByRole('link', { name: /Change/ }).click();
    expect(await page.inputValue('[name="referrerAnswer"]')).toContain('teaching assistant');
    await clickButton(page, 'Continue');
    await clickButton(page, 'Send your answer');
    await page.waitForURL('**/more-information/confirmation');
    await expectAccessible(page, 'the answer sent');
    expect(await page.textContent('main')).toContain(`Your answer has been added to the referral ${reference}`);
    await screenshot(page, 'referrer-answer-sent');
    // No personal data in any address the journey used.
    expect(page.url()).not.toMatch(/history|assistant/);

    // Answering twice: there is nothing left to answer.
    await page.goto(`/referral-status/${referralId}/more-information`);
    expect(await page.locator('h1').textContent()).toBe('There is no question waiting for your answer');
    await page.goto(`/referral-status/${referralId}`);
    expect(await page.textContent('main')).toContain('Being assessed');
    expect(await page.textContent('main')).not.toContain('Answer the question');

    // In Welsh.
    await page.getByRole('link', { name: 'Cymraeg' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('cy');
    expect(await page.textContent('main')).toContain('Yn cael ei asesu');
    await expectAccessible(page, 'the referral status in Welsh');
    await context.close();
  });

  it("the answer is on the officer's case timeline", async () => {
    const { context, page } = await newPerson(browser);
    await signInAs(page, 'wm-officer');
    await page.goto(`/cases/${referralId}`);
    const timeline = await page.getByTestId('timeline').textContent();
    expect(timeline).toContain('The referrer answered request 1');
    expect(timeline).toContain('the teaching assistant heard them too');
    await context.close();
  });
});
