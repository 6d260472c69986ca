// Submitting the national referral form: new identifiers (or those of the first attempt, when an
// Idempotency-Key says this is a retry), the SubmitReferral command through the command handler,
// and the answer (remembered for retries). Nothing is written for a form the decider refuses.
import { type z } from 'zod';
import { type Actor } from '../../events/envelope.js';
import { SubmitReferral, type ReferralCommand } from '../../domain/referral/commands.js';
import { type ReferralError } from '../../domain/referral/errors.js';
import { type CommandHandler } from '../command-handler/command-handler.js';
import { referralStreamId } from './case-file.js';
import { type ReferralIdentifiers } from './referral-identifiers.js';
import { CALL_999, type ReferralForm, SubmissionAnswer } from './referral-form.js';
import { type SubmissionIdempotency } from './submission-idempotency.js';

export type SubmissionOutcome =
  | { kind: 'submitted'; answer: SubmissionAnswer; replayed: boolean }
  | { kind: 'invalid'; error: z.ZodError }
  | { kind: 'refused'; error: ReferralError }
  | { kind: 'key-reused-with-another-body' };

export interface ReferralSubmission {
  submit(request: { form: ReferralForm; actor: Actor; correlationId: string; scopedKey?: string }): Promise<SubmissionOutcome>;
}

export function createReferralSubmission(deps: {
  commands: CommandHandler<ReferralCommand, ReferralError>;
  idempotency: SubmissionIdempotency;
  clock: () => Date;
  newIdentifiers: () => ReferralIdentifiers;
}): ReferralSubmission {
  return {
    async submit({ form, actor, correlationId, scopedKey }) {
      let attempt: ReferralIdentifiers & { at: string } = { ...deps.newIdentifiers(), at: deps.clock().toISOString() };
      // Check the whole command before claiming a key, so a refused form leaves nothing behind.
      const checked = SubmitReferral.safeParse({ ...form, type: 'SubmitReferral', referralId: attempt.referralId, reference: attempt.reference, at: attempt.at, actor });
      if (!checked.success) return { kind: 'invalid', error: checked.error };

      let claim;
      if (scopedKey) {
        const outcome = await deps.idempotency.claim(scopedKey, form, attempt);
        if (outcome.kind === 'different-body') return { kind: 'key-reused-with-another-body' };
        if (outcome.claim.answer) return { kind: 'submitted', answer: SubmissionAnswer.parse(JSON.parse(outcome.claim.answer)), replayed: true };
        claim = outcome.claim;
        attempt = { referralId: claim.referralId, reference: claim.reference, at: claim.at };
      }
      const command = SubmitReferral.parse({ ...form, type: 'SubmitReferral', ...attempt, actor });
      const result = await deps.commands.handle({
        streamId: referralStreamId(attempt.referralId),
        commandId: `submit:${attempt.referralId}`,
        command,
        actor,
        correlationId,
        occurredAt: attempt.at,
      });
      if (!result.ok) return { kind: 'refused', error: result.error };
      const answer: SubmissionAnswer = {
        referralId: attempt.referralId,
        reference: attempt.reference,
        ...(command.immediateRisk ? { immediateRisk: { call999: true as const, message: CALL_999 } } : {}),
      };
      if (claim) await deps.idempotency.complete(claim, answer);
      return { kind: 'submitted', answer, replayed: result.replayed };
    },
  };
}
