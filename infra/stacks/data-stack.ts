// The stateful part of the service: the five DynamoDB tables declared from the shared table
// definitions, and the customer-managed KMS keys (tables, personal data, messaging, logs). In
// production everything here survives a `cdk destroy` (RETAIN, deletion protection).
import { Arn, ArnFormat, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { AccountRootPrincipal, Effect, PolicyDocument, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { type Construct } from 'constructs';
import {
  type AttributeType as DefinitionAttributeType,
  type TableDefinition,
  tableDefinitions,
  tableName,
} from '../../functions/tables/table-definitions.js';
import { type DeploymentSettings } from '../deployment-settings.js';
import { type FunctionEntry } from '../function-catalogue.js';
import { functionRoleName } from '../function-names.js';

export interface DataStackProps extends StackProps {
  settings: DeploymentSettings;
  catalogue: readonly FunctionEntry[];
}

const attributeTypes: Record<DefinitionAttributeType, AttributeType> = {
  S: AttributeType.STRING,
  N: AttributeType.NUMBER,
  B: AttributeType.BINARY,
};
const streamViews = {
  NEW_IMAGE: StreamViewType.NEW_IMAGE,
  NEW_AND_OLD_IMAGES: StreamViewType.NEW_AND_OLD_IMAGES,
} as const;

/** What the account's administrators may do with a key: manage it, never use it. */
export const KEY_ADMINISTRATION_ACTIONS = [
  'kms:Create*',
  'kms:Describe*',
  'kms:Enable*',
  'kms:List*',
  'kms:Put*',
  'kms:Update*',
  'kms:Revoke*',
  'kms:Disable*',
  'kms:Get*',
  'kms:Delete*',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
  'kms:RotateKeyOnDemand',
];

export class DataStack extends Stack {
  readonly tables = new Map<string, Table>();
  /** Encrypts the tables at rest. */
  readonly tableKey: Key;
  /** Wraps each referral's data key (envelope encryption); usable only by the catalogue's event-store functions. */
  readonly personalDataKey: Key;
  /** Encrypts the queues and the alarm topic. */
  readonly messagingKey: Key;
  /** Encrypts the log groups. */
  readonly logKey: Key;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const removalPolicy = settings.isProduction ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const keyDefaults = { enableKeyRotation: true, removalPolicy, pendingWindow: Duration.days(30) };

    this.tableKey = new Key(this, 'TableKey', {
      ...keyDefaults,
      alias: `alias/${settings.servicePrefix}/tables`,
      description: 'Encrypts the DynamoDB tables at rest',
    });
    this.personalDataKey = new Key(this, 'PersonalDataKey', {
      ...keyDefaults,
      alias: `alias/${settings.servicePrefix}/personal-data`,
      description: "Wraps each referral's data key (envelope encryption of personal data)",
      policy: personalDataKeyPolicy(this, settings, props.catalogue),
    });
    this.messagingKey = new Key(this, 'MessagingKey', {
      ...keyDefaults,
      alias: `alias/${settings.servicePrefix}/messaging`,
      description: 'Encrypts the SQS queues and the alarm topic',
    });
    // CloudWatch publishes alarm notifications to the encrypted topic.
    this.messagingKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublishToTheEncryptedTopic',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': settings.account } },
      }),
    );
    this.logKey = new Key(this, 'LogKey', {
      ...keyDefaults,
      alias: `alias/${settings.servicePrefix}/logs`,
      description: 'Encrypts the CloudWatch log groups',
    });
    this.logKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowCloudWatchLogsForThisAccountsLogGroups',
        principals: [new ServicePrincipal(`logs.${settings.region}.amazonaws.com`)],
        actions: [
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:ReEncryptFrom',
          'kms:ReEncryptTo',
          'kms:GenerateDataKey',
          'kms:DescribeKey',
        ],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${this.partition}:logs:${settings.region}:${settings.account}:log-group:*`,
          },
        },
      }),
    );

    for (const definition of tableDefinitions) {
      this.tables.set(definition.logicalName, this.declareTable(definition, settings, removalPolicy));
    }
  }

  table(definition: TableDefinition): Table {
    const table = this.tables.get(definition.logicalName);
    if (!table) throw new Error(`the data stack has no table ${definition.logicalName}`);
    return table;
  }

  private declareTable(definition: TableDefinition, settings: DeploymentSettings, removalPolicy: RemovalPolicy): Table {
    const key = (attribute: { name: string; type: DefinitionAttributeType }) => ({
      name: attribute.name,
      type: attributeTypes[attribute.type],
    });
    const table = new Table(this, `Table-${definition.logicalName}`, {
      tableName: tableName(settings.servicePrefix, definition),
      partitionKey: key(definition.partitionKey),
      ...(definition.sortKey ? { sortKey: key(definition.sortKey) } : {}),
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.tableKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: settings.isProduction,
      removalPolicy,
      ...(definition.stream ? { stream: streamViews[definition.stream] } : {}),
      ...(definition.timeToLiveAttribute ? { timeToLiveAttribute: definition.timeToLiveAttribute } : {}),
    });
    for (const index of definition.globalIndexes ?? []) {
      table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: key(index.partitionKey),
        ...(index.sortKey ? { sortKey: key(index.sortKey) } : {}),
        projectionType: index.projection === 'ALL' ? ProjectionType.ALL : ProjectionType.KEYS_ONLY,
      });
    }
    Validations.of(table).acknowledge({
      id: 'NIST.800.53.R5-DynamoDBInBackupPlan',
      reason:
        'Point-in-time recovery (35 days) is the backup. A longer AWS Backup retention would keep deleted data keys, and so erased personal data, recoverable beyond the 35 days the erasure policy promises (docs/decisions/0008-infrastructure.md).',
    });
    return table;
  }
}

/**
 * The personal-data key's policy: the account may administer the key but not use it; only the
 * roles of the catalogue's functions that read or write the event store may unwrap data keys, and
 * only those that start new streams may generate them. The roles are named by ARN (fixed role
 * names), matched with aws:PrincipalArn so the policy is valid before the roles exist.
 */
function personalDataKeyPolicy(
  stack: Stack,
  settings: DeploymentSettings,
  catalogue: readonly FunctionEntry[],
): PolicyDocument {
  const roleArn = (entry: FunctionEntry) =>
    Arn.format(
      {
        service: 'iam',
        region: '',
        account: settings.account,
        resource: 'role',
        resourceName: functionRoleName(settings.servicePrefix, entry.id),
        arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      },
      stack,
    );
  const decrypters = catalogue.filter((entry) => entry.personalDataKey !== 'none').map(roleArn);
  const generators = catalogue.filter((entry) => entry.personalDataKey === 'generate-and-decrypt').map(roleArn);
  const account = new AccountRootPrincipal();
  const statements = [
    new PolicyStatement({
      sid: 'AccountAdministersButDoesNotUseTheKey',
      principals: [account],
      actions: KEY_ADMINISTRATION_ACTIONS,
      resources: ['*'],
    }),
  ];
  if (decrypters.length > 0) {
    statements.push(
      new PolicyStatement({
        sid: 'EventStoreFunctionsUnwrapDataKeys',
        effect: Effect.ALLOW,
        principals: [account],
        actions: ['kms:Decrypt'],
        resources: ['*'],
        conditions: { ArnEquals: { 'aws:PrincipalArn': decrypters } },
      }),
    );
  }
  if (generators.length > 0) {
    statements.push(
      new PolicyStatement({
        sid: 'StreamCreatingFunctionsGenerateDataKeys',
        effect: Effect.ALLOW,
        principals: [account],
        actions: ['kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { ArnEquals: { 'aws:PrincipalArn': generators } },
      }),
    );
  }
  return new PolicyDocument({ statements });
}
