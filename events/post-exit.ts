// Reviews six and twelve months after a person leaves Channel.
import * as z from 'zod';
import { defineEvent } from './define-event.js';
import { LongText } from './common.js';
import { IsoDate } from './envelope.js';

export const PostExitReview = z.enum(['six-month', 'twelve-month']);
export type PostExitReview = z.infer<typeof PostExitReview>;

export const PostExitReviewDue = defineEvent({
  type: 'PostExitReviewDue',
  schemaVersion: 1,
  describes: 'A post-exit review fell due',
  data: z.strictObject({ review: PostExitReview, dueOn: IsoDate }),
  personal: undefined,
});

export const PostExitReviewCompleted = defineEvent({
  type: 'PostExitReviewCompleted',
  schemaVersion: 1,
  describes: 'A post-exit review was completed',
  data: z.strictObject({ review: PostExitReview, concernIdentified: z.boolean() }),
  personal: z.strictObject({ notes: LongText }),
});
