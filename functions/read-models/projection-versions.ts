// The active-version pointer of each projection. Readers follow `active`; the projector writes
// every live version (`active`, and `building` while a rebuild catches up); a rebuild first fills
// its fresh version alone (`bulk`: the projector does not write it), then names it `building`,
// catches up, and switches `active`. Pointers are cached for a short, bounded time: a rebuild
// waits longer than that after each change before it relies on the projector having seen it.
import { type DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod';
import { type ProjectionName, pointerKey } from './read-model-keys.js';

export const ProjectionPointer = z.object({
  active: z.number().int().positive(),
  building: z.number().int().positive().nullable(),
  /**
   * A version the rebuild's bulk pass is filling alone: the projector does not write it (it is not
   * `building` yet). Absent from pointers written before the bulk pass existed: null.
   */
  bulk: z.number().int().positive().nullable().default(null),
  /**
   * The highest version any rebuild has started (absent in older pointers: active or building).
   * A new rebuild goes above it, so a version abandoned by a crashed rebuild is never reused.
   */
  lastStarted: z.number().int().positive().nullable().default(null),
  /** Bumped on every change; changes are conditional on it, so two rebuilds cannot both switch. */
  revision: z.number().int().nonnegative(),
});
export type ProjectionPointer = z.infer<typeof ProjectionPointer>;
/** A pointer as written: the fields older pointers lack may be left out. */
export type ProjectionPointerChange = Omit<z.input<typeof ProjectionPointer>, 'revision'>;

/** A projection that was never rebuilt lives at version 1. */
export const initialPointer: ProjectionPointer = Object.freeze({
  active: 1,
  building: null,
  bulk: null,
  lastStarted: null,
  revision: 0,
});

/** The highest version the pointer has ever named: a new rebuild starts above it. */
export function highestVersion(pointer: ProjectionPointer): number {
  return Math.max(pointer.active, pointer.building ?? 0, pointer.bulk ?? 0, pointer.lastStarted ?? 0);
}

export const DEFAULT_POINTER_CACHE_MS = 5_000;

export interface ProjectionVersions {
  /** The pointer, from the cache when it is fresh enough. */
  current(projection: ProjectionName): Promise<ProjectionPointer>;
  /** The pointer, read now (strongly consistent). */
  fresh(projection: ProjectionName): Promise<ProjectionPointer>;
  /** Replaces the pointer if nobody changed it since `expected` was read; false when someone did. */
  replace(projection: ProjectionName, expected: ProjectionPointer, next: ProjectionPointerChange): Promise<boolean>;
  readonly cacheMs: number;
}

export interface ProjectionVersionsDeps {
  client: DynamoDBClient;
  tableName: string;
  cacheMs?: number;
  now?: () => number;
}

export function createProjectionVersions(deps: ProjectionVersionsDeps): ProjectionVersions {
  const cacheMs = deps.cacheMs ?? DEFAULT_POINTER_CACHE_MS;
  const now = deps.now ?? (() => performance.now());
  const cache = new Map<ProjectionName, { pointer: ProjectionPointer; readAt: number }>();

  async function fresh(projection: ProjectionName): Promise<ProjectionPointer> {
    const result = await deps.client.send(
      new GetItemCommand({ TableName: deps.tableName, Key: marshall(pointerKey(projection)), ConsistentRead: true }),
    );
    const pointer = result.Item ? ProjectionPointer.parse(unmarshall(result.Item)) : initialPointer;
    cache.set(projection, { pointer, readAt: now() });
    return pointer;
  }

  return {
    cacheMs,
    fresh,
    async current(projection) {
      const cached = cache.get(projection);
      if (cached && now() - cached.readAt < cacheMs) return cached.pointer;
      return fresh(projection);
    },
    async replace(projection, expected, next) {
      const pointer = ProjectionPointer.parse({ ...next, revision: expected.revision + 1 });
      try {
        await deps.client.send(
          new PutItemCommand({
            TableName: deps.tableName,
            Item: marshall({ ...pointerKey(projection), ...pointer }),
            ConditionExpression: expected.revision === 0 ? 'attribute_not_exists(pk)' : '#revision = :revision',
            ...(expected.revision === 0
              ? {}
              : {
                  ExpressionAttributeNames: { '#revision': 'revision' },
                  ExpressionAttributeValues: marshall({ ':revision': expected.revision }),
                }),
          }),
        );
      } catch (error) {
        if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
      cache.set(projection, { pointer, readAt: now() });
      return true;
    },
  };
}

/** The versions the projector keeps up to date: the active one, and the one being rebuilt. */
export function liveVersions(pointer: ProjectionPointer): { version: number; role: 'active' | 'building' }[] {
  return [
    { version: pointer.active, role: 'active' as const },
    ...(pointer.building === null ? [] : [{ version: pointer.building, role: 'building' as const }]),
  ];
}
