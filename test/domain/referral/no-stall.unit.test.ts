// Part 3 of the casework model (issue 12): no case can stall. A council not on the service has
// its Channel work recorded by the police Prevent hub of the case, attributed to it; a transferred
// case is accepted by its new area, which may hold its own panel; police-led Prevent Case
// Management is a route with its own reviews, a way back to Channel, and an end.
import { describe, expect, it } from 'vitest';
import { type Actor } from '../../../events/envelope.js';
import { closingOutcomes } from '../../../domain/referral/index.js';
import { actors, commands, events, histories, routedToLichfield, spec } from './referral-fixtures.js';

const staffordPolice: Actor = { organisation: 'police:E23000015', user: 'po.5678', role: 'police-prevent-officer' };
const stafford = { code: 'E07000197', name: 'Stafford' };

/** Routed to Staffordshire Police alone: Stafford Borough Council is not on the service. */
const staffordRouted = events.routed({
  data: {
    localAuthority: stafford,
    policeForce: { code: 'E23000015', name: 'Staffordshire Police' },
    destinations: [{ kind: 'police-prevent-hub', id: 'police:E23000015', name: 'Staffordshire Police Prevent hub' }],
  },
});

/** The attribution that follows each Channel event the police record for Stafford Borough Council. */
function attribution(
  recorded:
    | 'ChannelPanelScheduled'
    | 'ConsentRecorded'
    | 'PanelDecisionRecorded'
    | 'SupportPackageAgreed'
    | 'SupportReviewed'
    | 'LeftChannel'
    | 'PostExitReviewCompleted',
) {
  return events.forCouncil({ data: { recorded, onBehalfOf: 'la:E07000197', localAuthorityCode: 'E07000197' } });
}

const staffordReferred = [
  events.submitted(),
  staffordRouted,
  events.gatewayDeadline(),
  events.gatewayStarted(),
  events.gatewayCompleted(),
];
const staffordScheduled = [
  ...staffordReferred,
  events.panelScheduled({ data: { panelDate: '2025-01-20', localAuthorityCode: 'E07000197' } }),
  attribution('ChannelPanelScheduled'),
];

describe('a council not on the service: the police Prevent hub records its Channel work', () => {
  it('records the panel the council scheduled, attributed to the council', () => {
    spec
      .given(staffordReferred)
      .when(commands.schedulePanel({ actor: staffordPolice, localAuthorityCode: 'E07000197' }))
      .then([
        events.panelScheduled({ data: { panelDate: '2025-01-20', localAuthorityCode: 'E07000197' } }),
        attribution('ChannelPanelScheduled'),
      ]);
  });

  it("records consent and the panel's decision, each attributed to the council", () => {
    spec
      .given(staffordScheduled)
      .when(commands.recordConsent({ actor: staffordPolice }))
      .then([events.consentRecorded(), attribution('ConsentRecorded'), events.consentDueAgainDateSet()]);
    spec
      .given([...staffordScheduled, events.consentRecorded(), attribution('ConsentRecorded')])
      .when(commands.decidePanel({ actor: staffordPolice }))
      .then([events.panelDecided(), attribution('PanelDecisionRecorded')]);
  });

  it('puts the attribution right after the council event, before what follows from it', () => {
    const notAdopted = { decision: 'not-adopted', nextStep: 'police-led-case-management' } as const;
    const decided = spec.given(staffordScheduled).when(commands.decidePanel({ actor: staffordPolice, ...notAdopted }));
    decided.then([
      events.panelDecided({ data: notAdopted }),
      attribution('PanelDecisionRecorded'),
      events.caseManagementStarted({ data: { from: 'channel-panel' } }),
      events.caseManagementReviewScheduled({ data: { dueOn: '2025-04-22' } }),
    ]);
  });

  it('refuses the police for a council that is on the service: its own people record it', () => {
    spec
      .given(histories.referredToChannel)
      .when(commands.schedulePanel({ actor: actors.police }))
      .thenThrows('council-on-service');
    spec
      .given(histories.adopted)
      .when(commands.agreeSupport({ actor: actors.police }))
      .thenThrows('council-on-service');
    spec
      .given(histories.sixMonthDue)
      .when(commands.completeReview({ actor: actors.police }))
      .thenThrows('council-on-service');
  });

  it("still checks the council's own rules: the panel must be the area's", () => {
    spec
      .given(staffordReferred)
      .when(commands.schedulePanel({ actor: staffordPolice, localAuthorityCode: 'E08000026' }))
      .thenThrows('wrong-local-authority');
  });

  it('takes a Stafford case from referral to closure with the police alone', () => {
    const adopted = [
      ...staffordScheduled,
      events.consentRecorded(),
      attribution('ConsentRecorded'),
      events.panelDecided(),
      attribution('PanelDecisionRecorded'),
    ];
    spec
      .given(adopted)
      .when(commands.agreeSupport({ actor: staffordPolice }))
      .then([events.supportAgreed(), attribution('SupportPackageAgreed'), events.supportReviewScheduled()]);
    const left = [
      ...adopted,
      events.supportAgreed(),
      attribution('SupportPackageAgreed'),
      events.supportReviewScheduled(),
      events.supportReviewed(),
      attribution('SupportReviewed'),
      events.leftChannel(),
      attribution('LeftChannel'),
      events.reviewDue(),
    ];
    spec
      .given(left)
      .when(commands.completeReview({ actor: staffordPolice }))
      .then([events.reviewCompleted(), attribution('PostExitReviewCompleted')]);
    const reviewed = [
      ...left,
      events.reviewCompleted(),
      events.reviewDue({ data: { review: 'twelve-month', dueOn: '2026-06-30' } }),
      events.reviewCompleted({ data: { review: 'twelve-month', concernIdentified: false } }),
    ];
    spec
      .given(reviewed)
      .when(commands.close({ actor: staffordPolice }))
      .then([events.closed(), events.retentionReviewScheduled()]);
  });
});

const moved = routedToLichfield({ postcode: 'WS13 6AA' });
const lichfieldLead: Actor = {
  organisation: 'la:E07000194',
  user: 'lichfield.lead',
  role: 'local-authority-prevent-lead',
};

describe('a transfer: the receiving area accepts it and may hold its own panel', () => {
  const adoptedThenMoved = [...histories.supported, events.transferred(), moved];

  it('waits for the receiving area: no casework and no closure until it accepts', () => {
    spec
      .given(adoptedThenMoved)
      .when(commands.reviewSupport({ actor: lichfieldLead }))
      .thenThrows('transfer-not-accepted');
    spec
      .given(adoptedThenMoved)
      .when(commands.close({ actor: lichfieldLead }))
      .thenThrows('transfer-not-accepted');
    spec
      .given(adoptedThenMoved)
      .when(commands.escalate({ actor: staffordPolice }))
      .then([events.escalated()]);
  });

  it("is accepted by the receiving area's police Prevent hub or council", () => {
    spec
      .given(adoptedThenMoved)
      .when(commands.acceptTransfer())
      .then([events.transferAccepted({ data: { acceptedBy: 'police:E23000015' } })]);
    spec
      .given(adoptedThenMoved)
      .when(commands.acceptTransfer({ actor: lichfieldLead }))
      .then([events.transferAccepted({ data: { acceptedBy: 'la:E07000194' } })]);
  });

  it('is not accepted by the area the case left, by a hub clinician, or when nothing waits', () => {
    spec
      .given(adoptedThenMoved)
      .when(commands.acceptTransfer({ actor: actors.localAuthority }))
      .thenThrows('cannot-accept-transfer');
    spec
      .given(adoptedThenMoved)
      .when(commands.acceptTransfer({ actor: { ...lichfieldLead, role: 'hub-clinician' } }))
      .thenThrows('cannot-accept-transfer');
    spec.given(histories.supported).when(commands.acceptTransfer()).thenThrows('no-transfer-to-accept');
    spec
      .given([...adoptedThenMoved, events.transferAccepted()])
      .when(commands.acceptTransfer())
      .thenThrows('no-transfer-to-accept');
  });

  it('takes access from the old destinations and keeps the history', () => {
    const state = spec.given(adoptedThenMoved).when(commands.acceptTransfer()).state();
    expect(state.currentDestinations).toEqual(['police:E23000015', 'la:E07000194']);
    expect(state.formerDestinations).toEqual(['police:E23000014', 'la:E08000026']);
    expect(state.panel).toMatchObject({ status: 'decided', decision: 'adopted', localAuthorityCode: 'E08000026' });
    expect(state.transferAwaitingAcceptance).toBe(false);
  });

  it("lets the receiving area hold its own panel: the old panel's decision does not block it", () => {
    const accepted = [...adoptedThenMoved, events.transferAccepted()];
    const newPanel = commands.schedulePanel({ actor: lichfieldLead, localAuthorityCode: 'E07000194' });
    const scheduled = events.panelScheduled({ data: { panelDate: '2025-01-20', localAuthorityCode: 'E07000194' } });
    spec.given(accepted).when(newPanel).then([scheduled]);
    const state = spec.given(accepted).when(newPanel).state();
    // A new panel: the earlier one's decision, consent and support stay in the history only.
    expect(state).toMatchObject({
      earlierPanels: 1,
      panel: { status: 'scheduled', decision: null, localAuthorityCode: 'E07000194' },
      consent: { status: 'not-recorded' },
      support: { status: 'not-agreed' },
      status: 'channel',
    });
    expect(closingOutcomes(state)).toEqual([]);
  });

  it("does not let the old area's undecided panel decide after the move", () => {
    const movedBeforeDecision = [...histories.consented, events.transferred(), moved, events.transferAccepted()];
    spec
      .given(movedBeforeDecision)
      .when(commands.decidePanel({ actor: lichfieldLead }))
      .thenThrows('wrong-local-authority');
    spec
      .given(movedBeforeDecision)
      .when(commands.schedulePanel({ actor: lichfieldLead, localAuthorityCode: 'E07000194' }))
      .then([events.panelScheduled({ data: { panelDate: '2025-01-20', localAuthorityCode: 'E07000194' } })]);
  });

  it("keeps the same area's decision: a panel of the area that decided is not held twice", () => {
    spec.given(histories.adopted).when(commands.schedulePanel()).thenThrows('panel-already-decided');
  });
});

const pcmOutcome = { outcome: 'police-led-case-management' } as const;
const inCaseManagement = [
  ...histories.gatewayStarted,
  events.gatewayCompleted({ data: pcmOutcome }),
  events.caseManagementStarted(),
  events.caseManagementReviewScheduled(),
];

describe('police-led Prevent Case Management', () => {
  it('opens from the gateway assessment, with its first review set by the policy', () => {
    spec
      .given([...histories.gatewayStarted, events.deconflicted()])
      .when(commands.completeGateway(pcmOutcome))
      .then([
        events.gatewayCompleted({ data: pcmOutcome }),
        events.caseManagementStarted(),
        events.caseManagementReviewScheduled({ data: { dueOn: '2025-04-09' } }),
      ]);
    const state = spec.given(inCaseManagement).when(commands.reviewCaseManagement()).state();
    expect(state.status).toBe('police-case-management');
  });

  it('cannot be closed while it is open', () => {
    spec
      .given(inCaseManagement)
      .when(commands.close({ outcome: 'police-led-case-management', actor: actors.police }))
      .thenThrows('outcome-inconsistent');
  });

  it('has reviews that fall due by themselves, once', () => {
    spec
      .given(inCaseManagement)
      .when(commands.markCaseManagementReviewDue({ at: '2025-04-08T06:00:00Z' }))
      .thenThrows('not-yet-due');
    spec.given(inCaseManagement).when(commands.markCaseManagementReviewDue()).then([events.caseManagementReviewDue()]);
    spec
      .given([...inCaseManagement, events.caseManagementReviewDue()])
      .when(commands.markCaseManagementReviewDue())
      .thenNothing();
    spec
      .given(histories.referredToChannel)
      .when(commands.markCaseManagementReviewDue())
      .thenThrows('not-in-case-management');
  });

  it('is reviewed by the police, each review setting the next', () => {
    spec
      .given([...inCaseManagement, events.caseManagementReviewDue()])
      .when(commands.reviewCaseManagement())
      .then([events.caseManagementReviewed(), events.caseManagementReviewScheduled({ data: { dueOn: '2025-07-10' } })]);
    spec
      .given(inCaseManagement)
      .when(commands.reviewCaseManagement({ actor: actors.localAuthority }))
      .thenThrows('police-only');
    spec.given(histories.referredToChannel).when(commands.reviewCaseManagement()).thenThrows('not-in-case-management');
  });

  it('ends with no further concern only once a review found the risk mitigated, then closes', () => {
    spec.given(inCaseManagement).when(commands.endCaseManagement()).thenThrows('risk-not-mitigated');
    const reviewed = [...inCaseManagement, events.caseManagementReviewed(), events.caseManagementReviewScheduled()];
    spec.given(reviewed).when(commands.endCaseManagement()).then([events.caseManagementEnded()]);
    spec
      .given([...reviewed, events.caseManagementEnded()])
      .when(commands.close({ outcome: 'police-led-case-management', actor: actors.police }))
      .then([events.closed({ data: { outcome: 'police-led-case-management' } }), events.retentionReviewScheduled()]);
  });

  it('has a way back to Channel: a new panel is held, whatever an earlier one decided', () => {
    const back = { reason: 'referred-to-channel' } as const;
    spec
      .given(inCaseManagement)
      .when(commands.endCaseManagement(back))
      .then([events.caseManagementEnded({ data: back })]);
    const referred = [...inCaseManagement, events.caseManagementEnded({ data: back })];
    spec
      .given(referred)
      .when(commands.close({ outcome: 'police-led-case-management', actor: actors.police }))
      .thenThrows('outcome-inconsistent');
    spec.given(referred).when(commands.schedulePanel()).then([events.panelScheduled()]);

    // Not adopted by the panel, into case management, then back to Channel: the same area holds a new panel.
    const notAdopted = { decision: 'not-adopted', nextStep: 'police-led-case-management' } as const;
    const afterPanel = [
      ...histories.panelScheduled,
      events.panelDecided({ data: notAdopted }),
      events.caseManagementStarted({ data: { from: 'channel-panel' } }),
      events.caseManagementReviewScheduled(),
    ];
    spec.given(afterPanel).when(commands.schedulePanel()).thenThrows('in-case-management');
    const backAgain = [...afterPanel, events.caseManagementEnded({ data: back })];
    spec.given(backAgain).when(commands.schedulePanel()).then([events.panelScheduled()]);
    const state = spec.given(backAgain).when(commands.schedulePanel()).state();
    expect(state).toMatchObject({
      earlierPanels: 1,
      panel: { status: 'scheduled', decision: null },
      status: 'channel',
    });
  });

  it('closes a case not adopted and managed by the police under either outcome', () => {
    const notAdopted = { decision: 'not-adopted', nextStep: 'police-led-case-management' } as const;
    const ended = [
      ...histories.panelScheduled,
      events.panelDecided({ data: notAdopted }),
      events.caseManagementStarted({ data: { from: 'channel-panel' } }),
      events.caseManagementReviewScheduled(),
      events.caseManagementEnded({ data: { reason: 'other' } }),
    ];
    const state = spec
      .given(ended)
      .when(commands.close({ outcome: 'channel-not-adopted' }))
      .state();
    expect(state.status).toBe('closed');
  });
});
