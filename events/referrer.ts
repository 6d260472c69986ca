// The referrer kept informed: the police ask the person who made the referral for more
// information, and the referrer answers on a page of the service. The question and the answer are
// personal (sealed like all personal data); the data holds only which request it is.
import * as z from 'zod';
import { defineEvent } from './define-event.js';
import { LongText } from './common.js';

/** Requests are numbered from 1 in the order they were made; an answer names the one it answers. */
export const RequestNumber = z.number().int().min(1).max(1000);

export const MoreInformationRequested = defineEvent({
  type: 'MoreInformationRequested',
  schemaVersion: 1,
  describes: 'The police asked the referrer for more information',
  data: z.strictObject({ requestNumber: RequestNumber }),
  personal: z.strictObject({ question: LongText }),
});

export const ReferrerAnswered = defineEvent({
  type: 'ReferrerAnswered',
  schemaVersion: 1,
  describes: 'The referrer answered a request for more information',
  data: z.strictObject({ requestNumber: RequestNumber }),
  personal: z.strictObject({ answer: LongText }),
});
