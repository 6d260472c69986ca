// A group of destinations' queues: for each, an SQS FIFO queue (named by the directory) and its
// dead-letter queue (redrive after DEFAULT_MAX_RECEIVE_COUNT receives), KMS-encrypted and
// TLS-only; the delivery function's event source mapping on it; an alarm on its dead-letter queue;
// and the dead-letter operator's grants in the queues' own policies
// (infra/constructs/dead-letter-operator.ts). The router and the delivery function are granted the
// queues by name pattern in the service stack (ServiceStack.grantDestinationQueues). Groups keep
// every stack far below CloudFormation's 500 resources however many councils are onboarded
// (destinations.ts: destinationStackKey).
import { ArnFormat, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { EventSourceMapping, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { type Topic } from 'aws-cdk-lib/aws-sns';
import { DeduplicationScope, FifoThroughputLimit, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { type Construct } from 'constructs';
import { DEFAULT_MAX_RECEIVE_COUNT } from '../../functions/delivery/delivery-consumer.js';
import { CLOUD_REDELIVERY_BACKOFF, outageSurvivedSeconds } from '../../functions/delivery/redelivery-backoff.js';
import { letDeadLetterOperatorHandle } from '../constructs/dead-letter-operator.js';
import { type DeploymentSettings } from '../deployment-settings.js';
import { type DestinationQueueNames } from '../destinations.js';
import { type FunctionEntry, functionsTriggeredBy } from '../function-catalogue.js';
import { functionName } from '../function-names.js';
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

export class DestinationsStack extends Stack {
  readonly queues = new Map<string, { queue: Queue; deadLetterQueue: Queue }>();

  constructor(scope: Construct, id: string, props: DestinationsStackProps) {
    super(scope, id, props);
    const { settings, catalogue, data } = props;
    const consumers = functionsTriggeredBy('destination-queues', catalogue);
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
        `A message for ${destination.destinationId} failed ${DEFAULT_MAX_RECEIVE_COUNT} deliveries over ${Math.round(outageSurvivedSeconds(DEFAULT_MAX_RECEIVE_COUNT, CLOUD_REDELIVERY_BACKOFF) / 60)} minutes and is in ${destination.deadLetterQueueName}. See what and why: npm run dead-letters -- list --cloud; after the fix: npm run dead-letters -- redrive --all --cloud --operator <you> --reason "<why>" (docs/runbook.md)`,
        props.alarmTopic,
      );
    }

    // The consumers' grants (ServiceStack.grantDestinationQueues) deploy first: this stack depends on the service stack.
    for (const consumer of consumers) {
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
        new EventSourceMapping(this, `Deliver-${queue.node.id}`, {
          target,
          eventSourceArn: queue.queueArn,
          batchSize: 10,
          reportBatchItemFailures: true,
          maxConcurrency: DELIVERY_MAX_CONCURRENCY,
        });
      }
    }
  }
}
