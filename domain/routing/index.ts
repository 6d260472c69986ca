// The routing API: postcode -> local authority -> police force -> CTP region -> hub -> destinations.
export { readPostcode, type Postcode, type PostcodeProblem, type PostcodeReading } from './postcode.js';
export {
  buildPostcodeLookup,
  postcodeRangeTableSchema,
  type PostcodeLookup,
  type PostcodeRangeTable,
} from './postcode-lookup.js';
export { jurisdictionOfAuthority, jurisdictionOfPostcodeArea, type Jurisdiction } from './jurisdiction.js';
export {
  DESTINATION_KINDS,
  directorySchema,
  NATIONAL_TRIAGE_ID,
  organisationSchema,
  policeHubId,
  preventTeamId,
  queueNameFor,
  vulnerabilitySupportHubId,
  type DestinationKind,
  type Directory,
  type Organisation,
} from './directory.js';
export {
  buildGeography,
  routingTableSchema,
  type Geography,
  type GeographyTables,
  type RoutingTable,
} from './geography.js';
export {
  ROUTING_RULE_VERSION,
  routeForArea,
  routeReferral,
  type AreaRoutingInput,
  type Destination,
  type RoutingDecision,
  type RoutingInput,
} from './routing-rules.js';
