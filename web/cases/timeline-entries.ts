// A case's timeline as the case page shows it, newest first: each step in plain words (its
// formatter in timeline-formatters.ts), when it happened (UK time) and who did it. Destinations
// are named as routing recorded them in this case's history; the personal part appears only when
// the timeline service included it for this viewer, and reads "erased" once it was destroyed.
import { type EventType, type RecordedEvent, catalogue, isEventType } from '../../events/index.js';
import { type TimelineEntry } from '../../functions/read-models/case-timeline.js';
import { formatDate, formatDateTime, listText } from '../forms/answer-text.js';
import { type PageRequest } from '../http/page-route.js';
import {
  type TimelineFormatter,
  type TimelineText,
  type TimelineWords,
  timelineFormatters,
} from './timeline-formatters.js';

export interface TimelineView {
  title: string;
  when: string;
  facts: string[];
  personal: string[];
}

/** Who acted when no destination of the case is named by the actor's organisation. */
export const ACTORS_WITHOUT_DESTINATION: ReadonlySet<string> = new Set([
  'referrer',
  'system',
  'administrator',
  'analyst',
  'data-protection-officer',
]);

/** Names routing recorded in this case's history: destinations by id, local authorities by area code. */
function namesFrom(history: readonly RecordedEvent[]) {
  const destinations = new Map<string, string>();
  const areas = new Map<string, string>();
  for (const event of history) {
    if (event.type !== 'ReferralRouted') continue;
    for (const destination of event.data.destinations) destinations.set(destination.id, destination.name);
    if (event.data.localAuthority) areas.set(event.data.localAuthority.code, event.data.localAuthority.name);
  }
  return { destinations, areas };
}

function wordsFor(
  history: readonly RecordedEvent[],
  request: Pick<PageRequest, 't' | 'locale'>,
): TimelineWords & { known(id: string): boolean } {
  const { t, locale } = request;
  const { destinations, areas } = namesFrom(history);
  return {
    t,
    locale,
    date: (iso) => formatDate(iso, locale, t),
    dateTime: (iso) => formatDateTime(iso, locale, t),
    destination: (id) => destinations.get(id) ?? id,
    area: (code) => areas.get(code) ?? code,
    list: (items) => listText(items, t),
    known: (id) => destinations.has(id),
  };
}

/** The entry's facts and personal part, checked against the catalogue, in words. */
function told(entry: TimelineEntry, words: TimelineWords): TimelineText {
  const { t } = words;
  if (!isEventType(entry.type)) return { title: t('case.timeline.unknownStep'), facts: [], personal: [] };
  const definition = catalogue[entry.type as EventType];
  const data = definition.data.safeParse(entry.data);
  if (!data.success) return { title: t('case.timeline.unreadableStep'), facts: [], personal: [] };
  const erased = entry.personal === 'erased';
  const personal =
    !erased && entry.personal !== undefined && definition.personal
      ? definition.personal.safeParse(entry.personal)
      : undefined;
  const format = timelineFormatters[entry.type as EventType] as TimelineFormatter<EventType>;
  const text = format(
    { data: data.data, personal: personal?.success ? personal.data : undefined } as Parameters<typeof format>[0],
    words,
  );
  return { ...text, personal: erased ? [t('case.timeline.erased')] : text.personal };
}

export function timelineEntries(
  entries: readonly TimelineEntry[],
  history: readonly RecordedEvent[],
  request: Pick<PageRequest, 't' | 'locale'>,
): TimelineView[] {
  const { t } = request;
  const words = wordsFor(history, request);
  return [...entries].reverse().map((entry) => {
    const { organisation, role } = entry.actor;
    const who = words.known(organisation)
      ? t('case.timeline.by', { organisation: words.destination(organisation), role: t(`options.role.${role}`) })
      : ACTORS_WITHOUT_DESTINATION.has(role)
        ? t(`case.timeline.actors.${role}`)
        : t('case.timeline.by', { organisation, role: t(`options.role.${role}`) });
    return {
      ...told(entry, words),
      when: t('case.timeline.when', { when: formatDateTime(entry.occurredAt, request.locale, t), who }),
    };
  });
}
