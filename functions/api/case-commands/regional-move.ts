// A regional Prevent hub moves a case to another police force of its region (decision 0018):
// POST /referrals/{referralId}/regional-move with the force's area code and the reason. The
// region of the force named is looked up in the directory here, never taken from the caller, and
// the decider refuses a force outside the case's region; the access policy lets only the regional
// hub of the region whose force holds the case run it. The pages' form runs the same command.
import * as z from 'zod';
import { type Organisation } from '../../../domain/routing/directory.js';
import { regionOfForce } from '../../../domain/routing/regions.js';
import { MoveCaseWithinRegion } from '../../../domain/referral/commands.js';
import { FreeText } from '../../../events/common.js';
import { problems } from '../../http/problem.js';
import { type RouteDefinition } from '../../http/route.js';
import { type CaseCommandRoute, bodyOf } from './case-command-catalogue.js';
import { type CaseCommands } from './case-commands.js';
import { caseCommandRoute } from './case-command-routes.js';

export const regionalMoveCommand: CaseCommandRoute = {
  path: 'regional-move',
  action: 'move-case-within-region',
  commandType: 'MoveCaseWithinRegion',
  summary:
    'Move the case to another police force of your region (regional Prevent hub): the force that has it loses access, the new one receives it',
  command: MoveCaseWithinRegion,
  body: bodyOf(MoveCaseWithinRegion),
};

export const RegionalMoveBody = z
  .strictObject({
    toPoliceForce: z
      .string()
      .regex(/^[EW][0-9]{8}$/, "a police force area code such as E23000015 (the force's code in the directory)"),
    reason: FreeText(1000).meta({ description: 'Why the case moves; sealed as personal data with the referral' }),
  })
  .meta({ id: 'RegionalMove' });
export type RegionalMoveBody = z.infer<typeof RegionalMoveBody>;

/** The command's fields for a move to `toPoliceForce`, or null when no region has such a force. */
export function regionalMoveFields(
  organisations: ReadonlyMap<string, Organisation>,
  body: RegionalMoveBody,
): Record<string, unknown> | null {
  const ctpRegion = regionOfForce(organisations, body.toPoliceForce);
  if (ctpRegion === null) return null;
  return { ctpRegion, toPoliceForce: body.toPoliceForce, personal: { reason: body.reason } };
}

export function createRegionalMoveRoute(deps: {
  commands: CaseCommands;
  organisations: () => ReadonlyMap<string, Organisation>;
}): RouteDefinition {
  return caseCommandRoute(regionalMoveCommand, deps.commands, {
    body: RegionalMoveBody,
    prepare(body) {
      const fields = regionalMoveFields(deps.organisations(), body as RegionalMoveBody);
      if (fields === null)
        throw problems.badRequest('Check the body.', [
          { field: 'toPoliceForce', message: 'no police force of England and Wales has this code' },
        ]);
      return fields;
    },
  });
}
