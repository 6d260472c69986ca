// The form pages ask for exactly what the API's referral form takes, validated by its schemas:
// every field of the form is asked on some page, every page's question lands on a field of the
// form, and every case action's question on a field of its command.
import { describe, expect, it } from 'vitest';
import { ReferralForm } from '../../../functions/api/referrals/referral-form.js';
import { caseActionForms } from '../../../web/cases/case-action-forms.js';
import { leafPaths, schemaAtPath } from '../../../web/forms/schema-at-path.js';
import { OTHER_AGENCIES_PATH, referralSteps } from '../../../web/referral-form/referral-steps.js';
import { bodyOf } from '../../../functions/api/case-commands/case-command-catalogue.js';

describe('the referral form pages', () => {
  it("ask every field of the API's referral form, and nothing else", () => {
    // A group of checkboxes for flags answers each flag under its path.
    const asked = [
      ...referralSteps.flatMap((step) =>
        step.fields.flatMap((field) =>
          field.kind === 'flags'
            ? (field.options ?? []).map((option) => `${field.path}.${option.value}`)
            : [field.path],
        ),
      ),
      OTHER_AGENCIES_PATH,
    ].sort();
    expect(asked).toEqual(leafPaths(ReferralForm).sort());
  });

  it('give each question a name of its own', () => {
    const names = referralSteps.flatMap((step) => step.fields.map((field) => field.name));
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('the case action forms', () => {
  it.each(caseActionForms.map((form) => [form.id, form] as const))(
    '%s asks every field of its command',
    (_id, form) => {
      for (const field of form.fields) expect(() => schemaAtPath(form.command.command, field.path)).not.toThrow();
      const asked = leafPaths(bodyOf(form.command.command)).filter(
        (path) => !form.leavesToDefault?.includes(path) && !form.filledByService?.includes(path),
      );
      // A path the service fills in is filled by the form's own completion, never left out.
      if (form.filledByService) expect(form.complete).toBeDefined();
      expect(form.fields.map((field) => field.path).sort()).toEqual(asked.sort());
      for (const path of form.leavesToDefault ?? [])
        expect(schemaAtPath(form.command.command, path).safeParse(undefined).success).toBe(true);
    },
  );
});
