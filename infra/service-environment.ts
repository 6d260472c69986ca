// The environment every function gets: exactly the variables readServiceConfig reads
// (functions/composition/service-config.ts) for the cloud, plus Powertools' own. The type makes a
// new configuration variable a compile error here until the cloud value is decided.
import { sdkTimeoutDefaults } from '../functions/composition/client-timeouts.js';
import {
  type ServiceConfig,
  rateLimitDefaults,
  referrerLinkDefaults,
} from '../functions/composition/service-config.js';
import { type DeploymentSettings } from './deployment-settings.js';

/** Variables the cloud never sets: Lambda sets AWS_REGION itself; the rest exist only for local engines. */
export const LOCAL_ONLY_VARIABLES = [
  'AWS_REGION',
  'DYNAMODB_ENDPOINT',
  'SQS_ENDPOINT',
  'SES_ENDPOINT',
  'LOCAL_MASTER_KEY',
] as const;
type CloudVariable = Exclude<keyof ServiceConfig, (typeof LOCAL_ONLY_VARIABLES)[number]>;

/** The CloudWatch namespace of the service's own metrics (Powertools); alarms read it from here. */
export const METRICS_NAMESPACE = 'PreventReferrals';

export interface ServiceEnvironmentInputs {
  settings: DeploymentSettings;
  personalDataKeyArn: string;
  mailConfigurationSet: string;
  publicBaseUrl: string;
  userPoolId: string;
  userPoolClientId: string;
  /** The hosted UI's base address (https://<prefix>.auth.<region>.amazoncognito.com). */
  signInDomain: string;
}

/** The address destination queue URLs start with: `${base}${queueName}`. */
export function queueUrlBase(settings: Pick<DeploymentSettings, 'region' | 'account'>): string {
  return `https://sqs.${settings.region}.amazonaws.com/${settings.account}/`;
}

export function mailFromAddress(settings: Pick<DeploymentSettings, 'mailDomain'>): string {
  return `no-reply@${settings.mailDomain}`;
}

export function serviceEnvironment(
  inputs: ServiceEnvironmentInputs,
): Record<CloudVariable, string> & Record<string, string> {
  const { settings } = inputs;
  const config: Record<CloudVariable, string> = {
    SERVICE_PREFIX: settings.servicePrefix,
    QUEUE_URL_BASE: queueUrlBase(settings),
    KEY_PROVIDER: 'kms',
    PERSONAL_DATA_KEY_ID: inputs.personalDataKeyArn,
    MAIL_FROM: mailFromAddress(settings),
    MAIL_CONFIGURATION_SET: inputs.mailConfigurationSet,
    PUBLIC_BASE_URL: inputs.publicBaseUrl,
    COGNITO_USER_POOL_ID: inputs.userPoolId,
    COGNITO_CLIENT_ID: inputs.userPoolClientId,
    COGNITO_DOMAIN: inputs.signInDomain,
    // Per-client submission and per-address acknowledgement limits (docs/decisions/0011-abuse-limits.md).
    ...(Object.fromEntries(Object.entries(rateLimitDefaults).map(([name, value]) => [name, String(value)])) as Record<
      keyof typeof rateLimitDefaults,
      string
    >),
    // How long the referrer's links last (docs/decisions/0016-casework-model.md, part 5).
    REFERRER_STATUS_LINK_DAYS: String(referrerLinkDefaults.REFERRER_STATUS_LINK_DAYS),
    REFERRER_QUESTION_LINK_DAYS: String(referrerLinkDefaults.REFERRER_QUESTION_LINK_DAYS),
    // The AWS SDK clients' connection and request timeouts (docs/decisions/0020-sdk-timeouts.md).
    ...(Object.fromEntries(Object.entries(sdkTimeoutDefaults).map(([name, value]) => [name, String(value)])) as Record<
      keyof typeof sdkTimeoutDefaults,
      string
    >),
  };
  return {
    ...config,
    // Powertools: one service name per deployment, so the UndeliveredReferral alarm matches its `service` dimension.
    POWERTOOLS_SERVICE_NAME: settings.servicePrefix,
    POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
    LOG_LEVEL: 'INFO',
  };
}
