// npm run rebuild -- <projection> [--data-dir .local-data] [--cloud]
// Replays the whole event store into a fresh version of a projection (cases or statistics),
// with a progress bar on stderr, and switches readers over once it has caught up. Finds the
// running local service by itself (the data folder npm start writes), or a deployed stage with
// --cloud, configured in the environment as its functions are (local/operator-config.ts).
import { parseArgs } from 'node:util';
import { createAwsClients } from '../functions/composition/clients.js';
import { ConfigurationError } from '../functions/composition/service-config.js';
import { createServiceEventStore } from '../functions/composition/event-store.js';
import { composeReadSide } from '../functions/projector/projector-composition.js';
import { rebuildProjection } from '../functions/projector/rebuild.js';
import { streamHeads } from '../functions/projector/stream-heads.js';
import { ProjectionName } from '../functions/read-models/read-model-keys.js';
import { eventStoreTable, tableName } from '../functions/tables/table-definitions.js';
import { DEFAULT_DATA_DIRECTORY, NoRunningServiceError, operatorServiceConfig } from './operator-config.js';

const USAGE = `usage: npm run rebuild -- <projection> [--data-dir .local-data] [--cloud]   (projections: ${ProjectionName.options.join(', ')})`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'data-dir': { type: 'string', default: DEFAULT_DATA_DIRECTORY },
    cloud: { type: 'boolean', default: false },
  },
});

function progressBar(pass: number, done: number, total: number, events: number): string {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
  return `\rpass ${pass} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${String(percent).padStart(3)}% ${done.toLocaleString('en-GB')}/${total.toLocaleString('en-GB')} referrals, ${events.toLocaleString('en-GB')} events`;
}

async function main(): Promise<number> {
  const requested = ProjectionName.safeParse(positionals[0]);
  if (!requested.success) {
    console.error(USAGE);
    return 2;
  }
  const config = operatorServiceConfig({ cloud: values.cloud, dataDirectory: values['data-dir'] });
  const clients = createAwsClients(config);
  try {
    const readSide = composeReadSide(config, clients);
    const projection = readSide.projections.find((candidate) => candidate.name === requested.data);
    if (!projection) throw new Error(`no projection named ${requested.data}`);
    const store = createServiceEventStore(config, clients);
    const started = performance.now();
    const result = await rebuildProjection({
      projection,
      versions: readSide.versions,
      read: (streamId, options) => store.read(streamId, options),
      heads: () => streamHeads(clients.dynamo, tableName(config.SERVICE_PREFIX, eventStoreTable)),
      onProgress: ({ pass, streamsDone, streamsTotal, events }) =>
        process.stderr.write(progressBar(pass, streamsDone, streamsTotal, events)),
    });
    process.stderr.write('\n');
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `rebuilt ${result.projection} into version ${result.version} (was ${result.previousVersion}): ${result.streams.toLocaleString('en-GB')} referrals, ${result.events.toLocaleString('en-GB')} events, ${result.passes} passes, ${seconds.toFixed(1)} s; readers now use version ${result.version}`,
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
