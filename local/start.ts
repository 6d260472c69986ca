// `npm start`: the whole service on this machine, on its embedded default. DynamoDB Local keeps
// its data under .local-data/ (so a restart keeps it; `--in-memory` keeps nothing), with the SQS
// and SES stand-ins, the router, projector, delivery consumers and timers, the API and the web
// pages. `--demo` also loads demo referrals. Ctrl-C stops everything it started.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { mountLocalWeb } from '../web/local-web.js';
import { loadDemoData } from './demo-data.js';
import { startLocalService } from './local-service.js';

const { values } = parseArgs({
  options: {
    demo: { type: 'boolean', default: false },
    'in-memory': { type: 'boolean', default: false },
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    'data-dir': { type: 'string', default: join(process.cwd(), '.local-data') },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  process.stdout.write('npm start [-- --demo] [--in-memory] [--port 3000] [--data-dir .local-data]\n');
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write(`--port must be a port number, not "${values.port}"\n`);
  process.exit(2);
}

const dataDirectory = values['in-memory'] ? undefined : values['data-dir'];
if (dataDirectory) mkdirSync(dataDirectory, { recursive: true });

process.stdout.write(
  `Starting the Prevent referral service${dataDirectory ? ` (data in ${dataDirectory})` : ' (in memory)'}...\n`,
);
// Ctrl-C reaches DynamoDB Local (same process group) as it reaches us: while stopping, the
// pollers' failed calls to it are expected and not worth reporting.
let stopping = false;
const service = await startLocalService({
  port,
  publicBaseUrl: `http://localhost:${port}`,
  ...(dataDirectory ? { dataDirectory } : {}),
  mountPages: (running) => mountLocalWeb(running, running.people.signable),
  onError: (source, error) => {
    if (!stopping) process.stderr.write(`${source}: ${error instanceof Error ? error.message : String(error)}\n`);
  },
});

const stop = async (signal: string): Promise<void> => {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`\n${signal}: stopping...\n`);
  await service.stop();
  process.stdout.write('Stopped.\n');
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

const health = (await (await fetch(`${service.url}/health`)).json()) as { status: string };
process.stdout.write(
  [
    '',
    `  Referral form  ${service.url}/                 (GOV.UK pages, English and Welsh)`,
    `  Sign in        ${service.url}/sign-in          (as a demo user: police hubs, councils, hubs, analyst)`,
    `  API            ${service.url}/openapi.json     (health: ${service.url}/health is ${health.status})`,
    `  Demo tokens    ${service.url}/dev/personas     (POST /dev/token {"persona": "<id>"})`,
    `  Mail viewer    ${service.stack.endpoints.ses}/`,
    `  DynamoDB Local ${service.stack.endpoints.dynamodb}`,
    '',
  ].join('\n'),
);

if (values.demo) {
  process.stdout.write('Loading demo referrals...\n');
  await loadDemoData({ baseUrl: service.url, log: (line) => process.stdout.write(`${line}\n`) });
  process.stdout.write('Demo data loaded.\n');
}
process.stdout.write('Ready. Ctrl-C stops everything.\n');
