// Builds the router from the service configuration, once per process: the event store (and its
// codec), the referral command handler, the destination directory, the queue publisher and the
// notification mailer. Used by the Lambda entry point and by the local stack alike.
import { createReferralDecider } from '../../domain/referral/decider.js';
import { type Geography } from '../../domain/routing/geography.js';
import { createCommandHandler } from '../command-handler/command-handler.js';
import { type AwsClients } from '../composition/clients.js';
import { createServiceEventStore } from '../composition/event-store.js';
import { type ServiceConfig } from '../composition/service-config.js';
import { loadGeography } from '../geography/load-geography.js';
import { type DestinationDirectory } from '../messaging/destination-directory.js';
import { composeDirectoryOverlay } from '../organisations/directory-composition.js';
import { composeNotificationMailer } from '../messaging/notification-mailer-composition.js';
import { createQueuePublisher } from '../messaging/queue-publisher.js';
import { referralSystemCommands } from '../command-handler/system-commands.js';
import { type Router, createRouter } from './router.js';
import { composeReferrerLinks } from '../referrer-link/referrer-link-composition.js';

export interface RouterOptions {
  /** Replaces the directory overlay (the static directory with administrators' changes) outright: for tests. */
  directory?: DestinationDirectory;
  geography?: Geography;
  clock?: () => Date;
  /** How long the directory overlay is used before it is read again (default 30 s). */
  directoryTtlMs?: number;
}

export function composeRouter(config: ServiceConfig, clients: AwsClients, options: RouterOptions = {}): Router {
  const clock = options.clock ?? (() => new Date());
  const geography = options.geography ?? loadGeography();
  // The directory overlay decides both where messages and mails go and which councils routing
  // counts as destinations; it is read again before each batch once its time to live has passed.
  const overlay = options.directory
    ? undefined
    : composeDirectoryOverlay(config, clients, geography, {
        ...(options.directoryTtlMs !== undefined ? { ttlMs: options.directoryTtlMs } : {}),
      });
  const directory = options.directory ?? (overlay as DestinationDirectory);
  const store = createServiceEventStore(config, clients, clock);
  const decider = createReferralDecider();
  const router = createRouter({
    readStream: (streamId) => store.read(streamId),
    decodeImage: (image) => store.codec.fromStreamImage(image),
    commands: referralSystemCommands(createCommandHandler({ store, decider })),
    publisher: createQueuePublisher({ sqs: clients.sqs, queueUrlBase: config.QUEUE_URL_BASE, directory }),
    mailer: composeNotificationMailer(config, clients, clock),
    directory,
    geography: overlay ? { ...geography, organisations: overlay.organisations } : geography,
    decider,
    clock,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    referrerLinks: composeReferrerLinks(config, clients, clock),
  });
  if (!overlay) return router;
  return async (event) => {
    await overlay.refresh();
    return router(event);
  };
}
