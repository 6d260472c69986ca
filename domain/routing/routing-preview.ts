// Where a referral from a postcode would be routed, as the route CLI prints it and
// GET /routing/preview answers: the routing decision without its explanation (which the CLI
// prints apart, on request). One builder, so the two cannot disagree.
import { type Geography } from './geography.js';
import { routeReferral } from './routing-rules.js';

export interface RoutingPreviewInput {
  postcode: string;
  immediateRisk?: boolean;
  vulnerabilitySupportHubRequested?: boolean;
}

export function routingPreview(input: RoutingPreviewInput, geography: Geography) {
  const decision = routeReferral(
    {
      postcode: input.postcode,
      immediateRisk: input.immediateRisk ?? false,
      vulnerabilitySupportHubRequested: input.vulnerabilitySupportHubRequested ?? false,
    },
    geography,
  );
  return {
    preview: {
      postcode: decision.postcode,
      jurisdiction: decision.jurisdiction,
      localAuthority: decision.localAuthority,
      policeForce: decision.policeForce,
      ctpRegion: decision.ctpRegion,
      destinations: decision.destinations.map(({ kind, id, name }) => ({ kind, id, name })),
      ruleVersion: decision.ruleVersion,
    },
    explanation: decision.explanation,
  };
}

export type RoutingPreview = ReturnType<typeof routingPreview>['preview'];
