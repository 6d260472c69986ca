// Builds the timers from the service configuration: the read models to find what is due, and
// the generic command handler (load -> decide -> append) with the referral decider to record it.
import { type AwsClients } from '../composition/clients.js';
import { type ServiceConfig } from '../composition/service-config.js';
import { createCommandHandler } from '../command-handler/command-handler.js';
import { createServiceEventStore } from '../composition/event-store.js';
import { createReferralDecider } from '../../domain/referral/index.js';
import { type TriagePolicy, defaultTriagePolicy } from '../../domain/triage/index.js';
import { logger } from '../observability/logger.js';
import { createProjectionVersions } from '../read-models/projection-versions.js';
import { createStatisticsExtracts } from '../read-models/statistics-extracts.js';
import { readModelTable, tableName } from '../tables/table-definitions.js';
import { createStatisticsExtractSchedule } from './statistics-extract-schedule.js';
import { type TimersRun, createTimers } from './timers.js';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { type UndeliveredAlarm, metricsUndeliveredAlarm } from '../delivery/undelivered-alarm.js';
import { METRICS_NAMESPACE } from '../delivery/delivery-composition.js';

/** One run of the timers: what fell due, then the statistics extracts of closed quarters not yet taken. */
export interface ScheduledRun extends TimersRun {
  statisticsExtracts: string[];
}

export function composeTimers(
  config: ServiceConfig,
  clients: AwsClients,
  options: { triagePolicy?: TriagePolicy; clock?: () => Date; alarm?: UndeliveredAlarm } = {},
) {
  const store = createServiceEventStore(config, clients);
  const readModelsTable = tableName(config.SERVICE_PREFIX, readModelTable);
  const versions = createProjectionVersions({ client: clients.dynamo, tableName: readModelsTable });
  const now = options.clock ?? (() => new Date());
  const timers = createTimers({
    client: clients.dynamo,
    tableName: readModelsTable,
    versions,
    commands: createCommandHandler({ store, decider: createReferralDecider({ triage: options.triagePolicy }) }),
    policy: options.triagePolicy ?? defaultTriagePolicy,
    now,
    logger: { warn: (message, details) => logger.warn(message, details ?? {}) },
    alarm:
      options.alarm ?? metricsUndeliveredAlarm(new Metrics({ namespace: METRICS_NAMESPACE, serviceName: 'timers' })),
  });
  const extracts = createStatisticsExtractSchedule({
    extracts: createStatisticsExtracts({ client: clients.dynamo, tableName: readModelsTable, versions }),
    now,
  });
  return {
    async run(): Promise<ScheduledRun> {
      const run = await timers.run();
      const { produced } = await extracts.run();
      return { ...run, statisticsExtracts: produced };
    },
  };
}
