// The soak's last check of the read models: every projection (cases with their triage items,
// timers and person index; statistics with their profiles, history and organisations'
// own figures) rebuilt from the store into a fresh version by the projector's own rebuild
// (functions/projector/rebuild.ts), then compared item by item with the version the live
// projector kept up to date through the faults. What differs is counted by kind of item, never
// named: keys hold stream ids and blind indexes.
//
// Ignored, because it is bookkeeping and not what a reader sees: the version in the keys (`v<N>#`).
import { type AttributeValue } from '@aws-sdk/client-dynamodb';
import { type EventStore } from '../../functions/event-store/event-store.js';
import { composeReadSide } from '../../functions/projector/projector-composition.js';
import { rebuildProjections, scanOfStore } from '../../functions/projector/rebuild.js';
import { streamHeads } from '../../functions/projector/stream-heads.js';
import { allItems } from '../../functions/read-models/partition-items.js';
import { type ProjectionName } from '../../functions/read-models/read-model-keys.js';
import { eventStoreTable, tableName } from '../../functions/tables/table-definitions.js';
import { type LocalStack } from '../local-stack.js';

export type ReadModelItem = Record<string, AttributeValue>;

export interface RebuildComparison {
  projection: ProjectionName;
  liveVersion: number;
  rebuiltVersion: number;
  /** Items of the live version compared. */
  items: number;
  /** In the rebuild but not live / live but not in the rebuild / in both but not equal. */
  missing: number;
  extra: number;
  different: number;
  /** Items not equal to the rebuild (missing, extra or different), by kind (`case`, `queue`, `timer`, `person`, `statistics`, ...). */
  byKind: Record<string, number>;
}

/** The projection each kind of versioned partition belongs to (`v3#statistics-history#2025-26`: statistics-history). */
const KIND_OF_PROJECTION: Record<string, ProjectionName> = {
  case: 'cases',
  person: 'cases',
  'statistics-profile': 'statistics',
  'statistics-history': 'statistics',
  'statistics-organisation': 'statistics',
};

function versionedKey(item: ReadModelItem): { version: number; kind: string } | null {
  const match = /^v(\d+)#([a-z-]+)(#|$)/.exec(item.pk?.S ?? '');
  return match ? { version: Number(match[1]), kind: match[2] as string } : null;
}

/** The item as a reader sees it: the version taken out of every key that carries it; attributes in a fixed order. */
function withoutVersion(item: ReadModelItem, version: number): string {
  const prefix = `v${version}#`;
  const entries = Object.entries(item).map(([name, value]): [string, AttributeValue] =>
    value.S?.startsWith(prefix) ? [name, { S: `v#${value.S.slice(prefix.length)}` }] : [name, value],
  );
  return JSON.stringify(entries.sort(([a], [b]) => a.localeCompare(b)));
}

function itemsOf(
  items: readonly ReadModelItem[],
  projection: ProjectionName,
  version: number,
): Map<string, { kind: string; text: string }> {
  const found = new Map<string, { kind: string; text: string }>();
  for (const item of items) {
    const key = versionedKey(item);
    if (!key || key.version !== version || KIND_OF_PROJECTION[key.kind] !== projection) continue;
    // A case's partition holds its view, its triage items and its timers: told apart by the sort key.
    const kind = key.kind === 'case' ? (item.sk?.S ?? '').split('#')[0] || 'case' : key.kind;
    const text = withoutVersion(item, version);
    found.set(`${(item.pk?.S ?? '').slice(`v${version}#`.length)}|${item.sk?.S ?? ''}`, { kind, text });
  }
  return found;
}

/** Compares the live version of a projection with its rebuild, among every item of the read-models table. */
export function compareWithRebuild(
  items: readonly ReadModelItem[],
  projection: ProjectionName,
  liveVersion: number,
  rebuiltVersion: number,
): RebuildComparison {
  const live = itemsOf(items, projection, liveVersion);
  const rebuilt = itemsOf(items, projection, rebuiltVersion);
  const comparison: RebuildComparison = {
    projection,
    liveVersion,
    rebuiltVersion,
    items: live.size,
    missing: 0,
    extra: 0,
    different: 0,
    byKind: {},
  };
  const count = (kind: string) => (comparison.byKind[kind] = (comparison.byKind[kind] ?? 0) + 1);
  for (const [key, item] of rebuilt) {
    const liveItem = live.get(key);
    if (!liveItem) {
      comparison.missing += 1;
      count(item.kind);
    } else if (liveItem.text !== item.text) {
      comparison.different += 1;
      count(item.kind);
    }
  }
  for (const [key, item] of live) {
    if (rebuilt.has(key)) continue;
    comparison.extra += 1;
    count(item.kind);
  }
  return comparison;
}

/**
 * Rebuilds every projection from the store into a fresh version (readers switch to it, as after
 * `npm run rebuild`; the live version is kept for the comparison) and compares the two.
 */
export async function rebuildAndCompare(stack: LocalStack, store: EventStore): Promise<RebuildComparison[]> {
  const readSide = composeReadSide(stack.config, stack.clients);
  const heads = () => streamHeads(stack.clients.dynamo, tableName(stack.config.SERVICE_PREFIX, eventStoreTable));
  // Every projection from one reading of the store, as `npm run rebuild -- all` does.
  const rebuilt = await rebuildProjections({
    projections: readSide.projections,
    versions: readSide.versions,
    read: (streamId, options) => store.read(streamId, options),
    heads,
    client: stack.clients.dynamo,
    ...scanOfStore(store),
    retirePrevious: false,
  });
  const items = await allItems(stack.clients.dynamo, readSide.readModelsTable);
  return rebuilt.map((result) => compareWithRebuild(items, result.projection, result.previousVersion, result.version));
}
