// A projection keeps read models up to date from events, exactly once per event and version:
// it reads its per-stream checkpoint, skips what it has seen, refuses to apply past a gap, and
// writes the change together with the new checkpoint. Several events of one stream are folded
// together: one read, one write, the checkpoint moved to the last of them.
import { type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { type RecordedEvent } from '../../events/index.js';
import { type ProjectionName } from '../read-models/read-model-keys.js';

export type ProjectionOutcome =
  { status: 'applied' } | { status: 'duplicate' } | { status: 'gap'; expectedVersion: number };

export interface Projection {
  readonly name: ProjectionName;
  /**
   * Folds events of one stream, in the order given, into version `version` of the projection:
   * the same outcome per event as applying them one by one, in one read and one write (more
   * when the change would not fit in one transaction). The outcomes stop at the first gap
   * (its outcome is the last one); nothing after a gap is applied. A failure is thrown as a
   * StreamProjectionError saying how many events were settled before it.
   */
  applyMany(version: number, streamId: string, events: readonly RecordedEvent[]): Promise<ProjectionOutcome[]>;
  /** Folds one event into version `version` of the projection. */
  apply(version: number, event: RecordedEvent): Promise<ProjectionOutcome>;
  /**
   * Folds a whole stream (its events from version 1, in order) in memory, reading and writing
   * nothing, and gives the write that would take an empty version to that fold: the outcomes as
   * `applyMany` would give them, and the actions (checkpoint first) of one write, however many
   * (the rebuild's bulk pass puts them itself, while nobody else writes the version).
   */
  foldWhole?(version: number, streamId: string, events: readonly RecordedEvent[]): Promise<WholeStreamFold>;
  /** The stream's checkpoint in that version (0 when nothing is projected yet). */
  checkpointOf(version: number, streamId: string): Promise<number>;
  /**
   * Deletes every item of a version nobody reads or writes any more (a rebuild replaced it), so
   * that it cannot keep what a later erasure removes from the live version. Says how many items
   * it deleted. A projection without it keeps its old versions (nothing derived from personal data).
   */
  retire?(version: number): Promise<number>;
}

export interface WholeStreamFold {
  outcomes: ProjectionOutcome[];
  /** The checkpoint's Put first, then the effects; empty when no event was applied. */
  actions: TransactWriteItem[];
}

/** How often a write is tried again when another delivery moved the checkpoint in between. */
export const CHECKPOINT_RACE_ATTEMPTS = 3;

export class CheckpointRaceError extends Error {
  constructor(projection: ProjectionName, streamId: string) {
    super(
      `projection ${projection}: stream ${streamId} kept moving under concurrent deliveries; the record will be retried`,
    );
    this.name = 'CheckpointRaceError';
  }
}

/**
 * A failure part-way through a stream's events: the first `settled` events were applied (and
 * written) or found to be duplicates; the rest were not applied. `cause` is what went wrong.
 */
export class StreamProjectionError extends Error {
  constructor(
    readonly projection: ProjectionName,
    readonly streamId: string,
    readonly settled: number,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`projection ${projection}: stream ${streamId} stopped after ${settled} events: ${reason}`, { cause });
    this.name = 'StreamProjectionError';
  }
}
