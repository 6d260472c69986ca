// One referral walked through the whole casework in a real browser (issue 12): submitted in
// Birmingham, whose council receives referrals only after police deconfliction; the council's lead
// first sees only that it exists; the West Midlands officer starts the gateway assessment, records
// deconfliction and refers it to Channel; the council's lead then sees the whole case, schedules the
// panel, records the adult's own consent, the panel's decision, the support package, a support
// review and the exit; and, with the clock moved on, completes the six- and twelve-month post-exit
// reviews. Every page visited passes axe-core at WCAG 2.2 AA.
//
// The post-exit reviews fall due only months after the exit, so this file starts a service of its
// own whose clock the test moves on (the shared e2e service runs on the real clock).
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalService, type LocalService } from '../../local/local-service.js';
import { mountLocalWeb } from '../../web/local-web.js';
import { eventually, expectAccessible, screenshot, signInAs } from './browser/browser-session.js';
import { launchChromium } from './browser/chromium.js';
import { type PageAnswers, coventryReferral, fillPage } from './referral-form/referral-answers.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const PERSON = 'Jordan Walker';
/** Each step visits many pages, each checked by axe: on a shared, busy machine that takes minutes. */
const STEP_TIMEOUT_MS = 360_000;

let browser: Browser;
let service: LocalService;
/** How far the service's clock is ahead of the real one. */
let clockAheadMs = 0;
const clock = (): Date => new Date(Date.now() + clockAheadMs);

beforeAll(async () => {
  browser = await launchChromium();
  service = await startLocalService({
    prefix: 'e2ewalk',
    pollIntervalMs: 50,
    visibilityTimeoutSeconds: 2,
    directoryTtlMs: 0,
    clock,
    mountPages: (running) => mountLocalWeb(running, running.people.signable, { clock }),
  });
});
afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

async function newPerson(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: service.url, viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(10_000);
  return { context, page: await context.newPage() };
}

/** A Birmingham adult: the referral form's answers with the person's address and date of birth changed. */
function birminghamAdult(): PageAnswers[] {
  return coventryReferral(PERSON).map((step) => {
    if (step.path === '/referral/person-age')
      return { ...step, answers: [{ kind: 'date', name: 'personDateOfBirth', day: '12', month: '3', year: '1990' }] };
    if (step.path === '/referral/person-address')
      return {
        ...step,
        answers: [
          { kind: 'text', name: 'personAddress', value: '3 Walk Street, Birmingham' },
          { kind: 'text', name: 'personPostcode', value: 'B1 1BB' },
        ],
      };
    return step;
  });
}

const dateParts = (date: Date) => ({
  day: String(date.getUTCDate()),
  month: String(date.getUTCMonth() + 1),
  year: String(date.getUTCFullYear()),
});

async function timeline(page: Page): Promise<string> {
  return (await page.getByTestId('timeline').textContent()) ?? '';
}

/** Opens one of the case's action forms from the case page, checks it with axe, fills it in and sends it. */
async function act(
  page: Page,
  caseUrl: string,
  action: { link: string; button: string; fill?: (page: Page) => Promise<void> },
): Promise<void> {
  await page.goto(caseUrl);
  await page.getByRole('link', { name: action.link, exact: true }).click();
  await expectAccessible(page, `the form "${action.link}"`);
  await action.fill?.(page);
  await page.getByRole('button', { name: action.button, exact: true }).click();
  await page.waitForURL(`**${caseUrl}`);
  await expectAccessible(page, `the case page after "${action.link}"`);
}

describe('a Birmingham referral walked through the casework to both post-exit reviews', () => {
  let reference = '';
  let caseUrl = '';

  it(
    'a referrer submits a referral for an adult in Birmingham',
    async () => {
      const { context, page } = await newPerson();
      await page.goto('/');
      await expectAccessible(page, 'the start page');
      await page.getByRole('button', { name: 'Start now' }).click();
      for (const step of birminghamAdult()) {
        expect(new URL(page.url()).pathname).toBe(step.path);
        await expectAccessible(page, step.path);
        await fillPage(page, step.answers);
        await page.getByRole('button', { name: 'Continue', exact: true }).click();
        await page.waitForLoadState('domcontentloaded');
      }
      expect(new URL(page.url()).pathname).toBe('/referral/other-agencies');
      await expectAccessible(page, 'other agencies');
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
      await page.waitForURL('**/referral/check-answers');
      await expectAccessible(page, 'check your answers');
      expect(await page.textContent('main')).toContain('B1 1BB');
      await page.getByRole('button', { name: 'Accept and send' }).click();
      await page.waitForURL('**/referral/confirmation');
      await expectAccessible(page, 'the confirmation');
      reference = (await page.getByTestId('reference').textContent())?.trim() ?? '';
      expect(reference).toMatch(/^PRV-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      await context.close();
    },
    STEP_TIMEOUT_MS,
  );

  it(
    "the Birmingham council's lead sees only that the referral exists, awaiting police deconfliction",
    async () => {
      expect(reference).not.toBe('');
      const { context, page } = await newPerson();
      await signInAs(page, 'birmingham-lead');
      await eventually(
        page,
        'the referral in the council queue',
        async () => (await page.getByRole('link', { name: reference }).count()) > 0,
      );
      await expectAccessible(page, "the council's queue");
      caseUrl = (await page.getByRole('link', { name: reference }).getAttribute('href')) ?? '';
      expect(caseUrl).toMatch(/^\/cases\/[0-9A-Za-z_-]+$/);
      await page.goto(caseUrl);
      await expectAccessible(page, 'the notice of the referral');
      const main = (await page.textContent('main')) ?? '';
      expect(main).toContain(reference);
      expect(main).toContain('This referral awaits police deconfliction');
      for (const personal of [PERSON, '3 Walk Street', 'B1 1BB', 'Laura Finch', 'laura.finch@example.org', 'videos'])
        expect(main).not.toContain(personal);
      // Nothing of the Channel work is offered before the whole referral is shared.
      expect(await page.getByTestId('case-actions').count()).toBe(0);
      await screenshot(page, 'casework-notice-before-deconfliction');
      await context.close();
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'the West Midlands officer starts the gateway assessment, records deconfliction and refers the case to Channel',
    async () => {
      expect(caseUrl).not.toBe('');
      const { context, page } = await newPerson();
      await signInAs(page, 'wm-officer');
      await page.goto(caseUrl);
      await expectAccessible(page, "the officer's case page");
      expect(await page.textContent('main')).toContain(PERSON);
      await act(page, caseUrl, { link: 'Start the gateway assessment', button: 'Start the assessment' });
      await act(page, caseUrl, { link: 'Record deconfliction', button: 'Record that it is deconflicted' });
      expect(await page.getByTestId('case-actions').textContent()).not.toContain('Record deconfliction');
      await act(page, caseUrl, {
        link: 'Complete the gateway assessment',
        button: 'Record the outcome',
        fill: async (form) => {
          await form.check('input[name="gatewayOutcome"][value="referred-to-channel"]');
          await form.check('input[name="confirmedConcernType"][value="extreme-right-wing"]');
          await form.check('input[name="deconflicted"][value="yes"]');
          await form.fill('[name="gatewayRationale"]', 'Vulnerable to radicalisation; Channel is proportionate.');
        },
      });
      const events = await timeline(page);
      expect(events).toContain('Gateway assessment started: due by');
      expect(events).toContain('Checked against live investigations (deconfliction) by the police');
      expect(events).toMatch(
        /Gateway assessment completed: [^;]*Channel[^;]*; confirmed type of concern: Extreme Right-Wing/,
      );
      await context.close();
    },
    STEP_TIMEOUT_MS,
  );

  it(
    "the council's lead now sees the whole case and runs it through Channel to the exit",
    async () => {
      expect(caseUrl).not.toBe('');
      const { context, page } = await newPerson();
      await signInAs(page, 'birmingham-lead');
      await page.goto(caseUrl);
      await eventually(page, 'the whole referral shared with the council', async () =>
        ((await page.textContent('main')) ?? '').includes(PERSON),
      );
      await expectAccessible(page, "the council lead's whole case");
      const main = (await page.textContent('main')) ?? '';
      expect(main).not.toContain('This referral awaits police deconfliction');
      expect(main).toContain('3 Walk Street, Birmingham');
      expect(await timeline(page)).toContain('Whole referral shared with');

      const today = dateParts(clock());
      await act(page, caseUrl, {
        link: 'Schedule the Channel panel',
        button: 'Schedule the panel',
        fill: async (form) => {
          await form.fill('[name="panelDate-day"]', today.day);
          await form.fill('[name="panelDate-month"]', today.month);
          await form.fill('[name="panelDate-year"]', today.year);
          // The panel's council is filled in from the case.
          expect(await form.inputValue('[name="panelLocalAuthority"]')).toBe('E08000025');
        },
      });
      expect(await timeline(page)).toContain('Channel panel scheduled for');

      // An adult gives their own consent.
      await act(page, caseUrl, {
        link: 'Record consent to Channel support',
        button: 'Record consent',
        fill: async (form) => {
          await form.check('input[name="consentGiven"][value="yes"]');
          await form.check('input[name="consentGivenBy"][value="person"]');
          await form.fill('[name="consenterName"]', PERSON);
        },
      });
      expect(await timeline(page)).toContain('Consent to Channel support given');

      await act(page, caseUrl, {
        link: "Record the Channel panel's decision",
        button: 'Record the decision',
        fill: async (form) => {
          await form.check('input[name="panelDecision"][value="adopted"]');
          await form.fill('[name="vafEngagement"]', '5');
          await form.fill('[name="vafIntent"]', '2');
          await form.fill('[name="vafCapability"]', '1');
          await form.fill('[name="panelMinutes"]', 'Adopted: a mentor will be arranged.');
        },
      });
      expect(await timeline(page)).toContain('Channel panel decision: ');

      await act(page, caseUrl, {
        link: 'Agree the support package',
        button: 'Agree the package',
        fill: async (form) => {
          await form.check('input[name="supportProviders"][value="intervention-provider"]');
          await form.fill('[name="supportDetails"]', 'Weekly mentoring with an intervention provider.');
        },
      });
      expect(await timeline(page)).toContain('Support package agreed');

      await act(page, caseUrl, {
        link: 'Review the support package',
        button: 'Record the review',
        fill: async (form) => {
          await form.check('input[name="riskMitigated"][value="yes"]');
          await form.fill('[name="reviewNotes"]', 'Engaging well with the mentor; the risk is mitigated.');
        },
      });
      expect(await timeline(page)).toContain('Support reviewed: the risk is mitigated');

      await act(page, caseUrl, {
        link: 'Record that the person left Channel',
        button: 'Record the exit',
        fill: async (form) => {
          await form.check('input[name="exitReason"][value="no-further-concern"]');
          await form.fill('[name="exitDate-day"]', today.day);
          await form.fill('[name="exitDate-month"]', today.month);
          await form.fill('[name="exitDate-year"]', today.year);
        },
      });
      expect(await timeline(page)).toMatch(/Left Channel on [^:]+: /);
      // No post-exit review is due yet.
      expect(await timeline(page)).not.toMatch(/review due on/i);
      await screenshot(page, 'casework-after-exit');
      await context.close();
    },
    STEP_TIMEOUT_MS,
  );

  for (const { months, aheadDays, review } of [
    { months: 6, aheadDays: 186, review: 'six-month' },
    { months: 12, aheadDays: 368, review: 'twelve-month' },
  ] as const)
    it(
      `${months} months after the exit the ${review} post-exit review falls due, and the lead completes it`,
      async () => {
        expect(caseUrl).not.toBe('');
        clockAheadMs = aheadDays * DAY_MS;
        await service.runTimers();
        const { context, page } = await newPerson();
        await signInAs(page, 'birmingham-lead');
        await page.goto(caseUrl);
        const title = months === 6 ? 'Six-month review' : 'Twelve-month review';
        const due = new RegExp(`${title} due on`);
        await eventually(page, `the ${review} review falling due`, async () => due.test(await timeline(page)));
        await expectAccessible(page, `the case with the ${review} review due`);
        await act(page, caseUrl, {
          link: 'Complete a post-exit review',
          button: 'Record the review',
          fill: async (form) => {
            await form.check(`input[name="postExitReview"][value="${review}"]`);
            await form.check('input[name="concernIdentified"][value="no"]');
            await form.fill('[name="postExitNotes"]', `No new concern at ${months} months.`);
          },
        });
        const events = await timeline(page);
        expect(events).toContain(`${title} completed`);
        // The whole walk, step by step, in plain words.
        if (months === 12)
          for (const step of [
            'Referral submitted by',
            'Checked against live investigations (deconfliction) by the police',
            'Consent to Channel support given',
            'Support package agreed',
            'Support reviewed: the risk is mitigated',
            'Left Channel on',
            'Six-month review completed',
          ])
            expect(events).toContain(step);
        await screenshot(page, `casework-post-exit-${review}`);
        await context.close();
      },
      STEP_TIMEOUT_MS,
    );
});
