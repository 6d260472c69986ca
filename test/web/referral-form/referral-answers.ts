// A referral as the e2e tests enter it, page by page, and how each page is filled in: by mouse
// and keyboard shortcuts (page.fill/check) or by keyboard alone (Tab to each control, type,
// Space to tick, Enter to send).
import { type Page } from 'playwright-core';

export type Answer =
  | { kind: 'text'; name: string; value: string }
  | { kind: 'choice'; name: string; value: string }
  | { kind: 'date'; name: string; day: string; month: string; year: string };

export interface PageAnswers {
  path: string;
  answers: Answer[];
}

const text = (name: string, value: string): Answer => ({ kind: 'text', name, value });
const choice = (name: string, value: string): Answer => ({ kind: 'choice', name, value });
const date = (name: string, day: string, month: string, year: string): Answer => ({
  kind: 'date',
  name,
  day,
  month,
  year,
});

export function coventryReferral(personName: string, postcode = 'CV1 5FB'): PageAnswers[] {
  return [
    {
      path: '/referral/your-details',
      answers: [text('referrerName', 'Laura Finch'), text('referrerEmail', 'laura.finch@example.org')],
    },
    {
      path: '/referral/your-organisation',
      answers: [
        text('referrerOrganisation', 'A Coventry secondary school'),
        text('referrerRole', 'Designated safeguarding lead'),
        choice('referrerSector', 'education'),
      ],
    },
    { path: '/referral/safeguarding-lead', answers: [choice('safeguardingLeadConsulted', 'yes')] },
    { path: '/referral/person-name', answers: [text('personName', personName)] },
    { path: '/referral/person-age', answers: [date('personDateOfBirth', '14', '5', '2010')] },
    { path: '/referral/person-gender', answers: [choice('personGender', 'male')] },
    {
      path: '/referral/person-address',
      answers: [text('personAddress', '1 Example Street, Coventry'), text('personPostcode', postcode)],
    },
    {
      path: '/referral/person-languages',
      answers: [text('personLanguages', 'English, Polish'), choice('interpreterNeeded', 'no')],
    },
    { path: '/referral/person-aware', answers: [choice('awareOfReferral', 'no')] },
    {
      path: '/referral/concern',
      answers: [text('concernDescription', 'Has been sharing videos glorifying an attack with other pupils.')],
    },
    {
      path: '/referral/concern-discovery',
      answers: [
        text('howItCameToLight', 'A teacher overheard a conversation in class.'),
        date('whenItCameToLight', '3', '11', '2025'),
      ],
    },
    {
      path: '/referral/indicators',
      answers: [choice('indicators', 'grievance-injustice-threat'), choice('indicators', 'secretive-online')],
    },
    { path: '/referral/type-of-concern', answers: [choice('suspectedConcernTypes', 'extreme-right-wing')] },
    { path: '/referral/immediate-risk', answers: [choice('immediateRisk', 'no')] },
    { path: '/referral/complex-needs', answers: [choice('complexNeeds', 'neurodiversity')] },
    { path: '/referral/support-hub', answers: [choice('vulnerabilitySupportHubRequested', 'no')] },
  ];
}

export async function fillPage(page: Page, answers: readonly Answer[]): Promise<void> {
  for (const answer of answers) {
    if (answer.kind === 'text') await page.fill(`[name="${answer.name}"]`, answer.value);
    else if (answer.kind === 'choice') await page.check(`input[name="${answer.name}"][value="${answer.value}"]`);
    else {
      await page.fill(`[name="${answer.name}-day"]`, answer.day);
      await page.fill(`[name="${answer.name}-month"]`, answer.month);
      await page.fill(`[name="${answer.name}-year"]`, answer.year);
    }
  }
}

/** Presses Tab until the element matching `selector` has the focus (at most 80 times). */
export async function tabTo(page: Page, selector: string): Promise<void> {
  const target = page.locator(selector).first();
  for (let presses = 0; presses < 80; presses += 1) {
    if (await target.evaluate((element) => element === element.ownerDocument.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`the keyboard never reached ${selector}`);
}

export async function fillPageByKeyboard(page: Page, answers: readonly Answer[]): Promise<void> {
  for (const answer of answers) {
    if (answer.kind === 'text') {
      await tabTo(page, `[name="${answer.name}"]`);
      await page.keyboard.type(answer.value);
    } else if (answer.kind === 'choice') {
      const selector = `input[name="${answer.name}"][value="${answer.value}"]`;
      const type = await page.locator(selector).getAttribute('type');
      if (type === 'radio') {
        // A radio group takes one Tab stop (its first radio when none is chosen); Space chooses it and arrow keys move the choice.
        await tabTo(page, `input[name="${answer.name}"]`);
        await page.keyboard.press('Space');
        for (let presses = 0; presses < 12 && !(await page.locator(selector).isChecked()); presses += 1)
          await page.keyboard.press('ArrowDown');
      } else {
        await tabTo(page, selector);
        await page.keyboard.press('Space');
      }
    } else {
      for (const [part, value] of [
        ['day', answer.day],
        ['month', answer.month],
        ['year', answer.year],
      ] as const) {
        await tabTo(page, `[name="${answer.name}-${part}"]`);
        await page.keyboard.type(value);
      }
    }
  }
}
