// Puts recorded events (from a story or a generator) into the real event store as they were
// recorded: one command per event, at the event's own time, by its own actor, with its own
// command id, so a projection of the stored events sees what the recorded ones say.
import { type Actor, type RecordedEvent } from '../../../events/index.js';
import { type EventStore } from '../../../functions/event-store/event-store.js';

/** Appends one stream's events, in order, one command per event. */
export async function appendAsRecorded(store: EventStore, events: readonly RecordedEvent[]): Promise<void> {
  for (const event of events) {
    await store.append(
      event.streamId,
      event.version - 1,
      [{ type: event.type, data: event.data, personal: event.personal }],
      {
        commandId: event.commandId,
        actor: event.actor as Actor,
        correlationId: event.correlationId,
        occurredAt: event.occurredAt,
      },
    );
  }
}

/** Appends many streams, `concurrency` streams side by side (each in order). */
export async function appendStreamsAsRecorded(
  store: EventStore,
  streams: readonly (readonly RecordedEvent[])[],
  concurrency = 16,
): Promise<void> {
  const queue = [...streams];
  await Promise.all(
    Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let stream = queue.shift(); stream; stream = queue.shift()) await appendAsRecorded(store, stream);
    }),
  );
}
