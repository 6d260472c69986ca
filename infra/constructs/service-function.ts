// One catalogue entry as a Lambda function: its own role (fixed name, no managed policies), its
// own encrypted log group with retention, structured JSON logs, X-Ray tracing, ARM64 on the
// newest Node.js runtime, and the code built locally by esbuild as bundling.ts says (a split
// build: the entry index.mjs and the chunks it loads with import()).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AssetHashType, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { type IRole, ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { type IKey } from 'aws-cdk-lib/aws-kms';
import {
  ApplicationLogLevel,
  Architecture,
  type CfnFunction,
  Code,
  Function as LambdaFunction,
  LoggingFormat,
  SystemLogLevel,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LAMBDA_RUNTIME, lambdaAssetBundling } from '../bundling.js';
import { type DeploymentSettings } from '../deployment-settings.js';
import { type FunctionEntry } from '../function-catalogue.js';
import { functionLogGroupName, functionName, functionRoleName } from '../function-names.js';

export interface ServiceFunctionProps {
  entry: FunctionEntry;
  settings: DeploymentSettings;
  /** The repository root the catalogue's entry paths are relative to. */
  repositoryRoot: string;
  environment: Record<string, string>;
  logKey: IKey;
}

/** How long function and access logs are kept (they hold ids and codes, never personal data). */
export const LOG_RETENTION = RetentionDays.ONE_YEAR;

export class MissingEntryFilesError extends Error {
  constructor(readonly missing: readonly { id: string; entry: string }[]) {
    super(
      `cannot build the functions: ${missing.length} entry file(s) do not exist yet: ${missing.map(({ id, entry }) => `${id} (${entry})`).join(', ')}. ` +
        'Each catalogue entry (infra/function-catalogue.ts) needs its handler file.',
    );
    this.name = 'MissingEntryFilesError';
  }
}

/** Refuses to build anything while a catalogue entry has no handler file, naming every missing one. */
export function requireEntryFiles(catalogue: readonly FunctionEntry[], repositoryRoot: string): void {
  const missing = catalogue
    .filter((entry) => !existsSync(join(repositoryRoot, entry.entry)))
    .map(({ id, entry }) => ({ id, entry }));
  if (missing.length > 0) throw new MissingEntryFilesError(missing);
}

export class ServiceFunction extends Construct {
  readonly function: LambdaFunction;
  readonly role: IRole;
  readonly logGroup: LogGroup;
  /** Every permission of the function, in one customer-managed policy (no inline policies). */
  readonly policy: ManagedPolicy;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    const { entry, settings } = props;
    const removalPolicy = settings.isProduction ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    const role = new Role(this, 'Role', {
      roleName: functionRoleName(settings.servicePrefix, entry.id),
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the ${entry.id} function: ${entry.purpose}`.slice(0, 1000),
    });
    this.role = role;
    this.policy = new ManagedPolicy(this, 'Access', {
      managedPolicyName: `${functionRoleName(settings.servicePrefix, entry.id)}-access`,
      description: `What the ${entry.id} function may do (infra/function-catalogue.ts)`,
      roles: [role],
    });
    this.logGroup = new LogGroup(this, 'Logs', {
      logGroupName: functionLogGroupName(settings.servicePrefix, entry.id),
      retention: LOG_RETENTION,
      encryptionKey: props.logKey,
      removalPolicy,
    });

    this.function = new LambdaFunction(this, 'Function', {
      functionName: functionName(settings.servicePrefix, entry.id),
      description: entry.purpose.slice(0, 256),
      // Built by esbuild on this machine; the asset's hash is the built output's, as NodejsFunction's
      // was (hashing the sources would read the whole repository, node_modules included).
      code: Code.fromAsset(props.repositoryRoot, {
        assetHashType: AssetHashType.OUTPUT,
        bundling: lambdaAssetBundling(props.repositoryRoot, entry.id, entry.entry),
      }),
      handler: 'index.handler',
      runtime: LAMBDA_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: entry.memoryMb,
      timeout: Duration.seconds(entry.timeoutSeconds),
      role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      ...(entry.reservedConcurrency === undefined ? {} : { reservedConcurrentExecutions: entry.reservedConcurrency }),
      // No --enable-source-maps: it parses the whole map at every cold start (40-55 ms of CPU); each entry
      // maps a trace through it only when one is printed (functions/observability/stack-traces.ts).
      environment: props.environment,
    });

    // X-Ray active tracing, set on the function itself so that its permission goes into the managed
    // policy below rather than an inline policy CDK would add.
    (this.function.node.defaultChild as CfnFunction).tracingConfig = { mode: 'Active' };
    // The function must exist only once its permissions do (event sources check them on creation).
    this.function.node.addDependency(this.policy);
    this.grant(
      // Its own log group only (the ARN ends ':*', which covers the group's streams).
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
      new PolicyStatement({ actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] }),
    );
    Validations.of(this.policy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: entry.uses.includes('health-probes')
        ? 'X-Ray tracing (xray:PutTraceSegments, xray:PutTelemetryRecords) and the health probe of SES (ses:ListEmailTemplates, limited to this region by condition) have no resource-level permissions, so their resource must be "*". No other statement of the policy has a wildcard resource.'
        : 'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords have no resource-level permissions, so their resource must be "*". No other statement of the policy has a wildcard resource.',
    });
    Validations.of(this.function).acknowledge({
      id: 'NIST.800.53.R5-LambdaInsideVPC',
      reason:
        'The function reaches only AWS service endpoints (DynamoDB, KMS, SQS, SES, X-Ray, CloudWatch) over TLS with IAM-signed requests, and there is no private network resource to reach; a VPC would add NAT or endpoint cost and cold-start latency without narrowing what the function can reach, which IAM already limits to named resources.',
    });
    // Without reserved concurrency and without a written bound, cdk-nag refuses the function.
    if (entry.reservedConcurrency === undefined && entry.concurrencyBoundBy) {
      Validations.of(this.function).acknowledge({
        id: 'NIST.800.53.R5-LambdaConcurrency',
        reason: `No reserved concurrency: ${entry.concurrencyBoundBy}.`,
      });
    }
  }

  /** Adds statements to the function's role (one policy per function, no wildcards). */
  grant(...statements: PolicyStatement[]): void {
    for (const statement of statements) this.policy.addStatements(statement);
  }
}
