// The application service for one stream: load -> decide -> append, generic over a decider.
// On a concurrency conflict it loads again and decides again, a bounded number of times.
// Idempotent by command id: if the loaded stream already holds this command's events (a retry
// after a timeout that had in fact succeeded), it answers with them instead of deciding again.
// A command id is bound to the command it was first used for (command-identity.ts): another
// command under a used id is refused with CommandIdReusedError, never replayed, never run.
import { type RecordedEvent } from '../../events/catalogue.js';
import { type Actor } from '../../events/envelope.js';
import { type Decider } from '../../domain/decider.js';
import { CommandIdReusedError, ConcurrencyConflictError } from '../event-store/errors.js';
import { type EventStore, type NewEvent } from '../event-store/event-store.js';
import { boundCommandId, commandIdentity, recordedBy, unbindCommandId } from './command-identity.js';

/** A decider whose evolve also takes events as the store returns them (envelope, erased personal parts). */
export type StreamDecider<Command, State, DomainError> = Omit<
  Decider<Command, State, NewEvent, DomainError>,
  'evolve'
> & {
  evolve(state: State, event: RecordedEvent): State;
};

/** What every command carries about itself: who gave it and when. The events it records say the same. */
export interface AttributedCommand {
  actor: Actor;
  at: string;
}

/** One way to run a command, for people and the system alike: the command, and where and why it runs. */
export interface CommandRequest<Command extends AttributedCommand> {
  streamId: string;
  /** Chosen by the caller and kept across its retries (an Idempotency-Key, a message id). */
  commandId: string;
  command: Command;
  correlationId: string;
  causationId?: string | null;
  /**
   * The caller has just made this stream's id (a new random referral id): there is nothing to
   * read, so the first attempt decides from the empty stream without reading it. Its append is
   * still conditioned on the stream not existing; a conflict reads the stream as usual.
   */
  newStream?: boolean;
}

export type CommandResult<DomainError> =
  | {
      ok: true;
      streamId: string;
      firstVersion: number;
      lastVersion: number;
      eventCount: number;
      replayed: boolean;
      /** The types of the events this command recorded (now, or the first time when replayed): side effects follow these. */
      recordedTypes: string[];
    }
  | { ok: false; streamId: string; version: number; error: DomainError };

export class CommandRetriesExhaustedError extends Error {
  constructor(
    readonly streamId: string,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(
      `stream ${streamId} kept changing while the command was decided; gave up after ${attempts} attempts`,
      options,
    );
    this.name = 'CommandRetriesExhaustedError';
  }
}

export interface CommandHandler<Command extends AttributedCommand, DomainError> {
  handle(request: CommandRequest<Command>): Promise<CommandResult<DomainError>>;
}

export function createCommandHandler<Command extends AttributedCommand, State, DomainError>(deps: {
  store: EventStore;
  decider: StreamDecider<Command, State, DomainError>;
  /** Load-decide-append attempts before giving up on a busy stream. */
  maxAttempts?: number;
}): CommandHandler<Command, DomainError> {
  const maxAttempts = deps.maxAttempts ?? 3;
  const { store, decider } = deps;

  return {
    async handle(request) {
      const { streamId, commandId } = request;
      const identity = commandIdentity(request.command);
      const recordedId = boundCommandId(commandId, identity);
      let lastConflict: ConcurrencyConflictError | undefined;
      for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
        const history = attempt === 1 && request.newStream ? [] : await store.read(streamId);
        const already = history.filter((event) => unbindCommandId(event.commandId).commandId === commandId);
        const first = already[0];
        const last = already.at(-1);
        if (first && last) {
          if (!recordedBy(already, identity)) throw new CommandIdReusedError(streamId, commandId, first.version);
          return {
            ok: true,
            streamId,
            firstVersion: first.version,
            lastVersion: last.version,
            eventCount: already.length,
            replayed: true,
            recordedTypes: already.map((event) => event.type),
          };
        }

        let state = decider.initialState;
        for (const event of history) state = decider.evolve(state, event);
        const version = history.at(-1)?.version ?? 0;
        const decision = decider.decide(request.command, state);
        if (!decision.ok) return { ok: false, streamId, version, error: decision.error };
        if (decision.events.length === 0)
          return {
            ok: true,
            streamId,
            firstVersion: version + 1,
            lastVersion: version,
            eventCount: 0,
            replayed: false,
            recordedTypes: [],
          };

        try {
          const result = await store.append(streamId, version === 0 ? 'no-stream' : version, decision.events, {
            commandId: recordedId,
            actor: request.command.actor,
            correlationId: request.correlationId,
            causationId: request.causationId ?? null,
            occurredAt: request.command.at,
          });
          return {
            ok: true,
            streamId,
            firstVersion: result.firstVersion,
            lastVersion: result.lastVersion,
            eventCount: result.lastVersion - result.firstVersion + 1,
            replayed: result.replayed,
            recordedTypes: decision.events.map((event) => event.type),
          };
        } catch (error) {
          if (!(error instanceof ConcurrencyConflictError)) throw error;
          lastConflict = error;
        }
      }
      throw new CommandRetriesExhaustedError(streamId, maxAttempts, { cause: lastConflict });
    },
  };
}
