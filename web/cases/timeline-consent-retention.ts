// What the steps of consent (issue 12, part 4) and retention (part 6) say on the case page. The
// date consent falls due again is worked out from the date of birth: personal, shown only when the
// timeline service handed the personal part over for this viewer.
import { referenceLists } from '../../events/index.js';
import { type Translator, referenceLabel } from '../i18n/translator.js';
import { type TimelineFormatter } from './timeline-formatters.js';

type Formatters = {
  readonly [
    T in
      | 'AgeCorrected'
      | 'ConsentDueAgainDateSet'
      | 'ConsentDueAgain'
      | 'RetentionReviewScheduled'
      | 'RetentionReviewDue'
      | 'ErasureDecided'
  ]: TimelineFormatter<T>;
};

const labelled = (t: Translator, label: string, value: string): string =>
  t('case.timeline.line', { label: t(`case.timeline.labels.${label}`), value });

export const consentAndRetentionFormatters: Formatters = {
  AgeCorrected: ({ data, personal }, { t, locale, date }) => {
    const band = referenceLists.ageBands.items.find((item) => item.code === data.ageBand);
    const age =
      personal?.dateOfBirth !== undefined
        ? t('case.timeline.bornOn', { date: date(personal.dateOfBirth) })
        : t('case.timeline.aboutYears', { years: personal?.approximateAge ?? 0, date: date(data.correctedOn) });
    return {
      title: t('events.AgeCorrected'),
      facts: [labelled(t, 'ageBand', band ? referenceLabel(band, locale) : data.ageBand)],
      personal: personal ? [labelled(t, 'age', age), labelled(t, 'reason', personal.reason)] : [],
    };
  },

  ConsentDueAgainDateSet: ({ personal }, { t, date }) => ({
    title: t('events.ConsentDueAgainDateSet'),
    facts: [],
    personal: personal ? [t('case.timeline.consentDueAgainOn', { date: date(personal.dueOn) })] : [],
  }),

  ConsentDueAgain: ({ data }, { t }) => ({
    title: t('events.ConsentDueAgain'),
    facts: [t(`options.consentDueAgainCause.${data.because}`)],
    personal: [],
  }),

  RetentionReviewScheduled: ({ data }, { t, date }) => ({
    title: t('events.RetentionReviewScheduled', { date: date(data.dueOn) }),
    facts: [t('case.timeline.retentionYears', { years: data.retentionYears })],
    personal: [],
  }),

  RetentionReviewDue: ({ data }, { t, date }) => ({
    title: t('events.RetentionReviewDue', { date: date(data.dueOn) }),
    facts: [],
    personal: [],
  }),

  ErasureDecided: ({ data }, { t }) => ({
    title: t('events.ErasureDecided', { reason: t(`options.erasureReason.${data.reason}`) }),
    facts: [
      labelled(t, 'grounds', t(`options.erasureGrounds.${data.grounds}`)),
      ...(data.caseOpen ? [t('case.timeline.erasedWhileOpen')] : []),
    ],
    personal: [],
  }),
};
