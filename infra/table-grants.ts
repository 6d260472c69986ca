// The IAM statements for a function's table grants (function-catalogue.ts), written out action by
// action: no wildcard actions, resources limited to the table and the indexes the function
// queries. The table key's use follows the access: decrypt to read, encrypt to write.
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { type IKey } from 'aws-cdk-lib/aws-kms';
import { type ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type TableAccess, type TableGrant } from './function-catalogue.js';

export const TABLE_ACTIONS: Record<TableAccess, readonly string[]> = {
  read: ['dynamodb:GetItem', 'dynamodb:Query'],
  put: ['dynamodb:PutItem'],
  update: ['dynamodb:UpdateItem'],
  delete: ['dynamodb:DeleteItem'],
};

/** What DynamoDB asks of the caller's KMS permissions for a table encrypted with a customer-managed key. */
export const TABLE_KEY_ACTIONS = {
  read: ['kms:Decrypt', 'kms:DescribeKey'],
  write: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
} as const;

export function tableGrantStatements(grant: TableGrant, table: ITable, tableKey: IKey): PolicyStatement[] {
  const declaredIndexes = new Set((grant.table.globalIndexes ?? []).map((index) => index.indexName));
  for (const index of grant.indexes ?? []) {
    if (!declaredIndexes.has(index)) throw new Error(`the table ${grant.table.logicalName} has no index ${index}`);
  }
  const actions = [...new Set(grant.access.flatMap((access) => TABLE_ACTIONS[access]))];
  const statements = [new PolicyStatement({ actions, resources: [table.tableArn] })];
  if (grant.indexes && grant.indexes.length > 0) {
    if (!grant.access.includes('read'))
      throw new Error(`indexes of ${grant.table.logicalName} are granted without read access`);
    statements.push(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: grant.indexes.map((index) => `${table.tableArn}/index/${index}`),
      }),
    );
  }
  const writes = grant.access.some((access) => access !== 'read');
  statements.push(
    new PolicyStatement({
      actions: [...(writes ? TABLE_KEY_ACTIONS.write : TABLE_KEY_ACTIONS.read)],
      resources: [tableKey.keyArn],
    }),
  );
  return statements;
}
