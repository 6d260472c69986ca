// The one place faults enter the local stack: an AWS SDK middleware on every client the stack
// builds (DynamoDB, DynamoDB Streams, SQS, SES), and a wrapper around every poller's handler.
//
// Client faults sit inside the SDK's retry loop (step finalizeRequest, after the retry
// middleware), so the service's own retry settings meet them as they would meet AWS's:
// - throttled / timed out before the request reached the engine (nothing happened);
// - timed out after the engine did the work (a write took effect, the answer was lost);
// - a conditional-check race on a conditional write: the same request sent twice at once, so the
//   real engine answers one of them with its own conditional failure (never a made-up one);
// - SQS sends refused, or sent with the answer lost; SES sends refused (throttled), or taken by
//   SES with the answer lost (the mailer must not send it again: SendEmail has no idempotency
//   token, so the marker records the outcome as unknown; functions/messaging/ses-answer.ts).
// Poller faults: a stream batch that fails half-way (the rest is delivered again), a crash after
// the handler's writes but before the checkpoint, a queue consumer that crashes before deleting
// (the messages come back after the visibility timeout; only on early receives, so an injected
// crash never pushes a delivered message into a dead-letter queue by itself).
import { type DynamoDBBatchResponse, type SQSBatchResponse } from 'aws-lambda';
import { type QueueHandler } from '../queue-poller.js';
import { type StreamHandler } from '../stream-poller.js';
import { type FaultKind, type FaultPlan } from './fault-plan.js';

export type FaultedService = 'dynamodb' | 'dynamodb-streams' | 'sqs' | 'ses';

/** Anything with an SDK middleware stack (every v3 client). */
interface Instrumentable {
  middlewareStack: { add(middleware: unknown, options: Record<string, unknown>): void };
}

export interface LocalFaults {
  instrumentClient(client: Instrumentable, service: FaultedService): void;
  streamHandler(name: string, handler: StreamHandler): StreamHandler;
  queueHandler(name: string, handler: QueueHandler): QueueHandler;
}

const WRITES = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'TransactWriteItemsCommand',
  'BatchWriteItemCommand',
]);
const CONDITIONAL = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'TransactWriteItemsCommand']);
const SQS_SENDS = new Set(['SendMessageCommand', 'SendMessageBatchCommand']);
/** The queue poller's own receive loop is left alone: a refused receive only delays. */
const MAX_CRASHED_RECEIVE = 2;

function injected(kind: FaultKind, name: string, retryable: 'throttling' | 'transient'): Error {
  const error = new Error(`injected fault: ${kind}`) as Error & {
    $metadata: object;
    $retryable?: object;
    $fault: string;
  };
  error.name = name;
  error.$metadata = { httpStatusCode: retryable === 'throttling' ? 400 : 500, attempts: 1 };
  error.$fault = retryable === 'throttling' ? 'client' : 'server';
  error.$retryable = retryable === 'throttling' ? { throttling: true } : {};
  return error;
}

type Next = (args: { input: Record<string, unknown> }) => Promise<unknown>;

export function createLocalFaults(plan: FaultPlan): LocalFaults {
  async function dynamo(next: Next, args: { input: Record<string, unknown> }, command: string): Promise<unknown> {
    const roll = plan.draw();
    if (roll < 0.3) {
      plan.record('throttled-before-write');
      throw injected('throttled-before-write', 'ProvisionedThroughputExceededException', 'throttling');
    }
    if (roll < 0.5 || !WRITES.has(command)) {
      plan.record('timeout-before-write');
      throw injected('timeout-before-write', 'TimeoutError', 'transient');
    }
    const conditional =
      CONDITIONAL.has(command) &&
      (args.input.ConditionExpression !== undefined || command === 'TransactWriteItemsCommand');
    if (roll < 0.75 && conditional) {
      plan.record('conditional-race');
      // Two identical requests at once: the engine lets one through and refuses the other with
      // its own conditional failure (or transaction conflict); the caller gets the refusal when
      // there is one, as a racing duplicate writer would cause.
      const [first, second] = await Promise.allSettled([next(args), next(args)]);
      const refused = [first, second].find((outcome) => outcome.status === 'rejected');
      if (refused) throw refused.reason;
      return (second as PromiseFulfilledResult<unknown>).value;
    }
    await next(args);
    plan.record('timeout-after-write');
    throw injected('timeout-after-write', 'TimeoutError', 'transient');
  }

  function middleware(service: FaultedService) {
    return (next: Next, context: { commandName?: string }) => async (args: { input: Record<string, unknown> }) => {
      const command = context.commandName ?? '';
      if (!plan.strikes()) return next(args);
      switch (service) {
        case 'dynamodb':
          return dynamo(next, args, command);
        case 'dynamodb-streams':
          plan.record('timeout-before-write');
          throw injected('timeout-before-write', 'TimeoutError', 'transient');
        case 'sqs':
          if (!SQS_SENDS.has(command)) return next(args);
          if (plan.draw() < 0.5) {
            plan.record('sqs-send-failed');
            throw injected('sqs-send-failed', 'ServiceUnavailable', 'transient');
          }
          await next(args);
          plan.record('sqs-send-lost-answer');
          throw injected('sqs-send-lost-answer', 'TimeoutError', 'transient');
        case 'ses':
          if (command !== 'SendEmailCommand' || plan.draw() < 0.5) {
            plan.record('ses-refused');
            throw injected('ses-refused', 'TooManyRequestsException', 'throttling');
          }
          await next(args);
          plan.record('ses-answer-lost');
          // A socket timing out: no answer, so no status code.
          throw Object.assign(new Error('injected fault: ses-answer-lost'), { name: 'TimeoutError', $metadata: {} });
      }
    };
  }

  return {
    instrumentClient(client, service) {
      client.middlewareStack.add(middleware(service), {
        step: 'finalizeRequest',
        priority: 'low',
        name: `soakFaults-${service}`,
      });
    },
    streamHandler(_name, handler) {
      return async (event) => {
        const response = ((await handler(event)) ?? { batchItemFailures: [] }) as DynamoDBBatchResponse;
        if (event.Records.length > 1 && plan.strikes()) {
          plan.record('stream-batch-failed-half-way');
          const half = event.Records.slice(Math.floor(event.Records.length / 2));
          const failed = new Set(response.batchItemFailures.map((failure) => failure.itemIdentifier));
          for (const record of half) failed.add(record.dynamodb?.SequenceNumber ?? '');
          return { batchItemFailures: [...failed].map((itemIdentifier) => ({ itemIdentifier })) };
        }
        if (plan.strikes(0.5)) {
          plan.record('stream-crash-before-checkpoint');
          throw new Error('injected fault: crashed after the handler, before the checkpoint');
        }
        return response;
      };
    },
    queueHandler(_name, handler) {
      return async (event) => {
        const response = ((await handler(event)) ?? { batchItemFailures: [] }) as SQSBatchResponse;
        const early = event.Records.every(
          (record) => Number(record.attributes.ApproximateReceiveCount) <= MAX_CRASHED_RECEIVE,
        );
        if (early && plan.strikes()) {
          plan.record('queue-crash-before-delete');
          return { batchItemFailures: event.Records.map((record) => ({ itemIdentifier: record.messageId })) };
        }
        return response;
      };
    },
  };
}
