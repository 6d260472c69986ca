// What the case page says about a referral: where it stands (from the folded state) and what was
// referred (the ReferralSubmitted event's facts and personal part, or that it was erased). The
// form's own questions read the answers back, so labels and option texts are the form's.
import { type RecordedEvent, isErased } from '../../events/index.js';
import { type ReferralState } from '../../domain/referral/state.js';
import { type RawAnswers } from '../forms/field-answers.js';
import { answerLines, formatDate } from '../forms/answer-text.js';
import { type PageRequest } from '../http/page-route.js';
import { referralSteps } from '../referral-form/referral-steps.js';

export interface DetailRow {
  key: string;
  lines: string[];
}

export function caseSummaryRows(state: ReferralState, request: Pick<PageRequest, 't' | 'locale'>): DetailRow[] {
  const { t, locale } = request;
  return [
    { key: t('case.summary.reference'), lines: [state.reference ?? ''] },
    { key: t('case.summary.status'), lines: [t(`options.caseStatus.${state.status}`)] },
    { key: t('case.summary.priority'), lines: [state.priority ? t(`options.priority.${state.priority}`) : t('common.notKnown')] },
    { key: t('case.summary.submitted'), lines: [state.submittedAt ? formatDate(state.submittedAt, locale, t) : t('common.notKnown')] },
    { key: t('case.summary.destinations'), lines: (state.routing?.destinations ?? []).filter((destination) => state.currentDestinations.includes(destination.id)).map((destination) => destination.name) },
  ];
}

/** The submitted form in the form's words: the answers as they would have been entered. */
function answersFrom(event: RecordedEvent): RawAnswers {
  const raw: RawAnswers = {};
  const source = { ...(event.data as Record<string, unknown>), personal: event.personal };
  for (const step of referralSteps) {
    for (const field of step.fields) {
      const value = field.path.split('.').reduce<unknown>((node, segment) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined), source);
      if (value === undefined || value === null) continue;
      if (field.kind === 'date' && typeof value === 'string') {
        const [year, month, day] = value.split('-');
        raw[`${field.name}-day`] = day ?? '';
        raw[`${field.name}-month`] = month ?? '';
        raw[`${field.name}-year`] = year ?? '';
      } else if (field.kind === 'yes-no') raw[field.name] = value ? 'yes' : 'no';
      else if (field.kind === 'flags') raw[field.name] = Object.entries(value as Record<string, boolean>).filter(([, ticked]) => ticked).map(([name]) => name);
      else if (field.kind === 'list') raw[field.name] = (value as string[]).join(', ');
      else if (Array.isArray(value)) raw[field.name] = value.map(String);
      else raw[field.name] = String(value);
    }
  }
  return raw;
}

export function referralDetailRows(history: readonly RecordedEvent[], request: Pick<PageRequest, 't' | 'locale'>): DetailRow[] | 'erased' {
  const submitted = history.find((event) => event.type === 'ReferralSubmitted');
  if (!submitted) return [];
  if (isErased(submitted.personal)) return 'erased';
  const raw = answersFrom(submitted);
  const rows = referralSteps.flatMap((step) => step.fields.map((field) => ({ key: request.t(`fields.${field.name}.label`), lines: answerLines(field, raw, request.locale, request.t) })));
  const agencies = ((submitted.personal as { concern?: { otherAgencies?: { agency: string; contact?: string }[] } }).concern?.otherAgencies ?? []).map((entry) => (entry.contact ? `${entry.agency} (${entry.contact})` : entry.agency));
  return [...rows, { key: request.t('check.sections.agencies'), lines: agencies }];
}
