// Free text (names, addresses, the concern, notes, minutes) may not carry control characters,
// text-direction overrides or isolates, or lone surrogates: they hide or reorder what a caseworker
// reads. Every command that takes free text refuses them, naming the field, never the value;
// tabs, line breaks, accents, right-to-left scripts and emoji are ordinary text.
import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { SubmitReferral, ReferralCommand } from '../../domain/referral/commands.js';
import { FREE_TEXT_CHARACTERS_MESSAGE, FreeText } from '../../events/common.js';
import { caseCommandBodies, referralForm } from '../functions/api/api-fixtures.js';

const forbidden: Record<string, string> = {
  NUL: '\u0000',
  BEL: '\u0007',
  'vertical tab': '\u000B',
  escape: '\u001B',
  DEL: '\u007F',
  'C1 (NEL)': '\u0085',
  'C1 (CSI)': '\u009B',
  'left-to-right embedding': '\u202A',
  'right-to-left override': '\u202E',
  'left-to-right isolate': '\u2066',
  'pop directional isolate': '\u2069',
  'lone high surrogate': '\uD800',
  'lone low surrogate': '\uDC00',
};

const submission = () => ({
  ...referralForm(),
  type: 'SubmitReferral',
  referralId: 'ref-000001',
  reference: 'PRV-7K3M-Q9TX',
  at: '2026-03-02T10:00:00Z',
  actor: { organisation: 'public', user: 'anonymous', role: 'referrer' },
});

/** Every free-text answer of the national form, by its path in SubmitReferral. */
const formTextPaths = [
  ['referrer', 'organisation'],
  ['referrer', 'role'],
  ['personal', 'referrer', 'name'],
  ['personal', 'person', 'name'],
  ['personal', 'person', 'address'],
  ['personal', 'person', 'postcode'],
  ['personal', 'person', 'languages', '0'],
  ['personal', 'concern', 'description'],
  ['personal', 'concern', 'howItCameToLight'],
  ['personal', 'concern', 'accessToWeaponsOrTravelPlans'],
  ['personal', 'concern', 'otherAgencies', '0', 'agency'],
  ['personal', 'concern', 'otherAgencies', '0', 'contact'],
];

function withTextAt(value: Record<string, unknown>, path: readonly string[], text: string): Record<string, unknown> {
  const copy = structuredClone(value);
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    node[key] ??= /^[0-9]+$/.test(path[path.indexOf(key) + 1] ?? '') ? [{ agency: 'x' }] : {};
    node = node[key] as Record<string, unknown>;
  }
  node[path.at(-1) as string] = text;
  return copy;
}

describe('free text', () => {
  it.each(Object.entries(forbidden))(
    'refuses %s in every answer of the referral form, naming the field and not the value',
    (_name, character) => {
      for (const path of formTextPaths) {
        const answer = `Sec${character}ret`;
        const parsed = SubmitReferral.safeParse(withTextAt(submission(), path, answer));
        expect(parsed.success, path.join('.')).toBe(false);
        const issues = (parsed as { error: z.ZodError }).error.issues;
        expect(issues.map((issue) => issue.path.join('.'))).toContain(path.join('.'));
        expect(issues.find((issue) => issue.path.join('.') === path.join('.'))?.message).toBe(
          FREE_TEXT_CHARACTERS_MESSAGE,
        );
        expect(JSON.stringify(issues)).not.toContain(`Sec`);
      }
    },
  );

  it('refuses them in the free text of every case command that takes some', () => {
    const bodies = caseCommandBodies(new Date('2026-03-02T10:00:00Z'));
    const texts = Object.entries(bodies).filter(
      ([, body]) => body.personal && Object.values(body.personal as object).some((value) => typeof value === 'string'),
    );
    expect(texts.length).toBeGreaterThanOrEqual(9);
    for (const [, body] of texts) {
      const schema = ReferralCommand.options.find((option) => {
        const candidate = {
          ...body,
          type: option.shape.type.value,
          at: '2026-03-02T10:00:00Z',
          actor: { organisation: 'police:E23000014', user: 'u1', role: 'police-prevent-officer' },
        };
        return option.safeParse(candidate).success;
      });
      expect(schema, JSON.stringify(Object.keys(body))).toBeDefined();
      const personal = body.personal as Record<string, unknown>;
      const field = Object.keys(personal).find((key) => typeof personal[key] === 'string') as string;
      const hostile = {
        ...body,
        type: schema?.shape.type.value,
        at: '2026-03-02T10:00:00Z',
        actor: { organisation: 'police:E23000014', user: 'u1', role: 'police-prevent-officer' },
        personal: { ...personal, [field]: 'notes\u202Egnp.exe' },
      };
      const parsed = schema?.safeParse(hostile);
      expect(parsed?.success, `${String(schema?.shape.type.value)} personal.${field}`).toBe(false);
      expect(parsed?.error?.issues.map((issue) => issue.path.join('.'))).toContain(`personal.${field}`);
    }
  });

  it('accepts tabs, line breaks (as browsers send them), accents, right-to-left scripts and emoji', () => {
    for (const text of [
      'Line one\nLine two',
      'Line one\r\nLine two',
      'Column\tcolumn',
      'Dŵr a thân, Llanfair­pwll',
      'مرحبا بالعالم',
      'שלום',
      'Thumbs up 👍🏽',
      'Zero\u200Bwidth space is ordinary',
    ]) {
      expect(FreeText(10_000).safeParse(text).success, JSON.stringify(text)).toBe(true);
    }
    const parsed = SubmitReferral.safeParse(
      withTextAt(submission(), ['personal', 'concern', 'description'], 'Seen on Monday.\r\nAgain on Friday 👀'),
    );
    expect(parsed.success).toBe(true);
  });
});
