// Schemas the API's routes share: path parameters and the answers of changes, documented once.
import * as z from 'zod';
import { ReferralId } from '../../../domain/referral/commands.js';
import { Problem } from '../../http/openapi.js';
import { type RouteResponseDoc } from '../../http/route.js';

export const ReferralParams = z.strictObject({ referralId: ReferralId });

export const CommandAnswer = z
  .object({
    referralId: z.string(),
    /** The case's version after the command; also the ETag. */
    version: z.number().int().nonnegative(),
    recordedEvents: z.number().int().nonnegative(),
    replayed: z
      .boolean()
      .meta({ description: 'True when this was a retry of a command already recorded: nothing new was written' }),
  })
  .meta({ id: 'CommandAnswer' });

export function problemResponse(description: string): RouteResponseDoc {
  return { description, schema: Problem, contentType: 'application/problem+json' };
}
