// A referral's timeline, built when asked from the store: every event in order, with what it
// means (from the catalogue), who did it and when. The personal part is included only when the
// caller says the viewer may see it (the API decides, with domain/access), and shows as
// 'erased' once the referral's key was destroyed.
import { type Actor, type RecordedEvent, definitionOf, isErased } from '../../events/index.js';

export interface TimelineEntry {
  version: number;
  type: string;
  describes: string;
  occurredAt: string;
  actor: Actor;
  data: unknown;
  /** Present only for viewers who may see personal data, and only for events that carry some. */
  personal?: unknown;
}

export interface CaseTimeline {
  forViewer(streamId: string, includePersonal: boolean): Promise<TimelineEntry[]>;
}

export function createCaseTimeline(deps: {
  store: { read(streamId: string): Promise<RecordedEvent[]> };
}): CaseTimeline {
  return {
    async forViewer(streamId, includePersonal) {
      const events = await deps.store.read(streamId);
      return events.map((event) => {
        const entry: TimelineEntry = {
          version: event.version,
          type: event.type,
          describes: definitionOf(event.type)?.describes ?? event.type,
          occurredAt: event.occurredAt,
          actor: event.actor,
          data: event.data,
        };
        if (includePersonal && event.personal !== undefined)
          entry.personal = isErased(event.personal) ? 'erased' : event.personal;
        return entry;
      });
    },
  };
}
