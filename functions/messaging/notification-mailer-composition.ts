// The notification mailer as the service configures it: SES, the markers in the idempotency table
// and the acknowledgement limit per recipient address (ACKNOWLEDGEMENT_MAIL_LIMIT per
// ACKNOWLEDGEMENT_MAIL_WINDOW_SECONDS). The router's composition builds its mailer here.
import { type AwsClients } from '../composition/clients.js';
import { type ServiceConfig } from '../composition/service-config.js';
import { acknowledgementMailLimiter } from '../rate-limit/rate-limit-composition.js';
import { idempotencyTable, tableName } from '../tables/table-definitions.js';
import { type NotificationMailer, createNotificationMailer } from './notification-mailer.js';
import { createNotificationMarkers } from './notification-markers.js';

export function composeNotificationMailer(
  config: ServiceConfig,
  clients: AwsClients,
  clock: () => Date = () => new Date(),
): NotificationMailer {
  return createNotificationMailer({
    ses: clients.ses,
    markers: createNotificationMarkers({
      dynamo: clients.dynamo,
      tableName: tableName(config.SERVICE_PREFIX, idempotencyTable),
    }),
    from: config.MAIL_FROM,
    configurationSet: config.MAIL_CONFIGURATION_SET,
    clock,
    acknowledgementLimit: acknowledgementMailLimiter(config, clients, { clock }),
  });
}
