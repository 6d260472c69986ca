// Problem details name the field and the rule, never anything the caller sent: not a value, and
// not the name of a field the caller made up (it may hold personal data, markup or controls).
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { fieldProblems } from '../../../functions/http/problem.js';

const Form = z.strictObject({ name: z.string().max(5), age: z.number().int() });

describe('field problems', () => {
  it('name the rule for a known field without its value', () => {
    const parsed = Form.safeParse({ name: 'Alexandra-Secret', age: 'old' });
    const problems = fieldProblems(parsed.error!);
    expect(problems.map((problem) => problem.field).sort()).toEqual(['age', 'name']);
    expect(JSON.stringify(problems)).not.toContain('Alexandra-Secret');
  });

  it('count unknown fields instead of naming them', () => {
    const parsed = Form.safeParse({ name: 'A', age: 1, 'Jane Doe 2008-01-02': true, '<script>x</script>': 1 });
    const problems = fieldProblems(parsed.error!, 'query');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.field).toBe('query');
    expect(problems[0]!.message).toContain('2 fields');
    expect(JSON.stringify(problems)).not.toMatch(/Jane|script/);
  });
});
