// Routing after a regional Prevent hub moved a case to another police force of its region
// (decision 0018): the routing rules' decision for where the person lives, with the police
// destination replaced by the force the case was moved to. The council and the Vulnerability
// Support Hub stay as the rules decide them (the person has not moved).
import { policeHubId } from './directory.js';
import { type Geography } from './geography.js';
import { type RoutingDecision } from './routing-rules.js';

export function withMovedPoliceForce(
  decision: RoutingDecision,
  forceCode: string,
  geography: Geography,
): RoutingDecision {
  const force = geography.policeForces.get(forceCode);
  const hub = geography.organisations.get(policeHubId(forceCode));
  if (force === undefined || hub === undefined || decision.policeForce === null) return decision;
  if (decision.policeForce.code === forceCode) return decision;
  const region = geography.ctpRegions.get(force.ctpRegion);
  if (region === undefined || decision.ctpRegion?.code !== region.code) return decision; // never across regions
  const destination = { kind: hub.kind, id: hub.id, name: hub.name };
  const last = decision.explanation.length - 1;
  return {
    ...decision,
    policeForce: { code: force.code, name: force.name },
    destinations: decision.destinations.map((routed) => (routed.kind === 'police-prevent-hub' ? destination : routed)),
    explanation: [
      ...decision.explanation.slice(0, last),
      `moved by ${region.name}'s regional Prevent hub from ${decision.policeForce.name} (${decision.policeForce.code}) to ${force.name} (${force.code})`,
      ...decision.explanation.slice(last),
    ],
  };
}
