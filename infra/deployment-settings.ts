// What one deployment of the service is: its stage, account, region, mail domain and sign-in domain, read from CDK
// context (cdk.json, or `-c key=value` on the command line) and checked before anything is built.
// Synthesis needs no AWS credentials: the account is a context value, never looked up.
import * as z from 'zod';

/** A placeholder account for offline synthesis; `cdk deploy` must be given the real one (-c account=...). */
export const PLACEHOLDER_ACCOUNT = '000000000000';

const DeploymentContext = z.object({
  stage: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,20}$/, 'stage must be lower-case letters, digits and hyphens (2-21 characters)'),
  account: z.string().regex(/^\d{12}$/, 'account must be a 12-digit AWS account id'),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'region must be an AWS region name such as eu-west-2'),
  /** The domain notifications are sent from (an SES identity is created for it). */
  mailDomain: z
    .string()
    .regex(
      /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
      'mailDomain must be a lower-case DNS domain',
    ),
  /**
   * The start of the sign-in pages' Cognito domain, <signInDomainPrefix>-<stage>.auth.<region>.amazoncognito.com:
   * unique across AWS, so each organisation deploying the service chooses its own.
   */
  signInDomainPrefix: z
    .string()
    .regex(
      /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/,
      'signInDomainPrefix must be lower-case letters, digits and hyphens (1-40 characters)',
    )
    .refine(
      (prefix) => !/aws|amazon|cognito/.test(prefix),
      'signInDomainPrefix may not contain aws, amazon or cognito (Cognito refuses them)',
    ),
  /** Where links in notifications point; defaults to the HTTP API's own address. */
  publicBaseUrl: z.url().optional(),
  /** Where alarm notifications go (an SNS e-mail subscription); none when unset. */
  alarmEmail: z.email().optional(),
  /** Stages whose data must survive a `cdk destroy` (deletion protection, RETAIN). */
  productionStages: z.array(z.string()).default(['production']),
});

export interface DeploymentSettings {
  stage: string;
  account: string;
  region: string;
  mailDomain: string;
  /** The Cognito hosted UI's domain prefix: the context's signInDomainPrefix and the stage. */
  signInDomainPrefix: string;
  publicBaseUrl: string | undefined;
  alarmEmail: string | undefined;
  /** Production keeps its tables and keys when the stack goes; other stages are disposable. */
  isProduction: boolean;
  /** `prevent-<stage>`: the SERVICE_PREFIX of every table, stack and function name. */
  servicePrefix: string;
}

export class DeploymentContextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeploymentContextError';
  }
}

/** Reads the context values (`tryGetContext`) the app needs; missing or malformed values are named. */
export function readDeploymentSettings(context: (key: string) => unknown): DeploymentSettings {
  const keys = [
    'stage',
    'account',
    'region',
    'mailDomain',
    'signInDomainPrefix',
    'publicBaseUrl',
    'alarmEmail',
    'productionStages',
  ] as const;
  const raw = Object.fromEntries(
    keys.map((key) => [key, context(key)]).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = DeploymentContext.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || 'context'}: ${issue.message}`)
      .join('; ');
    throw new DeploymentContextError(
      `the CDK context is incomplete or wrong (${problems}); set it in cdk.json or with -c key=value`,
    );
  }
  const { stage, account, region, mailDomain, signInDomainPrefix, publicBaseUrl, alarmEmail, productionStages } =
    parsed.data;
  return {
    stage,
    account,
    region,
    mailDomain,
    signInDomainPrefix: `${signInDomainPrefix}-${stage}`,
    publicBaseUrl,
    alarmEmail,
    isProduction: productionStages.includes(stage),
    servicePrefix: `prevent-${stage}`,
  };
}
