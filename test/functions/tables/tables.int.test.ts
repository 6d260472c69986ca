// The global setup's DynamoDB Local holds every table of table-definitions.ts, with the keys,
// indexes and stream settings the definitions name.
import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { tableDefinitions, tableName } from '../../../functions/tables/table-definitions.js';
import {
  createTablesForTest,
  dynamoClientForTests,
  tableNamesForTests,
  uniquePrefix,
} from '../../engines/local-engines.js';

const client = dynamoClientForTests();
afterAll(() => client.destroy());

describe('local tables', () => {
  it.each(tableDefinitions.map((t) => [t.logicalName, t] as const))(
    '%s matches its definition',
    async (_name, definition) => {
      const { Table } = await client.send(
        new DescribeTableCommand({ TableName: tableName(tableNamesForTests().prefix, definition) }),
      );
      expect(Table?.TableStatus).toBe('ACTIVE');
      expect(Table?.KeySchema).toEqual([
        { AttributeName: definition.partitionKey.name, KeyType: 'HASH' },
        ...(definition.sortKey ? [{ AttributeName: definition.sortKey.name, KeyType: 'RANGE' }] : []),
      ]);
      expect(Table?.StreamSpecification?.StreamEnabled ?? false).toBe(definition.stream !== undefined);
      if (definition.stream) expect(Table?.StreamSpecification?.StreamViewType).toBe(definition.stream);
      expect((Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName).sort()).toEqual(
        (definition.globalIndexes ?? []).map((i) => i.indexName).sort(),
      );
      if (definition.timeToLiveAttribute) {
        const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: Table?.TableName }));
        expect(ttl.TimeToLiveDescription?.AttributeName).toBe(definition.timeToLiveAttribute);
      }
    },
  );

  it('creates a private set of tables under another prefix, and tolerates creating them twice', async () => {
    const prefix = uniquePrefix('tables');
    const names = await createTablesForTest(prefix);
    await createTablesForTest(prefix);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: names.events }));
    expect(Table?.TableName).toBe(`${prefix}-events`);
  });
});
