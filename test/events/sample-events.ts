// One valid example of every event type of the catalogue, at its current schema version.
// Typed as a complete record, so a new event type without an example fails to compile.
import { type DomainEvent, type EventType } from '../../events/catalogue.js';

export const sampleEvents: { [T in EventType]: DomainEvent<T> } = {
  ReferralSubmitted: {
    type: 'ReferralSubmitted',
    data: {
      reference: 'PRV-7K3M-Q9TX',
      referrer: {
        organisation: 'Coventry Academy',
        role: 'Designated safeguarding lead',
        sector: 'education',
        safeguardingLeadConsulted: true,
      },
      indicators: ['grievance-injustice-threat', 'secretive-online'],
      immediateRisk: false,
      vulnerabilitySupportHubRequested: false,
      ageBand: '11-15',
      gender: 'male',
      suspectedConcernTypes: ['extreme-right-wing'],
    },
    personal: {
      referrer: { name: 'Sam Referrer', email: 'sam.referrer@academy.example.org', phone: '024 7600 0000' },
      person: {
        name: 'Alex Person',
        dateOfBirth: '2010-03-15',
        address: '1 Example Street, Coventry',
        postcode: 'CV1 5FB',
        languages: ['English'],
        interpreterNeeded: false,
        awareOfReferral: 'no',
      },
      concern: {
        description: 'Shared extreme material with classmates and spoke of a grievance against a group.',
        howItCameToLight: 'Teacher overheard a conversation.',
        whenItCameToLight: '2025-01-03',
        complexNeeds: { mentalHealth: false, neurodiversity: true, learningDifficulty: false },
        otherAgencies: [{ agency: 'School nurse' }],
      },
    },
  },
  ReferralRouted: {
    type: 'ReferralRouted',
    data: {
      ruleVersion: 'lad22-pfa22',
      jurisdiction: 'england-wales',
      localAuthority: { code: 'E08000026', name: 'Coventry' },
      policeForce: { code: 'E23000014', name: 'West Midlands Police' },
      ctpRegion: { code: 'CTP-WM', name: 'CTP West Midlands' },
      vulnerabilitySupportHub: null,
      destinations: [
        { kind: 'police-prevent-hub', id: 'police:E23000014', name: 'West Midlands Police Prevent hub' },
        { kind: 'local-authority-prevent-team', id: 'la:E08000026', name: 'Coventry City Council Prevent team' },
      ],
      priority: 'standard',
      explanation: ['the postcode given is in Coventry (E08000026)', 'Coventry is policed by West Midlands Police'],
      reason: 'submitted',
    },
    personal: { postcode: 'CV1 5FB' },
  },
  ReferralDelivered: {
    type: 'ReferralDelivered',
    data: {
      destinationId: 'police:E23000014',
      routedVersion: 2,
      messageId: 'msg-1',
      receivedAt: '2025-01-06T09:05:00Z',
    },
  },
  DeliveryOverdue: {
    type: 'DeliveryOverdue',
    data: { destinationId: 'la:E08000026', routedVersion: 2, dueBy: '2025-01-06T10:00:00Z' },
  },
  GatewayAssessmentDeadlineSet: {
    type: 'GatewayAssessmentDeadlineSet',
    data: { dueBy: '2025-01-13', because: 'routed' },
  },
  GatewayAssessmentStarted: { type: 'GatewayAssessmentStarted', data: { dueBy: '2025-01-13' } },
  ReferralEscalated: {
    type: 'ReferralEscalated',
    data: { from: 'standard' },
    personal: { reason: 'The school reported new information: the person spoke of travel plans.' },
  },
  MoreInformationRequested: {
    type: 'MoreInformationRequested',
    data: { requestNumber: 1 },
    personal: { question: 'Which days did you see the posts, and did anyone else at the school see them?' },
  },
  ReferrerAnswered: {
    type: 'ReferrerAnswered',
    data: { requestNumber: 1 },
    personal: { answer: 'On 2 and 3 January; the head of year saw them too.' },
  },
  SupportReviewScheduled: { type: 'SupportReviewScheduled', data: { dueOn: '2025-04-28' } },
  SupportReviewDue: { type: 'SupportReviewDue', data: { dueOn: '2025-04-28' } },
  DeconflictionRecorded: {
    type: 'DeconflictionRecorded',
    data: { by: { organisation: 'police:E23000014', user: 'po.1234' }, at: '2025-01-08T10:00:00Z' },
  },
  ReferralSharingDeferred: {
    type: 'ReferralSharingDeferred',
    data: { destinationIds: ['la:E08000026'], typesOfConcern: ['extreme-right-wing'] },
  },
  ReferralShared: {
    type: 'ReferralShared',
    data: { destinationIds: ['la:E08000026'], because: 'referred-to-channel' },
  },
  SharedDeliveryOverdue: {
    type: 'SharedDeliveryOverdue',
    data: { destinationId: 'la:E08000026', sharedVersion: 7, dueBy: '2025-01-09T16:00:00Z' },
  },
  SharedReferralDelivered: {
    type: 'SharedReferralDelivered',
    data: {
      destinationId: 'la:E08000026',
      sharedVersion: 7,
      messageId: 'message-shared-1',
      receivedAt: '2025-01-09T15:00:03Z',
    },
  },
  GatewayAssessmentCompleted: {
    type: 'GatewayAssessmentCompleted',
    data: {
      outcome: 'referred-to-channel',
      confirmedConcernType: 'extreme-right-wing',
      deconflicted: true,
      signpostedTo: [],
    },
    personal: { rationale: 'Vulnerable to influence; no live investigation.' },
  },
  GatewayAssessmentOverdue: { type: 'GatewayAssessmentOverdue', data: { dueBy: '2025-01-13' } },
  HubAssessmentRequested: {
    type: 'HubAssessmentRequested',
    data: { requestedBy: 'gateway-assessment' },
    personal: { reason: 'Possible unmet mental health needs.' },
  },
  HubAssessmentCompleted: {
    type: 'HubAssessmentCompleted',
    data: { outcome: 'support-offered' },
    personal: { clinicalSummary: 'Referred to CAMHS.', clinician: 'Dr Clinician' },
  },
  ChannelPanelScheduled: {
    type: 'ChannelPanelScheduled',
    data: { panelDate: '2025-01-20', localAuthorityCode: 'E08000026' },
  },
  ConsentRecorded: {
    type: 'ConsentRecorded',
    data: { given: true, givenBy: 'parent-or-guardian' },
    personal: { consenterName: 'Jo Parent' },
  },
  AgeCorrected: {
    type: 'AgeCorrected',
    data: { ageBand: '11-15', correctedOn: '2025-01-13' },
    personal: { dateOfBirth: '2010-03-15', reason: 'Date of birth confirmed by the school.' },
  },
  ConsentDueAgainDateSet: { type: 'ConsentDueAgainDateSet', data: {}, personal: { dueOn: '2028-03-15' } },
  ConsentDueAgain: { type: 'ConsentDueAgain', data: { because: 'came-of-age' } },
  PanelDecisionRecorded: {
    type: 'PanelDecisionRecorded',
    data: { decision: 'adopted', vulnerabilityAssessment: { engagement: 5, intent: 2, capability: 1 }, nextStep: null },
    personal: { minutes: 'Panel agreed to adopt.' },
  },
  SupportPackageAgreed: {
    type: 'SupportPackageAgreed',
    data: { providers: ['intervention-provider', 'education'] },
    personal: { details: 'Weekly mentoring; school pastoral support.' },
  },
  SupportReviewed: { type: 'SupportReviewed', data: { riskMitigated: true }, personal: { notes: 'Engaging well.' } },
  LeftChannel: { type: 'LeftChannel', data: { reason: 'no-further-concern', exitDate: '2025-06-30' } },
  PostExitReviewDue: { type: 'PostExitReviewDue', data: { review: 'six-month', dueOn: '2025-12-30' } },
  PostExitReviewCompleted: {
    type: 'PostExitReviewCompleted',
    data: { review: 'six-month', concernIdentified: false },
    personal: { notes: 'No concerns raised.' },
  },
  ReferralTransferred: {
    type: 'ReferralTransferred',
    data: { reason: 'person-moved' },
    personal: { address: '2 New Road, Lichfield', postcode: 'WS13 6AA' },
  },
  ChannelWorkRecordedForCouncil: {
    type: 'ChannelWorkRecordedForCouncil',
    data: { recorded: 'ChannelPanelScheduled', onBehalfOf: 'la:E07000197', localAuthorityCode: 'E07000197' },
  },
  PoliceCaseManagementStarted: { type: 'PoliceCaseManagementStarted', data: { from: 'gateway-assessment' } },
  PoliceCaseManagementReviewScheduled: { type: 'PoliceCaseManagementReviewScheduled', data: { dueOn: '2025-04-09' } },
  PoliceCaseManagementReviewDue: { type: 'PoliceCaseManagementReviewDue', data: { dueOn: '2025-04-09' } },
  PoliceCaseManagementReviewed: {
    type: 'PoliceCaseManagementReviewed',
    data: { riskMitigated: true },
    personal: { notes: 'Engaging with the officer; no new concern.' },
  },
  PoliceCaseManagementEnded: {
    type: 'PoliceCaseManagementEnded',
    data: { reason: 'no-further-concern' },
    personal: { rationale: 'Risk managed; no further terrorism-related concern.' },
  },
  TransferAccepted: { type: 'TransferAccepted', data: { acceptedBy: 'police:E23000014' } },
  CaseMovedWithinRegion: {
    type: 'CaseMovedWithinRegion',
    data: { ctpRegion: 'CTP-WM', fromPoliceForce: 'E23000014', toPoliceForce: 'E23000015' },
    personal: { reason: 'Staffordshire Police already hold a live case for this person' },
  },
  ReferralClosed: { type: 'ReferralClosed', data: { outcome: 'left-channel-no-further-concern' } },
  RetentionReviewScheduled: {
    type: 'RetentionReviewScheduled',
    data: { dueOn: '2032-07-15', retentionYears: 6 },
  },
  RetentionReviewDue: { type: 'RetentionReviewDue', data: { dueOn: '2032-07-15' } },
  ErasureDecided: {
    type: 'ErasureDecided',
    data: { reason: 'retention-period-ended', grounds: 'no-longer-needed-after-retention-review', caseOpen: false },
  },
  PersonalDataErased: { type: 'PersonalDataErased', data: { reason: 'retention-period-ended' } },
  OrganisationDetailsChanged: {
    type: 'OrganisationDetailsChanged',
    data: {
      organisationId: 'la:E07000195',
      mailbox: 'prevent@newcastle-staffs.example.gov.uk',
      onboarded: true,
      changed: ['mailbox', 'onboarded'],
      reason: 'Newcastle-under-Lyme joins the shared service from 1 April',
    },
  },
  OrganisationSharingPolicyChanged: {
    type: 'OrganisationSharingPolicyChanged',
    data: {
      organisationId: 'la:E07000195',
      sharing: 'on-submission',
      reason: 'The council asked to receive referrals as the police do',
    },
  },
  RegionalAssessmentChanged: {
    type: 'RegionalAssessmentChanged',
    data: {
      organisationId: 'ctp:CTP-WM',
      assessedBy: 'regional-hub',
      reason: 'The region assesses its referrals centrally from 1 April',
    },
  },
  ChannelPanelChanged: {
    type: 'ChannelPanelChanged',
    data: {
      organisationId: 'la:E07000195',
      panel: {
        arrangement: 'joint',
        jointWith: ['la:E07000197'],
        chairRole: 'Head of Community Safety',
        mailbox: 'channel@newcastle-staffs.example.gov.uk',
      },
      reason: 'Newcastle-under-Lyme and Stafford run one panel',
    },
  },
};
