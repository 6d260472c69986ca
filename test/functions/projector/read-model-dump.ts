// Everything one version of the read models holds, with the version prefix taken off the keys,
// in a stable order: two versions built from the same events must dump the same.
import { type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { allItems } from '../../engines/raw-items.js';

const KEY_ATTRIBUTES = ['pk', 'queuePk', 'dueBucket'] as const;

export async function dumpVersion(
  client: DynamoDBClient,
  tableName: string,
  version: number,
  kind?: 'case' | 'statistics',
): Promise<Record<string, unknown>[]> {
  const prefix = `v${version}#`;
  const items: Record<string, unknown>[] = [];
  for (const raw of await allItems(client, tableName)) {
    const item = unmarshall(raw);
    const pk = String(item.pk);
    if (!pk.startsWith(prefix)) continue;
    const isStatistics = pk.startsWith(`${prefix}statistics`);
    if (kind === 'case' && isStatistics) continue;
    if (kind === 'statistics' && !isStatistics) continue;
    for (const key of KEY_ATTRIBUTES)
      if (typeof item[key] === 'string') item[key] = (item[key] as string).slice(prefix.length);
    items.push(item);
  }
  const keyOf = (item: Record<string, unknown>) => `${String(item.pk)}|${String(item.sk)}`;
  return items
    .filter((item) => !(typeof item.count === 'number' && item.count === 0))
    .sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1))
    .map((item) => (typeof item.record === 'string' ? { ...item, record: JSON.parse(item.record) as unknown } : item));
}
