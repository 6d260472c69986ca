// npm run rebuild -- <projection>
// Replays the whole event store into a fresh version of a projection (cases or statistics),
// with a progress bar on stderr, and switches readers over once it has caught up. Reads the
// same configuration as the functions (SERVICE_PREFIX, DYNAMODB_ENDPOINT, KEY_PROVIDER, ...).
import { createAwsClients } from '../functions/composition/clients.js';
import { ConfigurationError, readServiceConfig } from '../functions/composition/service-config.js';
import { createServiceEventStore } from '../functions/composition/event-store.js';
import { composeReadSide } from '../functions/projector/projector-composition.js';
import { rebuildProjection } from '../functions/projector/rebuild.js';
import { streamHeads } from '../functions/projector/stream-heads.js';
import { ProjectionName } from '../functions/read-models/read-model-keys.js';
import { eventStoreTable, tableName } from '../functions/tables/table-definitions.js';

const USAGE = `usage: npm run rebuild -- <projection>   (projections: ${ProjectionName.options.join(', ')})`;

function progressBar(pass: number, done: number, total: number, events: number): string {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
  return `\rpass ${pass} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${String(percent).padStart(3)}% ${done.toLocaleString('en-GB')}/${total.toLocaleString('en-GB')} referrals, ${events.toLocaleString('en-GB')} events`;
}

async function main(): Promise<number> {
  const requested = ProjectionName.safeParse(process.argv[2]);
  if (!requested.success) {
    console.error(USAGE);
    return 2;
  }
  const config = readServiceConfig();
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
    process.stderr.write('\n');
    console.error(
      error instanceof ConfigurationError
        ? `${error.message}\n${USAGE}`
        : `rebuild failed: ${(error as Error).message}`,
    );
    process.exitCode = 1;
  },
);
