// What the browser tests share: a browser per file, a fresh context per person (cookies are
// theirs alone), axe-core at WCAG 2.2 AA on a page, screenshots kept as test artefacts, and
// signing in as a demo persona through the sign-in page.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

export const ARTIFACTS = join(process.cwd(), 'test', 'artifacts');
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export function baseUrl(): string {
  return inject('webBaseUrl');
}

export async function newPerson(
  browser: Browser,
  options: { javaScriptEnabled?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: { width: 1280, height: 900 },
  });
  // A missing element fails the test in seconds, naming it, rather than at the test's timeout.
  context.setDefaultTimeout(10_000);
  return { context, page: await context.newPage() };
}

/** axe-core on the page as it is now: no violation at WCAG 2.2 AA. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const violations = results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join('; ')})`,
  );
  expect(violations, `accessibility of ${what}`).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export async function signInAs(page: Page, persona: string): Promise<void> {
  await page.goto('/sign-in');
  await page.check(`input[name="persona"][value="${persona}"]`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('domcontentloaded');
}

/** Reloads the page until `probe` holds (projections follow the event store within moments). */
export async function eventually(
  page: Page,
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await page.reload();
  }
}

/** Presses the button of exactly that name and waits for the page it leads to. */
export async function clickButton(page: Page, name: string): Promise<void> {
  await Promise.all([
    page.waitForLoadState('domcontentloaded'),
    page.getByRole('button', { name, exact: true }).click(),
  ]);
}
