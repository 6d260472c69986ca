// The whole deployment as one CDK app: the data stack, the service stack, the monitoring stack and
// as many destination stacks as the onboarded destinations need, checked by cdk-nag (AWS Solutions
// and NIST 800-53 rev 5) on every synthesis: a finding without a written acknowledgement fails it.
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { App, type Environment, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import { readDeploymentSettings, type DeploymentSettings } from './deployment-settings.js';
import { type DestinationQueueNames, destinationsByStack, onboardedDestinations } from './destinations.js';
import { type FunctionEntry, functionCatalogue } from './function-catalogue.js';
import { DataStack } from './stacks/data-stack.js';
import { DestinationsStack } from './stacks/destinations-stack.js';
import { MonitoringStack } from './stacks/monitoring-stack.js';
import { ServiceStack } from './stacks/service-stack.js';

export const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Feature flags the app is written against (set here, so tests and `cdk synth` agree). */
export const FEATURE_FLAGS = {
  '@aws-cdk/aws-iam:minimizePolicies': true,
  '@aws-cdk/core:target-partitions': ['aws'],
};

export interface ServiceAppOptions {
  /** Context values (stage, account, region, mailDomain, ...); the CLI's -c and cdk.json come in through the environment. */
  context?: Record<string, unknown>;
  catalogue?: readonly FunctionEntry[];
  destinations?: readonly DestinationQueueNames[];
  repositoryRoot?: string;
  /** Adds the cdk-nag packs (default true). */
  nag?: boolean;
  /** Where the cloud assembly goes (default: the CLI's choice, or a temporary directory). */
  outdir?: string;
}

export interface ServiceApp {
  app: App;
  settings: DeploymentSettings;
  data: DataStack;
  service: ServiceStack;
  monitoring: MonitoringStack;
  destinations: DestinationsStack[];
}

export function createServiceApp(options: ServiceAppOptions = {}): ServiceApp {
  const app = new App({
    context: { ...FEATURE_FLAGS, ...options.context },
    ...(options.outdir ? { outdir: options.outdir } : {}),
  });
  const settings = readDeploymentSettings((key) => app.node.tryGetContext(key));
  const catalogue = options.catalogue ?? functionCatalogue;
  const env: Environment = { account: settings.account, region: settings.region };
  const prefix = settings.servicePrefix;

  const data = new DataStack(app, 'Data', {
    env,
    stackName: `${prefix}-data`,
    settings,
    catalogue,
    description: 'Prevent referrals: tables and keys',
  });
  const service = new ServiceStack(app, 'Service', {
    env,
    stackName: `${prefix}-service`,
    settings,
    catalogue,
    data,
    repositoryRoot: options.repositoryRoot ?? REPOSITORY_ROOT,
    description: 'Prevent referrals: functions, HTTP API, sign-in, mail',
  });
  const monitoring = new MonitoringStack(app, 'Monitoring', {
    env,
    stackName: `${prefix}-monitoring`,
    settings,
    data,
    service,
    description: 'Prevent referrals: alarms',
  });
  const destinations = [...destinationsByStack(options.destinations ?? onboardedDestinations())].map(([key, group]) => {
    const stack = new DestinationsStack(app, `Destinations-${key}`, {
      env,
      stackName: `${prefix}-destinations-${key}`,
      settings,
      catalogue,
      destinations: group,
      data,
      alarmTopic: monitoring.topic,
      description: `Prevent referrals: destination queues (${key}, ${group.length})`,
    });
    // The event source mappings name the delivery function, whose grant to consume is in the service stack.
    stack.addStackDependency(service);
    return stack;
  });

  Tags.of(app).add('service', 'prevent-referrals');
  Tags.of(app).add('stage', settings.stage);
  if (options.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new NIST80053R5Checks(app));
  return { app, settings, data, service, monitoring, destinations };
}
