// Rebuilding projections from the whole store into fresh versions beside the live ones, reading
// the store once for all of them (each stream read once per pass, its events folded into every
// projection being rebuilt). The fresh version F is above every version any rebuild started.
// 1. mark F as `bulk`: the rebuild alone writes it (the projector writes only `building`); wait
//    longer than the pointer cache, so that no projector still follows an older pointer;
// 2. the bulk pass: every stream read from version 1 and folded in memory, the items its fold
//    leaves behind put with BatchWriteItem (no conditions: nobody else writes F), every request
//    finished before going on. A projection whose write holds an action that is not a Put or a
//    Delete, or that cannot fold a whole stream, writes that stream the conditional way;
// 3. mark F as `building` (the projector then writes it too) and wait longer than the cache;
// 4. catch-up passes, the conditional way (one transaction per stream and projection, checkpoint
//    first), from where the bulk pass left each stream, until a pass finds nothing left to do;
// 5. switch `active` to F: readers follow it;
// 6. wait until every reader and projector has seen the switch, then delete the replaced version
//    (and any version abandoned by a crashed rebuild) when the projection can (the case
//    projection): nothing keeps them up to date, so they would keep what a later erasure removes.
// Why nothing is lost or counted twice in any interleaving: decision 0007, "Rebuild".
import { type RecordedEvent } from '../../events/index.js';
import { REFERRAL_STREAM_CATEGORY } from '../../domain/referral/stream-id.js';
import { type EventStore } from '../event-store/event-store.js';
import { type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type ProjectionVersions, highestVersion } from '../read-models/projection-versions.js';
import { type ProjectionName } from '../read-models/read-model-keys.js';
import { createBulkPutter, netEffect } from './bulk-put.js';
import { type Projection, type ProjectionOutcome } from './projection.js';
import { type StreamHeads } from './stream-heads.js';

export interface RebuildDeps {
  projection: Projection;
  versions: ProjectionVersions;
  read(streamId: string, options: { fromVersion: number }): Promise<RecordedEvent[]>;
  heads(): Promise<StreamHeads>;
  /**
   * Every stream's events from version 1 at once (the store's parallel scan), for the bulk pass
   * instead of a read per stream. It may leave a stream out or cut it short: the catch-up reads it.
   */
  scan?(onStream: (streamId: string, events: RecordedEvent[]) => Promise<void>): Promise<void>;
  /** Called as streams are done within a pass. */
  onProgress?(progress: RebuildProgress): void;
  sleep?(ms: number): Promise<void>;
  concurrency?: number;
  /**
   * Delete the replaced version after the switch (default true) when the projection can. Only
   * for a throwaway store (a benchmark): a kept version never receives a later erasure.
   */
  retirePrevious?: boolean;
  /**
   * The read models' client, for the bulk pass's BatchWriteItem. Without it (or with `bulk:
   * false`) every pass is a conditional one, as before the bulk pass existed.
   */
  client?: DynamoDBClient;
  bulk?: boolean;
  /** BatchWriteItem requests the bulk pass keeps in flight (default 16). */
  bulkInFlight?: number;
  /**
   * Abandon a rebuild that is still marked in the pointer (it crashed, and the operator knows it
   * is not running): its version is left for good and the rebuild goes on into the next one.
   */
  restart?: boolean;
}

/** Several projections rebuilt from one reading of the store. */
export type RebuildManyDeps = Omit<RebuildDeps, 'projection'> & { projections: readonly Projection[] };

export interface RebuildProgress {
  pass: number;
  /** The bulk pass (the rebuild alone writes the fresh version) or a conditional catch-up pass. */
  phase?: 'bulk' | 'catch-up';
  streamsDone: number;
  streamsTotal: number;
  /** Events read from the store so far (each is applied to every projection being rebuilt). */
  events: number;
}

export interface RebuildResult {
  projection: ProjectionName;
  version: number;
  previousVersion: number;
  /** Items of the previous version (and of abandoned ones) deleted after the switch; null when the projection keeps its old versions. */
  retiredItems: number | null;
  /** Versions of crashed rebuilds this one took over from (left for good; deleted with the previous one when the projection can). */
  abandoned: number[];
  /** Items the bulk pass put with BatchWriteItem (0 when there was no bulk pass). */
  bulkItems: number;
  /** Streams the bulk pass wrote the conditional way (the projection's write was not only Puts and Deletes). */
  conditionalStreams: number;
  streams: number;
  events: number;
  passes: number;
}

export class RebuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RebuildError';
  }
}

const MAX_PASSES = 20;
const DEFAULT_CONCURRENCY = 16;

/** The bulk pass's reading of the store: its parallel scan of referral streams, `segments` side by side. */
export function scanOfStore(
  store: Pick<EventStore, 'scanStreams'>,
  segments = DEFAULT_CONCURRENCY,
): Pick<RebuildDeps, 'scan'> {
  const scanStreams = store.scanStreams;
  if (!scanStreams) return {};
  return { scan: (onStream) => scanStreams(onStream, { segments, category: REFERRAL_STREAM_CATEGORY }) };
}

/**
 * Moves a projection's fresh version on to its next phase, conditional on the pointer's
 * revision: from `bulk` to `building` (the projector writes it too from then on), or from
 * `building` to `active` (readers follow it). When the pointer no longer has the version in the
 * phase before, or changed between the read and the write (another rebuild took over), it
 * throws, saying `lost`.
 */
async function movePointer(
  versions: ProjectionVersions,
  name: ProjectionName,
  version: number,
  to: 'building' | 'active',
  lost: string,
): Promise<void> {
  const pointer = await versions.fresh(name);
  const from = to === 'building' ? pointer.bulk : pointer.building;
  const next = to === 'building' ? { active: pointer.active, building: version } : { active: version, building: null };
  if (
    from !== version ||
    !(await versions.replace(name, pointer, { ...next, bulk: null, lastStarted: pointer.lastStarted }))
  )
    throw new RebuildError(`projection ${name}: ${lost}`);
}

export async function rebuildProjection(deps: RebuildDeps): Promise<RebuildResult> {
  const { projection, ...rest } = deps;
  const [result] = await rebuildProjections({ ...rest, projections: [projection] });
  return result as RebuildResult;
}

/**
 * Rebuilds every projection given from one reading of the store: each stream is read once per
 * pass and its events folded into each projection's fresh version.
 */
export async function rebuildProjections(deps: RebuildManyDeps): Promise<RebuildResult[]> {
  const { projections, versions } = deps;
  if (projections.length === 0) return [];
  const names = projections.map((projection) => projection.name);
  if (new Set(names).size !== names.length) throw new RebuildError(`a projection is named twice: ${names.join(', ')}`);
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const bulk = deps.bulk !== false && deps.client !== undefined;
  const concurrency = deps.concurrency ?? DEFAULT_CONCURRENCY;
  const starts = new Map<ProjectionName, number>();
  const targets = new Map<ProjectionName, number>();
  const abandoned = new Map<ProjectionName, number[]>();
  for (const projection of projections) {
    const name = projection.name;
    const start = await versions.fresh(name);
    const running = [start.bulk, start.building].filter((version): version is number => version !== null);
    if (running.length > 0 && deps.restart !== true)
      throw new RebuildError(
        `projection ${name} is already being rebuilt into version ${running.join(', ')}; if that rebuild crashed, start again with --restart`,
      );
    // Above every version any rebuild started: a crashed one's version is never written again.
    const version = highestVersion(start) + 1;
    const marked = bulk
      ? { active: start.active, building: null, bulk: version, lastStarted: version }
      : { active: start.active, building: version, bulk: null, lastStarted: version };
    if (!(await versions.replace(name, start, marked)))
      throw new RebuildError(`projection ${name} changed while the rebuild started; try again`);
    starts.set(name, start.active);
    targets.set(name, version);
    abandoned.set(name, running);
  }
  // Bulk: no projector still follows a pointer naming the fresh version (a build cleared by hand
  // before `lastStarted` existed). Otherwise: every projector writes the fresh version from now on.
  await sleep(versions.cacheMs * 2);

  // How far the rebuild knows each stream to be projected: it applied (or found already
  // applied) every event up to there, in every projection. The fresh versions start empty, so a
  // stream first met is read from its beginning; whatever the projector wrote meanwhile is
  // skipped as duplicate.
  const reached = new Map<string, number>();
  const applied = new Map<ProjectionName, number>(names.map((name) => [name, 0]));
  const bulkItems = new Map<ProjectionName, number>(names.map((name) => [name, 0]));
  const conditionalStreams = new Map<ProjectionName, number>(names.map((name) => [name, 0]));
  const add = (counts: Map<ProjectionName, number>, name: ProjectionName, by: number) =>
    counts.set(name, (counts.get(name) ?? 0) + by);
  const countApplied = (
    name: ProjectionName,
    streamId: string,
    read: RecordedEvent[],
    outcomes: ProjectionOutcome[],
  ) => {
    if (outcomes.at(-1)?.status === 'gap')
      throw new RebuildError(`stream ${streamId}: version ${read[outcomes.length - 1]?.version} read out of order`);
    add(applied, name, outcomes.filter((o) => o.status === 'applied').length);
  };
  let events = 0;
  let streams = 0;
  let pass = 0;

  /** Runs `work` on every stream of the store's heads, `concurrency` at a time; says how many streams had work. */
  async function overStreams(
    phase: NonNullable<RebuildProgress['phase']>,
    work: (streamId: string, read: RecordedEvent[]) => Promise<void>,
  ): Promise<number> {
    pass += 1;
    const heads = [...(await deps.heads()).entries()];
    if (pass === 1) streams = heads.length;
    let worked = 0;
    let done = 0;
    const queue = [...heads];
    await Promise.all(
      Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
        try {
          for (let next = queue.shift(); next; next = queue.shift()) {
            const [streamId, head] = next;
            const from = reached.get(streamId) ?? 0;
            if (from < head) {
              const read = await deps.read(streamId, { fromVersion: from + 1 });
              await work(streamId, read);
              events += read.length;
              reached.set(streamId, read.at(-1)?.version ?? from);
              worked += 1;
            }
            done += 1;
            deps.onProgress?.({ pass, phase, streamsDone: done, streamsTotal: heads.length, events });
          }
        } catch (error) {
          // The first failure stops the other workers at their next stream.
          queue.length = 0;
          throw error;
        }
      }),
    );
    return worked;
  }

  /** Every projection's fresh version on to its next phase (`movePointer`), one after the other. */
  async function moveEvery(to: 'building' | 'active', lost: (version: number) => string): Promise<void> {
    for (const projection of projections) {
      const version = targets.get(projection.name) as number;
      await movePointer(versions, projection.name, version, to, lost(version));
    }
  }

  /** Today's way: one conditional write per stream and projection (duplicates skipped, gaps refused). */
  async function applyConditionally(projection: Projection, streamId: string, read: RecordedEvent[]): Promise<void> {
    const outcomes = await projection.applyMany(targets.get(projection.name) as number, streamId, read);
    countApplied(projection.name, streamId, read, outcomes);
  }

  if (bulk) {
    const putter = createBulkPutter({ client: deps.client as DynamoDBClient, inFlight: deps.bulkInFlight ?? 16 });
    // Every key put in the bulk pass, to refuse two streams writing one item (then the order of
    // their puts would decide what stays, and the bulk pass could not be equal to the live one).
    const keys = new Set<string>();
    async function bulkStream(streamId: string, read: RecordedEvent[]): Promise<void> {
      await Promise.all(
        projections.map(async (projection) => {
          const version = targets.get(projection.name) as number;
          const whole = projection.foldWhole ? await projection.foldWhole(version, streamId, read) : undefined;
          const net = whole ? netEffect(whole.actions) : undefined;
          if (!whole || !net || 'unsupported' in net) {
            add(conditionalStreams, projection.name, 1);
            await applyConditionally(projection, streamId, read);
            return;
          }
          countApplied(projection.name, streamId, read, whole.outcomes);
          for (const key of net.keys) {
            if (keys.has(key))
              throw new RebuildError(
                `projection ${projection.name}: stream ${streamId} writes an item another stream wrote; it cannot be rebuilt in bulk (rebuild it without the bulk pass)`,
              );
            keys.add(key);
          }
          add(bulkItems, projection.name, net.puts.length);
          await putter.put(net.puts);
        }),
      );
    }
    if (deps.scan) {
      // One scan of the store instead of a read per stream; the heads, scanned meanwhile, give the
      // progress's total once they are known (the catch-up passes scan them again for their work).
      pass += 1;
      const counted = deps.heads().then((heads) => {
        streams = heads.size;
      });
      // Its failure is thrown where it is awaited, after the scan; until then it is not unhandled.
      counted.catch(() => undefined);
      let done = 0;
      await deps.scan(async (streamId, read) => {
        // A stream is bulk-written once at most (the scan hands each over once; this makes sure).
        if (reached.has(streamId) || read[0]?.version !== 1) return;
        reached.set(streamId, read.at(-1)?.version ?? 0);
        await bulkStream(streamId, read);
        events += read.length;
        done += 1;
        deps.onProgress?.({
          pass,
          phase: 'bulk',
          streamsDone: done,
          streamsTotal: Math.max(streams, done),
          events,
        });
      });
      await counted;
    } else await overStreams('bulk', bulkStream);
    await putter.flush();
    // Every bulk write is finished: from now on the projector writes the fresh versions too.
    await moveEvery(
      'building',
      (version) =>
        `the pointer changed during the bulk pass (another rebuild took over); version ${version} is abandoned`,
    );
    await sleep(versions.cacheMs * 2);
  }

  for (;;) {
    if (pass >= MAX_PASSES)
      throw new RebuildError(`projection ${names.join(', ')} did not catch up after ${MAX_PASSES} passes`);
    const worked = await overStreams('catch-up', (streamId, read) =>
      Promise.all(projections.map((projection) => applyConditionally(projection, streamId, read))).then(
        () => undefined,
      ),
    );
    if (worked === 0) break;
  }
  await moveEvery(
    'active',
    (version) => `the pointer changed during the rebuild; version ${version} was not switched to`,
  );
  const retiring = projections.filter((projection) => projection.retire && deps.retirePrevious !== false);
  // Readers and projectors may follow the old pointer for one cache period after the switch.
  if (retiring.length > 0) await sleep(versions.cacheMs * 2);
  const retired = new Map<ProjectionName, number>();
  for (const projection of retiring) {
    const retire = projection.retire as NonNullable<Projection['retire']>;
    let deleted = 0;
    for (const version of [starts.get(projection.name) as number, ...(abandoned.get(projection.name) ?? [])])
      deleted += await retire(version);
    retired.set(projection.name, deleted);
  }
  return projections.map((projection) => ({
    projection: projection.name,
    version: targets.get(projection.name) as number,
    previousVersion: starts.get(projection.name) as number,
    retiredItems: retired.get(projection.name) ?? null,
    abandoned: abandoned.get(projection.name) ?? [],
    bulkItems: bulkItems.get(projection.name) ?? 0,
    conditionalStreams: conditionalStreams.get(projection.name) ?? 0,
    streams,
    events: applied.get(projection.name) ?? 0,
    passes: pass,
  }));
}
