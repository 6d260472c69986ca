// The national referral form, one thing per page: each step's questions and where each answer
// goes in the SubmitReferral command (whose schemas validate them). The other agencies involved
// are added one at a time on their own page (see other-agencies.ts).
import { Gender } from '../../events/common.js';
import { referenceLists } from '../../events/reference-data.js';
import { ReferralPersonalData } from '../../events/submission.js';
import { type FieldSpec, enumOptions, referenceOptions } from '../forms/field-spec.js';

export interface ReferralStep {
  /** The page's address: /referral/<id>. */
  id: string;
  /** The page's heading and title: steps.<id>.title in the locale files. */
  fields: readonly FieldSpec[];
}

const awareOptions = ReferralPersonalData.shape.person.shape.awareOfReferral.options;

export const referralSteps: readonly ReferralStep[] = [
  {
    id: 'your-details',
    fields: [
      { name: 'referrerName', path: 'personal.referrer.name', kind: 'text', autocomplete: 'name' },
      { name: 'referrerEmail', path: 'personal.referrer.email', kind: 'email', autocomplete: 'email' },
      { name: 'referrerPhone', path: 'personal.referrer.phone', kind: 'tel', autocomplete: 'tel', width: 20 },
    ],
  },
  {
    id: 'your-organisation',
    fields: [
      { name: 'referrerOrganisation', path: 'referrer.organisation', kind: 'text', autocomplete: 'organization' },
      { name: 'referrerRole', path: 'referrer.role', kind: 'text', autocomplete: 'organization-title' },
      {
        name: 'referrerSector',
        path: 'referrer.sector',
        kind: 'radios',
        options: referenceOptions(referenceLists.referralSectors.items),
      },
    ],
  },
  {
    id: 'safeguarding-lead',
    fields: [{ name: 'safeguardingLeadConsulted', path: 'referrer.safeguardingLeadConsulted', kind: 'yes-no' }],
  },
  { id: 'person-name', fields: [{ name: 'personName', path: 'personal.person.name', kind: 'text' }] },
  {
    id: 'person-age',
    fields: [
      { name: 'personDateOfBirth', path: 'personal.person.dateOfBirth', kind: 'date' },
      { name: 'personApproximateAge', path: 'personal.person.approximateAge', kind: 'number', width: 3 },
    ],
  },
  {
    id: 'person-gender',
    fields: [{ name: 'personGender', path: 'gender', kind: 'radios', options: enumOptions('gender', Gender.options) }],
  },
  {
    id: 'person-address',
    fields: [
      { name: 'personAddress', path: 'personal.person.address', kind: 'textarea' },
      { name: 'personPostcode', path: 'personal.person.postcode', kind: 'text', width: 10 },
    ],
  },
  {
    id: 'person-languages',
    fields: [
      { name: 'personLanguages', path: 'personal.person.languages', kind: 'list', width: 20 },
      { name: 'interpreterNeeded', path: 'personal.person.interpreterNeeded', kind: 'yes-no' },
    ],
  },
  {
    id: 'person-aware',
    fields: [
      {
        name: 'awareOfReferral',
        path: 'personal.person.awareOfReferral',
        kind: 'radios',
        options: enumOptions('awareOfReferral', awareOptions),
      },
    ],
  },
  { id: 'concern', fields: [{ name: 'concernDescription', path: 'personal.concern.description', kind: 'textarea' }] },
  {
    id: 'concern-discovery',
    fields: [
      { name: 'howItCameToLight', path: 'personal.concern.howItCameToLight', kind: 'textarea' },
      { name: 'whenItCameToLight', path: 'personal.concern.whenItCameToLight', kind: 'date' },
    ],
  },
  {
    id: 'indicators',
    fields: [
      {
        name: 'indicators',
        path: 'indicators',
        kind: 'checkboxes',
        options: referenceOptions(referenceLists.vulnerabilityIndicators.items),
      },
    ],
  },
  {
    id: 'type-of-concern',
    fields: [
      {
        name: 'suspectedConcernTypes',
        path: 'suspectedConcernTypes',
        kind: 'checkboxes',
        options: referenceOptions(referenceLists.typesOfConcern.items.filter((item) => !item.assessedOnly)),
      },
    ],
  },
  {
    id: 'immediate-risk',
    fields: [
      { name: 'immediateRisk', path: 'immediateRisk', kind: 'yes-no' },
      { name: 'accessToWeaponsOrTravelPlans', path: 'personal.concern.accessToWeaponsOrTravelPlans', kind: 'textarea' },
    ],
  },
  {
    id: 'complex-needs',
    fields: [
      {
        name: 'complexNeeds',
        path: 'personal.concern.complexNeeds',
        kind: 'flags',
        options: enumOptions('complexNeeds', ['mentalHealth', 'neurodiversity', 'learningDifficulty']),
      },
    ],
  },
  {
    id: 'support-hub',
    fields: [{ name: 'vulnerabilitySupportHubRequested', path: 'vulnerabilitySupportHubRequested', kind: 'yes-no' }],
  },
];

/** The form's questions in the three parts people read them back in (check your answers, the case page). */
export const referralSections: readonly { id: 'referrer' | 'person' | 'concern'; steps: readonly string[] }[] = [
  { id: 'referrer', steps: ['your-details', 'your-organisation', 'safeguarding-lead'] },
  {
    id: 'person',
    steps: ['person-name', 'person-age', 'person-gender', 'person-address', 'person-languages', 'person-aware'],
  },
  {
    id: 'concern',
    steps: [
      'concern',
      'concern-discovery',
      'indicators',
      'type-of-concern',
      'immediate-risk',
      'complex-needs',
      'support-hub',
    ],
  },
];

/** The fields of a section, in the order the form asks them. */
export function sectionFields(section: { steps: readonly string[] }): { step: ReferralStep; field: FieldSpec }[] {
  return section.steps.flatMap((id) => {
    const step = stepById(id);
    if (!step) throw new Error(`the referral form has no step ${id}`);
    return step.fields.map((field) => ({ step, field }));
  });
}

/** The page after the question steps: other agencies, then check your answers. */
export const OTHER_AGENCIES_STEP = 'other-agencies';
export const OTHER_AGENCIES_PATH = 'personal.concern.otherAgencies';

export const agencyFields: readonly FieldSpec[] = [
  { name: 'agency', path: 'agency', kind: 'text' },
  { name: 'agencyContact', path: 'contact', kind: 'text' },
];

export function stepById(id: string): ReferralStep | undefined {
  return referralSteps.find((step) => step.id === id);
}

/** The order of the pages, by address. */
export const journey: readonly string[] = [
  ...referralSteps.map((step) => step.id),
  OTHER_AGENCIES_STEP,
  'check-answers',
];

export function nextAfter(id: string): string {
  const index = journey.indexOf(id);
  return journey[index + 1] ?? 'check-answers';
}

export function previousBefore(id: string): string | undefined {
  const index = journey.indexOf(id);
  return index > 0 ? journey[index - 1] : undefined;
}
