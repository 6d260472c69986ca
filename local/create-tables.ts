// Creates the service's tables in a local DynamoDB from the same definitions the CDK app
// declares (functions/tables/table-definitions.ts), so local and cloud cannot drift apart.
import {
  type AttributeDefinition,
  type CreateTableCommandInput,
  CreateTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { type TableDefinition, tableDefinitions, tableName } from '../functions/tables/table-definitions.js';

export function createTableInput(prefix: string, table: TableDefinition): CreateTableCommandInput {
  const attributes = new Map<string, AttributeDefinition>();
  const remember = (key: { name: string; type: 'S' | 'N' | 'B' } | undefined): void => {
    if (key) attributes.set(key.name, { AttributeName: key.name, AttributeType: key.type });
  };
  const keySchema = (schema: Pick<TableDefinition, 'partitionKey' | 'sortKey'>) => {
    remember(schema.partitionKey);
    remember(schema.sortKey);
    return [
      { AttributeName: schema.partitionKey.name, KeyType: 'HASH' as const },
      ...(schema.sortKey ? [{ AttributeName: schema.sortKey.name, KeyType: 'RANGE' as const }] : []),
    ];
  };
  const input: CreateTableCommandInput = {
    TableName: tableName(prefix, table),
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: keySchema(table),
  };
  if (table.globalIndexes?.length) {
    input.GlobalSecondaryIndexes = table.globalIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: keySchema(index),
      Projection: { ProjectionType: index.projection },
    }));
  }
  if (table.stream) input.StreamSpecification = { StreamEnabled: true, StreamViewType: table.stream };
  input.AttributeDefinitions = [...attributes.values()];
  return input;
}

/** Creates every table (or the ones given) under `prefix`; tables that already exist are left as they are. */
export async function createTables(
  client: DynamoDBClient,
  prefix: string,
  tables: readonly TableDefinition[] = tableDefinitions,
): Promise<string[]> {
  const created: string[] = [];
  for (const table of tables) {
    const name = tableName(prefix, table);
    try {
      await client.send(new CreateTableCommand(createTableInput(prefix, table)));
      created.push(name);
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
    await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1 }, { TableName: name });
    if (table.timeToLiveAttribute && created.includes(name)) {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: name,
          TimeToLiveSpecification: { Enabled: true, AttributeName: table.timeToLiveAttribute },
        }),
      );
    }
  }
  return created;
}
