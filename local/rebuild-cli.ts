// npm run rebuild -- <projection...|all> [--data-dir .local-data] [--cloud] [--restart]
// Replays the whole event store into fresh versions of the projections named (cases,
// statistics, or all of them), reading the store once for all of them (a bulk pass first, then
// conditional catch-up passes), and switches readers over once they have caught up. --restart
// takes over from a rebuild that crashed (its version is abandoned; the next one is built). Progress and an estimate of the time left go to stderr: a bar
// redrawn in place on a terminal, a line every 10% (and at most every 10 s) otherwise. Finds the
// running local service by itself (the data folder npm start writes), or a deployed stage with
// --cloud, configured in the environment as its functions are (local/operator-config.ts).
import { parseArgs } from 'node:util';
import { createAwsClients } from '../functions/composition/clients.js';
import { ConfigurationError } from '../functions/composition/service-config.js';
import { createServiceEventStore } from '../functions/composition/event-store.js';
import { composeReadSide } from '../functions/projector/projector-composition.js';
import { type RebuildProgress, rebuildProjections, scanOfStore } from '../functions/projector/rebuild.js';
import { streamHeads } from '../functions/projector/stream-heads.js';
import { ProjectionName } from '../functions/read-models/read-model-keys.js';
import { eventStoreTable, tableName } from '../functions/tables/table-definitions.js';
import { DEFAULT_DATA_DIRECTORY, NoRunningServiceError, operatorServiceConfig } from './operator-config.js';
import { createRebuildProgress } from './rebuild-progress.js';

const USAGE = `usage: npm run rebuild -- <projection...|all> [--data-dir .local-data] [--cloud] [--restart]   (projections: ${ProjectionName.options.join(', ')})`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'data-dir': { type: 'string', default: DEFAULT_DATA_DIRECTORY },
    cloud: { type: 'boolean', default: false },
    restart: { type: 'boolean', default: false },
  },
});

/** The projections asked for, in the catalogue's order, or undefined when one is not a projection. */
function requestedProjections(names: readonly string[]): ProjectionName[] | undefined {
  if (names.length === 0) return undefined;
  if (names.length === 1 && names[0] === 'all') return [...ProjectionName.options];
  const parsed = names.map((name) => ProjectionName.safeParse(name));
  if (parsed.some((p) => !p.success)) return undefined;
  return ProjectionName.options.filter((name) => names.includes(name));
}

async function main(): Promise<number> {
  const requested = requestedProjections(positionals);
  if (!requested) {
    console.error(USAGE);
    return 2;
  }
  const config = operatorServiceConfig({ cloud: values.cloud, dataDirectory: values['data-dir'] });
  const clients = createAwsClients(config);
  try {
    const readSide = composeReadSide(config, clients);
    const projections = requested.map((name) => {
      const projection = readSide.projections.find((candidate) => candidate.name === name);
      if (!projection) throw new Error(`no projection named ${name}`);
      return projection;
    });
    const store = createServiceEventStore(config, clients);
    const progress = createRebuildProgress({
      write: (text) => process.stderr.write(text),
      interactive: process.stderr.isTTY === true,
    });
    const started = performance.now();
    const results = await rebuildProjections({
      projections,
      versions: readSide.versions,
      read: (streamId, options) => store.read(streamId, options),
      heads: () => streamHeads(clients.dynamo, tableName(config.SERVICE_PREFIX, eventStoreTable)),
      client: clients.dynamo,
      ...scanOfStore(store),
      restart: values.restart,
      onProgress: (update: RebuildProgress) => progress.update(update),
    });
    progress.finish();
    const seconds = (performance.now() - started) / 1000;
    for (const result of results)
      console.log(
        `rebuilt ${result.projection} into version ${result.version} (was ${result.previousVersion}${result.abandoned.length > 0 ? `; abandoned ${result.abandoned.join(', ')}` : ''}): ${result.streams.toLocaleString('en-GB')} referrals, ${result.events.toLocaleString('en-GB')} events, ${result.bulkItems.toLocaleString('en-GB')} items put in bulk, ${result.passes} passes; readers now use version ${result.version}`,
      );
    console.log(
      `${results.length === 1 ? 'one projection' : `${results.length} projections`} rebuilt from one reading of the store in ${seconds.toFixed(1)} s`,
    );
    return 0;
  } finally {
    for (const client of Object.values(clients)) client.destroy();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof NoRunningServiceError) {
      console.error(error.message);
      process.exitCode = 2;
      return;
    }
    process.stderr.write('\n');
    console.error(
      error instanceof ConfigurationError
        ? `${error.message}\n${USAGE}`
        : `rebuild failed: ${(error as Error).message}`,
    );
    process.exitCode = 1;
  },
);
