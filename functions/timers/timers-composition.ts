// Builds the timers from the service configuration: the read models to find what is due, and
// the generic command handler (load -> decide -> append) with the referral decider to record it.
import { type AwsClients } from '../composition/clients.js';
import { type ServiceConfig } from '../composition/service-config.js';
import { type CommandHandler, createCommandHandler } from '../command-handler/command-handler.js';
import { createServiceEventStore } from '../composition/event-store.js';
import { type ReferralCommand, type ReferralError, createReferralDecider } from '../../domain/referral/index.js';
import { type TriagePolicy, defaultTriagePolicy } from '../../domain/triage/index.js';
import { logger } from '../observability/logger.js';
import { createProjectionVersions } from '../read-models/projection-versions.js';
import { readModelTable, tableName } from '../tables/table-definitions.js';
import { type TimerCommandHandler, createTimers } from './timers.js';

/** The timers' view of the command handler. */
export function timerCommandsThrough(handler: CommandHandler<ReferralCommand, ReferralError>): TimerCommandHandler {
  return async (streamId, command, { commandId, correlationId }) => {
    const result = await handler.handle({ streamId, commandId, command, actor: command.actor, correlationId, occurredAt: command.at });
    return result.ok ? { ok: true } : { ok: false, error: result.error };
  };
}

export function composeTimers(config: ServiceConfig, clients: AwsClients, options: { triagePolicy?: TriagePolicy; clock?: () => Date } = {}) {
  const store = createServiceEventStore(config, clients);
  const readModelsTable = tableName(config.SERVICE_PREFIX, readModelTable);
  return createTimers({
    client: clients.dynamo,
    tableName: readModelsTable,
    versions: createProjectionVersions({ client: clients.dynamo, tableName: readModelsTable }),
    handle: timerCommandsThrough(createCommandHandler({ store, decider: createReferralDecider() })),
    policy: options.triagePolicy ?? defaultTriagePolicy,
    now: options.clock ?? (() => new Date()),
    logger: { warn: (message, details) => logger.warn(message, details ?? {}) },
  });
}
