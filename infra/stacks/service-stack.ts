// The running service: one function per catalogue entry with exactly its grants, the event
// store's stream consumers, the five-minute timers schedule, the HTTP API with its JWT
// authorizer, the Cognito user pool and the SES sending identity.
import { ArnFormat, CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { type CfnStage, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { type CfnFunction, EventSourceMapping, type IEventSourceDlq, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { ConfigurationSet, ConfigurationSetTlsPolicy, EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { type Construct } from 'constructs';
import { NATIONAL_TRIAGE_ID, queueNameFor } from '../../domain/routing/directory.js';
import { eventStoreTable } from '../../functions/tables/table-definitions.js';
import { DESTINATION_QUEUE_NAME_PATTERN, SQS_CONSUME_ACTIONS, SQS_SEND_ACTIONS } from '../destinations.js';
import { deadLetterQueueNameFor } from '../../functions/messaging/destination-queues.js';
import { type DeploymentSettings } from '../deployment-settings.js';
import { type FunctionEntry, type RouteMethod } from '../function-catalogue.js';
import { DeadLetterOperator } from '../constructs/dead-letter-operator.js';
import { LOG_RETENTION, requireEntryFiles, ServiceFunction } from '../constructs/service-function.js';
import { UserDirectory } from '../constructs/user-directory.js';
import { serviceEnvironment } from '../service-environment.js';
import { tableGrantStatements } from '../table-grants.js';
import { type DataStack } from './data-stack.js';

export interface ServiceStackProps extends StackProps {
  settings: DeploymentSettings;
  catalogue: readonly FunctionEntry[];
  data: DataStack;
  repositoryRoot: string;
}

/** Stream consumers: failed records are retried this often (bisecting the batch) before going to the on-failure queue. */
export const STREAM_RETRY_ATTEMPTS = 5;
/** Stage-wide throttling, and a tighter limit on the one public write (the referral form). */
export const API_THROTTLE = { rateLimit: 100, burstLimit: 200 };

/** What an organisation administrator's work sends to the user pool (functions/people/cognito-people-directory.ts), and nothing else. */
export const PEOPLE_ADMIN_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminListGroupsForUser',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminUserGlobalSignOut',
  'cognito-idp:ListUsersInGroup',
] as const;
export const PUBLIC_SUBMISSION_THROTTLE = { routeKey: 'POST /referrals', rateLimit: 10, burstLimit: 20 };

/** Why each public route has no authorizer at the gateway; a public route missing here fails the nag test. */
export const PUBLIC_ROUTE_REASONS: Record<string, string> = {
  'POST /referrals':
    'The referral form is open to anyone who has a concern (members of the public included); it is throttled per route, validated with zod, size-limited, and answers with a reference only, never data.',
  'GET /health': 'A liveness check for monitoring; it returns no data.',
  'GET /openapi.json': 'The published API description; it holds no data.',
  'GET /routing/preview':
    'Shows which organisations a postcode routes to from public geography data; it reads no referral data.',
  'GET /referrals/{referralId}/status':
    "The referrer's status: opened by the capability link of the referrer's mail (an HMAC under a service key, bound to one referral, expiring; decision 0016) or by a token the function verifies; anything else is answered 404 or 401 and recorded in the access audit.",
  'POST /referrals/{referralId}/more-information/answer':
    "The referrer's answer: allowed by the capability link of the referrer's mail (bound to one referral, spent once its question is answered) or by a token the function verifies; anything else is answered 404 or 401, recorded, and writes nothing.",
  'ANY /':
    'The web pages do their own sign-in (session cookie from Cognito) and show the public referral form to anyone.',
  'ANY /{proxy+}':
    'The web pages do their own sign-in (session cookie from Cognito); every case page checks the session before reading anything.',
};

const httpMethods: Record<RouteMethod, HttpMethod> = {
  GET: HttpMethod.GET,
  POST: HttpMethod.POST,
  PUT: HttpMethod.PUT,
  DELETE: HttpMethod.DELETE,
  ANY: HttpMethod.ANY,
};

/** An on-failure destination given as an ARN only: its grant is written out explicitly on the role. */
function onFailureQueue(queue: Queue): IEventSourceDlq {
  return { bind: () => ({ destination: queue.queueArn }) };
}

export class ServiceStack extends Stack {
  readonly functions = new Map<string, ServiceFunction>();
  /** The on-failure queues of the stream consumers and the timers' dead-letter queue, by function id. */
  readonly failureQueues = new Map<string, Queue>();
  /** The functions fed by the event store's stream. */
  readonly streamConsumers = new Set<string>();
  readonly api: HttpApi;
  readonly users: UserDirectory;
  readonly mailIdentity: EmailIdentity;
  readonly mailConfigurationSet: ConfigurationSet;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const { settings, data, catalogue } = props;
    requireEntryFiles(catalogue, props.repositoryRoot);

    this.mailConfigurationSet = new ConfigurationSet(this, 'MailConfiguration', {
      configurationSetName: `${settings.servicePrefix}-notifications`,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
    });
    this.mailIdentity = new EmailIdentity(this, 'MailIdentity', {
      identity: Identity.domain(settings.mailDomain),
      configurationSet: this.mailConfigurationSet,
    });

    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      logGroupName: `/aws/apigateway/${settings.servicePrefix}-api`,
      retention: LOG_RETENTION,
      encryptionKey: data.logKey,
    });
    this.api = new HttpApi(this, 'Api', { apiName: `${settings.servicePrefix}-api`, createDefaultStage: false });
    const stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: API_THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTimeEpoch',
            sourceIp: '$context.identity.sourceIp',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latency: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });
    // RouteSettings is a JSON map in CloudFormation: its keys are written as CloudFormation spells them.
    (stage.node.defaultChild as CfnStage).addPropertyOverride(`RouteSettings.${PUBLIC_SUBMISSION_THROTTLE.routeKey}`, {
      ThrottlingRateLimit: PUBLIC_SUBMISSION_THROTTLE.rateLimit,
      ThrottlingBurstLimit: PUBLIC_SUBMISSION_THROTTLE.burstLimit,
    });
    const publicBaseUrl = (settings.publicBaseUrl ?? this.api.apiEndpoint).replace(/\/$/, '');
    this.users = new UserDirectory(this, 'Users', { settings, publicBaseUrl });

    const environment = serviceEnvironment({
      settings,
      personalDataKeyArn: data.personalDataKey.keyArn,
      mailConfigurationSet: this.mailConfigurationSet.configurationSetName,
      publicBaseUrl,
      userPoolId: this.users.userPool.userPoolId,
      userPoolClientId: this.users.client.userPoolClientId,
      signInDomain: this.users.domain.baseUrl(),
    });

    const authorizer = new HttpUserPoolAuthorizer('SignedIn', this.users.userPool, {
      userPoolClients: [this.users.client],
      authorizerName: 'signed-in',
    });
    for (const entry of catalogue) {
      const serviceFunction = new ServiceFunction(this, `Fn-${entry.id}`, {
        entry,
        settings,
        repositoryRoot: props.repositoryRoot,
        environment,
        logKey: data.logKey,
      });
      this.functions.set(entry.id, serviceFunction);
      this.grantCatalogueAccess(serviceFunction, entry, data);
      this.connectTrigger(serviceFunction, entry, data, authorizer);
    }

    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint, description: 'The HTTP API (and the web pages)' });
    new CfnOutput(this, 'UserPoolId', { value: this.users.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.users.client.userPoolClientId });
    new CfnOutput(this, 'SignInDomain', {
      value: this.users.domain.baseUrl(),
      description: "Cognito's hosted sign-in pages",
    });
    // The destination stacks' queues grant it their part by its fixed name.
    new DeadLetterOperator(this, 'DeadLetterOperator', { settings, data });
  }

  private grantCatalogueAccess(serviceFunction: ServiceFunction, entry: FunctionEntry, data: DataStack): void {
    for (const grant of entry.tables)
      serviceFunction.grant(...tableGrantStatements(grant, data.table(grant.table), data.tableKey));
    if (entry.personalDataKey !== 'none') {
      const actions =
        entry.personalDataKey === 'generate-and-decrypt' ? ['kms:Decrypt', 'kms:GenerateDataKey'] : ['kms:Decrypt'];
      serviceFunction.grant(new PolicyStatement({ actions, resources: [data.personalDataKey.keyArn] }));
    }
    if (entry.uses.includes('mail')) {
      serviceFunction.grant(
        new PolicyStatement({
          actions: ['ses:SendEmail'],
          resources: [
            this.mailIdentity.emailIdentityArn,
            this.formatArn({
              service: 'ses',
              resource: 'configuration-set',
              resourceName: this.mailConfigurationSet.configurationSetName,
            }),
          ],
        }),
      );
    }
    if (entry.uses.includes('queue-lookup')) {
      serviceFunction.grant(
        new PolicyStatement({
          actions: ['sqs:GetQueueUrl'],
          resources: [this.queueArn(DESTINATION_QUEUE_NAME_PATTERN)],
        }),
      );
      Validations.of(serviceFunction.policy).acknowledge({
        id: this.destinationQueuePatternFinding(),
        reason:
          "sqs:GetQueueUrl only, on the destination queues' names (prevent-*.fifo): the directory overlay asks whether a council onboarded since the last deployment has its queue yet, a queue that has no ARN to name until it exists. GetQueueUrl reveals an address, never a message.",
      });
    }
    if (entry.uses.includes('health-probes')) {
      serviceFunction.grant(
        new PolicyStatement({
          actions: ['dynamodb:DescribeTable'],
          resources: [...data.tables.values()].map((table) => table.tableArn),
        }),
        new PolicyStatement({
          actions: ['sqs:GetQueueAttributes'],
          resources: [this.queueArn(queueNameFor(NATIONAL_TRIAGE_ID))],
        }),
        // ListEmailTemplates has no resource-level permissions: its resource must be "*"; the condition keeps it to this region.
        new PolicyStatement({
          actions: ['ses:ListEmailTemplates'],
          resources: ['*'],
          conditions: { StringEquals: { 'aws:RequestedRegion': this.region } },
        }),
      );
    }
    if (entry.uses.includes('destination-queues'))
      this.grantDestinationQueues(serviceFunction, SQS_SEND_ACTIONS, ['kms:GenerateDataKey', 'kms:Decrypt'], data);
    if (entry.trigger.kind === 'destination-queues')
      this.grantDestinationQueues(serviceFunction, SQS_CONSUME_ACTIONS, ['kms:Decrypt'], data);
    if (entry.uses.includes('people')) {
      serviceFunction.grant(
        new PolicyStatement({
          actions: [...PEOPLE_ADMIN_ACTIONS],
          resources: [this.users.userPool.userPoolArn],
        }),
      );
    }
  }

  /**
   * Every destination queue, by the directory's name pattern (prevent-*.fifo), and never their
   * dead-letter queues (prevent-*-dlq.fifo, denied): one statement however many councils are
   * onboarded. Granted queue by queue from each destination stack, the router's and the delivery
   * function's roles passed IAM's 10 managed policies per role once every council stack existed.
   */
  private grantDestinationQueues(
    serviceFunction: ServiceFunction,
    queueActions: readonly string[],
    keyActions: readonly string[],
    data: DataStack,
  ): void {
    serviceFunction.grant(
      new PolicyStatement({ actions: [...queueActions], resources: [this.queueArn(DESTINATION_QUEUE_NAME_PATTERN)] }),
      new PolicyStatement({
        effect: Effect.DENY,
        actions: [...queueActions],
        resources: [this.queueArn(deadLetterQueueNameFor(DESTINATION_QUEUE_NAME_PATTERN))],
      }),
      new PolicyStatement({ actions: [...keyActions], resources: [data.messagingKey.keyArn] }),
    );
    Validations.of(serviceFunction.policy).acknowledge({
      id: this.destinationQueuePatternFinding(),
      reason: `${queueActions.join(', ')} on the destination queues by the directory's name pattern (prevent-*.fifo), their dead-letter queues denied: one statement for every onboarded destination, where one statement per queue would pass IAM's limits on a role's policies once every council is onboarded, and a council onboarded later needs no new grant.`,
    });
  }

  /** cdk-nag's finding for a grant on the destination queues' name pattern (acknowledged with the reason for each grant). */
  private destinationQueuePatternFinding(): string {
    return `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sqs:${this.region}:${this.account}:${DESTINATION_QUEUE_NAME_PATTERN}]`;
  }

  /** A queue of this account and region, by name (or name pattern). */
  private queueArn(queueName: string): string {
    return this.formatArn({ service: 'sqs', resource: queueName, arnFormat: ArnFormat.NO_RESOURCE_NAME });
  }

  private connectTrigger(
    serviceFunction: ServiceFunction,
    entry: FunctionEntry,
    data: DataStack,
    authorizer: HttpUserPoolAuthorizer,
  ): void {
    const trigger = entry.trigger;
    switch (trigger.kind) {
      case 'event-store-stream':
        this.consumeEventStoreStream(serviceFunction, entry, data);
        return;
      case 'schedule':
        this.schedule(serviceFunction, entry, trigger.everyMinutes, data);
        return;
      case 'http': {
        const integration = new HttpLambdaIntegration(`Integration-${entry.id}`, serviceFunction.function);
        for (const route of trigger.routes) {
          const [httpRoute] = this.api.addRoutes({
            path: route.path,
            methods: [httpMethods[route.method]],
            integration,
            ...(route.access === 'signed-in' ? { authorizer } : {}),
          });
          const reason = PUBLIC_ROUTE_REASONS[`${route.method} ${route.path}`];
          // A public route without a written reason is left for cdk-nag to refuse.
          if (route.access === 'public' && httpRoute && reason)
            Validations.of(httpRoute).acknowledge({ id: 'AwsSolutions-APIG4', reason });
        }
        this.acknowledgeNoAsyncInvocation(
          serviceFunction,
          'it is invoked synchronously by the HTTP API, which returns its errors to the caller',
        );
        return;
      }
      case 'destination-queues':
        // The event source mappings live with the queues (destination stacks).
        this.acknowledgeNoAsyncInvocation(
          serviceFunction,
          "it is invoked by SQS event source mappings; a message that keeps failing moves to its destination's dead-letter queue (redrive policy)",
        );
        return;
    }
  }

  private failureQueue(entry: FunctionEntry, data: DataStack, purpose: string): Queue {
    const queue = new Queue(this, `Failed-${entry.id}`, {
      queueName: `${this.stackName}-${entry.id}-failed`,
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: data.messagingKey,
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
    });
    Validations.of(queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: `This queue is itself a dead-letter store: ${purpose}. An alarm fires on its first message.`,
    });
    this.failureQueues.set(entry.id, queue);
    return queue;
  }

  private consumeEventStoreStream(serviceFunction: ServiceFunction, entry: FunctionEntry, data: DataStack): void {
    const table = data.table(eventStoreTable);
    if (!table.tableStreamArn) throw new Error('the event store table has no stream');
    this.streamConsumers.add(entry.id);
    const failed = this.failureQueue(
      entry,
      data,
      `the on-failure destination of ${entry.id}'s stream event source mapping (records that still fail after ${STREAM_RETRY_ATTEMPTS} retries)`,
    );
    serviceFunction.grant(
      new PolicyStatement({
        actions: [
          'dynamodb:DescribeStream',
          'dynamodb:GetRecords',
          'dynamodb:GetShardIterator',
          'dynamodb:ListStreams',
        ],
        resources: [table.tableStreamArn],
      }),
      new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [failed.queueArn] }),
      new PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [data.messagingKey.keyArn] }),
    );
    const mapping = new EventSourceMapping(this, `Stream-${entry.id}`, {
      target: serviceFunction.function,
      eventSourceArn: table.tableStreamArn,
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: 100,
      maxBatchingWindow: Duration.seconds(1),
      reportBatchItemFailures: true,
      bisectBatchOnError: true,
      retryAttempts: STREAM_RETRY_ATTEMPTS,
      maxRecordAge: Duration.days(1),
      parallelizationFactor: 1,
      onFailure: onFailureQueue(failed),
    });
    // The mapping is checked against the role's permissions when it is created.
    mapping.node.addDependency(serviceFunction.role);
    this.acknowledgeNoAsyncInvocation(
      serviceFunction,
      `it is invoked by a DynamoDB Streams event source mapping whose on-failure destination is the queue ${failed.node.id}`,
    );
  }

  private schedule(
    serviceFunction: ServiceFunction,
    entry: FunctionEntry,
    everyMinutes: number,
    data: DataStack,
  ): void {
    const failed = this.failureQueue(
      entry,
      data,
      `the dead-letter queue of ${entry.id}'s scheduled (asynchronous) invocations`,
    );
    serviceFunction.grant(
      new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [failed.queueArn] }),
      new PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [data.messagingKey.keyArn] }),
    );
    (serviceFunction.function.node.defaultChild as CfnFunction).deadLetterConfig = { targetArn: failed.queueArn };
    new Rule(this, `Schedule-${entry.id}`, {
      ruleName: `${this.stackName}-${entry.id}`,
      description: `Runs ${entry.id} every ${everyMinutes} minutes`,
      schedule: Schedule.rate(Duration.minutes(everyMinutes)),
      targets: [
        new LambdaFunction(serviceFunction.function, { retryAttempts: 2, maxEventAge: Duration.minutes(everyMinutes) }),
      ],
    });
  }

  private acknowledgeNoAsyncInvocation(serviceFunction: ServiceFunction, why: string): void {
    Validations.of(serviceFunction.function).acknowledge({
      id: 'NIST.800.53.R5-LambdaDLQ',
      reason: `No function dead-letter queue: ${why}. A function dead-letter queue only receives failed asynchronous invocations.`,
    });
  }
}
