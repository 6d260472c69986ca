// What the referrer who made a referral is shown of it: the plain-language status (never a police
// decision, a route or the outcome for the person: domain/referral/referrer-status.ts) and the
// question addressed to them while it waits for their answer. Nothing else of the case.
import * as z from 'zod';
import { isErased } from '../../../events/envelope.js';
import { referrerStatuses, referrerViewOf } from '../../../domain/referral/referrer-status.js';
import { type CaseFile } from '../shared/case-file.js';

export const ReferrerStatusAnswer = z
  .object({
    reference: z.string(),
    status: z.enum(referrerStatuses),
    submittedAt: z.string().nullable(),
    question: z
      .object({ requestNumber: z.number().int(), text: z.string() })
      .nullable()
      .meta({ description: 'The request for more information waiting for your answer, if any' }),
  })
  .meta({
    id: 'SubmissionStatus',
    description:
      'What a referrer may know about what they submitted: a plain-language status (never a police decision or the outcome for the person) and the question waiting for their answer',
  });
export type ReferrerStatusAnswer = z.infer<typeof ReferrerStatusAnswer>;

export function referrerStatusAnswer(file: Pick<CaseFile, 'state' | 'history'>): ReferrerStatusAnswer {
  const view = referrerViewOf(file.state);
  const request =
    view.awaitingAnswer === null
      ? undefined
      : file.history.findLast(
          (event) => event.type === 'MoreInformationRequested' && event.data.requestNumber === view.awaitingAnswer,
        );
  const personal = request?.type === 'MoreInformationRequested' ? request.personal : undefined;
  return {
    reference: view.reference,
    status: view.status,
    submittedAt: view.submittedAt,
    question:
      view.awaitingAnswer !== null && personal && !isErased(personal)
        ? { requestNumber: view.awaitingAnswer, text: personal.question }
        : null,
  };
}
