// The full matrix: every role x every action x the organisation's relation to the case or queue.
// The expected answers are written out per role below, independently of domain/access/roles.ts.
import { describe, expect, it } from 'vitest';
import {
  type Action,
  actions,
  AWAITING_DECONFLICTION,
  decideAccess,
  decideStatisticsAccess,
  type CaseAccessFacts,
  type Viewer,
  caseworkRolesOf,
  decideRoleAssignment,
} from '../../../domain/access/index.js';
import { Role } from '../../../events/envelope.js';

const westMidlandsPolice = 'police:E23000014';
const coventryCouncil = 'la:E08000026';
const staffordshirePolice = 'police:E23000015';
const lichfieldCouncil = 'la:E07000194';
const westMidlandsHub = 'vsh:VSH-WEST-MIDLANDS';

const coventryCase: CaseAccessFacts = {
  currentDestinations: [westMidlandsPolice, coventryCouncil, westMidlandsHub],
  submittedBy: { organisation: 'referrer:coventry-school', user: 'teacher-1' },
  // Held by West Midlands Police: the West Midlands region's regional Prevent hub sees it.
  regions: ['CTP-WM'],
};
const westMidlandsRegion = 'ctp:CTP-WM';
const northWestRegion = 'ctp:CTP-NW';

type Relation = 'destination' | 'other-organisation';

/** What each role may do when its organisation IS a destination of the case (or the queue is its own). */
const allowedAsDestination: Record<Role, readonly Action[]> = {
  'police-prevent-officer': [
    'read-case',
    'read-timeline',
    'read-case-notice',
    'start-gateway-assessment',
    'complete-gateway-assessment',
    'record-deconfliction',
    'share-referral',
    'escalate',
    'request-more-information',
    'correct-age',
    'request-hub-assessment',
    // The Channel work of a council not on the service (the decider refuses it for one that is).
    'schedule-panel',
    'record-consent',
    'record-panel-decision',
    'agree-support',
    'review-support',
    'record-exit',
    'complete-post-exit-review',
    'review-case-management',
    'end-case-management',
    'transfer',
    'accept-transfer',
    'close',
    'erase-personal-data',
    'read-triage-queue',
    'read-statistics',
    'submit-referral',
    'find-case',
  ],
  'local-authority-prevent-lead': [
    'read-case',
    'read-timeline',
    'read-case-notice',
    'schedule-panel',
    'record-consent',
    'record-panel-decision',
    'agree-support',
    'review-support',
    'record-exit',
    'complete-post-exit-review',
    'escalate',
    'correct-age',
    'request-hub-assessment',
    'transfer',
    'accept-transfer',
    'close',
    'read-triage-queue',
    'read-statistics',
    'submit-referral',
    'find-case',
    'read-access-audit',
  ],
  'channel-chair': [
    'read-case',
    'read-timeline',
    'read-case-notice',
    'schedule-panel',
    'record-consent',
    'record-panel-decision',
    'agree-support',
    'review-support',
    'record-exit',
    'complete-post-exit-review',
    'read-triage-queue',
    'read-statistics',
    'submit-referral',
    'find-case',
  ],
  'hub-clinician': [
    'read-case',
    'read-timeline',
    'read-case-notice',
    'complete-hub-assessment',
    'read-triage-queue',
    'read-statistics',
    'submit-referral',
    'find-case',
  ],
  referrer: ['submit-referral'],
  analyst: ['read-statistics', 'produce-statistics-extract'],
  administrator: [
    'erase-personal-data',
    'manage-organisations',
    'read-access-audit',
    'read-user-audit',
    'submit-referral',
  ],
  'organisation-administrator': ['read-access-audit', 'read-user-audit', 'manage-people', 'submit-referral'],
  'data-protection-officer': ['read-access-audit', 'read-user-audit', 'subject-access-request', 'submit-referral'],
  // "Destination" for a regional hub: the case is held by a police force of its region (decision 0018).
  'regional-prevent-hub-officer': [
    'read-case',
    'read-timeline',
    'read-case-notice',
    'find-case',
    'move-case-within-region',
    'read-triage-queue',
    'read-statistics',
    'submit-referral',
  ],
  system: [],
};

/** When the organisation is NOT a destination (and the queue is another's), nothing on the case is allowed. */
const allowedAsOtherOrganisation: Record<Role, readonly Action[]> = {
  'police-prevent-officer': ['read-statistics', 'submit-referral'],
  'local-authority-prevent-lead': ['read-statistics', 'submit-referral'],
  'channel-chair': ['read-statistics', 'submit-referral'],
  'hub-clinician': ['read-statistics', 'submit-referral'],
  referrer: ['submit-referral'],
  analyst: ['read-statistics', 'produce-statistics-extract'],
  administrator: [
    'erase-personal-data',
    'manage-organisations',
    'read-access-audit',
    'read-user-audit',
    'submit-referral',
  ],
  // Another organisation's case audit, people and audit: nothing.
  'organisation-administrator': ['submit-referral'],
  'data-protection-officer': ['read-access-audit', 'read-user-audit', 'subject-access-request', 'submit-referral'],
  'regional-prevent-hub-officer': ['read-statistics', 'submit-referral'],
  system: [],
};

const organisationFor: Record<Role, Record<Relation, string>> = {
  'police-prevent-officer': { destination: westMidlandsPolice, 'other-organisation': staffordshirePolice },
  'local-authority-prevent-lead': { destination: coventryCouncil, 'other-organisation': lichfieldCouncil },
  'channel-chair': { destination: coventryCouncil, 'other-organisation': lichfieldCouncil },
  'hub-clinician': { destination: westMidlandsHub, 'other-organisation': 'vsh:VSH-NORTH' },
  referrer: { destination: coventryCouncil, 'other-organisation': 'referrer:lichfield-college' },
  analyst: { destination: 'home-office', 'other-organisation': 'home-office' },
  administrator: { destination: 'platform', 'other-organisation': 'platform' },
  'organisation-administrator': { destination: westMidlandsPolice, 'other-organisation': staffordshirePolice },
  'data-protection-officer': { destination: 'data-protection', 'other-organisation': 'data-protection' },
  'regional-prevent-hub-officer': { destination: westMidlandsRegion, 'other-organisation': northWestRegion },
  system: { destination: 'system', 'other-organisation': 'system' },
};

const caseActions = new Set<Action>([
  'read-case',
  'read-timeline',
  'read-case-notice',
  'record-deconfliction',
  'share-referral',
  'start-gateway-assessment',
  'complete-gateway-assessment',
  'escalate',
  'request-more-information',
  'correct-age',
  'request-hub-assessment',
  'complete-hub-assessment',
  'schedule-panel',
  'record-consent',
  'record-panel-decision',
  'agree-support',
  'review-support',
  'record-exit',
  'complete-post-exit-review',
  'transfer',
  'close',
  'find-case',
  'move-case-within-region',
]);

describe('authorisation matrix: role x relation x action', () => {
  for (const role of Role.options) {
    for (const relation of ['destination', 'other-organisation'] as const) {
      const viewer: Viewer = { user: `${role}-user`, organisation: organisationFor[role][relation], role };
      const expected = relation === 'destination' ? allowedAsDestination[role] : allowedAsOtherOrganisation[role];
      for (const action of actions) {
        // Covered below: they depend on who submitted.
        if (action === 'read-submission-status' || action === 'answer-more-information') continue;
        const shouldAllow = expected.includes(action);
        it(`${role} at ${relation} ${shouldAllow ? 'may' : 'may not'} ${action}`, () => {
          const decision = decideAccess(viewer, action, {
            caseFacts: coventryCase,
            organisation: organisationFor[role].destination,
          });
          expect(decision.allowed).toBe(shouldAllow);
          if (!decision.allowed && caseActions.has(action) && relation === 'other-organisation') {
            // A case outside the organisation's routing is never confirmed to exist.
            expect(decision.answer).toBe('not-found');
          }
        });
      }
    }
  }
});

describe('cross-tenant probes', () => {
  const staffordshireOfficer: Viewer = {
    user: 'officer-s',
    organisation: staffordshirePolice,
    role: 'police-prevent-officer',
  };
  const lichfieldLead: Viewer = {
    user: 'lead-l',
    organisation: lichfieldCouncil,
    role: 'local-authority-prevent-lead',
  };

  it('a Staffordshire officer asking for a Coventry case gets not-found, as for a case that does not exist', () => {
    const probe = decideAccess(staffordshireOfficer, 'read-case', { caseFacts: coventryCase });
    const missing = decideAccess(staffordshireOfficer, 'read-case', { caseFacts: null });
    expect(probe).toMatchObject({ allowed: false, answer: 'not-found' });
    expect(missing).toMatchObject({ allowed: false, answer: 'not-found' });
  });

  it("a council reading another council's queue is refused", () => {
    expect(decideAccess(lichfieldLead, 'read-triage-queue', { organisation: coventryCouncil })).toMatchObject({
      allowed: false,
      answer: 'forbidden',
    });
    expect(decideAccess(lichfieldLead, 'read-triage-queue', { organisation: lichfieldCouncil }).allowed).toBe(true);
  });

  it('a case transferred away is no longer visible to its old destinations', () => {
    const transferred: CaseAccessFacts = {
      ...coventryCase,
      currentDestinations: [staffordshirePolice, lichfieldCouncil],
    };
    const westMidlandsOfficer: Viewer = {
      user: 'officer-w',
      organisation: westMidlandsPolice,
      role: 'police-prevent-officer',
    };
    expect(decideAccess(westMidlandsOfficer, 'read-case', { caseFacts: transferred }).allowed).toBe(false);
    expect(decideAccess(staffordshireOfficer, 'read-case', { caseFacts: transferred }).allowed).toBe(true);
  });

  it('a clinician at a destination still cannot record a panel decision', () => {
    const clinician: Viewer = { user: 'clin', organisation: westMidlandsHub, role: 'hub-clinician' };
    expect(decideAccess(clinician, 'record-panel-decision', { caseFacts: coventryCase })).toMatchObject({
      allowed: false,
      answer: 'forbidden',
    });
  });
});

describe('a regional Prevent hub (decision 0018)', () => {
  const regional: Viewer = { user: 'rph-1', organisation: westMidlandsRegion, role: 'regional-prevent-hub-officer' };
  const northWest: Viewer = { user: 'rph-2', organisation: northWestRegion, role: 'regional-prevent-hub-officer' };

  it('reads a case held by a force of its region, and no other region does', () => {
    expect(decideAccess(regional, 'read-case', { caseFacts: coventryCase }).allowed).toBe(true);
    expect(decideAccess(northWest, 'read-case', { caseFacts: coventryCase })).toMatchObject({
      allowed: false,
      answer: 'not-found',
    });
  });

  it('loses the case when it leaves the region (transfer), as the old force does', () => {
    const leftRegion: CaseAccessFacts = {
      ...coventryCase,
      currentDestinations: ['police:E23000005'],
      regions: ['CTP-NW'],
    };
    expect(decideAccess(regional, 'read-case', { caseFacts: leftRegion })).toMatchObject({
      allowed: false,
      answer: 'not-found',
    });
    expect(decideAccess(northWest, 'read-case', { caseFacts: leftRegion }).allowed).toBe(true);
  });

  it('sees nothing while no force holds the case (waiting to be routed again), even a council of its area', () => {
    const waiting: CaseAccessFacts = { ...coventryCase, currentDestinations: [coventryCouncil], regions: [] };
    for (const action of ['read-case', 'read-case-notice', 'move-case-within-region'] as const)
      expect(decideAccess(regional, action, { caseFacts: waiting }).allowed).toBe(false);
  });

  it('reads the whole case where a council still waits for deconfliction, as the police do', () => {
    const waiting: CaseAccessFacts = { ...coventryCase, awaitingSharing: [coventryCouncil] };
    expect(decideAccess(regional, 'read-case', { caseFacts: waiting }).allowed).toBe(true);
  });

  it("does no force's or council's casework, only the move between its forces", () => {
    for (const action of ['start-gateway-assessment', 'complete-gateway-assessment', 'transfer', 'close'] as const)
      expect(decideAccess(regional, action, { caseFacts: coventryCase })).toMatchObject({
        allowed: false,
        answer: 'forbidden',
      });
    expect(decideAccess(regional, 'move-case-within-region', { caseFacts: coventryCase }).allowed).toBe(true);
  });

  it('a police officer or council lead may not move a case between forces', () => {
    const officer: Viewer = { user: 'o', organisation: westMidlandsPolice, role: 'police-prevent-officer' };
    const lead: Viewer = { user: 'l', organisation: coventryCouncil, role: 'local-authority-prevent-lead' };
    for (const viewer of [officer, lead])
      expect(decideAccess(viewer, 'move-case-within-region', { caseFacts: coventryCase }).allowed).toBe(false);
  });

  it("reads its own work list only, not another region's", () => {
    expect(decideAccess(regional, 'read-triage-queue', { organisation: westMidlandsRegion }).allowed).toBe(true);
    expect(decideAccess(regional, 'read-triage-queue', { organisation: northWestRegion }).allowed).toBe(false);
    expect(decideAccess(regional, 'read-triage-queue', { organisation: westMidlandsPolice }).allowed).toBe(false);
  });
});

describe('an organisation waiting for the police to deconflict a referral', () => {
  const waiting: CaseAccessFacts = { ...coventryCase, awaitingSharing: [coventryCouncil, westMidlandsHub] };
  const lead: Viewer = { user: 'lead-c', organisation: coventryCouncil, role: 'local-authority-prevent-lead' };
  const clinician: Viewer = { user: 'clin', organisation: westMidlandsHub, role: 'hub-clinician' };
  const officer: Viewer = { user: 'officer-w', organisation: westMidlandsPolice, role: 'police-prevent-officer' };

  it('reads that it exists, and nothing more: not the case, its timeline, nor any action on it', () => {
    for (const [viewer, work] of [
      [lead, ['escalate', 'transfer', 'schedule-panel']],
      [clinician, ['complete-hub-assessment']],
    ] as const) {
      expect(decideAccess(viewer, 'read-case-notice', { caseFacts: waiting }).allowed).toBe(true);
      for (const action of ['read-case', 'read-timeline', ...work] as const)
        expect(decideAccess(viewer, action, { caseFacts: waiting }), action).toMatchObject({
          allowed: false,
          answer: 'forbidden',
          reason: AWAITING_DECONFLICTION,
        });
    }
  });

  it('leaves the police hub, which deconflicts it, the whole case', () => {
    expect(decideAccess(officer, 'read-case', { caseFacts: waiting }).allowed).toBe(true);
    expect(decideAccess(officer, 'share-referral', { caseFacts: waiting }).allowed).toBe(true);
  });

  it('gives the whole case once the referral is shared with it', () => {
    expect(
      decideAccess(lead, 'read-case', { caseFacts: { ...waiting, awaitingSharing: [westMidlandsHub] } }).allowed,
    ).toBe(true);
  });

  it('never shows the existence of a case to an organisation it is not routed to', () => {
    const lichfield: Viewer = { user: 'lead-l', organisation: lichfieldCouncil, role: 'local-authority-prevent-lead' };
    expect(decideAccess(lichfield, 'read-case-notice', { caseFacts: waiting })).toMatchObject({
      allowed: false,
      answer: 'not-found',
    });
  });
});

describe('a referrer sees the status of what it submitted, not the case', () => {
  const submitter: Viewer = { user: 'teacher-1', organisation: 'referrer:coventry-school', role: 'referrer' };
  const colleague: Viewer = { user: 'teacher-2', organisation: 'referrer:coventry-school', role: 'referrer' };

  it('the submitter may read the status', () => {
    expect(decideAccess(submitter, 'read-submission-status', { caseFacts: coventryCase }).allowed).toBe(true);
  });
  it('another referrer, even in the same organisation, may not', () => {
    expect(decideAccess(colleague, 'read-submission-status', { caseFacts: coventryCase })).toMatchObject({
      allowed: false,
      answer: 'not-found',
    });
  });
  it('the submitter may answer the question addressed to them; nobody else may, not even a police officer on the case', () => {
    expect(decideAccess(submitter, 'answer-more-information', { caseFacts: coventryCase }).allowed).toBe(true);
    expect(decideAccess(colleague, 'answer-more-information', { caseFacts: coventryCase })).toMatchObject({
      allowed: false,
      answer: 'not-found',
    });
    const officer: Viewer = { user: 'teacher-1', organisation: westMidlandsPolice, role: 'police-prevent-officer' };
    expect(decideAccess(officer, 'answer-more-information', { caseFacts: coventryCase })).toMatchObject({
      allowed: false,
      answer: 'not-found',
    });
  });
  it('only a police officer on the case may ask the referrer for more information', () => {
    expect(decideAccess(submitter, 'request-more-information', { caseFacts: coventryCase }).allowed).toBe(false);
    const lead: Viewer = { user: 'lead', organisation: coventryCouncil, role: 'local-authority-prevent-lead' };
    expect(decideAccess(lead, 'request-more-information', { caseFacts: coventryCase })).toMatchObject({
      allowed: false,
      answer: 'forbidden',
    });
  });
  it('the submitter may not read the case itself', () => {
    expect(decideAccess(submitter, 'read-case', { caseFacts: coventryCase })).toMatchObject({
      allowed: false,
      answer: 'not-found',
    });
  });
});

describe('statistics: role x whose figures', () => {
  // What each role gets, written out independently of the policy:
  // - 'live-exact': the organisation's own referrals (those routed to it now), as they stand, unsuppressed;
  // - 'extract-suppressed': the dated extracts of closed periods, with disclosure control;
  // - 'refused'.
  type Answer = 'live-exact' | 'extract-suppressed' | 'refused';
  type Whose = 'national' | 'own-organisation' | 'other-organisation';
  const expected: Record<Role, Record<Whose, Answer>> = {
    'police-prevent-officer': {
      national: 'extract-suppressed',
      'own-organisation': 'live-exact',
      'other-organisation': 'refused',
    },
    'local-authority-prevent-lead': {
      national: 'extract-suppressed',
      'own-organisation': 'live-exact',
      'other-organisation': 'refused',
    },
    'channel-chair': {
      national: 'extract-suppressed',
      'own-organisation': 'live-exact',
      'other-organisation': 'refused',
    },
    'hub-clinician': {
      national: 'extract-suppressed',
      'own-organisation': 'live-exact',
      'other-organisation': 'refused',
    },
    analyst: { national: 'extract-suppressed', 'own-organisation': 'refused', 'other-organisation': 'refused' },
    referrer: { national: 'refused', 'own-organisation': 'refused', 'other-organisation': 'refused' },
    administrator: { national: 'refused', 'own-organisation': 'refused', 'other-organisation': 'refused' },
    'organisation-administrator': {
      national: 'refused',
      'own-organisation': 'refused',
      'other-organisation': 'refused',
    },
    'data-protection-officer': { national: 'refused', 'own-organisation': 'refused', 'other-organisation': 'refused' },
    // Its own figures are its region's, unsuppressed (decision 0018); any other organisation's, refused.
    'regional-prevent-hub-officer': {
      national: 'extract-suppressed',
      'own-organisation': 'live-exact',
      'other-organisation': 'refused',
    },
    system: { national: 'refused', 'own-organisation': 'refused', 'other-organisation': 'refused' },
  };

  for (const role of Role.options) {
    const viewer: Viewer = { user: `${role}-user`, organisation: organisationFor[role].destination, role };
    const scopes: Record<Whose, Parameters<typeof decideStatisticsAccess>[1]> = {
      national: { scope: 'national' },
      'own-organisation': { scope: 'organisation', organisation: viewer.organisation },
      'other-organisation': {
        scope: 'organisation',
        organisation:
          organisationFor[role]['other-organisation'] === viewer.organisation
            ? 'police:E23000001'
            : organisationFor[role]['other-organisation'],
      },
    };
    for (const whose of ['national', 'own-organisation', 'other-organisation'] as const) {
      it(`${role} asking for ${whose} figures gets ${expected[role][whose]}`, () => {
        const decision = decideStatisticsAccess(viewer, scopes[whose]);
        const answer: Answer = !decision.allowed
          ? 'refused'
          : decision.source === 'live' && !decision.disclosureControl
            ? 'live-exact'
            : 'extract-suppressed';
        expect(answer).toBe(expected[role][whose]);
        if (decision.allowed) expect(decision.disclosureControl).toBe(decision.source === 'extract');
        else expect(decision.answer).toBe('forbidden');
      });
    }
  }

  it('nobody gets live national figures, nor exact figures of referrals not routed to their organisation', () => {
    for (const role of Role.options) {
      const viewer: Viewer = { user: 'u', organisation: organisationFor[role].destination, role };
      const national = decideStatisticsAccess(viewer, { scope: 'national' });
      if (national.allowed) expect(national).toEqual({ allowed: true, source: 'extract', disclosureControl: true });
      const other = decideStatisticsAccess(viewer, { scope: 'organisation', organisation: 'police:E23000001' });
      expect(other.allowed).toBe(false);
    }
  });
});

describe('oversight: case audit, user audit and people', () => {
  const coventryLead: Viewer = { user: 'lead-c', organisation: coventryCouncil, role: 'local-authority-prevent-lead' };
  const lichfieldLead: Viewer = {
    user: 'lead-l',
    organisation: lichfieldCouncil,
    role: 'local-authority-prevent-lead',
  };
  const wmAdministrator: Viewer = {
    user: 'admin-w',
    organisation: westMidlandsPolice,
    role: 'organisation-administrator',
  };
  const officer: Viewer = { user: 'officer-w', organisation: westMidlandsPolice, role: 'police-prevent-officer' };
  const dpo: Viewer = { user: 'dpo', organisation: 'data-protection', role: 'data-protection-officer' };

  it("a lead of another organisation asking for a case's audit gets not-found, as for a missing case", () => {
    expect(decideAccess(lichfieldLead, 'read-access-audit', { caseFacts: coventryCase })).toMatchObject({
      allowed: false,
      answer: 'not-found',
    });
    expect(decideAccess(lichfieldLead, 'read-access-audit', { caseFacts: null })).toMatchObject({
      allowed: false,
      answer: 'not-found',
    });
    expect(decideAccess(coventryLead, 'read-access-audit', { caseFacts: coventryCase }).allowed).toBe(true);
  });

  it('a case transferred away takes its audit away from the old organisation administrator', () => {
    const transferred: CaseAccessFacts = { ...coventryCase, currentDestinations: [staffordshirePolice] };
    expect(decideAccess(wmAdministrator, 'read-access-audit', { caseFacts: transferred }).allowed).toBe(false);
  });

  it('a police officer (not a lead) may not read the audit even of a case routed to them', () => {
    expect(decideAccess(officer, 'read-access-audit', { caseFacts: coventryCase })).toMatchObject({
      allowed: false,
      answer: 'forbidden',
    });
  });

  it("the data protection officer reads any case's audit and any person's, but never a case itself", () => {
    expect(decideAccess(dpo, 'read-access-audit', { caseFacts: coventryCase }).allowed).toBe(true);
    expect(decideAccess(dpo, 'read-user-audit', { organisation: lichfieldCouncil }).allowed).toBe(true);
    expect(decideAccess(dpo, 'read-case', { caseFacts: coventryCase }).allowed).toBe(false);
    expect(decideAccess(dpo, 'find-case', { caseFacts: coventryCase }).allowed).toBe(false);
  });

  it('an organisation administrator manages and audits only their own people, and never reads a case', () => {
    expect(decideAccess(wmAdministrator, 'manage-people', { organisation: westMidlandsPolice }).allowed).toBe(true);
    expect(decideAccess(wmAdministrator, 'manage-people', { organisation: staffordshirePolice }).allowed).toBe(false);
    expect(decideAccess(wmAdministrator, 'manage-people', {}).allowed).toBe(false);
    expect(decideAccess(wmAdministrator, 'read-user-audit', { organisation: staffordshirePolice }).allowed).toBe(false);
    expect(decideAccess(wmAdministrator, 'read-case', { caseFacts: coventryCase }).allowed).toBe(false);
  });

  it('nobody but an organisation administrator manages people, and nobody but the officer exports a person', () => {
    for (const role of Role.options) {
      const viewer: Viewer = { user: 'u', organisation: westMidlandsPolice, role };
      expect(decideAccess(viewer, 'manage-people', { organisation: westMidlandsPolice }).allowed).toBe(
        role === 'organisation-administrator',
      );
      expect(decideAccess(viewer, 'subject-access-request').allowed).toBe(role === 'data-protection-officer');
    }
  });
});

describe('which roles an organisation administrator may give', () => {
  const wmAdministrator = { organisation: westMidlandsPolice, role: 'organisation-administrator' as const };
  const coventryAdministrator = { organisation: coventryCouncil, role: 'organisation-administrator' as const };

  it('casework roles that fit the organisation, and nothing else', () => {
    expect(caseworkRolesOf(westMidlandsPolice)).toEqual(['police-prevent-officer']);
    expect(caseworkRolesOf(coventryCouncil)).toEqual(['local-authority-prevent-lead', 'channel-chair']);
    expect(caseworkRolesOf(westMidlandsHub)).toEqual(['hub-clinician']);
    expect(caseworkRolesOf('platform')).toEqual([]);
    for (const role of Role.options) {
      expect(decideRoleAssignment(coventryAdministrator, coventryCouncil, role).allowed).toBe(
        role === 'local-authority-prevent-lead' || role === 'channel-chair',
      );
    }
  });

  it('never administration, oversight or another organisation', () => {
    for (const role of ['administrator', 'organisation-administrator', 'data-protection-officer', 'analyst'] as const)
      expect(decideRoleAssignment(wmAdministrator, westMidlandsPolice, role).allowed).toBe(false);
    expect(decideRoleAssignment(wmAdministrator, staffordshirePolice, 'police-prevent-officer').allowed).toBe(false);
    expect(
      decideRoleAssignment(
        { ...wmAdministrator, role: 'police-prevent-officer' },
        westMidlandsPolice,
        'police-prevent-officer',
      ).allowed,
    ).toBe(false);
  });
});
