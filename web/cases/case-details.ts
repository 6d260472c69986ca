// What the case page says about a referral: where it stands (from the folded state) and what was
// referred (the ReferralSubmitted event's facts and personal part, or that it was erased). The
// form's own questions read the answers back, so labels and option texts are the form's.
import { type RecordedEvent, isErased } from '../../events/index.js';
import { referenceLists } from '../../events/reference-data.js';
import { type ReferralState } from '../../domain/referral/state.js';
import { type CaseNotice } from '../../functions/api/shared/case-reading.js';
import { referenceLabel } from '../i18n/translator.js';
import { type RawAnswers } from '../forms/field-answers.js';
import { answerLines, formatDate } from '../forms/answer-text.js';
import { type PageRequest } from '../http/page-route.js';
import { referralSections, referralSteps, sectionFields } from '../referral-form/referral-steps.js';

export interface DetailRow {
  key: string;
  lines: string[];
}

export function caseSummaryRows(state: ReferralState, request: Pick<PageRequest, 't' | 'locale'>): DetailRow[] {
  const { t, locale } = request;
  return [
    { key: t('case.summary.reference'), lines: [state.reference ?? ''] },
    { key: t('case.summary.status'), lines: [t(`options.caseStatus.${state.status}`)] },
    {
      key: t('case.summary.priority'),
      lines: [state.priority ? t(`options.priority.${state.priority}`) : t('common.notKnown')],
    },
    {
      key: t('case.summary.submitted'),
      lines: [state.submittedAt ? formatDate(state.submittedAt, locale, t) : t('common.notKnown')],
    },
    {
      key: t('case.summary.destinations'),
      lines: (state.routing?.destinations ?? [])
        .filter((destination) => state.currentDestinations.includes(destination.id))
        .map((destination) => destination.name),
    },
    ...(state.moreInformation.awaitingAnswer === null
      ? []
      : [
          {
            key: t('case.summary.referrerQuestion'),
            lines: [t('case.awaitingReferrer', { number: state.moreInformation.awaitingAnswer })],
          },
        ]),
  ];
}

/** What an organisation waiting for the police to deconflict a referral sees of it: no personal data. */
export function caseNoticeRows(
  notice: CaseNotice,
  request: Pick<PageRequest, 't' | 'locale'>,
): { key: string; value: string }[] {
  const { t, locale } = request;
  const concern = (code: string) => {
    const item = referenceLists.typesOfConcern.items.find((candidate) => candidate.code === code);
    return item ? referenceLabel(item, locale) : code;
  };
  return [
    { key: t('case.summary.reference'), value: notice.reference },
    { key: t('case.summary.priority'), value: t(`options.priority.${notice.priority}`) },
    { key: t('case.notice.typeOfConcern'), value: notice.typesOfConcern.map(concern).join(', ') },
    {
      key: t('case.summary.submitted'),
      value: notice.submittedAt ? formatDate(notice.submittedAt, locale, t) : t('common.notKnown'),
    },
  ];
}

/** The submitted form in the form's words: the answers as they would have been entered. */
function answersFrom(event: RecordedEvent): RawAnswers {
  const raw: RawAnswers = {};
  const source = { ...(event.data as Record<string, unknown>), personal: event.personal };
  for (const step of referralSteps) {
    for (const field of step.fields) {
      const value = field.path
        .split('.')
        .reduce<unknown>(
          (node, segment) =>
            node && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined,
          source,
        );
      if (value === undefined || value === null) continue;
      if (field.kind === 'date' && typeof value === 'string') {
        const [year, month, day] = value.split('-');
        raw[`${field.name}-day`] = day ?? '';
        raw[`${field.name}-month`] = month ?? '';
        raw[`${field.name}-year`] = year ?? '';
      } else if (field.kind === 'yes-no') raw[field.name] = value ? 'yes' : 'no';
      else if (field.kind === 'flags')
        raw[field.name] = Object.entries(value as Record<string, boolean>)
          .filter(([, ticked]) => ticked)
          .map(([name]) => name);
      else if (field.kind === 'list') raw[field.name] = (value as string[]).join(', ');
      else if (Array.isArray(value)) raw[field.name] = value.map(String);
      else raw[field.name] = String(value);
    }
  }
  return raw;
}

export interface DetailSection {
  heading: string;
  rows: DetailRow[];
}

/**
 * What was referred, in the form's three parts and the other agencies: whose answers are whose.
 * After erasure the anonymous facts are still shown, and every personal answer reads "Erased".
 */
export function referralDetailSections(
  history: readonly RecordedEvent[],
  request: Pick<PageRequest, 't' | 'locale'>,
): DetailSection[] {
  const { t, locale } = request;
  const submitted = history.find(
    (event): event is RecordedEvent<'ReferralSubmitted'> => event.type === 'ReferralSubmitted',
  );
  if (!submitted) return [];
  const erased = isErased(submitted.personal);
  const raw = answersFrom(submitted);
  const sections = referralSections.map((section) => ({
    heading: t(`case.sections.${section.id}`),
    rows: sectionFields(section).map(({ field }) => ({
      key: t(`fields.${field.name}.label`),
      lines:
        erased && field.path.startsWith('personal.') ? [t('case.erasedAnswer')] : answerLines(field, raw, locale, t),
    })),
  }));
  const agencies = isErased(submitted.personal)
    ? [{ key: t('case.sections.agencies'), lines: [t('case.erasedAnswer')] }]
    : submitted.personal.concern.otherAgencies.map((entry) => ({
        key: entry.agency,
        lines: [entry.contact ?? t('check.notGiven')],
      }));
  return [...sections, { heading: t('case.sections.agencies'), rows: agencies }];
}
