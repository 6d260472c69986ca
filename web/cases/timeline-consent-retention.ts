// What the steps of consent (issue 12, part 4) and retention (part 6) say on the case page. The
// date consent falls due again is worked out from the date of birth: personal, shown only when the
// timeline service handed the personal part over for this viewer.
import { referenceLists } from '../../events/index.js';
import { referenceLabel } from '../i18n/translator.js';
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

export const consentAndRetentionFormatters: Formatters = {
  AgeCorrected: ({ data, personal }, { t, locale, date }) => {
    const band = referenceLists.ageBands.items.find((item) => item.code === data.ageBand);
    const age = personal?.age;
    return {
      title: t('events.AgeCorrected'),
      facts: [
        t('case.timeline.line', {
          label: t('case.timeline.labels.ageBand'),
          value: band ? referenceLabel(band, locale) : data.ageBand,
        }),
      ],
      personal: personal
        ? [
            t('case.timeline.line', {
              label: t('case.timeline.labels.age'),
              value:
                age && 'dateOfBirth' in age
                  ? t('case.timeline.bornOn', { date: date(age.dateOfBirth) })
                  : t('case.timeline.aboutYears', { years: age?.approximateAge ?? 0, date: date(age?.statedOn ?? '') }),
            }),
            t('case.timeline.line', { label: t('case.timeline.labels.reason'), value: personal.reason }),
          ]
        : [],
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
      t('case.timeline.line', {
        label: t('case.timeline.labels.grounds'),
        value: t(`options.erasureGrounds.${data.grounds}`),
      }),
      ...(data.caseOpen ? [t('case.timeline.erasedWhileOpen')] : []),
    ],
    personal: [],
  }),
};
