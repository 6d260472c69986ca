// A group of destinations' queues: for each, an SQS FIFO queue (named by the directory) and its
// dead-letter queue (redrive after DEFAULT_MAX_RECEIVE_COUNT receives), KMS-encrypted and
// TLS-only; the delivery function's event source mapping on it; an alarm on its dead-letter queue;
// and the group's grants to the router (send), the delivery function (consume) and the
// dead-letter operator (infra/constructs/dead-letter-operator.ts). Groups keep
// every stack far below CloudFormation's 500 resources however many councils are onboarded
// (destinations.ts: destinationStackKey).
import { ArnFormat, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { ManagedPolicy, PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';
import { EventSourceMapping, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { type Topic } from 'aws-cdk-lib/aws-sns';
import { DeduplicationScope, FifoThroughputLimit, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { type Construct } from 'constructs';
import { DEFAULT_MAX_RECEIVE_COUNT } from '../../functions/delivery/delivery-consumer.js';
import { letDeadLetterOperatorHandle } from '../constructs/dead-letter-operator.js';
import { type DeploymentSettings } from '../deployment-settings.js';
import { type DestinationQueueNames } from '../destinations.js';
import { type FunctionEntry, functionsTriggeredBy } from '../function-catalogue.js';
import { functionName, functionRoleName } from '../function-names.js';
import { type DataStack } from './data-stack.js';
import { deadLetterAlarm } from './monitoring-stack.js';

export interface DestinationsStackProps extends StackProps {
  settings: DeploymentSettings;
  catalogue: readonly FunctionEntry[];
  destinations: readonly DestinationQueueNames[];
  data: DataStack;
  alarmTopic: Topic;
}

/** Pollers per destination queue: bounds the delivery function's concurrency queue by queue. */
export const DELIVERY_MAX_CONCURRENCY = 2;
/** SQS: at least six times the consuming function's timeout, so a slow batch is not redelivered while running. */
const VISIBILITY_TIMEOUT_FACTOR = 6;

/** The router sends in batches (SendMessageBatch is authorised as sqs:SendMessage) and asks nothing else of these queues. */
export const SQS_SEND_ACTIONS = ['sqs:SendMessage'];
export const SQS_CONSUME_ACTIONS = [
  'sqs:ReceiveMessage',
  'sqs:DeleteMessage',
  'sqs:ChangeMessageVisibility',
  'sqs:GetQueueAttributes',
];

export class DestinationsStack extends Stack {
  readonly queues = new Map<string, { queue: Queue; deadLetterQueue: Queue }>();

  constructor(scope: Construct, id: string, props: DestinationsStackProps) {
    super(scope, id, props);
    const { settings, catalogue, data } = props;
    const consumers = functionsTriggeredBy('destination-queues', catalogue);
    const senders = catalogue.filter((entry) => entry.uses.includes('destination-queues'));
    const longestConsumerTimeout = Math.max(30, ...consumers.map((entry) => entry.timeoutSeconds));

    for (const destination of props.destinations) {
      const common = {
        fifo: true,
        encryption: QueueEncryption.KMS,
        encryptionMasterKey: data.messagingKey,
        dataKeyReuse: Duration.minutes(5),
        retentionPeriod: Duration.days(14),
        enforceSSL: true,
      };
      const deadLetterQueue = new Queue(this, `${destination.queueName}-dlq`, {
        ...common,
        queueName: destination.deadLetterQueueName,
      });
      const queue = new Queue(this, destination.queueName, {
        ...common,
        queueName: destination.queueName,
        deduplicationScope: DeduplicationScope.MESSAGE_GROUP,
        fifoThroughputLimit: FifoThroughputLimit.PER_MESSAGE_GROUP_ID,
        visibilityTimeout: Duration.seconds(VISIBILITY_TIMEOUT_FACTOR * longestConsumerTimeout),
        deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: DEFAULT_MAX_RECEIVE_COUNT },
      });
      this.queues.set(destination.destinationId, { queue, deadLetterQueue });
      letDeadLetterOperatorHandle(this, settings, { queue, deadLetterQueue });
      deadLetterAlarm(
        this,
        `${destination.queueName}-undelivered`,
        deadLetterQueue,
        `A message for ${destination.destinationId} failed ${DEFAULT_MAX_RECEIVE_COUNT} deliveries and is in ${destination.deadLetterQueueName}. See what and why: npm run dead-letters -- list --cloud; after the fix: npm run dead-letters -- redrive --all --cloud --operator <you> --reason "<why>" (docs/runbook.md)`,
        props.alarmTopic,
      );
    }

    const queueArns = [...this.queues.values()].map(({ queue }) => queue.queueArn);
    for (const sender of senders) {
      new ManagedPolicy(this, `Send-${sender.id}`, {
        description: `${sender.id} sends to the destination queues of ${id}`,
        roles: [Role.fromRoleName(this, `Role-${sender.id}`, functionRoleName(settings.servicePrefix, sender.id))],
        statements: [
          new PolicyStatement({ actions: SQS_SEND_ACTIONS, resources: queueArns }),
          new PolicyStatement({
            actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
            resources: [data.messagingKey.keyArn],
          }),
        ],
      });
    }
    for (const consumer of consumers) {
      const role = Role.fromRoleName(
        this,
        `Role-${consumer.id}`,
        functionRoleName(settings.servicePrefix, consumer.id),
      );
      const policy = new ManagedPolicy(this, `Consume-${consumer.id}`, {
        description: `${consumer.id} consumes the destination queues of ${id}`,
        roles: [role],
        statements: [
          new PolicyStatement({ actions: SQS_CONSUME_ACTIONS, resources: queueArns }),
          new PolicyStatement({ actions: ['kms:Decrypt'], resources: [data.messagingKey.keyArn] }),
        ],
      });
      const target = LambdaFunction.fromFunctionAttributes(this, `Fn-${consumer.id}`, {
        functionArn: this.formatArn({
          service: 'lambda',
          resource: 'function',
          resourceName: functionName(settings.servicePrefix, consumer.id),
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
        sameEnvironment: true,
      });
      for (const { queue } of this.queues.values()) {
        const mapping = new EventSourceMapping(this, `Deliver-${queue.node.id}`, {
          target,
          eventSourceArn: queue.queueArn,
          batchSize: 10,
          reportBatchItemFailures: true,
          maxConcurrency: DELIVERY_MAX_CONCURRENCY,
        });
        mapping.node.addDependency(policy);
      }
    }
  }
}
