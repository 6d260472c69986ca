// The service's configuration, read once from the environment and validated: the CDK app sets
// these variables on every function, `npm start` sets them for the local stack.
import * as z from 'zod';
import { type SdkTimeouts, sdkTimeoutDefaults } from './client-timeouts.js';
import { ONCE } from '../../domain/parse-once.js';

/** The rate limits' defaults (docs/decisions/0011-abuse-limits.md): what the cloud deploys unless changed. */
export const rateLimitDefaults = {
  SUBMISSION_RATE_LIMIT: 20,
  SUBMISSION_RATE_WINDOW_SECONDS: 3600,
  ACKNOWLEDGEMENT_MAIL_LIMIT: 5,
  ACKNOWLEDGEMENT_MAIL_WINDOW_SECONDS: 86_400,
} as const;

/** How long the referrer's links last (decision 0016, part 5): what the cloud deploys unless changed. */
export const referrerLinkDefaults = {
  REFERRER_STATUS_LINK_DAYS: 90,
  REFERRER_QUESTION_LINK_DAYS: 30,
} as const;

/** A timeout in milliseconds: 100 ms to 10 minutes. */
const milliseconds = (fallback: number) => z.coerce.number().int().min(100).max(600_000).default(fallback);

const ServiceConfigSchema = z.object({
  /** Table names are `${SERVICE_PREFIX}-${logicalName}` (functions/tables/table-definitions.ts). */
  SERVICE_PREFIX: z.string().regex(/^[a-z0-9-]{2,40}$/),
  AWS_REGION: z.string().min(1).default('eu-west-2'),
  /** Local engines only; unset in the cloud. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  SQS_ENDPOINT: z.url().optional(),
  SES_ENDPOINT: z.url().optional(),
  /** Destination queues are `${QUEUE_URL_BASE}${queueName}`. */
  QUEUE_URL_BASE: z.url(),
  KEY_PROVIDER: z.enum(['kms', 'local']),
  PERSONAL_DATA_KEY_ID: z.string().optional(),
  /** Local only: a base64 256-bit master key. */
  LOCAL_MASTER_KEY: z.string().optional(),
  MAIL_FROM: z.email(),
  MAIL_CONFIGURATION_SET: z.string().optional(),
  /** Links in notifications point here; never personal data in them. */
  PUBLIC_BASE_URL: z.url(),
  COGNITO_USER_POOL_ID: z.string().optional(),
  /** The app client the web pages sign in with and whose tokens the API accepts (the JWT audience). */
  COGNITO_CLIENT_ID: z.string().optional(),
  /** The user pool's hosted sign-in pages, https://<prefix>.auth.<region>.amazoncognito.com (the web pages' sign-in; web/cloud-sign-in.ts). */
  COGNITO_DOMAIN: z.url().startsWith('https://').optional(),
  /**
   * Referrals one client address may submit (the API's POST /referrals and the web form together)
   * per window; more are answered 429 until the window ends (docs/decisions/0011-abuse-limits.md). Nationally
   * there are about 25 referrals a day; a school, a police hub or a council behind one address
   * sends a few. Tests that submit many set their own.
   */
  SUBMISSION_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(rateLimitDefaults.SUBMISSION_RATE_LIMIT),
  SUBMISSION_RATE_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(86_400)
    .default(rateLimitDefaults.SUBMISSION_RATE_WINDOW_SECONDS),
  /** Acknowledgement mails one recipient address may receive per window; more referrals from it are recorded but not acknowledged by mail. */
  ACKNOWLEDGEMENT_MAIL_LIMIT: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(rateLimitDefaults.ACKNOWLEDGEMENT_MAIL_LIMIT),
  ACKNOWLEDGEMENT_MAIL_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 86_400)
    .default(rateLimitDefaults.ACKNOWLEDGEMENT_MAIL_WINDOW_SECONDS),
  /**
   * Days the link of the referrer's acknowledgement mail opens their referral's status without
   * signing in, counted from the submission (decision 0016, part 5). Default 90: long enough for
   * the gateway assessment and what usually follows; after it the referrer signs in or asks.
   */
  REFERRER_STATUS_LINK_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3650)
    .default(referrerLinkDefaults.REFERRER_STATUS_LINK_DAYS),
  /**
   * Days at most the link of a question mail opens the question, counted from when it was asked;
   * it grants nothing once the question is answered. Default and maximum 30.
   */
  REFERRER_QUESTION_LINK_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(30)
    .default(referrerLinkDefaults.REFERRER_QUESTION_LINK_DAYS),
  /**
   * How long an AWS SDK client waits for a connection, and for a request's whole answer, before
   * it gives the attempt up with a TimeoutError (functions/composition/client-timeouts.ts says
   * why each default is what it is; docs/decisions/0020-sdk-timeouts.md).
   */
  SDK_CONNECTION_TIMEOUT_MS: milliseconds(sdkTimeoutDefaults.SDK_CONNECTION_TIMEOUT_MS),
  DYNAMODB_REQUEST_TIMEOUT_MS: milliseconds(sdkTimeoutDefaults.DYNAMODB_REQUEST_TIMEOUT_MS),
  /** Sends, deletes, visibility changes; a long poll's timeout is its wait (at most 20 s) plus this. */
  SQS_REQUEST_TIMEOUT_MS: milliseconds(sdkTimeoutDefaults.SQS_REQUEST_TIMEOUT_MS),
  SES_REQUEST_TIMEOUT_MS: milliseconds(sdkTimeoutDefaults.SES_REQUEST_TIMEOUT_MS),
  KMS_REQUEST_TIMEOUT_MS: milliseconds(sdkTimeoutDefaults.KMS_REQUEST_TIMEOUT_MS),
  COGNITO_REQUEST_TIMEOUT_MS: milliseconds(sdkTimeoutDefaults.COGNITO_REQUEST_TIMEOUT_MS),
});

export type ServiceConfig = z.infer<typeof ServiceConfigSchema>;

const SdkTimeoutsSchema = ServiceConfigSchema.pick({
  SDK_CONNECTION_TIMEOUT_MS: true,
  DYNAMODB_REQUEST_TIMEOUT_MS: true,
  SQS_REQUEST_TIMEOUT_MS: true,
  SES_REQUEST_TIMEOUT_MS: true,
  KMS_REQUEST_TIMEOUT_MS: true,
  COGNITO_REQUEST_TIMEOUT_MS: true,
});

/** The SDK clients' timeouts alone (for a client built before the rest of the configuration is known). */
export function readSdkTimeouts(environment: Record<string, string | undefined> = process.env): SdkTimeouts {
  const parsed = SdkTimeoutsSchema.safeParse(environment, ONCE);
  if (!parsed.success) throw notConfigured(parsed.error);
  return parsed.data;
}

export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigurationError';
  }
}

/** Names the variables that are missing or wrong, never their values. */
function notConfigured(error: z.ZodError): ConfigurationError {
  const names = [...new Set(error.issues.map((issue) => issue.path.join('.')))].join(', ');
  return new ConfigurationError(`the service is not configured: check ${names}`);
}

export function readServiceConfig(environment: Record<string, string | undefined> = process.env): ServiceConfig {
  const parsed = ServiceConfigSchema.safeParse(environment, ONCE);
  if (!parsed.success) throw notConfigured(parsed.error);
  const config = parsed.data;
  if (config.KEY_PROVIDER === 'kms' && !config.PERSONAL_DATA_KEY_ID)
    throw new ConfigurationError('KEY_PROVIDER=kms needs PERSONAL_DATA_KEY_ID');
  if (config.KEY_PROVIDER === 'local' && !config.LOCAL_MASTER_KEY)
    throw new ConfigurationError('KEY_PROVIDER=local needs LOCAL_MASTER_KEY');
  return config;
}
