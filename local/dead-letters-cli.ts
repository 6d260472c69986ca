// npm run dead-letters -- list | show <id> | redrive <id|--all> --operator <id> --reason <text> [--data-dir .local-data] [--cloud]
//
// Dead letters of the running local stack (npm start writes where its engines are into the data
// folder), or of the cloud with --cloud: the stage's SERVICE_PREFIX and AWS_REGION and the dead-letter
// operator role's credentials in the environment (infra/constructs/dead-letter-operator.ts grants
// exactly what this sends). Either way the queues are found by name from the directory's onboarded
// destinations (GetQueueUrl); locally the stream consumers' failure queue too.
// Prints ids, types, counts and times, never personal data. A redrive is recorded in the access
// audit (who, when, which queue and message, why) and is idempotent (see functions/delivery/dead-letters.ts).
import { parseArgs } from 'node:util';
import { GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import * as z from 'zod';
import { createAccessAudit } from '../functions/audit/access-audit.js';
import { createAwsClients } from '../functions/composition/clients.js';
import { type ServiceConfig } from '../functions/composition/service-config.js';
import { createDeadLetters, type DeadLetterQueue } from '../functions/delivery/dead-letters.js';
import { loadGeography } from '../functions/geography/load-geography.js';
import { hasDestinationQueue } from '../domain/routing/directory.js';
import { deadLetterQueueNameFor } from '../functions/messaging/destination-queues.js';
import { auditTable, tableName } from '../functions/tables/table-definitions.js';
import { redrivesInAccessAudit, streamRecordRedrive } from './dead-letter-redrive.js';
import { DEFAULT_DATA_DIRECTORY, NoRunningServiceError, operatorServiceConfig } from './operator-config.js';

const USAGE =
  'npm run dead-letters -- list | show <message id> | redrive <message id|--all> --operator <your id> --reason "<why>" [--data-dir .local-data] [--cloud]';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    all: { type: 'boolean', default: false },
    operator: { type: 'string' },
    reason: { type: 'string' },
    'data-dir': { type: 'string', default: DEFAULT_DATA_DIRECTORY },
    cloud: { type: 'boolean', default: false },
  },
});

const CloudStage = z.object({
  SERVICE_PREFIX: z.string().regex(/^prevent-[a-z0-9-]+$/),
  AWS_REGION: z.string().min(1),
});

/** The running local service's configuration (local/operator-config.ts). */
function localConfig(): ServiceConfig {
  try {
    return operatorServiceConfig({ cloud: false, dataDirectory: values['data-dir'] });
  } catch (error) {
    if (!(error instanceof NoRunningServiceError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}

async function urlOf(sqs: SQSClient, name: string): Promise<string | null> {
  try {
    return (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl ?? null;
  } catch {
    return null;
  }
}

async function deadLetterQueues(sqs: SQSClient, cloud: boolean): Promise<DeadLetterQueue[]> {
  const queues: DeadLetterQueue[] = [];
  for (const organisation of loadGeography().organisations.values()) {
    if (!hasDestinationQueue(organisation)) continue;
    const [url, redriveTo] = [
      await urlOf(sqs, deadLetterQueueNameFor(organisation.queueName)),
      await urlOf(sqs, organisation.queueName),
    ];
    if (url && redriveTo)
      queues.push({
        name: deadLetterQueueNameFor(organisation.queueName),
        url,
        redriveTo,
        destinationId: organisation.id,
      });
  }
  // The local stream consumers' failure queue (in the cloud each function has its own: see docs/runbook.md).
  const failures = cloud ? null : await urlOf(sqs, 'router-failures');
  if (failures) queues.push({ name: 'router-failures', url: failures, redriveTo: null, destinationId: null });
  return queues;
}

/** A deployed stage: its prefix and region, nothing else (the operator role reaches no more than the queues and the audit). */
function cloudStage(): Pick<ServiceConfig, 'SERVICE_PREFIX' | 'AWS_REGION'> {
  const stage = CloudStage.safeParse(process.env);
  if (!stage.success) {
    console.error(
      '--cloud needs SERVICE_PREFIX (prevent-<stage>) and AWS_REGION in the environment (docs/runbook.md).',
    );
    process.exit(2);
  }
  return stage.data;
}

const local = values.cloud ? null : localConfig();
const stage = local ?? cloudStage();
const clients = createAwsClients(stage);
const audit = createAccessAudit({
  client: clients.dynamo,
  tableName: tableName(stage.SERVICE_PREFIX, auditTable),
  newId: () => crypto.randomUUID(),
});
const deadLetters = createDeadLetters({
  sqs: clients.sqs,
  queues: await deadLetterQueues(clients.sqs, values.cloud),
  clock: () => new Date(),
  ...(local ? { redriveStreamRecord: streamRecordRedrive(local, clients) } : {}),
  audit: redrivesInAccessAudit(audit),
});

const [command, id] = positionals;
let exitCode = 0;
switch (command) {
  case 'list': {
    const counts = await deadLetters.counts();
    if (counts.length === 0) console.log('No dead letters.');
    for (const count of counts) {
      const types = Object.entries(count.byEventType)
        .map(([type, n]) => `${type} ${n}`)
        .join(', ');
      console.log(`${count.queue}: ${count.messages} (${types}); oldest first received ${count.oldest ?? 'unknown'}`);
    }
    for (const letter of await deadLetters.list()) {
      console.log(
        `  ${letter.id}  ${letter.queue}  ${letter.eventType ?? '?'} ${letter.streamId ?? '?'} v${letter.version ?? '?'}  received ${letter.receiveCount} times${letter.unreadable ? `  UNREADABLE: ${letter.unreadable}` : ''}`,
      );
    }
    break;
  }
  case 'show': {
    const letter = id ? await deadLetters.show(id) : null;
    if (!letter) {
      console.error(id ? 'No dead letter with that id.' : USAGE);
      exitCode = 1;
    } else console.log(JSON.stringify(letter, null, 2));
    break;
  }
  case 'redrive': {
    if (!values.operator || !values.reason || (!id && !values.all)) {
      console.error(`A redrive needs the message id (or --all), --operator and --reason.\n${USAGE}`);
      exitCode = 2;
      break;
    }
    const result = await deadLetters.redrive(
      values.all ? { all: true } : { id: id as string },
      values.operator,
      values.reason,
    );
    if (result.notFound) {
      console.error('No dead letter with that id (already redriven?).');
      exitCode = 1;
    } else
      console.log(
        `Redriven: ${result.redriven}; failed (still in the dead-letter queue): ${result.failed}. Recorded in the access audit under dead-letters#<queue>.`,
      );
    if (result.failed > 0) exitCode = 1;
    break;
  }
  default:
    console.error(USAGE);
    exitCode = 2;
}
for (const client of Object.values(clients)) client.destroy();
process.exit(exitCode);
