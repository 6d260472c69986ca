// The dead-letter operator's role is exactly what `npm run dead-letters -- --cloud` sends: assumed
// with MFA by the account's own principals for an hour at most; the queues' actions on each
// destination's dead-letter queue and its redrive target only, by their own resource policies; a put
// on the access audit; the messaging key. No wildcard, no event store, no personal-data key.
import { describe, expect, it } from 'vitest';
import { onboardedDestinations } from '../../infra/destinations.js';
import { asList, type PolicyStatementJson, resourcesOf, synthesisedForFile } from './synthesised-app.js';

const app = synthesisedForFile();

const roleName = 'prevent-production-dead-letter-operator';
const text = (value: unknown) => JSON.stringify(value);
const statementsOf = (document: unknown) => asList((document as { Statement: PolicyStatementJson[] }).Statement);

function operatorRole() {
  const roles = Object.entries(resourcesOf(app().template('Service'), 'AWS::IAM::Role')).filter(
    ([, role]) => role.Properties?.RoleName === roleName,
  );
  expect(roles).toHaveLength(1);
  const [logicalId, role] = roles[0] as (typeof roles)[number];
  return { logicalId, properties: role.Properties ?? {} };
}

/** Every queue policy statement naming the operator, with the queue's name; and its key actions. */
function operatorQueueGrants(): { queue: string; actions: string[]; resource: unknown }[] {
  const grants: { queue: string; actions: string[]; resource: unknown }[] = [];
  for (const [stackId, template] of app().templates) {
    const queues = resourcesOf(template, 'AWS::SQS::Queue');
    for (const policy of Object.values(resourcesOf(template, 'AWS::SQS::QueuePolicy'))) {
      for (const statement of statementsOf(policy.Properties?.PolicyDocument)) {
        if (!text(statement).includes(roleName)) continue;
        const queueLogicalId = (statement.Resource as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
        const queueName = queues[queueLogicalId]?.Properties?.QueueName;
        expect(queueName, `${stackId} ${queueLogicalId}`).toBeTypeOf('string');
        expect(statement.Effect).toBe('Allow');
        expect(text(asList(policy.Properties?.Queues as unknown[]))).toBe(text([{ Ref: queueLogicalId }]));
        grants.push({
          queue: queueName as string,
          actions: asList(statement.Action).sort(),
          resource: statement.Resource,
        });
      }
    }
  }
  return grants;
}

describe('the dead-letter operator role', () => {
  it('is assumed by principals of this account that are given it, only with MFA, for an hour at most', () => {
    const { properties } = operatorRole();
    expect(properties.MaxSessionDuration).toBe(3600);
    expect(properties.AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::000000000000:root']] } },
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
      ],
    });
    expect(properties.Policies).toBeUndefined();
    expect(properties.ManagedPolicyArns).toBeUndefined();
  });

  it('may put on the access audit and use the table and messaging keys, and nothing else of its own', () => {
    const { logicalId } = operatorRole();
    const policies = [...app().templates.values()].flatMap((template) =>
      Object.values(resourcesOf(template, 'AWS::IAM::ManagedPolicy')).filter((policy) =>
        asList(policy.Properties?.Roles as unknown[]).some(
          (role) => role === roleName || text(role) === text({ Ref: logicalId }),
        ),
      ),
    );
    expect(policies).toHaveLength(1);
    const granted = statementsOf(policies[0]?.Properties?.PolicyDocument).map((statement) => ({
      effect: statement.Effect,
      actions: asList(statement.Action).sort(),
      resource: text(statement.Resource),
      condition: statement.Condition,
    }));
    const exportOf = (marker: string) => expect.stringMatching(new RegExp(`^\\{"Fn::ImportValue":"[^"]*${marker}`));
    expect(granted).toEqual([
      { effect: 'Allow', actions: ['dynamodb:PutItem'], resource: exportOf('Tableaudit'), condition: undefined },
      {
        effect: 'Allow',
        actions: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
        resource: exportOf('TableKey'),
        condition: undefined,
      },
      {
        effect: 'Allow',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resource: exportOf('MessagingKey'),
        condition: undefined,
      },
    ]);
  });

  it("handles every destination's dead-letter queue, and sends only to the queue a dead letter is redriven to", () => {
    const grants = operatorQueueGrants();
    const expected = onboardedDestinations().flatMap((destination) => [
      {
        queue: destination.deadLetterQueueName,
        actions: [
          'sqs:ChangeMessageVisibility',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
          'sqs:ReceiveMessage',
        ],
      },
      { queue: destination.queueName, actions: ['sqs:GetQueueUrl', 'sqs:SendMessage'] },
    ]);
    const byQueue = (a: { queue: string }, b: { queue: string }) => a.queue.localeCompare(b.queue);
    expect(grants.map(({ queue, actions }) => ({ queue, actions })).sort(byQueue)).toEqual(expected.sort(byQueue));
  });

  it('names no wildcard, and nothing of the event store, the keys table, the personal-data key or the stream failure queues', () => {
    const { logicalId } = operatorRole();
    const everything = [...app().templates.values()]
      .flatMap((template) => [
        ...Object.values(resourcesOf(template, 'AWS::IAM::ManagedPolicy')),
        ...Object.values(resourcesOf(template, 'AWS::SQS::QueuePolicy')),
        ...Object.values(resourcesOf(template, 'AWS::KMS::Key')),
      ])
      .flatMap((resource) =>
        statementsOf(resource.Properties?.PolicyDocument ?? resource.Properties?.KeyPolicy ?? { Statement: [] }),
      )
      .filter(
        (statement) =>
          text(statement).includes(roleName) ||
          text(statement).includes(logicalId) ||
          text(statement).includes('DeadLetterOperator'),
      );
    expect(everything.length).toBeGreaterThan(0);
    for (const statement of everything) {
      for (const action of asList(statement.Action)) expect(action).not.toContain('*');
      expect(text(statement.Resource)).not.toMatch(/"\*"|Tableevents|Tablekeys|PersonalDataKey|Failed/);
    }
  });

  it('is given to the operator as an output of the service stack', () => {
    const { logicalId } = operatorRole();
    app()
      .template('Service')
      .hasOutput('DeadLetterOperatorRoleArn', {
        Value: { 'Fn::GetAtt': [logicalId, 'Arn'] },
      });
  });
});
