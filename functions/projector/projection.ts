// A projection keeps read models up to date from events, exactly once per event and version:
// it reads its per-stream checkpoint, skips what it has seen, refuses to apply past a gap, and
// writes the change together with the new checkpoint.
import { type RecordedEvent } from '../../events/index.js';
import { type ProjectionName } from '../read-models/read-model-keys.js';

export type ProjectionOutcome = { status: 'applied' } | { status: 'duplicate' } | { status: 'gap'; expectedVersion: number };

export interface Projection {
  readonly name: ProjectionName;
  /** Folds one event into version `version` of the projection. */
  apply(version: number, event: RecordedEvent): Promise<ProjectionOutcome>;
  /** The stream's checkpoint in that version (0 when nothing is projected yet). */
  checkpointOf(version: number, streamId: string): Promise<number>;
}

/** How often a write is tried again when another delivery moved the checkpoint in between. */
export const CHECKPOINT_RACE_ATTEMPTS = 3;

export class CheckpointRaceError extends Error {
  constructor(projection: ProjectionName, streamId: string) {
    super(`projection ${projection}: stream ${streamId} kept moving under concurrent deliveries; the record will be retried`);
    this.name = 'CheckpointRaceError';
  }
}
