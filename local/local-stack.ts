// The local stack: DynamoDB Local, the SQS stand-in (fauxqs) and the SES stand-in, with the
// service's tables, every onboarded destination's FIFO queue and dead-letter queue, and the
// same handlers the cloud runs behind local pollers: the router on the event store's stream,
// a delivery consumer on every destination queue. Dead-letter arrivals raise the
// UndeliveredReferral alarm here too, and stream records the router cannot handle after a few
// attempts land in the `router-failures` queue (the event source mapping's on-failure
// destination in the cloud).
//
// Adding a consumer or a server is one line:
//   await stack.consumeStream('projector', createProjector(deps));
//   await stack.consumeQueue('timers', queueUrl, handler);
//   stack.own(await startHttpServer(...));            // anything with stop()
import { ENDPOINTS_FILE, type RunningEndpoints } from './operator-config.js';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { type DynamoDBRecord } from 'aws-lambda';
import { type AwsClients, createAwsClients, longPollingSqs } from '../functions/composition/clients.js';
import { readSdkTimeouts, readServiceConfig, type ServiceConfig } from '../functions/composition/service-config.js';
import { type UndeliveredReferral, recordingUndeliveredAlarm } from '../functions/delivery/undelivered-alarm.js';
import { DEFAULT_MAX_RECEIVE_COUNT } from '../functions/delivery/delivery-consumer.js';
import { composeDeliveryConsumer } from '../functions/delivery/delivery-composition.js';
import { loadGeography } from '../functions/geography/load-geography.js';
import { hasDestinationQueue } from '../domain/routing/directory.js';
import {
  type DestinationDirectory,
  type DestinationEntry,
  staticDestinationDirectory,
} from '../functions/messaging/destination-directory.js';
import { deadLetterQueueNameFor, redrivePolicy } from '../functions/messaging/destination-queues.js';
import { composeRouter } from '../functions/router/router-composition.js';
import { eventStoreTable, tableName } from '../functions/tables/table-definitions.js';
import { createTables } from './create-tables.js';
import { dynamoStreamsClient } from './dynamodb-streams-client.js';
import { type DynamoDbLocal, startDynamoDbLocal } from './dynamodb-local.js';
import { type QueueHandler, type QueuePoller, startQueuePoller } from './queue-poller.js';
import { type SesStandIn, startSesStandIn } from './ses-stand-in.js';
import { type SqsStandIn, startSqsStandIn } from './sqs-stand-in.js';
import { type StreamHandler, type StreamPoller, type StreamPollerOptions, startStreamPoller } from './stream-poller.js';
import { type LocalFaults } from './faults/local-faults.js';

export interface LocalStackOptions {
  /** Table name prefix (default 'local'). */
  prefix?: string;
  /** Keep DynamoDB data (and the local master key) in this folder; in memory when omitted. */
  dataDirectory?: string;
  ports?: { dynamodb?: number; sqs?: number; ses?: number };
  /** The stream pollers' interval (default 200 ms). */
  pollIntervalMs?: number;
  /** How long a received message stays invisible before it is retried (default 5 s locally); a failed delivery doubles it each receive. */
  visibilityTimeoutSeconds?: number;
  /** Receives before a destination message moves to its dead-letter queue (default 5). */
  maxReceiveCount?: number;
  /** Attempts of a stream record before it goes to the router's failure queue (default 3). */
  streamMaxAttempts?: number;
  publicBaseUrl?: string;
  mailFrom?: string;
  /** Replaces the destination directory outright (default: the static directory with administrators' changes from the event store). */
  directory?: DestinationDirectory;
  /** How long the router keeps the directory overlay it read (default 30 s; tests that change the directory use 0). */
  directoryTtlMs?: number;
  /** Use a DynamoDB Local that is already running (tests share one) instead of starting one. */
  dynamoDbEndpoint?: string;
  /** Start the router (default true). */
  routing?: boolean;
  /** Start a delivery consumer on every destination queue (default true). */
  delivery?: boolean;
  clock?: () => Date;
  /**
   * More service configuration, as the environment would carry it (functions/composition/service-config.ts):
   * tests that submit many referrals from one address raise SUBMISSION_RATE_LIMIT here.
   */
  serviceConfig?: Readonly<Record<string, string>>;
  /** Faults to inject (the soak test): every AWS client the stack builds, and its pollers' handlers. */
  faults?: LocalFaults;
  /** Where pollers report errors (default console.error). */
  onError?: (source: string, error: unknown) => void;
}

export interface DestinationQueues {
  destinationId: string;
  queueUrl: string;
  deadLetterQueueUrl: string;
}

export interface LocalStack {
  config: ServiceConfig;
  clients: AwsClients;
  endpoints: { dynamodb: string; sqs: string; ses: string };
  ses: SesStandIn;
  /** Every onboarded destination's queues, by destination id. */
  queues: ReadonlyMap<string, DestinationQueues>;
  routerFailuresQueueUrl: string;
  /** The SQS stand-in, to restart it (the soak test). */
  sqsStandIn: SqsStandIn;
  /** Undelivered referrals raised so far (last attempts and dead-letter arrivals). */
  undelivered(): readonly UndeliveredReferral[];
  /** Polls the event store's stream with another handler (projector, timers...). */
  consumeStream(
    name: string,
    handler: StreamHandler,
    options?: Partial<Pick<StreamPollerOptions, 'batchSize' | 'maxAttempts' | 'onFailure'>>,
  ): Promise<StreamPoller>;
  /** Polls a queue with an SQS handler. */
  consumeQueue(name: string, queueUrl: string, handler: QueueHandler): Promise<QueuePoller>;
  /** Stops this with the stack (an HTTP server, a timer...). */
  own(resource: { stop(): Promise<void> }): void;
  /** Resolves once every stream poller has handed over everything written so far. */
  streamsDrained(): Promise<void>;
  stop(): Promise<void>;
}

const LOCAL_REGION = 'eu-west-2';
const DEAD_LETTER_WATCH_MS = 1_000;
/**
 * The SDK clients' timeouts on the local stack, looser than the cloud's defaults
 * (functions/composition/client-timeouts.ts): here one process plays every function at once with
 * hundreds of requests in flight against engines on a shared two-core machine, and a request's
 * timer runs while it waits for a socket and for the busy event loop. With the cloud's 3 s, the
 * quarter bench's cold minute at a load average of 15 had 145 of 660 referrals answered 500 and
 * 23 notices left outcome unknown (docs/decisions/0020-sdk-timeouts.md). Locally the bounds are
 * there so that nothing hangs for ever; a run's serviceConfig may set its own.
 */
export const LOCAL_SDK_TIMEOUTS: Readonly<Record<string, string>> = {
  SDK_CONNECTION_TIMEOUT_MS: '10000',
  DYNAMODB_REQUEST_TIMEOUT_MS: '30000',
  SQS_REQUEST_TIMEOUT_MS: '30000',
  SES_REQUEST_TIMEOUT_MS: '60000',
};

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const prefix = options.prefix ?? 'local';
  const report =
    options.onError ?? ((source: string, error: unknown) => console.error(`local stack (${source}):`, error));
  const stoppers: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stoppers.splice(0).reverse()) {
      try {
        await stop();
      } catch (error) {
        report('stop', error);
      }
    }
  };

  try {
    const dynamodb: Pick<DynamoDbLocal, 'endpoint'> = options.dynamoDbEndpoint
      ? { endpoint: options.dynamoDbEndpoint }
      : await startDynamoDbLocal({
          ...(options.ports?.dynamodb ? { port: options.ports.dynamodb } : {}),
          ...(options.dataDirectory ? { dataDirectory: join(options.dataDirectory, 'dynamodb') } : {}),
        });
    if ('stop' in dynamodb) stoppers.push(() => (dynamodb as DynamoDbLocal).stop());
    const sqsStandIn: SqsStandIn = await startSqsStandIn({ port: options.ports?.sqs ?? 0 });
    stoppers.push(() => sqsStandIn.stop());
    const ses: SesStandIn = await startSesStandIn({ port: options.ports?.ses ?? 0 });
    stoppers.push(() => ses.stop());

    // Pollers hold a long poll open per queue: give them their own client with room for all of them.
    const pollingSqs = longPollingSqs({
      AWS_REGION: LOCAL_REGION,
      SQS_ENDPOINT: sqsStandIn.endpoint,
      ...readSdkTimeouts({ ...LOCAL_SDK_TIMEOUTS, ...options.serviceConfig }),
    });
    options.faults?.instrumentClient(pollingSqs, 'sqs');
    stoppers.push(async () => pollingSqs.destroy());
    // The stand-in names queues by its own host (sqs.<region>.localhost:<port>): take the base from a created queue.
    const failures = await pollingSqs.send(new CreateQueueCommand({ QueueName: 'router-failures' }));
    const routerFailuresQueueUrl = failures.QueueUrl as string;
    const queueUrlBase = routerFailuresQueueUrl.slice(0, routerFailuresQueueUrl.length - 'router-failures'.length);

    const config = readServiceConfig({
      SERVICE_PREFIX: prefix,
      AWS_REGION: LOCAL_REGION,
      DYNAMODB_ENDPOINT: dynamodb.endpoint,
      SQS_ENDPOINT: sqsStandIn.endpoint,
      SES_ENDPOINT: ses.endpoint,
      QUEUE_URL_BASE: queueUrlBase,
      KEY_PROVIDER: 'local',
      LOCAL_MASTER_KEY: localMasterKey(options.dataDirectory),
      MAIL_FROM: options.mailFrom ?? 'no-reply@prevent.localhost',
      PUBLIC_BASE_URL: options.publicBaseUrl ?? 'http://localhost:3000',
      ...LOCAL_SDK_TIMEOUTS,
      ...options.serviceConfig,
    });
    // Where the engines are, for the operator's commands (npm run dead-letters) while this runs.
    if (options.dataDirectory)
      writeFileSync(
        join(options.dataDirectory, ENDPOINTS_FILE),
        JSON.stringify({
          prefix,
          dynamodb: dynamodb.endpoint,
          sqs: sqsStandIn.endpoint,
          ses: ses.endpoint,
          queueUrlBase,
        } satisfies RunningEndpoints),
      );
    const clients = createAwsClients(config);
    if (options.faults) {
      options.faults.instrumentClient(clients.dynamo, 'dynamodb');
      options.faults.instrumentClient(clients.sqs, 'sqs');
      options.faults.instrumentClient(clients.ses, 'ses');
    }
    stoppers.push(async () => {
      for (const client of Object.values(clients)) client.destroy();
    });
    const streams = dynamoStreamsClient(config);
    options.faults?.instrumentClient(streams, 'dynamodb-streams');
    stoppers.push(async () => streams.destroy());

    await createTables(clients.dynamo, prefix);

    const directory = options.directory ?? staticDestinationDirectory(loadGeography().organisations);
    const maxReceiveCount = options.maxReceiveCount ?? DEFAULT_MAX_RECEIVE_COUNT;
    const onboarded = [...loadGeography().organisations.values()].filter(hasDestinationQueue);
    const queues = new Map<string, DestinationQueues>();
    for (const organisation of onboarded) {
      const entry = (await directory.find(organisation.id)) ?? organisation;
      queues.set(
        organisation.id,
        await createDestinationQueues(clients.sqs, entry, maxReceiveCount, options.visibilityTimeoutSeconds ?? 5),
      );
    }

    const alarm = recordingUndeliveredAlarm();
    const streamPollers: StreamPoller[] = [];
    const pollIntervalMs = options.pollIntervalMs ?? 200;

    const stack: LocalStack = {
      config,
      clients,
      endpoints: { dynamodb: dynamodb.endpoint, sqs: sqsStandIn.endpoint, ses: ses.endpoint },
      ses,
      queues,
      routerFailuresQueueUrl,
      sqsStandIn,
      undelivered: () => alarm.raised,
      async consumeStream(name, handler, pollerOptions = {}) {
        const poller = await startStreamPoller({
          name,
          dynamo: clients.dynamo,
          streams,
          tableName: tableName(prefix, eventStoreTable),
          handler: options.faults ? options.faults.streamHandler(name, handler) : handler,
          pollIntervalMs,
          maxAttempts: options.streamMaxAttempts ?? 3,
          onError: (error) => report(name, error),
          region: LOCAL_REGION,
          ...pollerOptions,
        });
        streamPollers.push(poller);
        stoppers.push(() => poller.stop());
        return poller;
      },
      async consumeQueue(name, queueUrl, handler) {
        const poller = await startQueuePoller({
          name,
          sqs: pollingSqs,
          queueUrl,
          handler: options.faults ? options.faults.queueHandler(name, handler) : handler,
          onError: (error) => report(name, error),
          region: LOCAL_REGION,
        });
        stoppers.push(() => poller.stop());
        return poller;
      },
      own(resource) {
        stoppers.push(() => resource.stop());
      },
      async streamsDrained() {
        await Promise.all(streamPollers.map((poller) => poller.drained()));
      },
      stop: stopAll,
    };

    stack.own(
      watchDeadLetterQueues(
        clients.sqs,
        queues,
        (destinationId) => alarm.raise({ reason: 'dead-lettered', destinationId, streamId: null, version: null }),
        (error) => report('dead-letter watch', error),
      ),
    );

    const clock = options.clock ?? (() => new Date());
    if (options.routing ?? true) {
      // Without a directory given, the router reads the directory overlay (the static directory
      // with administrators' changes), as it does in the cloud.
      const router = composeRouter(config, clients, {
        ...(options.directory ? { directory: options.directory } : {}),
        ...(options.directoryTtlMs !== undefined ? { directoryTtlMs: options.directoryTtlMs } : {}),
        clock,
      });
      await stack.consumeStream('router', router, {
        onFailure: (record, attempts) => sendToFailureQueue(clients.sqs, routerFailuresQueueUrl, record, attempts),
      });
    }
    if (options.delivery ?? true) {
      // Failed messages are hidden for the queue's visibility timeout, doubled with each receive
      // (at most 16 times): the receives span 15 times the timeout (3 minutes at the soak's 12 s).
      const visibility = options.visibilityTimeoutSeconds ?? 5;
      const deliver = composeDeliveryConsumer(config, clients, {
        directory,
        clock,
        alarm,
        maxReceiveCount,
        redeliveryBackoff: { firstSeconds: visibility, maxSeconds: 16 * visibility },
      });
      for (const [destinationId, destinationQueues] of queues)
        await stack.consumeQueue(`delivery ${destinationId}`, destinationQueues.queueUrl, deliver);
    }
    return stack;
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function createDestinationQueues(
  sqs: SQSClient,
  destination: DestinationEntry,
  maxReceiveCount: number,
  visibilityTimeoutSeconds: number,
): Promise<DestinationQueues> {
  const fifo = { FifoQueue: 'true', ContentBasedDeduplication: 'false' };
  const deadLetter = await sqs.send(
    new CreateQueueCommand({
      QueueName: deadLetterQueueNameFor(destination.queueName),
      Attributes: { ...fifo, MessageRetentionPeriod: '1209600' },
    }),
  );
  const deadLetterQueueUrl = deadLetter.QueueUrl as string;
  const attributes = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: deadLetterQueueUrl, AttributeNames: ['QueueArn'] }),
  );
  const created = await sqs.send(
    new CreateQueueCommand({
      QueueName: destination.queueName,
      Attributes: {
        ...fifo,
        VisibilityTimeout: String(visibilityTimeoutSeconds),
        RedrivePolicy: redrivePolicy(attributes.Attributes?.QueueArn as string, maxReceiveCount),
      },
    }),
  );
  return { destinationId: destination.id, queueUrl: created.QueueUrl as string, deadLetterQueueUrl };
}

/** Counts arrivals in every dead-letter queue (the rise of ApproximateNumberOfMessages), as the cloud alarm on each DLQ does. */
function watchDeadLetterQueues(
  sqs: SQSClient,
  queues: ReadonlyMap<string, DestinationQueues>,
  arrived: (destinationId: string) => void,
  onError: (error: unknown) => void,
): { stop(): Promise<void> } {
  const seen = new Map<string, number>();
  let running = true;
  const look = async (): Promise<void> => {
    for (const { destinationId, deadLetterQueueUrl } of queues.values()) {
      const attributes = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: deadLetterQueueUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      const count =
        Number(attributes.Attributes?.ApproximateNumberOfMessages ?? 0) +
        Number(attributes.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
      const before = seen.get(destinationId) ?? 0;
      for (let arrival = before; arrival < count; arrival += 1) arrived(destinationId);
      seen.set(destinationId, count);
    }
  };
  const loop = (async () => {
    while (running) {
      try {
        await look();
      } catch (error) {
        if (running) onError(error);
      }
      await new Promise((resolve) => setTimeout(resolve, DEAD_LETTER_WATCH_MS));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
    },
  };
}

/** What Lambda's on-failure destination records for a stream batch: where it was, not what it held. */
async function sendToFailureQueue(
  sqs: SQSClient,
  queueUrl: string,
  record: DynamoDBRecord,
  attempts: number,
): Promise<void> {
  const body = {
    requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: attempts },
    DDBStreamBatchInfo: {
      streamArn: record.eventSourceARN,
      startSequenceNumber: record.dynamodb?.SequenceNumber,
      endSequenceNumber: record.dynamodb?.SequenceNumber,
      batchSize: 1,
    },
    keys: { streamId: record.dynamodb?.Keys?.streamId?.S ?? null, version: record.dynamodb?.Keys?.version?.N ?? null },
  };
  await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(body) }));
}

/** A base64 256-bit master key: kept in the data folder when there is one (data must stay readable), else new each run. */
function localMasterKey(dataDirectory: string | undefined): string {
  if (!dataDirectory) return randomBytes(32).toString('base64');
  mkdirSync(dataDirectory, { recursive: true });
  const file = join(dataDirectory, 'local-master-key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}
