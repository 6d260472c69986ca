// Rebuilding projections from the whole store into fresh versions beside the live ones, reading
// the store once for all of them (each stream read once per pass, its events folded into every
// projection being rebuilt):
// 1. mark version N+1 as `building` (the projector then writes it too, from then on);
// 2. wait until every projector has seen the pointer (longer than its cache);
// 3. replay every stream from the store into N+1, each stream's events folded together, in
//    passes, until a pass finds nothing left to do (caught up with the live projector);
// 4. switch `active` to N+1: readers follow it;
// 5. wait until every reader and projector has seen the switch, then delete version N when the
//    projection can (the case projection): nothing keeps it up to date any more, so it would
//    keep what a later erasure removes (the person's blind index).
import { type RecordedEvent } from '../../events/index.js';
import { type ProjectionVersions } from '../read-models/projection-versions.js';
import { type ProjectionName } from '../read-models/read-model-keys.js';
import { type Projection } from './projection.js';
import { type StreamHeads } from './stream-heads.js';

export interface RebuildDeps {
  projection: Projection;
  versions: ProjectionVersions;
  read(streamId: string, options: { fromVersion: number }): Promise<RecordedEvent[]>;
  heads(): Promise<StreamHeads>;
  /** Called as streams are done within a pass. */
  onProgress?(progress: RebuildProgress): void;
  sleep?(ms: number): Promise<void>;
  concurrency?: number;
  /**
   * Delete the replaced version after the switch (default true) when the projection can. Only
   * for a throwaway store (a benchmark): a kept version never receives a later erasure.
   */
  retirePrevious?: boolean;
}

/** Several projections rebuilt from one reading of the store. */
export type RebuildManyDeps = Omit<RebuildDeps, 'projection'> & { projections: readonly Projection[] };

export interface RebuildProgress {
  pass: number;
  streamsDone: number;
  streamsTotal: number;
  /** Events read from the store so far (each is applied to every projection being rebuilt). */
  events: number;
}

export interface RebuildResult {
  projection: ProjectionName;
  version: number;
  previousVersion: number;
  /** Items of the previous version deleted after the switch; null when the projection keeps its old versions. */
  retiredItems: number | null;
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
  const starts = new Map<ProjectionName, number>();
  const targets = new Map<ProjectionName, number>();
  for (const projection of projections) {
    const name = projection.name;
    const start = await versions.fresh(name);
    if (start.building !== null)
      throw new RebuildError(`projection ${name} is already being rebuilt into version ${start.building}`);
    const version = start.active + 1;
    if (!(await versions.replace(name, start, { active: start.active, building: version })))
      throw new RebuildError(`projection ${name} changed while the rebuild started; try again`);
    starts.set(name, start.active);
    targets.set(name, version);
  }
  await sleep(versions.cacheMs * 2);

  // How far the rebuild knows each stream to be projected: it applied (or found already
  // applied) every event up to there, in every projection. The fresh versions start empty, so a
  // stream first met is read from its beginning; whatever the projector wrote meanwhile is
  // skipped as duplicate.
  const reached = new Map<string, number>();
  const applied = new Map<ProjectionName, number>(names.map((name) => [name, 0]));
  let events = 0;
  let streams = 0;
  let pass = 0;
  for (;;) {
    pass += 1;
    if (pass > MAX_PASSES)
      throw new RebuildError(`projection ${names.join(', ')} did not catch up after ${MAX_PASSES} passes`);
    const heads = [...(await deps.heads()).entries()];
    if (pass === 1) streams = heads.length;
    let worked = 0;
    let done = 0;
    const queue = [...heads];
    await Promise.all(
      Array.from({ length: Math.min(deps.concurrency ?? DEFAULT_CONCURRENCY, queue.length) }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const [streamId, head] = next;
          const from = reached.get(streamId) ?? 0;
          if (from < head) {
            const read = await deps.read(streamId, { fromVersion: from + 1 });
            await Promise.all(
              projections.map(async (projection) => {
                const outcomes = await projection.applyMany(targets.get(projection.name) as number, streamId, read);
                const last = outcomes.at(-1);
                if (last?.status === 'gap')
                  throw new RebuildError(
                    `stream ${streamId}: version ${read[outcomes.length - 1]?.version} read out of order`,
                  );
                applied.set(
                  projection.name,
                  (applied.get(projection.name) ?? 0) + outcomes.filter((o) => o.status === 'applied').length,
                );
              }),
            );
            events += read.length;
            reached.set(streamId, read.at(-1)?.version ?? from);
            worked += 1;
          }
          done += 1;
          deps.onProgress?.({ pass, streamsDone: done, streamsTotal: heads.length, events });
        }
      }),
    );
    if (worked === 0) break;
  }
  for (const projection of projections) {
    const name = projection.name;
    const version = targets.get(name) as number;
    const building = await versions.fresh(name);
    if (
      building.building !== version ||
      !(await versions.replace(name, building, { active: version, building: null }))
    ) {
      throw new RebuildError(
        `projection ${name}: the pointer changed during the rebuild; version ${version} was not switched to`,
      );
    }
  }
  const retiring = projections.filter((projection) => projection.retire && deps.retirePrevious !== false);
  // Readers and projectors may follow the old pointer for one cache period after the switch.
  if (retiring.length > 0) await sleep(versions.cacheMs * 2);
  const retired = new Map<ProjectionName, number>();
  for (const projection of retiring)
    retired.set(
      projection.name,
      await (projection.retire as NonNullable<Projection['retire']>)(starts.get(projection.name) as number),
    );
  return projections.map((projection) => ({
    projection: projection.name,
    version: targets.get(projection.name) as number,
    previousVersion: starts.get(projection.name) as number,
    retiredItems: retired.get(projection.name) ?? null,
    streams,
    events: applied.get(projection.name) ?? 0,
    passes: pass,
  }));
}
