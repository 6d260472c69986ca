// A case's timeline as the case page shows it: what happened (in the reader's language where the
// locale names the event), when, and by which organisation and role; the facts and notes of each
// step as they were recorded.
import { isErased } from '../../events/envelope.js';
import { type TimelineEntry } from '../../functions/read-models/case-timeline.js';
import { formatDate } from '../forms/answer-text.js';
import { type PageRequest } from '../http/page-route.js';
import { hasTranslation } from '../i18n/translator.js';

export interface TimelineView {
  title: string;
  when: string;
  by: string;
  lines: string[];
}

function linesOf(value: unknown, prefix = ''): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.length ? [`${prefix}${value.map((item) => (typeof item === 'object' ? JSON.stringify(item) : String(item))).join(', ')}`] : [];
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).flatMap(([name, inner]) => linesOf(inner, `${name}: `));
  return [`${prefix}${String(value)}`];
}

export function timelineEntries(entries: readonly TimelineEntry[], request: Pick<PageRequest, 't' | 'locale'>): TimelineView[] {
  const { t, locale } = request;
  return [...entries].reverse().map((entry) => {
    const key = `events.${entry.type}`;
    const time = entry.occurredAt.slice(11, 16);
    return {
      title: hasTranslation(locale, key) ? t(key) : entry.describes,
      when: `${formatDate(entry.occurredAt, locale, t)} ${time}`,
      by: t('case.timeline.by', { organisation: entry.actor.organisation, role: t(`options.role.${entry.actor.role}`) }),
      // The submission is shown in full above; other steps list their facts and notes.
      lines: entry.type === 'ReferralSubmitted' ? [] : [...linesOf(entry.data), ...(entry.personal === 'erased' || isErased(entry.personal) ? [t('case.erased')] : linesOf(entry.personal))],
    };
  });
}
