// The routing rules, as pure functions over the geography. Change ROUTING_RULE_VERSION whenever a
// rule changes what a referral would be routed to, so every recorded decision names its rules.
import {
  type DestinationKind,
  gatewayAssessorOf,
  NATIONAL_TRIAGE_ID,
  type Organisation,
  policeHubId,
  preventTeamId,
  regionalHubId,
  vulnerabilitySupportHubId,
} from './directory.js';
import { type District, type Geography, type NamedArea } from './geography.js';
import {
  CROWN_DEPENDENCIES,
  JURISDICTION_NAMES,
  type Jurisdiction,
  jurisdictionOfAuthority,
  jurisdictionOfPostcodeArea,
} from './jurisdiction.js';
import { type PostcodeProblem, readPostcode } from './postcode.js';

export type { DestinationKind } from './directory.js';
export type { Jurisdiction } from './jurisdiction.js';

export const ROUTING_RULE_VERSION = '2026-12-07.1';

export interface RoutingInput {
  postcode: string;
  immediateRisk: boolean;
  vulnerabilitySupportHubRequested: boolean;
}

/** Routing from a known local authority (a transfer, or a correction by an administrator). */
export interface AreaRoutingInput {
  localAuthorityCode: string;
  immediateRisk: boolean;
  vulnerabilitySupportHubRequested: boolean;
  /** The normalised postcode the area came from, if there is one; recorded as given. */
  postcode?: string | null;
}

export interface Destination {
  kind: DestinationKind;
  id: string;
  name: string;
}

export interface RoutingDecision {
  /** Normalised, or null if unparseable. */
  postcode: string | null;
  jurisdiction: Jurisdiction;
  localAuthority: NamedArea | null;
  policeForce: NamedArea | null;
  ctpRegion: NamedArea | null;
  /** The hub serving the area (England and Wales); a destination only when one was asked for. */
  vulnerabilitySupportHub: NamedArea | null;
  /**
   * Stable order: police, the regional Prevent hub (where its region is assessed by it), local
   * authority, Vulnerability Support Hub; or national triage alone.
   */
  destinations: Destination[];
  priority: 'urgent' | 'standard';
  ruleVersion: string;
  /**
   * Plain-English steps of the decision. They name the areas, force, region and hub decided, and
   * nothing taken from the postcode (not the postcode, its outward code or its area letters):
   * the explanation is recorded in the routed event's non-personal data, kept after erasure.
   */
  explanation: string[];
}

/** Where the person lives, as far as the evidence goes. */
interface Location {
  postcode: string | null;
  jurisdiction: Jurisdiction;
  localAuthority: NamedArea | null;
  steps: string[];
}

interface Needs {
  immediateRisk: boolean;
  vulnerabilitySupportHubRequested: boolean;
}

export function routeReferral(input: RoutingInput, geography: Geography): RoutingDecision {
  return route(locatePostcode(input.postcode, geography), input, geography);
}

export function routeForArea(input: AreaRoutingInput, geography: Geography): RoutingDecision {
  const location = locateAuthority(input.localAuthorityCode, `local authority ${input.localAuthorityCode}`, geography);
  return route({ ...location, postcode: input.postcode ?? null }, input, geography);
}

function locatePostcode(raw: string, geography: Geography): Location {
  const reading = readPostcode(raw);
  if (!reading.ok) {
    return {
      postcode: null,
      jurisdiction: 'unknown',
      localAuthority: null,
      steps: [`the postcode given could not be read: ${UNREADABLE[reading.problem]}`],
    };
  }
  const { postcode } = reading;
  const authorityCode = geography.postcodes.authorityOf(postcode);
  if (authorityCode !== null) {
    return { ...locateAuthority(authorityCode, 'the postcode given', geography), postcode: postcode.normalised };
  }
  const jurisdiction = jurisdictionOfPostcodeArea(postcode.area);
  const steps = ['the postcode table has no local authority for the postcode given'];
  if (jurisdiction !== 'unknown') steps.push(`the postcode's area is in ${JURISDICTION_NAMES[jurisdiction]}`);
  return { postcode: postcode.normalised, jurisdiction, localAuthority: null, steps };
}

/** What was wrong with the postcode, in words that repeat nothing of it (and give no example postcode). */
const UNREADABLE: Record<PostcodeProblem, string> = {
  empty: 'no postcode was given',
  characters: 'it has characters a postcode does not have',
  'outward-code-only': 'only the first half of a postcode was given',
  length: 'it is not as long as a full postcode',
  format: 'it is not in the format of a UK postcode',
};

function locateAuthority(code: string, subject: string, geography: Geography): Location {
  const jurisdiction = jurisdictionOfAuthority(code);
  if (jurisdiction === 'england-wales') {
    const district = geography.districts.get(code);
    if (district === undefined) {
      return {
        postcode: null,
        jurisdiction: 'unknown',
        localAuthority: null,
        steps: [`${subject} is in ${code}, which is not a district in the routing table`],
      };
    }
    const localAuthority = { code: district.code, name: district.name };
    return { postcode: null, jurisdiction, localAuthority, steps: [`${subject} is in ${describe(localAuthority)}`] };
  }
  const outside = geography.authoritiesOutsideEnglandAndWales.get(code) ?? null;
  const where = describe(
    outside ?? { code, name: CROWN_DEPENDENCIES.get(code) ?? 'an authority with no name in the tables' },
  );
  return {
    postcode: null,
    jurisdiction,
    localAuthority: outside,
    steps: [`${subject} is in ${where}, ${JURISDICTION_NAMES[jurisdiction]}`],
  };
}

/** The part of a decision that depends on where the referral goes. */
type Routed = Pick<
  RoutingDecision,
  'policeForce' | 'ctpRegion' | 'vulnerabilitySupportHub' | 'destinations' | 'explanation'
>;

function route(location: Location, needs: Needs, geography: Geography): RoutingDecision {
  const district = location.localAuthority && geography.districts.get(location.localAuthority.code);
  const routed =
    location.jurisdiction === 'england-wales' && district
      ? routeInEnglandAndWales(district, needs, geography)
      : holdForNationalTriage(location.jurisdiction, needs, geography);
  const priority = needs.immediateRisk ? 'urgent' : 'standard';
  return {
    postcode: location.postcode,
    jurisdiction: location.jurisdiction,
    localAuthority: location.localAuthority,
    policeForce: routed.policeForce,
    ctpRegion: routed.ctpRegion,
    vulnerabilitySupportHub: routed.vulnerabilitySupportHub,
    destinations: routed.destinations,
    priority,
    ruleVersion: ROUTING_RULE_VERSION,
    explanation: [
      ...location.steps,
      ...routed.explanation,
      priority === 'urgent'
        ? 'immediate risk reported: marked urgent for priority delivery'
        : 'no immediate risk reported: standard delivery',
      `decided by routing rules ${ROUTING_RULE_VERSION}`,
    ],
  };
}

/**
 * The force's Prevent hub always; the region's regional Prevent hub where the region is assessed
 * by it (and its queue is there); the council if onboarded; the hub serving the force if asked for.
 */
function routeInEnglandAndWales(district: District, needs: Needs, geography: Geography): Routed {
  const force = geography.policeForces.get(district.policeForce);
  const region = force && geography.ctpRegions.get(force.ctpRegion);
  const hub = force && geography.vulnerabilitySupportHubs.get(force.vulnerabilitySupportHub);
  if (force === undefined || region === undefined || hub === undefined) {
    throw new Error(`geography is inconsistent for district ${district.code}: build it with buildGeography`);
  }
  const explanation = [`${district.name} is policed by ${describe(force)}`, `${force.name} is in ${describe(region)}`];
  const destinations = [destination(organisation(geography, policeHubId(force.code)))];
  const regionalHub = geography.organisations.get(regionalHubId(region.code));
  if (regionalHub && gatewayAssessorOf(regionalHub) === 'regional-hub') {
    if (regionalHub.onboarded) {
      explanation.push(`${region.name}'s referrals are assessed by its regional Prevent hub: ${regionalHub.name}`);
      destinations.push(destination(regionalHub));
    } else {
      explanation.push(
        `${region.name}'s referrals are to be assessed by its regional Prevent hub, whose queue is not there yet: ${force.name} assesses them`,
      );
    }
  }
  const council = geography.organisations.get(preventTeamId(district.code));
  if (council?.onboarded) {
    destinations.push(destination(council));
  } else {
    explanation.push(
      `council not onboarded: ${district.councilName} does not receive referrals through this service yet, ${force.name} does`,
    );
  }
  if (needs.vulnerabilitySupportHubRequested) {
    explanation.push(`a Vulnerability Support Hub was asked for: ${describe(hub)} serves ${force.name}`);
    destinations.push(destination(organisation(geography, vulnerabilitySupportHubId(hub.code))));
  }
  return {
    policeForce: { code: force.code, name: force.name },
    ctpRegion: region,
    vulnerabilitySupportHub: hub,
    destinations,
    explanation,
  };
}

/** Outside England and Wales, or nowhere known: held for the national triage team, never dropped. */
function holdForNationalTriage(jurisdiction: Jurisdiction, needs: Needs, geography: Geography): Routed {
  const why =
    jurisdiction === 'unknown'
      ? 'no location in England and Wales could be found'
      : `the referral is from ${JURISDICTION_NAMES[jurisdiction]}, outside the Prevent duty's England and Wales arrangements`;
  const explanation = [`${why}: held for the national triage team to pass on`];
  if (needs.vulnerabilitySupportHubRequested) {
    explanation.push(
      'a Vulnerability Support Hub was asked for: the hubs serve England and Wales, so national triage passes the request on',
    );
  }
  return {
    policeForce: null,
    ctpRegion: null,
    vulnerabilitySupportHub: null,
    destinations: [destination(organisation(geography, NATIONAL_TRIAGE_ID))],
    explanation,
  };
}

function describe(area: NamedArea): string {
  return `${area.name} (${area.code})`;
}

function organisation(geography: Geography, id: string): Organisation {
  const found = geography.organisations.get(id);
  if (found === undefined)
    throw new Error(`directory: organisation ${id} is missing: build the geography with buildGeography`);
  return found;
}

function destination({ kind, id, name }: Organisation): Destination {
  return { kind, id, name };
}
