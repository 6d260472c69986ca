// `npm run --silent route -- "<postcode>" [--urgent] [--vsh] [--explain]`: previews where a referral
// from that postcode would be routed, as one JSON object on stdout. Not a postcode: exit 2.
import { parseArgs } from 'node:util';
import { readPostcode } from '../domain/routing/postcode.js';
import { routingPreview } from '../domain/routing/routing-preview.js';
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
    options: {
      urgent: { type: 'boolean', default: false },
      vsh: { type: 'boolean', default: false },
      explain: { type: 'boolean', default: false },
    },
  });
} catch (error) {
  fail(`${(error as Error).message}; ${USAGE}`);
}
const { positionals, values } = parsed;
if (positionals.length !== 1) fail(USAGE);
const input = positionals[0] as string;

const reading = readPostcode(input);
if (!reading.ok) fail(`not a postcode: ${reading.reason}`);

const { preview, explanation } = routingPreview(
  { postcode: input, immediateRisk: values.urgent, vulnerabilitySupportHubRequested: values.vsh },
  loadGeography(),
);
process.stdout.write(`${JSON.stringify(preview)}\n`);
if (values.explain) process.stderr.write(`${explanation.join('\n')}\n`);
