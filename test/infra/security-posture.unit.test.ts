// What the deployment promises, asserted on the synthesised templates: encryption everywhere,
// point-in-time recovery, retained production data, a dead-letter path for every queue and event
// source, no public access beyond the named routes, and each function's grants exactly as the
// catalogue says.
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../events/envelope.js';
import { readServiceConfig } from '../../functions/composition/service-config.js';
import { DEFAULT_MAX_RECEIVE_COUNT } from '../../functions/delivery/delivery-consumer.js';
import {
  CLOUD_REDELIVERY_BACKOFF,
  SQS_MAX_VISIBILITY_SECONDS,
  hiddenAfterFailure,
  outageSurvivedSeconds,
} from '../../functions/delivery/redelivery-backoff.js';
import { UNDELIVERED_METRIC } from '../../functions/delivery/undelivered-alarm.js';
import { auditTable, eventStoreTable, keyTable, tableDefinitions } from '../../functions/tables/table-definitions.js';
import { onboardedDestinations } from '../../infra/destinations.js';
import { catalogueRoutes, functionCatalogue } from '../../infra/function-catalogue.js';
import { functionRoleName } from '../../infra/function-names.js';
import {
  asList,
  type PolicyStatementJson,
  resourcesOf,
  synthesiseServiceApp,
  type SynthesisedApp,
} from './synthesised-app.js';

let synthesised: SynthesisedApp;
beforeAll(() => {
  synthesised = synthesiseServiceApp();
}, 120_000);

const prefix = 'prevent-production';
const allResources = () =>
  [...synthesised.templates.values()].flatMap((template) => Object.entries(resourcesOf(template)));
const ofType = (type: string) => allResources().filter(([, resource]) => resource.Type === type);
const text = (value: unknown) => JSON.stringify(value);

/** Every IAM statement that applies to a function's role, across all stacks. */
function statementsOf(functionId: string): PolicyStatementJson[] {
  const roleName = functionRoleName(prefix, functionId);
  const serviceRoleLogicalIds = Object.entries(resourcesOf(synthesised.template('Service'), 'AWS::IAM::Role'))
    .filter(([, role]) => role.Properties?.RoleName === roleName)
    .map(([logicalId]) => logicalId);
  expect(serviceRoleLogicalIds).toHaveLength(1);
  return ofType('AWS::IAM::ManagedPolicy')
    .filter(([, policy]) =>
      asList(policy.Properties?.Roles as unknown[]).some(
        (role) => role === roleName || text(role) === text({ Ref: serviceRoleLogicalIds[0] }),
      ),
    )
    .flatMap(([, policy]) =>
      asList((policy.Properties?.PolicyDocument as { Statement: PolicyStatementJson[] }).Statement),
    );
}

/** The actions a function may take on resources whose reference mentions `marker` (a logical id or a name). */
function actionsOn(functionId: string, marker: string): string[] {
  return statementsOf(functionId)
    .filter((statement) => text(statement.Resource).includes(marker))
    .flatMap((statement) => asList(statement.Action))
    .sort();
}

const tableMarker = (logicalName: string) => `Table${logicalName.replace(/-/g, '')}`;

describe('the tables', () => {
  it('are the shared definitions, each encrypted with the customer-managed table key, on demand, with point-in-time recovery', () => {
    const tables = resourcesOf(synthesised.template('Data'), 'AWS::DynamoDB::Table');
    expect(
      Object.values(tables)
        .map((table) => table.Properties?.TableName)
        .sort(),
    ).toEqual(tableDefinitions.map((definition) => `${prefix}-${definition.logicalName}`).sort());
    for (const table of Object.values(tables)) {
      expect(table.Properties).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: expect.anything() },
        DeletionProtectionEnabled: true,
      });
      expect(table.DeletionPolicy).toBe('Retain');
    }
  });

  it('keep the keys, indexes, stream and time-to-live of their definitions', () => {
    const template = synthesised.template('Data');
    for (const definition of tableDefinitions) {
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        TableName: `${prefix}-${definition.logicalName}`,
        KeySchema: [
          { AttributeName: definition.partitionKey.name, KeyType: 'HASH' },
          ...(definition.sortKey ? [{ AttributeName: definition.sortKey.name, KeyType: 'RANGE' }] : []),
        ],
        ...(definition.stream ? { StreamSpecification: { StreamViewType: definition.stream } } : {}),
        ...(definition.timeToLiveAttribute
          ? { TimeToLiveSpecification: { AttributeName: definition.timeToLiveAttribute, Enabled: true } }
          : {}),
        ...(definition.globalIndexes
          ? {
              GlobalSecondaryIndexes: definition.globalIndexes.map((index) =>
                Match.objectLike({ IndexName: index.indexName, Projection: { ProjectionType: index.projection } }),
              ),
            }
          : {}),
      });
    }
  });

  it('and the keys are destroyed with a stage that is not production', () => {
    const staging = synthesiseServiceApp({ context: { stage: 'staging' }, nag: false });
    for (const table of Object.values(resourcesOf(staging.template('Data'), 'AWS::DynamoDB::Table'))) {
      expect(table.DeletionPolicy).toBe('Delete');
      expect(table.Properties?.DeletionProtectionEnabled).toBe(false);
    }
  }, 120_000);
});

describe('the KMS keys', () => {
  it('rotate, and production keeps them', () => {
    const keys = ofType('AWS::KMS::Key');
    expect(keys.length).toBe(4);
    for (const [, key] of keys) {
      expect(key.Properties?.EnableKeyRotation).toBe(true);
      expect(key.DeletionPolicy).toBe('Retain');
    }
  });

  it('let only the event-store functions unwrap personal data keys, and only the stream-creating ones generate them', () => {
    const [, key] =
      ofType('AWS::KMS::Key').find(([, resource]) =>
        text(resource.Properties?.Description).includes('personal data'),
      ) ?? [];
    const statements = asList((key?.Properties?.KeyPolicy as { Statement: PolicyStatementJson[] }).Statement);
    const usage = statements.filter((statement) =>
      asList(statement.Action).some((action) => /Decrypt|Encrypt|GenerateDataKey|ReEncrypt|kms:\*/.test(action)),
    );
    const principalsFor = (action: string) =>
      usage
        .filter((statement) => asList(statement.Action).includes(action))
        .flatMap((statement) => asList(statement.Condition?.ArnEquals?.['aws:PrincipalArn'] as unknown[]))
        .map((arn) => /role\/(.+)$/.exec(text(arn).replace(/"\]\]\}$/, ''))?.[1]?.replace(/["\]}]+$/, ''))
        .sort();
    expect(usage.every((statement) => statement.Condition?.ArnEquals?.['aws:PrincipalArn'] !== undefined)).toBe(true);
    expect(usage.flatMap((statement) => asList(statement.Action)).sort()).toEqual([
      'kms:Decrypt',
      'kms:GenerateDataKey',
    ]);
    const expected = (uses: string[]) =>
      functionCatalogue
        .filter((entry) => uses.includes(entry.personalDataKey))
        .map((entry) => functionRoleName(prefix, entry.id))
        .sort();
    expect(principalsFor('kms:Decrypt')).toEqual(expected(['decrypt', 'generate-and-decrypt']));
    expect(principalsFor('kms:GenerateDataKey')).toEqual(expected(['generate-and-decrypt']));
    // The account can administer the key but has no kms:* on it.
    for (const statement of statements) expect(asList(statement.Action)).not.toContain('kms:*');
  });
});

describe('the queues', () => {
  const destinations = onboardedDestinations();

  it('give every onboarded destination a KMS-encrypted FIFO queue named by the directory, redriven to its dead-letter queue after 5 receives', () => {
    const queues = ofType('AWS::SQS::Queue');
    const byName = new Map(queues.map(([, queue]) => [queue.Properties?.QueueName, queue.Properties ?? {}]));
    const logicalIdOf = new Map(queues.map(([logicalId, queue]) => [queue.Properties?.QueueName, logicalId]));
    expect(DEFAULT_MAX_RECEIVE_COUNT).toBe(5);
    for (const destination of destinations) {
      const queue = byName.get(destination.queueName);
      expect(queue, destination.queueName).toBeDefined();
      expect(queue).toMatchObject({
        FifoQueue: true,
        KmsMasterKeyId: expect.anything(),
        RedrivePolicy: { maxReceiveCount: 5 },
      });
      expect((queue?.RedrivePolicy as { deadLetterTargetArn: unknown }).deadLetterTargetArn).toEqual({
        'Fn::GetAtt': [logicalIdOf.get(destination.deadLetterQueueName), 'Arn'],
      });
      expect(byName.get(destination.deadLetterQueueName)).toMatchObject({
        FifoQueue: true,
        KmsMasterKeyId: expect.anything(),
      });
    }
  });

  it('are every one KMS-encrypted, TLS-only, and either redriven or a dead-letter store with an alarm', () => {
    const queues = ofType('AWS::SQS::Queue');
    const policies = ofType('AWS::SQS::QueuePolicy').map(([, policy]) => text(policy.Properties));
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => text(alarm.Properties));
    const redriveTargets = queues.map(
      ([, queue]) =>
        text((queue.Properties?.RedrivePolicy as { deadLetterTargetArn?: unknown } | undefined)?.deadLetterTargetArn) ??
        '',
    );
    for (const [logicalId, queue] of queues) {
      expect(queue.Properties?.KmsMasterKeyId, logicalId).toBeDefined();
      expect(
        policies.some(
          (policy) =>
            policy.includes(logicalId) && policy.includes('"aws:SecureTransport":"false"') && policy.includes('"Deny"'),
        ),
        logicalId,
      ).toBe(true);
      const isDeadLetterStore = redriveTargets.some((target) => target.includes(logicalId)) || /Failed/.test(logicalId);
      if (isDeadLetterStore)
        expect(
          alarms.some((alarm) => alarm.includes(logicalId) && alarm.includes('ApproximateNumberOfMessagesVisible')),
          logicalId,
        ).toBe(true);
      else expect(queue.Properties?.RedrivePolicy, logicalId).toBeDefined();
    }
  });
});

describe('the event sources', () => {
  it('feed the stream consumers with partial batch responses, bisection, bounded retries and an on-failure queue', () => {
    const streamConsumers = functionCatalogue.filter((entry) => entry.trigger.kind === 'event-store-stream');
    const mappings = Object.values(resourcesOf(synthesised.template('Service'), 'AWS::Lambda::EventSourceMapping'));
    expect(mappings).toHaveLength(streamConsumers.length);
    for (const mapping of mappings) {
      expect(mapping.Properties).toMatchObject({
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: expect.any(Number),
        DestinationConfig: { OnFailure: { Destination: expect.anything() } },
      });
      expect(mapping.Properties?.MaximumRetryAttempts as number).toBeGreaterThan(0);
      expect(mapping.Properties?.MaximumRetryAttempts as number).toBeLessThanOrEqual(10);
      expect(text(mapping.Properties?.EventSourceArn)).toContain('StreamArn');
    }
  });

  it('feed the delivery function from every destination queue with partial batch responses and bounded pollers', () => {
    const mappings = ofType('AWS::Lambda::EventSourceMapping').filter(
      ([, mapping]) =>
        mapping.Properties?.FunctionName === `${prefix}-delivery` ||
        text(mapping.Properties?.FunctionName).includes(`function:${prefix}-delivery`),
    );
    expect(mappings).toHaveLength(onboardedDestinations().length);
    for (const [, mapping] of mappings) {
      expect(mapping.Properties).toMatchObject({
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: 2 },
      });
    }
    // The delivery function's grant to consume them (in the service stack) deploys before the mappings.
    for (const stack of synthesised.destinations) expect(stack.dependencies).toContain(synthesised.service);
  });

  it('keep a delivery failing while the store is down for half an hour before dead-lettering it, within the queues retention and SQS limits', () => {
    // The delivery function hides a failed message for longer with each receive (functions/delivery/redelivery-backoff.ts).
    const span = outageSurvivedSeconds(DEFAULT_MAX_RECEIVE_COUNT, CLOUD_REDELIVERY_BACKOFF);
    expect(span).toBeGreaterThanOrEqual(30 * 60);
    const hidden = Array.from({ length: DEFAULT_MAX_RECEIVE_COUNT }, (_, index) =>
      hiddenAfterFailure(index + 1, CLOUD_REDELIVERY_BACKOFF),
    );
    const onQueue = hidden.reduce((sum, seconds) => sum + seconds, 0);
    for (const seconds of hidden) expect(seconds).toBeLessThanOrEqual(SQS_MAX_VISIBILITY_SECONDS);
    const byName = new Map(
      ofType('AWS::SQS::Queue').map(([, queue]) => [queue.Properties?.QueueName, queue.Properties ?? {}]),
    );
    for (const destination of onboardedDestinations()) {
      const queue = byName.get(destination.queueName) ?? {};
      // Five receives at the queue's own visibility timeout would not span the outage the backoff does.
      expect(DEFAULT_MAX_RECEIVE_COUNT * Number(queue.VisibilityTimeout)).toBeLessThan(span);
      expect(Number(queue.MessageRetentionPeriod)).toBeGreaterThan(onQueue);
    }
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => text(alarm.Properties));
    expect(alarms.some((alarm) => alarm.includes(`deliveries over ${Math.round(span / 60)} minutes`))).toBe(true);
  });

  it('run the timers every five minutes, with a dead-letter queue for failed runs', () => {
    synthesised
      .template('Service')
      .hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(5 minutes)', State: 'ENABLED' });
    synthesised.template('Service').hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: `${prefix}-timers`,
      DeadLetterConfig: { TargetArn: Match.anyValue() },
    });
  });
});

describe('the functions', () => {
  const functions = () => Object.values(resourcesOf(synthesised.template('Service'), 'AWS::Lambda::Function'));

  it('are one per catalogue entry: newest Node.js, ARM64, traced, JSON logs into their own encrypted log group', () => {
    expect(
      functions()
        .map((fn) => fn.Properties?.FunctionName)
        .sort(),
    ).toEqual(functionCatalogue.map((entry) => `${prefix}-${entry.id}`).sort());
    for (const fn of functions()) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON', LogGroup: expect.anything() },
      });
    }
    for (const [, group] of ofType('AWS::Logs::LogGroup'))
      expect(group.Properties).toMatchObject({ RetentionInDays: 365, KmsKeyId: expect.anything() });
  });

  it('get exactly the configuration readServiceConfig reads, and it passes', () => {
    for (const fn of functions()) {
      const variables = (fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
      const resolved = Object.fromEntries(
        Object.entries(variables).map(([name, value]) => [
          name,
          typeof value === 'string' ? value : 'https://resolved-at-deploy.invalid/',
        ]),
      );
      const config = readServiceConfig(resolved);
      expect(config.KEY_PROVIDER).toBe('kms');
      expect(
        Object.keys(variables)
          .filter((name) => !/^(POWERTOOLS_|LOG_LEVEL$|NODE_OPTIONS$)/.test(name))
          .sort(),
      ).toEqual(
        Object.keys(config)
          .filter((name) => name !== 'AWS_REGION')
          .sort(),
      );
      expect(variables).not.toHaveProperty('LOCAL_MASTER_KEY');
      expect(variables).not.toHaveProperty('DYNAMODB_ENDPOINT');
    }
  });

  it('reserve concurrency as the catalogue says', () => {
    for (const entry of functionCatalogue) {
      const fn = functions().find((candidate) => candidate.Properties?.FunctionName === `${prefix}-${entry.id}`);
      expect(fn?.Properties?.ReservedConcurrentExecutions).toBe(entry.reservedConcurrency);
    }
  });
});

describe('the IAM grants', () => {
  it('never combine a wildcard action with a wildcard resource, and every role has only its managed policy', () => {
    const statements = [...ofType('AWS::IAM::ManagedPolicy'), ...ofType('AWS::IAM::Policy')].flatMap(([, policy]) =>
      asList((policy.Properties?.PolicyDocument as { Statement: PolicyStatementJson[] }).Statement),
    );
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      for (const action of asList(statement.Action)) expect(action).not.toMatch(/\*/);
      const resources = asList(statement.Resource as unknown[]);
      // Only actions without resource-level permissions: X-Ray's, and the health probe's SES call (held to the region).
      if (resources.includes('*')) {
        const actions = asList(statement.Action).sort();
        if (actions.includes('ses:ListEmailTemplates'))
          expect(statement).toMatchObject({
            Action: 'ses:ListEmailTemplates',
            Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-2' } },
          });
        else expect(actions).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
      }
    }
    expect(ofType('AWS::IAM::Policy').filter(([, policy]) => text(policy.Properties).includes('function'))).toEqual([]);
    for (const [, role] of ofType('AWS::IAM::Role')) expect(role.Properties?.ManagedPolicyArns).toBeUndefined();
  });

  it('keep the event store and the access audit append-only: nobody may update or delete an event or an audit record', () => {
    for (const entry of functionCatalogue) {
      for (const table of [eventStoreTable, auditTable]) {
        const actions = actionsOn(entry.id, tableMarker(table.logicalName));
        expect(
          actions.filter((action) => /UpdateItem|DeleteItem|BatchWriteItem/.test(action)),
          `${entry.id} on ${table.logicalName}`,
        ).toEqual([]);
      }
    }
  });

  it('let nobody delete or update a data key item (erasure overwrites it with a tombstone)', () => {
    for (const entry of functionCatalogue) {
      const actions = actionsOn(entry.id, tableMarker(keyTable.logicalName));
      expect(
        actions.filter((action) => /DeleteItem|UpdateItem|BatchWriteItem/.test(action)),
        entry.id,
      ).toEqual([]);
    }
  });

  it('give each function exactly the table actions its code sends, and no others', () => {
    const R = ['dynamodb:GetItem', 'dynamodb:Query'];
    const P = ['dynamodb:PutItem'];
    const U = ['dynamodb:UpdateItem'];
    const D = ['dynamodb:DeleteItem'];
    // Read off each function's code (its composition and what it calls); the catalogue must produce exactly this.
    const expected: Record<string, Partial<Record<string, string[]>>> = {
      // The router also keeps the referrer links' service key (wrapped, in the keys table).
      router: { events: [...R, ...P], keys: [...R, ...P], idempotency: [...P, ...U, ...D], 'read-models': R },
      delivery: { events: [...R, ...P], keys: R },
      projector: { events: R, keys: [...R, ...P], 'read-models': [...R, ...P, ...U, ...D] },
      'directory-projection': { 'read-models': P },
      timers: { events: [...R, ...P], keys: R, 'read-models': [...R, ...P] },
      // Every function that checks a token reads the revocations (functions/people/revocations.ts).
      referrals: {
        events: [...R, ...P],
        keys: [...R, ...P],
        audit: P,
        idempotency: [...R, ...P, ...U],
        'read-models': R,
        revocations: R,
      },
      'case-commands': { events: [...R, ...P], keys: [...R, ...P], audit: P, revocations: R },
      'triage-queues': { 'read-models': R, audit: P, revocations: R },
      // An analyst's extract is kept (a conditional put) beside the read models.
      statistics: { 'read-models': [...R, ...P], audit: P, revocations: R },
      administration: { events: [...R, ...P], 'read-models': R, audit: P, revocations: [...R, ...P] },
      oversight: { events: R, keys: R, 'read-models': R, audit: [...R, ...P], revocations: R },
      platform: { revocations: R },
      web: {
        events: [...R, ...P],
        keys: [...R, ...P],
        'read-models': R,
        // The access audit pages read it (by case, and by person through its index), as oversight does.
        audit: [...R, ...P],
        idempotency: [...R, ...P, ...U],
        'web-sessions': [...R, ...P, ...D],
        // The people pages revoke a removed person's tokens, as the administration function does.
        revocations: [...R, ...P],
      },
    };
    expect(Object.keys(expected).sort()).toEqual(functionCatalogue.map((entry) => entry.id).sort());
    for (const entry of functionCatalogue) {
      for (const definition of tableDefinitions) {
        const actions = new Set(
          actionsOn(entry.id, tableMarker(definition.logicalName)).filter((action) =>
            /^dynamodb:(GetItem|Query|Put|Update|Delete|Batch|Scan)/.test(action),
          ),
        );
        expect([...actions].sort(), `${entry.id} on ${definition.logicalName}`).toEqual(
          [...(expected[entry.id]?.[definition.logicalName] ?? [])].sort(),
        );
      }
    }
  });

  it('let functions query only the indexes they use', () => {
    const indexActions = (functionId: string) =>
      statementsOf(functionId)
        .filter((statement) => text(statement.Resource).includes('/index/'))
        .flatMap((statement) =>
          [...text(statement.Resource).matchAll(/index\/([a-z-]+)/g)].map(
            (index) => `${asList(statement.Action).join(',')} ${index[1]}`,
          ),
        )
        .sort();
    for (const entry of functionCatalogue) {
      const expected =
        {
          timers: ['dynamodb:Query by-due-date'],
          'triage-queues': ['dynamodb:Query by-queue-order'],
          // A change to the directory is previewed with the open cases an organisation holds (a count).
          administration: ['dynamodb:Query by-queue-order'],
          // The pages: the triage queue, and a person's access audit (oversight's pages).
          web: ['dynamodb:Query by-queue-order', 'dynamodb:Query by-user'],
          oversight: ['dynamodb:Query by-user'],
        }[entry.id as string] ?? [];
      expect(indexActions(entry.id), entry.id).toEqual(expected);
    }
  });

  it('let the router and the administrators (API and pages), and only they, ask for destination queue URLs, on destination queue names only', () => {
    for (const entry of functionCatalogue) {
      const lookups = statementsOf(entry.id).filter((statement) =>
        asList(statement.Action).includes('sqs:GetQueueUrl'),
      );
      if (!['router', 'administration', 'web'].includes(entry.id)) {
        expect(lookups, entry.id).toEqual([]);
        continue;
      }
      expect(lookups).toHaveLength(1);
      expect(text(lookups[0]?.Resource)).toMatch(/:sqs:eu-west-2:000000000000:prevent-\*\.fifo"\]\]\}$/);
      // The router's statement on the same pattern also sends (see below); nothing else is asked of it.
      expect(asList(lookups[0]?.Action).sort()).toEqual(
        entry.id === 'router' ? ['sqs:GetQueueUrl', 'sqs:SendMessage'] : ['sqs:GetQueueUrl'],
      );
    }
    for (const destination of onboardedDestinations()) expect(destination.queueName).toMatch(/^prevent-.+\.fifo$/);
  });

  it('let only the platform function probe health: DescribeTable on every table, one queue, SES templates in this region', () => {
    const probes = ['dynamodb:DescribeTable', 'sqs:GetQueueAttributes', 'ses:ListEmailTemplates'];
    for (const entry of functionCatalogue) {
      // The delivery function's consumption of its queues includes GetQueueAttributes (the event source mapping needs it): not a probe.
      const held = statementsOf(entry.id).filter(
        (statement) =>
          asList(statement.Action).some((action) => probes.includes(action)) &&
          !asList(statement.Action).includes('sqs:ReceiveMessage'),
      );
      if (entry.id !== 'platform') {
        expect(held, entry.id).toEqual([]);
        continue;
      }
      const describe = held.find((statement) => asList(statement.Action).includes('dynamodb:DescribeTable'));
      expect(asList(describe?.Action)).toEqual(['dynamodb:DescribeTable']);
      expect(asList(describe?.Resource as unknown[])).toHaveLength(tableDefinitions.length);
      for (const definition of tableDefinitions)
        expect(text(describe?.Resource)).toContain(tableMarker(definition.logicalName));
      const queue = held.find((statement) => asList(statement.Action).includes('sqs:GetQueueAttributes'));
      expect(asList(queue?.Action)).toEqual(['sqs:GetQueueAttributes']);
      expect(text(queue?.Resource)).toMatch(/:sqs:eu-west-2:000000000000:prevent-national-triage\.fifo"/);
      const mail = held.find((statement) => asList(statement.Action).includes('ses:ListEmailTemplates'));
      expect(mail).toMatchObject({
        Action: 'ses:ListEmailTemplates',
        Resource: '*',
        Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-2' } },
      });
    }
  });

  it('let only the router send to destination queues and mail, and only the delivery function consume them, never their dead letters', () => {
    const onPattern = (entry: string, effect: 'Allow' | 'Deny', pattern: string) =>
      statementsOf(entry)
        .filter(
          (statement) =>
            (statement.Effect ?? 'Allow') === effect && text(statement.Resource).endsWith(`:${pattern}"]]}`),
        )
        .flatMap((statement) => asList(statement.Action))
        .filter((action) => action !== 'sqs:GetQueueUrl')
        .sort();
    const destination = onboardedDestinations()[0];
    if (!destination) throw new Error('no destinations');
    const queueMarker = destination.queueName.replace(/[^A-Za-z0-9]/g, '').slice(0, 30);
    for (const entry of functionCatalogue) {
      const expected =
        entry.id === 'router'
          ? ['sqs:SendMessage']
          : entry.id === 'delivery'
            ? ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage']
            : [];
      expect(onPattern(entry.id, 'Allow', 'prevent-*.fifo'), entry.id).toEqual(expected);
      expect(onPattern(entry.id, 'Deny', 'prevent-*-dlq.fifo'), entry.id).toEqual(expected);
      // No grant names one destination's queue: one statement covers them all, however many are onboarded.
      expect(actionsOn(entry.id, queueMarker), entry.id).toEqual([]);
      const mail = statementsOf(entry.id)
        .flatMap((statement) => asList(statement.Action))
        .includes('ses:SendEmail');
      expect(mail, entry.id).toBe(entry.id === 'router');
    }
  });

  it('let the stream consumers, and only they, read the event store stream', () => {
    for (const entry of functionCatalogue) {
      const readsStream = statementsOf(entry.id).some((statement) =>
        asList(statement.Action).includes('dynamodb:GetRecords'),
      );
      expect(readsStream, entry.id).toBe(entry.trigger.kind === 'event-store-stream');
    }
  });
});

describe('the HTTP API', () => {
  it('has the JWT authorizer (the Cognito user pool and its client) on every route but the public ones', () => {
    const template = synthesised.template('Service');
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Audience: [Match.anyValue()], Issuer: Match.anyValue() },
    });
    const routes = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Route')).map(
      (route) => route.Properties ?? {},
    );
    const expected = catalogueRoutes();
    expect(routes.map((route) => route.RouteKey).sort()).toEqual(
      expected.map(({ route }) => `${route.method} ${route.path}`).sort(),
    );
    for (const { route } of expected) {
      const deployed = routes.find((candidate) => candidate.RouteKey === `${route.method} ${route.path}`);
      if (route.access === 'public')
        expect(deployed?.AuthorizationType ?? 'NONE', deployed?.RouteKey as string).toBe('NONE');
      else
        expect(deployed, deployed?.RouteKey as string).toMatchObject({
          AuthorizationType: 'JWT',
          AuthorizerId: expect.anything(),
        });
    }
  });

  it('logs access and throttles, the public form more tightly', () => {
    synthesised.template('Service').hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('routeKey') },
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
      RouteSettings: { 'POST /referrals': { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 } },
    });
  });
});

describe('sign-in', () => {
  it('requires MFA, has a group per role and an organisation attribute nobody can change about themselves', () => {
    const template = synthesised.template('Service');
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      Schema: Match.arrayWith([Match.objectLike({ Name: 'organisation', AttributeDataType: 'String' })]),
    });
    const groups = Object.values(resourcesOf(template, 'AWS::Cognito::UserPoolGroup')).map(
      (group) => group.Properties?.GroupName,
    );
    expect(groups.sort()).toEqual(Role.options.filter((role) => role !== 'system').sort());
    const client = Object.values(resourcesOf(template, 'AWS::Cognito::UserPoolClient'))[0]?.Properties ?? {};
    expect(client.ReadAttributes).toContain('custom:organisation');
    expect(client.WriteAttributes).not.toContain('custom:organisation');
  });

  it("has hosted sign-in pages on the context's domain prefix and the stage", () => {
    const domains = Object.values(resourcesOf(synthesised.template('Service'), 'AWS::Cognito::UserPoolDomain'));
    expect(domains).toHaveLength(1);
    expect(domains[0]?.Properties).toMatchObject({
      Domain: 'prevent-referrals-example-production',
      UserPoolId: { Ref: expect.stringMatching(/UserPool/) },
    });
  });

  it('has one app client: the authorisation code flow without a secret (PKCE), back to the web pages, asking for openid, email and profile', () => {
    const clients = Object.values(resourcesOf(synthesised.template('Service'), 'AWS::Cognito::UserPoolClient'));
    expect(clients).toHaveLength(1);
    const client = clients[0]?.Properties ?? {};
    expect(client).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      SupportedIdentityProviders: ['COGNITO'],
    });
    expect((client.AllowedOAuthScopes as string[]).sort()).toEqual(['email', 'openid', 'profile']);
    // No publicBaseUrl in cdk.json: the pages are served at the HTTP API's own address.
    expect(text(client.CallbackURLs)).toMatch(/Api.*\/sign-in\/callback"\]\]\}\]$/);
    expect(text(client.LogoutURLs)).toMatch(/\/signed-out"\]\]\}\]$/);
    expect(asList(client.CallbackURLs as unknown[])).toHaveLength(1);
  });

  it('calls back to the public address when the context sets one', () => {
    const withAddress = synthesiseServiceApp({
      context: { publicBaseUrl: 'https://prevent-referrals.example.gov.uk/' },
      nag: false,
    });
    const client =
      Object.values(resourcesOf(withAddress.template('Service'), 'AWS::Cognito::UserPoolClient'))[0]?.Properties ?? {};
    expect(client).toMatchObject({
      CallbackURLs: ['https://prevent-referrals.example.gov.uk/sign-in/callback'],
      LogoutURLs: ['https://prevent-referrals.example.gov.uk/signed-out'],
    });
  }, 120_000);

  it('gives the functions the pool, the client and the hosted domain, and the API accepts tokens of that pool and client', () => {
    const template = synthesised.template('Service');
    const [poolId] = Object.keys(resourcesOf(template, 'AWS::Cognito::UserPool'));
    const [clientId] = Object.keys(resourcesOf(template, 'AWS::Cognito::UserPoolClient'));
    const [domainId] = Object.keys(resourcesOf(template, 'AWS::Cognito::UserPoolDomain'));
    const web = Object.values(resourcesOf(template, 'AWS::Lambda::Function')).find(
      (fn) => fn.Properties?.FunctionName === `${prefix}-web`,
    );
    const variables = (web?.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(variables.COGNITO_USER_POOL_ID).toEqual({ Ref: poolId });
    expect(variables.COGNITO_CLIENT_ID).toEqual({ Ref: clientId });
    expect(text(variables.COGNITO_DOMAIN)).toContain(domainId);
    expect(text(variables.COGNITO_DOMAIN)).toMatch(/https:\/\/.*\.auth\.eu-west-2\.amazoncognito\.com/);
    const authorizers = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Authorizer'));
    expect(authorizers).toHaveLength(1);
    const jwt = authorizers[0]?.Properties?.JwtConfiguration as { Audience: unknown[]; Issuer: unknown };
    expect(jwt.Audience).toEqual([{ Ref: clientId }]);
    expect(text(jwt.Issuer)).toContain('cognito-idp.eu-west-2');
    expect(text(jwt.Issuer)).toContain(poolId);
  });
});

describe('mail and alarms', () => {
  it('send mail from the context domain through a configuration set that requires TLS', () => {
    const template = synthesised.template('Service');
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'prevent-referrals.example.gov.uk',
      ConfigurationSetAttributes: Match.anyValue(),
    });
    template.hasResourceProperties('AWS::SES::ConfigurationSet', { DeliveryOptions: { TlsPolicy: 'REQUIRE' } });
  });

  it('alarm on undelivered referrals in the namespace and service the functions emit them with', () => {
    const fn = Object.values(resourcesOf(synthesised.template('Service'), 'AWS::Lambda::Function')).find(
      (candidate) => candidate.Properties?.FunctionName === `${prefix}-delivery`,
    );
    const variables = (fn?.Properties?.Environment as { Variables: Record<string, string> }).Variables;
    synthesised.template('Monitoring').hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: UNDELIVERED_METRIC,
      Namespace: variables.POWERTOOLS_METRICS_NAMESPACE,
      Dimensions: [{ Name: 'service', Value: variables.POWERTOOLS_SERVICE_NAME }],
      AlarmActions: [Match.anyValue()],
    });
  });

  it('alarm on iterator age, server errors and throttles, to an encrypted topic', () => {
    const monitoring = synthesised.template('Monitoring');
    monitoring.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    for (const entry of functionCatalogue.filter((candidate) => candidate.trigger.kind === 'event-store-stream')) {
      monitoring.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'IteratorAge',
        Dimensions: [{ Name: 'FunctionName', Value: Match.anyValue() }],
        AlarmDescription: Match.stringLikeRegexp(entry.id),
      });
    }
    monitoring.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: Match.arrayWith([Match.objectLike({ Expression: Match.stringLikeRegexp('errors') })]),
    });
    const throttles = Object.values(resourcesOf(monitoring, 'AWS::CloudWatch::Alarm')).filter(
      (alarm) => alarm.Properties?.MetricName === 'Throttles',
    );
    expect(throttles).toHaveLength(functionCatalogue.length);
    for (const [, alarm] of ofType('AWS::CloudWatch::Alarm'))
      expect(asList(alarm.Properties?.AlarmActions as unknown[]).length).toBe(1);
  });
});
