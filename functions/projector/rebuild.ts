// Rebuilding a projection from the whole store into a fresh version beside the live one:
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
  onProgress?(progress: { pass: number; streamsDone: number; streamsTotal: number; events: number }): void;
  sleep?(ms: number): Promise<void>;
  concurrency?: number;
  /**
   * Delete the replaced version after the switch (default true) when the projection can. Only
   * for a throwaway store (a benchmark): a kept version never receives a later erasure.
   */
  retirePrevious?: boolean;
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
  const { projection, versions } = deps;
  const name = projection.name;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const start = await versions.fresh(name);
  if (start.building !== null)
    throw new RebuildError(`projection ${name} is already being rebuilt into version ${start.building}`);
  const version = start.active + 1;
  if (!(await versions.replace(name, start, { active: start.active, building: version })))
    throw new RebuildError(`projection ${name} changed while the rebuild started; try again`);
  await sleep(versions.cacheMs * 2);

  // How far the rebuild knows each stream to be projected: it applied (or found already
  // applied) every event up to there. The fresh version starts empty, so a stream first met is
  // read from its beginning; whatever the projector wrote meanwhile is skipped as duplicate.
  const reached = new Map<string, number>();
  let events = 0;
  let streams = 0;
  let pass = 0;
  for (;;) {
    pass += 1;
    if (pass > MAX_PASSES) throw new RebuildError(`projection ${name} did not catch up after ${MAX_PASSES} passes`);
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
            const outcomes = await projection.applyMany(version, streamId, read);
            const last = outcomes.at(-1);
            if (last?.status === 'gap')
              throw new RebuildError(
                `stream ${streamId}: version ${read[outcomes.length - 1]?.version} read out of order`,
              );
            events += outcomes.filter((outcome) => outcome.status === 'applied').length;
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
  const building = await versions.fresh(name);
  if (building.building !== version || !(await versions.replace(name, building, { active: version, building: null }))) {
    throw new RebuildError(
      `projection ${name}: the pointer changed during the rebuild; version ${version} was not switched to`,
    );
  }
  let retiredItems: number | null = null;
  if (projection.retire && deps.retirePrevious !== false) {
    // Readers and projectors may follow the old pointer for one cache period after the switch.
    await sleep(versions.cacheMs * 2);
    retiredItems = await projection.retire(start.active);
  }
  return { projection: name, version, previousVersion: start.active, retiredItems, streams, events, passes: pass };
}
