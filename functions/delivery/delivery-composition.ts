// Builds the delivery consumer from the service configuration, once per process. Used by the
// Lambda entry point (every destination queue's event source mapping) and by the local stack.
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createReferralDecider } from '../../domain/referral/decider.js';
import { createCommandHandler } from '../command-handler/command-handler.js';
import { type AwsClients } from '../composition/clients.js';
import { createServiceEventStore } from '../composition/event-store.js';
import { type ServiceConfig } from '../composition/service-config.js';
import { loadDirectory } from '../geography/load-geography.js';
import { type DestinationDirectory, staticDestinationDirectory } from '../messaging/destination-directory.js';
import { referralSystemCommands } from '../command-handler/system-commands.js';
import { type DeliveryConsumer, createDeliveryConsumer } from './delivery-consumer.js';
import { sqsHideMessages } from './message-visibility.js';
import { CLOUD_REDELIVERY_BACKOFF, type RedeliveryBackoff } from './redelivery-backoff.js';
import { type UndeliveredAlarm, metricsUndeliveredAlarm } from './undelivered-alarm.js';

export const METRICS_NAMESPACE = 'PreventReferrals';

export interface DeliveryOptions {
  directory?: DestinationDirectory;
  alarm?: UndeliveredAlarm;
  clock?: () => Date;
  maxReceiveCount?: number;
  /** How failed messages are backed off (default the cloud's: CLOUD_REDELIVERY_BACKOFF). */
  redeliveryBackoff?: RedeliveryBackoff;
}

export function composeDeliveryConsumer(
  config: ServiceConfig,
  clients: AwsClients,
  options: DeliveryOptions = {},
): DeliveryConsumer {
  const clock = options.clock ?? (() => new Date());
  const store = createServiceEventStore(config, clients, clock);
  return createDeliveryConsumer({
    commands: referralSystemCommands(createCommandHandler({ store, decider: createReferralDecider() })),
    directory: options.directory ?? staticDestinationDirectory(loadDirectory().organisations),
    alarm:
      options.alarm ?? metricsUndeliveredAlarm(new Metrics({ namespace: METRICS_NAMESPACE, serviceName: 'delivery' })),
    clock,
    ...(options.maxReceiveCount ? { maxReceiveCount: options.maxReceiveCount } : {}),
    redelivery: {
      backoff: options.redeliveryBackoff ?? CLOUD_REDELIVERY_BACKOFF,
      hide: sqsHideMessages({ sqs: clients.sqs, queueUrlBase: config.QUEUE_URL_BASE }),
    },
  });
}
