// Applying several events of one stream at once, with the same outcome as one by one: read the
// stream's stored state once, fold the events into it in memory in order (a duplicate is
// skipped, a gap stops the fold), and write the final state once, the checkpoint moved to the
// last applied event, conditioned on the checkpoint it was read at (a stream handed in from
// version 1 is assumed new and not read: the condition checks it). When the change would not
// fit in one transaction (100 actions, 4 MB), the events are written in consecutive groups,
// each conditioned on the checkpoint the previous one wrote. A write that finds the
// checkpoint moved by a concurrent delivery reads again and folds the group again.
import { type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type RecordedEvent } from '../../events/index.js';
import { type ProjectionName } from '../read-models/read-model-keys.js';
import { type CheckpointedWrite, fitsInOneTransaction, writeWithCheckpoint } from './checkpointed-write.js';
import {
  CHECKPOINT_RACE_ATTEMPTS,
  CheckpointRaceError,
  type Projection,
  type ProjectionOutcome,
  StreamProjectionError,
  type WholeStreamFold,
} from './projection.js';

/** What one projection contributes: its stored state per stream, its step, its write. */
export interface StreamFold<Stored, Folded> {
  readonly name: ProjectionName;
  /** The stream's state in that version, read consistently. */
  load(version: number, streamId: string): Promise<Stored>;
  /** The state of a stream with nothing projected (what `load` gives for it). */
  readonly empty: Stored;
  checkpointOf(stored: Stored): number;
  /** The stored state, as the start of a fold. */
  start(stored: Stored): Folded;
  /** One more event: its outcome, and the folded state after it (a new value; `folded` is left as it was). */
  step(folded: Folded, event: RecordedEvent): Promise<{ outcome: ProjectionOutcome; folded: Folded }>;
  /** The write taking the stored state to the folded one (checkpoint first), and the state then stored. */
  write(version: number, stored: Stored, folded: Folded): CheckpointedWrite & { stored: Stored };
}

interface Group<Stored> {
  outcomes: ProjectionOutcome[];
  write: (CheckpointedWrite & { stored: Stored }) | undefined;
  /** The fold stopped at a gap (the last outcome) or a failure: nothing after this group. */
  stopped: boolean;
  failure?: { error: unknown };
}

/** A projection over a fold: `applyMany` as described above, `apply` as a batch of one. */
export function projectionOf<Stored, Folded>(client: DynamoDBClient, fold: StreamFold<Stored, Folded>): Projection {
  /** Folds events from `from` on top of `stored`, as many as one write holds. */
  async function foldGroup(
    version: number,
    stored: Stored,
    events: readonly RecordedEvent[],
    from: number,
  ): Promise<Group<Stored>> {
    const outcomes: ProjectionOutcome[] = [];
    let folded = fold.start(stored);
    let write: Group<Stored>['write'];
    for (let index = from; index < events.length; index += 1) {
      let next: Awaited<ReturnType<typeof fold.step>>;
      try {
        next = await fold.step(folded, events[index] as RecordedEvent);
      } catch (error) {
        return { outcomes, write, stopped: true, failure: { error } };
      }
      if (next.outcome.status === 'gap') return { outcomes: [...outcomes, next.outcome], write, stopped: true };
      if (next.outcome.status === 'applied') {
        const candidate = fold.write(version, stored, next.folded);
        // The first applied event of a group is always taken: if it alone does not fit, the write says so.
        if (write && !fitsInOneTransaction(candidate)) return { outcomes, write, stopped: false };
        write = candidate;
      }
      folded = next.folded;
      outcomes.push(next.outcome);
    }
    return { outcomes, write, stopped: false };
  }

  async function applyMany(
    version: number,
    streamId: string,
    events: readonly RecordedEvent[],
  ): Promise<ProjectionOutcome[]> {
    const outcomes: ProjectionOutcome[] = [];
    const fail = (error: unknown): never => {
      throw new StreamProjectionError(fold.name, streamId, outcomes.length, error);
    };
    for (const event of events)
      if (event.streamId !== streamId)
        fail(new Error(`an event of another stream (version ${event.version}) was handed in with it`));
    if (events.length === 0) return outcomes;
    // Events from version 1 on: almost always a stream met for the first time (a new referral,
    // a rebuild). It is not read: the write's condition that nothing is stored checks it, and
    // when something was (a redelivery), the write fails, the stream is read and folded again.
    let assumedNew = events[0]?.version === 1;
    let stored: Stored = assumedNew ? fold.empty : await fold.load(version, streamId).catch(fail);
    let races = 0;
    while (outcomes.length < events.length) {
      const group = await foldGroup(version, stored, events, outcomes.length);
      if (group.write) {
        const written = await writeWithCheckpoint(client, group.write).catch(fail);
        if (written === 'checkpoint-moved') {
          // A stream wrongly taken for new is not a race: it is read, as it would have been.
          if (!assumedNew) races += 1;
          if (races >= CHECKPOINT_RACE_ATTEMPTS) fail(new CheckpointRaceError(fold.name, streamId));
          assumedNew = false;
          stored = await fold.load(version, streamId).catch(fail);
          continue;
        }
        stored = group.write.stored;
        races = 0;
      } else if (group.failure && assumedNew) {
        // Folding failed on the assumed state before anything was written: judge on what is stored.
        assumedNew = false;
        stored = await fold.load(version, streamId).catch(fail);
        continue;
      }
      assumedNew = false;
      outcomes.push(...group.outcomes);
      if (group.failure) fail(group.failure.error);
      if (group.stopped) break;
    }
    return outcomes;
  }

  /** The whole stream folded on top of nothing, and the one write that would store it (see Projection). */
  async function foldWhole(
    version: number,
    streamId: string,
    events: readonly RecordedEvent[],
  ): Promise<WholeStreamFold> {
    const outcomes: ProjectionOutcome[] = [];
    let folded = fold.start(fold.empty);
    let applied = false;
    for (const event of events) {
      if (event.streamId !== streamId)
        throw new StreamProjectionError(
          fold.name,
          streamId,
          outcomes.length,
          new Error(`an event of another stream (version ${event.version}) was handed in with it`),
        );
      let next: Awaited<ReturnType<typeof fold.step>>;
      try {
        next = await fold.step(folded, event);
      } catch (error) {
        throw new StreamProjectionError(fold.name, streamId, outcomes.length, error);
      }
      outcomes.push(next.outcome);
      if (next.outcome.status === 'gap') break;
      if (next.outcome.status === 'applied') applied = true;
      folded = next.folded;
    }
    if (!applied) return { outcomes, actions: [] };
    const write = fold.write(version, fold.empty, folded);
    return { outcomes, actions: [write.checkpoint, ...write.effects] };
  }

  return {
    name: fold.name,
    applyMany,
    foldWhole,
    async apply(version, event) {
      try {
        const [outcome] = await applyMany(version, event.streamId, [event]);
        return outcome as ProjectionOutcome;
      } catch (error) {
        // One event: there is nothing settled to report, only what went wrong.
        throw error instanceof StreamProjectionError && error.cause !== undefined ? error.cause : error;
      }
    },
    async checkpointOf(version, streamId) {
      return fold.checkpointOf(await fold.load(version, streamId));
    },
  };
}
