// `npm run --silent route -- "<postcode>" [--urgent] [--vsh] [--explain]`: previews where a referral
// from that postcode would be routed, as one JSON object on stdout. Not a postcode: exit 2.
import { parseArgs } from 'node:util';
import { readPostcode } from '../domain/routing/postcode.js';
import { routeReferral } from '../domain/routing/routing-rules.js';
import { loadGeography } from '../functions/geography/load-geography.js';

const USAGE = 'usage: npm run --silent route -- "<postcode>" [--urgent] [--vsh] [--explain]';

function fail(reason: string): never {
  process.stderr.write(`${reason}\n`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { urgent: { type: 'boolean', default: false }, vsh: { type: 'boolean', default: false }, explain: { type: 'boolean', default: false } },
  });
} catch (error) {
  fail(`${(error as Error).message}; ${USAGE}`);
}
const { positionals, values } = parsed;
if (positionals.length !== 1) fail(USAGE);
const input = positionals[0] as string;

const reading = readPostcode(input);
if (!reading.ok) fail(`not a postcode: ${reading.reason}`);

const decision = routeReferral(
  { postcode: input, immediateRisk: values.urgent, vulnerabilitySupportHubRequested: values.vsh },
  loadGeography(),
);
const preview = {
  postcode: decision.postcode,
  jurisdiction: decision.jurisdiction,
  localAuthority: decision.localAuthority,
  policeForce: decision.policeForce,
  ctpRegion: decision.ctpRegion,
  destinations: decision.destinations.map(({ kind, id, name }) => ({ kind, id, name })),
  ruleVersion: decision.ruleVersion,
};
process.stdout.write(`${JSON.stringify(preview)}\n`);
if (values.explain) process.stderr.write(`${decision.explanation.join('\n')}\n`);
