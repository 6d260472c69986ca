// The role an operator assumes to run `npm run dead-letters -- --cloud` against a deployed stage:
// exactly the calls that command sends (functions/delivery/dead-letters.ts, local/dead-letters-cli.ts)
// and nothing else. Anyone in the account who is allowed sts:AssumeRole on it may assume it, with MFA,
// for an hour at most.
//
// The queue grants sit in each queue's own resource policy (letDeadLetterOperatorHandle, called by
// the destination stacks that make the queues): written into the role, the ARNs of the 43 police
// queues and their dead-letter queues alone would pass IAM's 6,144 characters of a managed policy.
// The role's own policy holds the rest: the redrive's record in the access audit (PutItem, no read)
// and the messaging key the queues are encrypted with. Nothing reads the event store or the keys:
// in the cloud the command lists and redrives destination dead letters only (stream records set
// aside by the router or the projector are handled by hand, docs/runbook.md).
import { Arn, ArnFormat, CfnOutput, Duration, type Stack } from 'aws-cdk-lib';
import { AccountRootPrincipal, ArnPrincipal, ManagedPolicy, PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';
import { type Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { auditTable } from '../../functions/tables/table-definitions.js';
import { type DeploymentSettings } from '../deployment-settings.js';
import { tableGrantStatements } from '../table-grants.js';
import { type DataStack } from '../stacks/data-stack.js';

/** On a dead-letter queue: find it, count, look at (receive, then make visible again), delete once redriven. */
export const DEAD_LETTER_QUEUE_ACTIONS = [
  'sqs:GetQueueUrl',
  'sqs:GetQueueAttributes',
  'sqs:ReceiveMessage',
  'sqs:ChangeMessageVisibility',
  'sqs:DeleteMessage',
];
/** On the destination queue a dead letter is redriven to: find it, send the message back. */
export const REDRIVE_TARGET_ACTIONS = ['sqs:GetQueueUrl', 'sqs:SendMessage'];
/** The queues are encrypted with the messaging key: receiving decrypts, sending makes a data key. */
export const MESSAGING_KEY_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey'];
export const OPERATOR_SESSION = Duration.hours(1);

export function deadLetterOperatorRoleName(servicePrefix: string): string {
  return `${servicePrefix}-dead-letter-operator`;
}

function deadLetterOperatorArn(stack: Stack, settings: DeploymentSettings): string {
  return Arn.format(
    {
      service: 'iam',
      region: '',
      account: settings.account,
      resource: 'role',
      resourceName: deadLetterOperatorRoleName(settings.servicePrefix),
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    },
    stack,
  );
}

export interface DeadLetterOperatorProps {
  settings: DeploymentSettings;
  data: DataStack;
}

export class DeadLetterOperator extends Construct {
  readonly role: Role;

  constructor(scope: Construct, id: string, props: DeadLetterOperatorProps) {
    super(scope, id);
    const { settings, data } = props;
    this.role = new Role(this, 'Role', {
      roleName: deadLetterOperatorRoleName(settings.servicePrefix),
      description: 'Operators list, show and redrive dead letters: npm run dead-letters -- --cloud (docs/runbook.md)',
      assumedBy: new AccountRootPrincipal().withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
      maxSessionDuration: OPERATOR_SESSION,
    });
    new ManagedPolicy(this, 'Policy', {
      description: "The dead-letter operator's redrive audit and the queues' key; the queues grant the rest",
      roles: [this.role],
      statements: [
        ...tableGrantStatements({ table: auditTable, access: ['put'] }, data.table(auditTable), data.tableKey),
        new PolicyStatement({ actions: MESSAGING_KEY_ACTIONS, resources: [data.messagingKey.keyArn] }),
      ],
    });
    new CfnOutput(scope, 'DeadLetterOperatorRoleArn', {
      value: this.role.roleArn,
      description: 'Assume it (with MFA) to run npm run dead-letters -- --cloud (docs/runbook.md)',
    });
  }
}

/** Lets the dead-letter operator (by its fixed role name) handle this destination's dead letters and redrive them. */
export function letDeadLetterOperatorHandle(
  stack: Stack,
  settings: DeploymentSettings,
  queues: { queue: Queue; deadLetterQueue: Queue },
): void {
  const operator = new ArnPrincipal(deadLetterOperatorArn(stack, settings));
  queues.deadLetterQueue.addToResourcePolicy(
    new PolicyStatement({
      principals: [operator],
      actions: DEAD_LETTER_QUEUE_ACTIONS,
      resources: [queues.deadLetterQueue.queueArn],
    }),
  );
  queues.queue.addToResourcePolicy(
    new PolicyStatement({
      principals: [operator],
      actions: REDRIVE_TARGET_ACTIONS,
      resources: [queues.queue.queueArn],
    }),
  );
}
