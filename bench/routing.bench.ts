// Routing decisions per second of the pure rules (postcode reading, range lookup, district -> force
// -> region -> hub, directory), over a realistic mix of postcodes; plus the one-off build cost.
import storedPostcodeRanges from '../data/geography/postcode-ranges.json' with { type: 'json' };
import organisations from '../data/directory/organisations.json' with { type: 'json' };
import routingTable from '../data/geography/routing-table.json' with { type: 'json' };
import { directorySchema } from '../domain/routing/directory.js';
import { buildGeography, routingTableSchema } from '../domain/routing/geography.js';
import { readStoredPostcodeTable } from '../functions/geography/postcode-table-file.js';
import { routeReferral, type RoutingInput } from '../domain/routing/routing-rules.js';
import { type BenchContext, median } from './bench-context.js';

const postcodeRanges = readStoredPostcodeTable(storedPostcodeRanges);
const ROUNDS = 7;
const DECISIONS_PER_ROUND = 200_000;

/** Real postcodes (range starts spread over the whole UK table) written the ways people write them. */
function postcodeMix(): RoutingInput[] {
  const spellings = [
    (p: string) => p,
    (p: string) => p.toLowerCase(),
    (p: string) => p.replace(' ', ''),
    (p: string) => ` ${p.toLowerCase().replace(' ', '')} `,
  ];
  const inputs: RoutingInput[] = [];
  let start = 0;
  postcodeRanges.postcode_keys.forEach((delta, i) => {
    start += delta;
    if (i % 37 !== 0) return;
    const compact = start.toString(36).toUpperCase();
    const spell = spellings[inputs.length % spellings.length] as (p: string) => string;
    inputs.push({
      postcode: spell(`${compact.slice(0, -3)} ${compact.slice(-3)}`),
      immediateRisk: i % 11 === 0,
      vulnerabilitySupportHubRequested: i % 7 === 0,
    });
  });
  // About 2% unreadable or incomplete, as typed on a form.
  const unreadable = ['hello', 'WS13', 'CV1 2N', '', 'n/a', 'CV1-2NJ'];
  for (let i = 0; i < inputs.length / 50; i += 1) {
    inputs.push({
      postcode: unreadable[i % unreadable.length] as string,
      immediateRisk: false,
      vulnerabilitySupportHubRequested: false,
    });
  }
  return inputs;
}

export default async function routingBench(ctx: BenchContext): Promise<void> {
  const buildStarted = performance.now();
  const geography = buildGeography({
    routingTable: routingTableSchema.parse(routingTable),
    postcodeRanges: readStoredPostcodeTable(storedPostcodeRanges),
    directory: directorySchema.parse(organisations),
  });
  const buildMs = performance.now() - buildStarted;

  const inputs = postcodeMix();
  const tally = new Map<string, number>();
  for (const input of inputs) {
    const { jurisdiction } = routeReferral(input, geography);
    tally.set(jurisdiction, (tally.get(jurisdiction) ?? 0) + 1);
  }

  const perSecond: number[] = [];
  let sink = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = performance.now();
    for (let i = 0; i < DECISIONS_PER_ROUND; i += 1) {
      sink += routeReferral(inputs[i % inputs.length] as RoutingInput, geography).destinations.length;
    }
    perSecond.push(DECISIONS_PER_ROUND / ((performance.now() - started) / 1000));
    ctx.log(`routing round ${round + 1}: ${Math.round(perSecond.at(-1) as number)} decisions/s`);
  }
  if (sink === 0) throw new Error('no destinations: the benchmark measured nothing');

  const result = {
    decisionsPerSecondMedian: Math.round(median(perSecond)),
    decisionsPerSecondRounds: perSecond.map(Math.round),
    microsecondsPerDecision: Number((1e6 / median(perSecond)).toFixed(2)),
    geographyBuildMs: Number(buildMs.toFixed(1)),
    postcodeRanges: geography.postcodes.rangeCount,
    mixSize: inputs.length,
    mixByJurisdiction: Object.fromEntries([...tally].sort()),
  };
  ctx.report({
    title: 'Routing decisions (pure rules)',
    markdown: [
      `Median of ${ROUNDS} rounds of ${DECISIONS_PER_ROUND.toLocaleString('en-GB')} decisions over ${inputs.length} postcodes`,
      `(real postcodes across the UK table in four spellings, about 2% unreadable, some urgent and some asking for a Vulnerability Support Hub). AWS requests: none (pure rules in memory, no client is built).`,
      '',
      '| measure | value |',
      '| --- | --- |',
      `| decisions per second (median) | ${result.decisionsPerSecondMedian.toLocaleString('en-GB')} |`,
      `| microseconds per decision | ${result.microsecondsPerDecision} |`,
      `| rounds (decisions/s) | ${result.decisionsPerSecondRounds.map((n) => n.toLocaleString('en-GB')).join(', ')} |`,
      `| geography build, once per process (ms) | ${result.geographyBuildMs} |`,
      `| postcode ranges | ${result.postcodeRanges.toLocaleString('en-GB')} |`,
      `| mix by jurisdiction | ${Object.entries(result.mixByJurisdiction)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')} |`,
    ].join('\n'),
    data: result,
  });
}
