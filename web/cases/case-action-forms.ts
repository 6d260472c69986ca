// The case commands as forms: for each command of the API's catalogue that people run from the
// case page, its questions and where each answer goes in the command (whose schemas validate
// them). The page's address is /cases/{referralId}/actions/<id>.
import {
  GatewayOutcome,
  HubAssessmentOutcome,
  HubAssessmentRequested,
  SignpostedService,
} from '../../events/assessment.js';
import { ChannelExitReason, ConsentGivenBy, NotAdoptedNextStep, PanelDecision } from '../../events/channel.js';
import { ClosureOutcome, PersonalDataErased, ReferralTransferred } from '../../events/lifecycle.js';
import { ErasureGrounds } from '../../events/retention.js';
import { PostExitReview } from '../../events/post-exit.js';
import { referenceLists } from '../../events/reference-data.js';
import { type ReferralState, awaitingAcceptance, caseManagementOf } from '../../domain/referral/state.js';
import { councilNotOnService } from '../../domain/referral/index.js';
import { type Role } from '../../events/envelope.js';
import { CaseManagementEnding } from '../../events/case-management.js';
import { deconflicted, sharingOf } from '../../domain/referral/sharing.js';
import { type CaseCommandRoute, caseCommandRoutes } from '../../functions/api/case-commands/case-command-catalogue.js';
import { type FieldSpec, enumOptions, referenceOptions } from '../forms/field-spec.js';
import { regionalMoveCommand } from '../../functions/api/case-commands/regional-move.js';
import { loadOrganisations } from '../../functions/geography/load-geography.js';
import { regionOfRegionalHub } from '../../domain/routing/directory.js';
import { type RegionForce, regionOfForce, regionalHubOf } from '../../domain/routing/regions.js';
import { type RawAnswers } from '../forms/field-answers.js';

export interface CaseActionForm {
  /** The page's address segment and its locale keys under actions.<id>. */
  id: string;
  /** The API's command route this form runs. */
  command: CaseCommandRoute;
  fields: readonly FieldSpec[];
  /** Answers filled in from the case (the panel's local authority, for instance). */
  prefill?: (state: ReferralState) => RawAnswers;
  /**
   * A change that cannot be undone: the page is its confirmation step. It says plainly what will
   * happen (actions.<id>.explanation), and its button is a warning button.
   */
  cannotBeUndone?: true;
  /** Optional fields of the command the form does not ask, leaving them to the command's default. */
  leavesToDefault?: readonly string[];
  /** Whether the case page offers the action in the case's present state, to this role (always, when absent). */
  offeredWhile?: (state: ReferralState, role: Role) => boolean;
  /** The questions as the viewer's organisation is asked them, where they depend on it (its region's forces). */
  fieldsFor?: (organisation: string) => readonly FieldSpec[];
  /** What the service fills into the command from the answers (never asked of the caller): the paths in `filledByService`. */
  complete?: (command: Record<string, unknown>) => Record<string, unknown>;
  filledByService?: readonly string[];
}

/** A regional Prevent hub's move: to which force of its region, and why (decision 0018). */
function regionalMoveFields(forces: readonly RegionForce[]): FieldSpec[] {
  return [
    {
      name: 'moveToForce',
      path: 'toPoliceForce',
      kind: 'radios',
      options: forces.map((force) => ({ value: force.code, text: { en: force.name, cy: force.name } })),
    },
    { name: 'moveReason', path: 'personal.reason', kind: 'textarea' },
  ];
}

/**
 * A council's Channel work is offered to its own people, and to the police Prevent hub of the case
 * only for a council that is not on the service (the police record what that council tells them).
 */
const councilWork = (state: ReferralState, role: Role): boolean =>
  role !== 'police-prevent-officer' || councilNotOnService(state) !== null;

function commandAt(path: string): CaseCommandRoute {
  const route = caseCommandRoutes.find((candidate) => candidate.path === path);
  if (!route) throw new Error(`the API has no case command at ${path}`);
  return route;
}

const concernTypes = referenceOptions(referenceLists.typesOfConcern.items);

export const caseActionForms: readonly CaseActionForm[] = [
  {
    id: 'start-gateway-assessment',
    command: commandAt('gateway-assessment/start'),
    // The due date is not asked for: it was set from the triage policy when the referral was routed.
    fields: [],
  },
  {
    id: 'record-deconfliction',
    command: commandAt('deconfliction'),
    // Who and when come from the signed-in officer and the clock.
    fields: [],
    offeredWhile: (state) => !deconflicted(state) && state.gateway.status !== 'completed',
  },
  {
    id: 'share-referral',
    command: commandAt('sharing'),
    // Every organisation waiting for the referral (the command's default when it names none).
    fields: [],
    leavesToDefault: ['destinationIds'],
    cannotBeUndone: true,
    offeredWhile: (state) => deconflicted(state) && sharingOf(state).withheld.length > 0,
  },
  {
    id: 'escalate',
    command: commandAt('escalation'),
    fields: [{ name: 'escalationReason', path: 'personal.reason', kind: 'textarea' }],
    offeredWhile: (state) => state.priority !== 'urgent',
  },
  {
    id: 'request-more-information',
    command: commandAt('more-information/request'),
    fields: [{ name: 'moreInformationQuestion', path: 'personal.question', kind: 'textarea' }],
    // One question waits for the referrer's answer at a time.
    offeredWhile: (state) => state.moreInformation.awaitingAnswer === null,
  },
  {
    id: 'complete-gateway-assessment',
    command: commandAt('gateway-assessment/complete'),
    fields: [
      {
        name: 'gatewayOutcome',
        path: 'outcome',
        kind: 'radios',
        options: enumOptions('gatewayOutcome', GatewayOutcome.options),
      },
      { name: 'confirmedConcernType', path: 'confirmedConcernType', kind: 'radios', options: concernTypes },
      { name: 'deconflicted', path: 'deconflicted', kind: 'yes-no' },
      {
        name: 'signpostedTo',
        path: 'signpostedTo',
        kind: 'checkboxes',
        options: enumOptions('signpostedService', SignpostedService.options),
      },
      { name: 'gatewayRationale', path: 'personal.rationale', kind: 'textarea' },
    ],
  },
  {
    id: 'request-hub-assessment',
    command: commandAt('hub-assessment/request'),
    fields: [
      {
        name: 'hubRequestedBy',
        path: 'requestedBy',
        kind: 'radios',
        options: enumOptions('hubRequestedBy', HubAssessmentRequested.data.shape.requestedBy.options),
      },
      { name: 'hubRequestReason', path: 'personal.reason', kind: 'textarea' },
    ],
  },
  {
    id: 'complete-hub-assessment',
    command: commandAt('hub-assessment/complete'),
    fields: [
      {
        name: 'hubOutcome',
        path: 'outcome',
        kind: 'radios',
        options: enumOptions('hubOutcome', HubAssessmentOutcome.options),
      },
      { name: 'clinicalSummary', path: 'personal.clinicalSummary', kind: 'textarea' },
      { name: 'clinician', path: 'personal.clinician', kind: 'text' },
    ],
  },
  {
    id: 'schedule-panel',
    offeredWhile: councilWork,
    command: commandAt('panel/schedule'),
    fields: [
      { name: 'panelDate', path: 'panelDate', kind: 'date' },
      { name: 'panelLocalAuthority', path: 'localAuthorityCode', kind: 'text', width: 10 },
    ],
    prefill: (state): RawAnswers =>
      state.routing?.localAuthorityCode ? { panelLocalAuthority: state.routing.localAuthorityCode } : {},
  },
  {
    id: 'record-consent',
    offeredWhile: councilWork,
    command: commandAt('consent'),
    fields: [
      { name: 'consentGiven', path: 'given', kind: 'yes-no' },
      {
        name: 'consentGivenBy',
        path: 'givenBy',
        kind: 'radios',
        options: enumOptions('consentGivenBy', ConsentGivenBy.options),
      },
      { name: 'consenterName', path: 'personal.consenterName', kind: 'text' },
      { name: 'consentNotes', path: 'personal.notes', kind: 'textarea' },
    ],
  },
  {
    id: 'correct-age',
    command: commandAt('age'),
    fields: [
      { name: 'correctedDateOfBirth', path: 'personal.dateOfBirth', kind: 'date' },
      { name: 'correctedApproximateAge', path: 'personal.approximateAge', kind: 'number', width: 3 },
      { name: 'ageCorrectionReason', path: 'personal.reason', kind: 'textarea' },
    ],
    offeredWhile: (state) => state.closure === null && !state.erased,
  },
  {
    id: 'record-panel-decision',
    offeredWhile: councilWork,
    command: commandAt('panel/decision'),
    fields: [
      {
        name: 'panelDecision',
        path: 'decision',
        kind: 'radios',
        options: enumOptions('panelDecision', PanelDecision.options),
      },
      { name: 'vafEngagement', path: 'vulnerabilityAssessment.engagement', kind: 'number', width: 2 },
      { name: 'vafIntent', path: 'vulnerabilityAssessment.intent', kind: 'number', width: 2 },
      { name: 'vafCapability', path: 'vulnerabilityAssessment.capability', kind: 'number', width: 2 },
      {
        name: 'notAdoptedNextStep',
        path: 'nextStep',
        kind: 'radios',
        options: enumOptions('notAdoptedNextStep', NotAdoptedNextStep.options),
        absentAs: null,
      },
      { name: 'panelMinutes', path: 'personal.minutes', kind: 'textarea' },
    ],
  },
  {
    id: 'agree-support',
    offeredWhile: councilWork,
    command: commandAt('support/agree'),
    fields: [
      {
        name: 'supportProviders',
        path: 'providers',
        kind: 'checkboxes',
        options: referenceOptions(referenceLists.supportProviderKinds.items),
      },
      { name: 'supportDetails', path: 'personal.details', kind: 'textarea' },
    ],
  },
  {
    id: 'review-support',
    offeredWhile: councilWork,
    command: commandAt('support/review'),
    fields: [
      { name: 'riskMitigated', path: 'riskMitigated', kind: 'yes-no' },
      { name: 'reviewNotes', path: 'personal.notes', kind: 'textarea' },
    ],
  },
  {
    id: 'record-exit',
    offeredWhile: councilWork,
    command: commandAt('exit'),
    fields: [
      {
        name: 'exitReason',
        path: 'reason',
        kind: 'radios',
        options: enumOptions('exitReason', ChannelExitReason.options),
      },
      { name: 'exitDate', path: 'exitDate', kind: 'date' },
    ],
  },
  {
    id: 'complete-post-exit-review',
    offeredWhile: councilWork,
    command: commandAt('post-exit-review/complete'),
    fields: [
      {
        name: 'postExitReview',
        path: 'review',
        kind: 'radios',
        options: enumOptions('postExitReview', PostExitReview.options),
      },
      { name: 'concernIdentified', path: 'concernIdentified', kind: 'yes-no' },
      { name: 'postExitNotes', path: 'personal.notes', kind: 'textarea' },
    ],
  },
  {
    id: 'transfer',
    command: commandAt('transfer'),
    fields: [
      {
        name: 'transferReason',
        path: 'reason',
        kind: 'radios',
        options: enumOptions('transferReason', ReferralTransferred.data.shape.reason.options),
      },
      { name: 'transferAddress', path: 'personal.address', kind: 'textarea' },
      { name: 'transferPostcode', path: 'personal.postcode', kind: 'text', width: 10 },
    ],
  },
  {
    id: 'move-case-within-region',
    command: regionalMoveCommand,
    fields: regionalMoveFields([]),
    fieldsFor: (organisation) =>
      regionalMoveFields(regionalHubOf(loadOrganisations(), regionOfRegionalHub(organisation) ?? '')?.forces ?? []),
    // The force's region comes from the directory, never from the form.
    filledByService: ['ctpRegion'],
    complete: (command) => {
      const region =
        typeof command.toPoliceForce === 'string' ? regionOfForce(loadOrganisations(), command.toPoliceForce) : null;
      return region ? { ...command, ctpRegion: region } : command;
    },
    offeredWhile: (state, role) => role === 'regional-prevent-hub-officer' && !state.awaitingRerouting,
  },
  {
    id: 'accept-transfer',
    command: commandAt('transfer/accept'),
    fields: [],
    offeredWhile: (state) => awaitingAcceptance(state),
  },
  {
    id: 'review-case-management',
    command: commandAt('case-management/review'),
    fields: [
      { name: 'riskMitigated', path: 'riskMitigated', kind: 'yes-no' },
      { name: 'reviewNotes', path: 'personal.notes', kind: 'textarea' },
    ],
    offeredWhile: (state) => caseManagementOf(state).status === 'open',
  },
  {
    id: 'end-case-management',
    command: commandAt('case-management/end'),
    fields: [
      {
        name: 'caseManagementEnding',
        path: 'reason',
        kind: 'radios',
        options: enumOptions('caseManagementEnding', CaseManagementEnding.options),
      },
      { name: 'caseManagementRationale', path: 'personal.rationale', kind: 'textarea' },
    ],
    offeredWhile: (state) => caseManagementOf(state).status === 'open',
  },
  {
    id: 'close',
    command: commandAt('close'),
    fields: [
      {
        name: 'closureOutcome',
        path: 'outcome',
        kind: 'radios',
        options: enumOptions('closureOutcome', ClosureOutcome.options),
      },
    ],
  },
  {
    id: 'erase-personal-data',
    command: commandAt('erasure'),
    fields: [
      {
        name: 'erasureReason',
        path: 'reason',
        kind: 'radios',
        options: enumOptions('erasureReasonChoice', PersonalDataErased.data.shape.reason.options),
      },
      {
        name: 'erasureGrounds',
        path: 'grounds',
        kind: 'radios',
        options: enumOptions('erasureGrounds', ErasureGrounds.options),
      },
    ],
    cannotBeUndone: true,
    offeredWhile: (state) => !state.erased,
  },
];

export function caseActionForm(id: string): CaseActionForm | undefined {
  return caseActionForms.find((form) => form.id === id);
}
