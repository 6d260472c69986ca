// Submitting the national referral form, for the API and the pages alike: who submits (a signed-in
// person whose role may refer, or the public), new identifiers (or those of the first attempt, when
// an Idempotency-Key says this is a retry), the SubmitReferral command through the command handler,
// and the answer (remembered for retries). Nothing is written for a form the decider refuses.
//
// A key is scoped to its caller. The public has no identity to scope by, so an anonymous key is
// scoped to the form it came with as well: nobody can probe whether someone else used a key, and
// only a caller holding the very same form and key gets its first answer back.
import { type z } from 'zod';
import { type AccessDecision, type Viewer, decideAccess } from '../../../domain/access/index.js';
import { type Actor } from '../../../events/envelope.js';
import { SubmitReferral, type ReferralCommand } from '../../../domain/referral/commands.js';
import { type ReferralError } from '../../../domain/referral/errors.js';
import { type CommandHandler } from '../../command-handler/command-handler.js';
import { referralStreamId } from '../../../domain/referral/stream-id.js';
import { type ReferralIdentifiers } from './referral-identifiers.js';
import { CALL_999, type ReferralForm, SubmissionAnswer } from './referral-form.js';
import { scopedKey } from '../shared/idempotency-key.js';
import { type SubmissionIdempotency, bodyDigest } from './submission-idempotency.js';

/** Who a referral comes from when nobody is signed in. */
export const publicReferrer: Actor = { organisation: 'public', user: 'anonymous', role: 'referrer' };

export type SubmissionOutcome =
  | { kind: 'submitted'; answer: SubmissionAnswer; replayed: boolean }
  | { kind: 'invalid'; error: z.ZodError }
  | { kind: 'refused'; error: ReferralError }
  | { kind: 'access-refused'; decision: Extract<AccessDecision, { allowed: false }> }
  | { kind: 'key-reused-with-another-body' };

export interface ReferralSubmission {
  submit(request: {
    form: ReferralForm;
    viewer: Viewer | null;
    correlationId: string;
    idempotencyKey?: string;
  }): Promise<SubmissionOutcome>;
}

export function createReferralSubmission(deps: {
  commands: CommandHandler<ReferralCommand, ReferralError>;
  idempotency: SubmissionIdempotency;
  clock: () => Date;
  newIdentifiers: () => ReferralIdentifiers;
}): ReferralSubmission {
  return {
    async submit({ form, viewer, correlationId, idempotencyKey }) {
      if (viewer) {
        const decision = decideAccess(viewer, 'submit-referral');
        if (!decision.allowed) return { kind: 'access-refused', decision };
      }
      const actor: Actor = viewer
        ? { organisation: viewer.organisation, user: viewer.user, role: viewer.role }
        : publicReferrer;
      const key =
        idempotencyKey === undefined
          ? undefined
          : scopedKey(
              viewer ? `${actor.organisation}\n${actor.user}` : `${actor.organisation}\n${bodyDigest(form)}`,
              idempotencyKey,
            );
      const made = deps.newIdentifiers();
      let attempt: ReferralIdentifiers & { at: string } = { ...made, at: deps.clock().toISOString() };
      // Check the whole command before claiming a key, so a refused form leaves nothing behind.
      const checked = SubmitReferral.safeParse({
        ...form,
        type: 'SubmitReferral',
        referralId: attempt.referralId,
        reference: attempt.reference,
        at: attempt.at,
        actor,
      });
      if (!checked.success) return { kind: 'invalid', error: checked.error };

      let claim;
      if (key) {
        const outcome = await deps.idempotency.claim(key, form, attempt);
        if (outcome.kind === 'different-body') return { kind: 'key-reused-with-another-body' };
        if (outcome.claim.answer)
          return {
            kind: 'submitted',
            answer: SubmissionAnswer.parse(JSON.parse(outcome.claim.answer)),
            replayed: true,
          };
        claim = outcome.claim;
        attempt = { referralId: claim.referralId, reference: claim.reference, at: claim.at };
      }
      const command = SubmitReferral.parse({ ...form, type: 'SubmitReferral', ...attempt, actor });
      const result = await deps.commands.handle({
        streamId: referralStreamId(attempt.referralId),
        commandId: `submit:${attempt.referralId}`,
        command,
        correlationId,
        // Ids made just now name no stream yet (a retry's claim names the first attempt's, which may).
        newStream: attempt.referralId === made.referralId,
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
