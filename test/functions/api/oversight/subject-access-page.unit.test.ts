// The readable subject access export in Welsh (issue 17 part 5): the API's page words are the
// locale files' (functions/ may not import web/, so the words are held equal here), and a Welsh
// page shows no word of the English page: every visible string is cy.json's or the export's data.
// What each recorded event and audited action was is said in plain words in both languages: every
// event type of the catalogue and every audited action has them, so no event ships without its words.
import { describe, expect, it } from 'vitest';
import {
  type SubjectAccessWords,
  englishSubjectAccessWords,
  subjectAccessLanguage,
  subjectAccessPage,
  welshSubjectAccessWords,
} from '../../../../functions/api/oversight/subject-access-page.js';
import { type SubjectAccessExport } from '../../../../functions/api/oversight/subject-access.js';
import {
  auditActionWords,
  auditActions,
  recordedEventWords,
} from '../../../../functions/api/oversight/recorded-words.js';
import { eventTypes } from '../../../../events/catalogue.js';
import en from '../../../../web/locales/en.json' with { type: 'json' };
import cy from '../../../../web/locales/cy.json' with { type: 'json' };

const pageWords = (words: SubjectAccessWords) => {
  const { lang: _lang, roles: _roles, statuses: _statuses, events: _events, auditActions: _actions, ...rest } = words;
  return rest;
};

const data = {
  producedAt: '2026-12-07T10:00:00Z',
  disclosure: {
    referrals: [
      {
        reference: 'PRV-7K3M-Q9TX',
        submittedAt: '2026-11-02T09:00:00Z',
        status: 'gateway-assessment',
        organisations: ['police:E23000014'],
        history: [
          {
            type: 'ReferralSubmitted',
            describes: 'A referral was submitted through the national referral form',
            occurredAt: '2026-11-02T09:00:00Z',
            by: { organisation: 'police:E23000014', role: 'police-prevent-officer' },
            recorded: { priority: 'standard' },
          },
        ],
        readBy: [
          {
            at: '2026-11-03T09:00:00Z',
            organisation: 'police:E23000014',
            role: 'police-prevent-officer',
            action: 'read-case',
          },
        ],
      },
    ],
    erased: [{ reference: 'PRV-AAAA-BBBB', erasedAt: '2026-10-01T00:00:00Z' }],
  },
} as unknown as SubjectAccessExport;

/** The text a reader sees: tags, the style block and entities taken out. */
function visibleText(html: string): string[] {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, '\n')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** A template as a pattern: its placeholders stand for any text. */
function templatePattern(template: string): RegExp {
  const parts = template.split(/\{\w+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`, 's');
}

describe('the subject access export in Welsh', () => {
  it("has the locale files' words: English from en.json, Welsh from cy.json", () => {
    expect(pageWords(englishSubjectAccessWords)).toEqual(en.subjectAccess.export);
    expect(pageWords(welshSubjectAccessWords)).toEqual(cy.subjectAccess.export);
    expect(welshSubjectAccessWords.roles).toEqual(cy.options.role);
    expect(welshSubjectAccessWords.statuses).toEqual(cy.options.caseStatus);
    expect(englishSubjectAccessWords.events).toEqual(en.subjectAccess.events);
    expect(welshSubjectAccessWords.events).toEqual(cy.subjectAccess.events);
    expect(englishSubjectAccessWords.auditActions).toEqual(en.subjectAccess.auditActions);
    expect(welshSubjectAccessWords.auditActions).toEqual(cy.subjectAccess.auditActions);
  });

  it('has plain words for every event type of the catalogue and every audited action, in English and Welsh', () => {
    for (const locale of [en, cy]) {
      const events = locale.subjectAccess.events as Record<string, string>;
      const actions = locale.subjectAccess.auditActions as Record<string, string>;
      for (const type of eventTypes) expect(events[type], `${type} has no words`).toMatch(/\S/);
      for (const action of auditActions) expect(actions[action], `${action} has no words`).toMatch(/\S/);
      expect(Object.keys(events).sort()).toEqual([...eventTypes].sort());
      expect(Object.keys(actions).sort()).toEqual([...auditActions].sort());
    }
    for (const type of eventTypes) expect(recordedEventWords.cy[type]).not.toBe(recordedEventWords.en[type]);
    for (const action of auditActions) expect(auditActionWords.cy[action]).not.toBe(auditActionWords.en[action]);
  });

  it("shows only cy.json's words, with the export's own data, in a page marked Welsh", () => {
    const html = subjectAccessPage(data, welshSubjectAccessWords);
    expect(html).toContain('<html lang="cy">');
    const templates = Object.values(cy.subjectAccess.export).map(templatePattern);
    const data_ = ['2026-11-03T09:00:00Z', 'police:E23000014', 'priority: standard'];
    const welshWords = [...Object.values(cy.options.role), ...Object.values(cy.subjectAccess.auditActions)];
    for (const line of visibleText(html)) {
      const fromCy =
        templates.some((pattern) => pattern.test(line)) || welshWords.includes(line) || data_.includes(line);
      expect(fromCy, `"${line}" is not from cy.json nor the export's data`).toBe(true);
    }
    for (const english of Object.values(en.subjectAccess.export).filter((text) => !text.includes('{')))
      if (!Object.values(cy.subjectAccess.export).includes(english)) expect(html).not.toContain(`>${english}<`);
    expect(html).toContain(cy.options.caseStatus['gateway-assessment']);
    expect(html).toContain(cy.options.role['police-prevent-officer']);
    expect(html).toContain(cy.subjectAccess.events.ReferralSubmitted.replace(/'/g, '&#39;'));
    expect(html).toContain(`<td>${cy.subjectAccess.auditActions['read-case']}</td>`);
    expect(html).not.toContain('A referral was submitted');
    expect(html).not.toContain('>read-case<');
  });

  it('is chosen by lang, else by Accept-Language (its q-values honoured), else English', () => {
    expect(subjectAccessLanguage('cy', 'en-GB')).toBe('cy');
    expect(subjectAccessLanguage('en', 'cy')).toBe('en');
    expect(subjectAccessLanguage(undefined, 'cy-GB,cy;q=0.9,en;q=0.8')).toBe('cy');
    expect(subjectAccessLanguage(undefined, 'en;q=0.5, cy;q=0.9')).toBe('cy');
    expect(subjectAccessLanguage(undefined, 'fr, en-GB;q=0.8, cy;q=0.2')).toBe('en');
    expect(subjectAccessLanguage(undefined, 'cy;q=0')).toBe('en');
    expect(subjectAccessLanguage(undefined, undefined)).toBe('en');
  });
});
