// A regional Prevent hub moves a case between the police forces of its region (decision 0018):
// only the hub of the region whose force holds the case, only to another force of that region.
// The old force loses access at once (evolve); the router routes the case to the new force, which
// receives it as it would a transfer, without having to accept it (the region decided).
import { policeHubId, regionalHubId } from '../../routing/directory.js';
import { type CommandOf } from '../commands.js';
import { type ReferralState } from '../state.js';
import { type ReferralDecision, accept, reject } from './decision.js';

export function decideRegionalMove(command: CommandOf<'MoveCaseWithinRegion'>, state: ReferralState): ReferralDecision {
  if (state.awaitingRerouting) return reject('awaiting-routing');
  const routing = state.routing;
  const force = routing?.policeForceCode ?? null;
  const region = routing?.ctpRegionCode ?? null;
  if (force === null || region === null || !state.currentDestinations.includes(policeHubId(force)))
    return reject('not-routed-to-police');
  if (command.actor.role !== 'regional-prevent-hub-officer' || command.actor.organisation !== regionalHubId(region))
    return reject('regional-hub-only');
  if (command.ctpRegion !== region) return reject('outside-region');
  if (command.toPoliceForce === force) return reject('already-with-force');
  return accept({
    type: 'CaseMovedWithinRegion',
    data: { ctpRegion: region, fromPoliceForce: force, toPoliceForce: command.toPoliceForce },
    personal: { reason: command.personal.reason },
  });
}
