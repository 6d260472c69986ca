// Issue 17's pages walked in a real browser, every page checked by axe-core at WCAG 2.2 AA:
// Coventry's organisation administrator invites a caseworker, who signs in, and removes them, whose
// open session ends at once; Coventry's Prevent lead finds a case by its reference, a closed one
// too, and opens its access audit (and its CSV); the data protection officer produces a subject
// access export and downloads it as JSON and as the readable page in English and Welsh (each
// event said in Welsh words), then finds a case's audit by its reference.
//
// Inviting and removing people changes the demo directory, so this file starts a service of its own.
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import cy from '../../web/locales/cy.json' with { type: 'json' };
import { startLocalService, type LocalService } from '../../local/local-service.js';
import { mountLocalWeb } from '../../web/local-web.js';
import { expectAccessible, signInAs } from './browser/browser-session.js';
import { launchChromium } from './browser/chromium.js';
import { coventryReferral, fillPage } from './referral-form/referral-answers.js';

const PERSON = 'Robin Oversight';
const STEP_TIMEOUT_MS = 240_000;

let browser: Browser;
let service: LocalService;
/** The closed case's reference (the subject access export finds it by the person). */
let closedReference = '';

beforeAll(async () => {
  browser = await launchChromium();
  service = await startLocalService({
    prefix: 'e2eovp',
    pollIntervalMs: 50,
    visibilityTimeoutSeconds: 2,
    directoryTtlMs: 0,
    mountPages: (running) => mountLocalWeb(running, running.people.signable),
  });
  // Starting the engines on a shared, busy machine can take minutes.
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

async function newPerson(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: service.url,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  // A shared machine under load: a page may take a while; a missing element still fails, naming it.
  context.setDefaultTimeout(30_000);
  return { context, page: await context.newPage() };
}

/** The API as the demo data drives it: a persona's dev token, If-Match versions, waiting for routing. */
async function api(method: string, path: string, persona: string, body?: unknown, version?: number) {
  const token = await fetch(`${service.url}/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ persona }),
  }).then(async (response) => ((await response.json()) as { token: string }).token);
  const response = await fetch(`${service.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(version !== undefined ? { 'if-match': `"${version}"` } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, etag: response.headers.get('etag'), json: (await response.json()) as unknown };
}

async function policeAct(referralId: string, command: string, body: unknown): Promise<void> {
  for (let attempt = 0; attempt < 150; attempt += 1) {
    const current = await api('GET', `/referrals/${referralId}`, 'wm-officer');
    if (current.status === 200 && current.etag) {
      const done = await api(
        'POST',
        `/referrals/${referralId}/${command}`,
        'wm-officer',
        body,
        Number(current.etag.replaceAll('"', '')),
      );
      expect(done.status, `${command}: ${JSON.stringify(done.json)}`).toBeLessThan(300);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${referralId} never reached West Midlands Police`);
}

/** A referral for a Coventry child through the form (Coventry's council receives it on submission). */
async function submitReferral(): Promise<string> {
  const { context, page } = await newPerson();
  await page.goto('/');
  await page.getByRole('button', { name: 'Start now' }).click();
  for (const step of coventryReferral(PERSON)) {
    await fillPage(page, step.answers);
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.waitForLoadState('domcontentloaded');
  }
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.waitForURL('**/referral/check-answers');
  await page.getByRole('button', { name: 'Accept and send' }).click();
  await page.waitForURL('**/referral/confirmation');
  const reference = (await page.getByTestId('reference').textContent())?.trim() ?? '';
  await context.close();
  return reference;
}

/** The referral id behind a reference, as the Coventry lead's search finds it (once routed). */
async function referralIdOf(reference: string): Promise<string> {
  for (let attempt = 0; attempt < 150; attempt += 1) {
    const found = (await api('POST', '/case-search', 'coventry-lead', { reference })).json as {
      cases?: { referralId: string }[];
    };
    if (found.cases?.[0]) return found.cases[0].referralId;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${reference} was never found`);
}

describe('oversight in the pages', () => {
  it(
    "an organisation administrator invites a caseworker and removes them; the leaver's session ends at once",
    async () => {
      const admin = await newPerson();
      await signInAs(admin.page, 'coventry-admin');
      await admin.page.goto('/people');
      await expectAccessible(admin.page, "the organisation's people");
      expect(await admin.page.getByTestId('people').textContent()).toContain('Marcus Bell');
      await admin.page.getByRole('button', { name: 'Invite someone' }).click();
      await admin.page.waitForURL('**/people/invite');
      await expectAccessible(admin.page, 'the invitation form');
      // A mistake first: the error summary, then the answers.
      await admin.page.getByRole('button', { name: 'Continue' }).click();
      await admin.page.locator('.govuk-error-summary').waitFor();
      await expectAccessible(admin.page, 'the invitation form with errors');
      await admin.page.getByLabel('Full name').fill('Nia Roberts');
      await admin.page.getByLabel('Email address').fill('nia.roberts@coventry.example');
      await admin.page.getByLabel('Channel panel chair').check();
      await admin.page.getByRole('button', { name: 'Continue' }).click();
      await admin.page.waitForURL('**/people/invite/check');
      await expectAccessible(admin.page, 'check the invitation');
      await admin.page.getByRole('button', { name: 'Send invitation' }).click();
      await admin.page.waitForURL('**/people/done');
      await expectAccessible(admin.page, 'the invitation sent');
      expect(await admin.page.getByTestId('people-done').textContent()).toContain('Nia Roberts has been invited');

      // The new caseworker signs in at once (locally; in the cloud by the invitation's mail).
      const invited = await newPerson();
      await signInAs(invited.page, 'nia-roberts');
      await invited.page.goto('/queue');
      expect(new URL(invited.page.url()).pathname).toBe('/queue');
      expect(await invited.page.textContent('header')).toContain('Signed in as Nia Roberts');

      await admin.page.goto('/people');
      await admin.page.getByRole('link', { name: 'Remove Nia Roberts' }).click();
      await admin.page.waitForURL('**/remove');
      await expectAccessible(admin.page, 'remove a person');
      await admin.page.getByRole('button', { name: 'Remove', exact: true }).click();
      await admin.page.waitForURL('**/people/done');
      expect(await admin.page.getByTestId('people-done').textContent()).toContain('Nia Roberts has been removed');

      // The leaver's open page: the next request finds them signed out.
      await invited.page.reload();
      expect(new URL(invited.page.url()).pathname).toBe('/sign-in');
      expect(await invited.page.textContent('header')).not.toContain('Nia Roberts');
      expect(await invited.page.locator('input[name="persona"][value="nia-roberts"]').count()).toBe(0);
      await admin.context.close();
      await invited.context.close();
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'a council lead finds a case by its reference, a closed one too, and opens its access audit',
    async () => {
      const reference = await submitReferral();
      closedReference = reference;
      const referralId = await referralIdOf(reference);
      await policeAct(referralId, 'gateway-assessment/start', {});
      await policeAct(referralId, 'gateway-assessment/complete', {
        outcome: 'no-further-action',
        confirmedConcernType: 'extreme-right-wing',
        deconflicted: true,
        signpostedTo: [],
        personal: { rationale: 'Fictional: no further action.' },
      });
      await policeAct(referralId, 'close', { outcome: 'no-further-action' });

      const lead = await newPerson();
      await signInAs(lead.page, 'coventry-lead');
      await expectAccessible(lead.page, 'the queue with the search box');
      // The search box on the page, with the reference typed as people type it.
      await lead.page.getByRole('searchbox', { name: 'Find a case by reference' }).fill(` ${reference.toLowerCase()} `);
      await lead.page.getByRole('button', { name: 'Find', exact: true }).click();
      await lead.page.waitForURL('**/find-a-case');
      await expectAccessible(lead.page, 'the search results');
      const results = lead.page.getByTestId('search-results');
      await expect.poll(async () => (await results.textContent()) ?? '').toContain(reference);
      expect(await results.textContent()).toContain('Closed');

      // Closed cases only: found; open cases only: not.
      await lead.page.locator('#searchReference').fill(reference);
      await lead.page.getByLabel('Open cases only').check();
      await lead.page.getByRole('button', { name: 'Search', exact: true }).click();
      await lead.page.waitForLoadState('domcontentloaded');
      expect(await lead.page.getByTestId('no-results').count()).toBe(1);
      await lead.page.locator('#searchReference').fill(reference);
      await lead.page.getByLabel('Closed cases only').check();
      await lead.page.getByRole('button', { name: 'Search', exact: true }).click();
      await lead.page.waitForLoadState('domcontentloaded');
      await lead.page.getByRole('link', { name: `Who read it ${reference}` }).click();
      await lead.page.waitForURL(`**/cases/${referralId}/access-audit`);
      await expectAccessible(lead.page, "the case's access audit");
      const audit = (await lead.page.getByTestId('access-audit').textContent()) ?? '';
      expect(audit).toContain('coventry-lead');
      expect(audit).toContain('search by reference');
      expect(audit).toContain('wm-officer');
      const [download] = await Promise.all([
        lead.page.waitForEvent('download'),
        lead.page.getByTestId('audit-csv').click(),
      ]);
      expect(download.suggestedFilename()).toBe(`access-audit-${referralId}.csv`);

      // In Welsh too.
      await lead.page.goto(`/cases/${referralId}/access-audit?lang=cy`);
      await expectAccessible(lead.page, "the case's access audit in Welsh");
      expect(await lead.page.textContent('h1')).toContain('Pwy a ddarllenodd');
      await lead.context.close();

      // Another force's officer searching for the same reference finds nothing.
      const elsewhere = (await api('POST', '/case-search', 'staffs-officer', { reference })).json as {
        cases: unknown[];
      };
      expect(elsewhere.cases).toEqual([]);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'a data protection officer produces a subject access export, in English and Welsh',
    async () => {
      const dpo = await newPerson();
      await signInAs(dpo.page, 'data-protection-officer');
      await dpo.page.goto('/subject-access');
      await expectAccessible(dpo.page, 'the subject access request');
      await dpo.page.getByLabel("The person's full name").fill(PERSON);
      await dpo.page.getByLabel('Day').fill('14');
      await dpo.page.getByLabel('Month').fill('5');
      await dpo.page.getByLabel('Year').fill('2010');
      await dpo.page.getByRole('button', { name: 'Continue' }).click();
      await dpo.page.waitForURL('**/subject-access/check');
      await expectAccessible(dpo.page, 'check the request');
      await dpo.page.getByRole('button', { name: 'Produce the export' }).click();
      await dpo.page.waitForLoadState('domcontentloaded');
      await expectAccessible(dpo.page, 'the export');
      const main = (await dpo.page.textContent('main')) ?? '';
      expect(main).toContain('Subject access export');
      expect(closedReference).not.toBe('');
      expect(main).toContain(closedReference);

      const [json] = await Promise.all([
        dpo.page.waitForEvent('download'),
        dpo.page.getByRole('link', { name: 'The export as JSON (with your record)' }).click(),
      ]);
      expect(json.suggestedFilename()).toBe('subject-access-export.json');
      const [welsh] = await Promise.all([
        dpo.page.waitForEvent('download'),
        dpo.page.getByRole('link', { name: 'The page for the person, in Welsh (HTML)' }).click(),
      ]);
      expect(welsh.suggestedFilename()).toBe('subject-access-export-cy.html');
      // What each event and each read was, in Welsh words (not the catalogue's English, not codes).
      const welshPage = readFileSync((await welsh.path()) ?? '', 'utf8');
      expect(welshPage).toContain(cy.subjectAccess.events.ReferralSubmitted.replace(/'/g, '&#39;'));
      expect(welshPage).not.toContain('A referral was submitted');

      // The result page in Welsh.
      await dpo.page.goto('/subject-access/check?lang=cy');
      await dpo.page.getByRole('button', { name: "Cynhyrchu'r allforiad" }).click();
      await dpo.page.waitForLoadState('domcontentloaded');
      await expectAccessible(dpo.page, 'the export in Welsh');
      expect(await dpo.page.textContent('h1')).toContain('Allforiad mynediad at ddata');

      // A case's audit found by its reference; an unknown reference said so in plain words.
      await dpo.page.goto('/access-audit?lang=en');
      await expectAccessible(dpo.page, 'the access audit look-up');
      await dpo.page.getByLabel('Reference').fill('PRV-0000-0000');
      await dpo.page.getByRole('button', { name: "Show the case's audit" }).click();
      await dpo.page.waitForSelector('.govuk-error-summary');
      expect(await dpo.page.locator('.govuk-error-summary').textContent()).toContain('No case has this reference');
      expect(await dpo.page.locator('.govuk-error-summary a').first().getAttribute('href')).toBe('#reference');
      await expectAccessible(dpo.page, 'the look-up of an unknown reference');
      await dpo.page.getByLabel('Reference').fill(closedReference.toLowerCase());
      await dpo.page.getByRole('button', { name: "Show the case's audit" }).click();
      await dpo.page.waitForURL('**/cases/*/access-audit');
      await dpo.page.waitForSelector('[data-testid="access-audit"]');
      expect(await dpo.page.getByTestId('access-audit').textContent()).toContain('subject access request');
      await expectAccessible(dpo.page, "a case's audit found by its reference");
      await dpo.context.close();
    },
    STEP_TIMEOUT_MS,
  );
});
