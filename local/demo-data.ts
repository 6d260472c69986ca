// `npm start -- --demo`: a realistic demo data set, put in through the API exactly as people
// would (dev tokens for the demo personas, If-Match versions, the router and projector doing the
// rest). Everyone in it is fictional. Referrals across several forces and councils, at every
// stage: just submitted, urgent, in gateway assessment, raised to urgent after routing, the
// referrer asked for more information (waiting for their answer, and answered), with the hub, in
// Channel, consent refused by the person before the panel, closed (its retention review
// scheduled), outside England and Wales, in police-led case management, a transfer accepted by its
// new area, and Channel work the police record for a council not on the service. The demo referrer
// (coventry-teacher) made them all: signed in as them, /referral-status/<id> shows what a referrer
// sees. Birmingham's council receives referrals after police deconfliction (decision 0016, part 1):
// its urgent referral shows it before sharing (the existence facts only), its second one after the
// police deconflicted it and referred it to Channel.

interface DemoReferral {
  label: string;
  postcode: string;
  person: {
    name: string;
    dateOfBirth?: string;
    approximateAge?: number;
    gender: 'female' | 'male' | 'other' | 'unknown';
    address: string;
  };
  sector: 'education' | 'police' | 'local-authority' | 'health' | 'community' | 'family-friends';
  concern:
    | 'islamist'
    | 'extreme-right-wing'
    | 'left-wing-anarchist-single-issue'
    | 'mixed-unclear-unstable'
    | 'fascination-with-extreme-violence'
    | 'conflicted';
  immediateRisk?: boolean;
  mentalHealth?: boolean;
  /** How far through the process the demo takes it. */
  stage:
    | 'submitted'
    | 'gateway'
    | 'escalated'
    | 'more-information-requested'
    | 'referrer-answered'
    | 'hub'
    | 'channel-adopted'
    | 'channel-consent-refused'
    | 'closed-no-further-action'
    | 'national-triage'
    | 'police-case-management'
    | 'transfer-accepted'
    | 'channel-for-council-not-on-service'
    | 'shared-after-deconfliction';
}

const demoReferrals: DemoReferral[] = [
  {
    label: 'Coventry, adopted by Channel',
    postcode: 'CV1 2NJ',
    person: { name: 'Jordan Avery', dateOfBirth: '2010-03-14', gender: 'male', address: '12 Example Street, Coventry' },
    sector: 'education',
    concern: 'extreme-right-wing',
    stage: 'channel-adopted',
  },
  {
    label: 'Coventry, consent refused by the person before the panel',
    postcode: 'CV1 2NJ',
    person: { name: 'Dana Kowal', dateOfBirth: '2006-09-08', gender: 'female', address: '3 Example Street, Coventry' },
    sector: 'local-authority',
    concern: 'mixed-unclear-unstable',
    stage: 'channel-consent-refused',
  },
  {
    label: 'Coventry, in gateway assessment',
    postcode: 'CV3 4LF',
    person: { name: 'Samira Holt', dateOfBirth: '2007-11-02', gender: 'female', address: '4 Sample Close, Coventry' },
    sector: 'health',
    concern: 'mixed-unclear-unstable',
    stage: 'gateway',
  },
  {
    label: 'Coventry, raised to urgent after it was routed',
    postcode: 'CV3 4LF',
    person: { name: 'Tomasz Weller', dateOfBirth: '2008-01-19', gender: 'male', address: '8 Sample Close, Coventry' },
    sector: 'education',
    concern: 'extreme-right-wing',
    stage: 'escalated',
  },
  {
    label: 'Coventry, the referrer asked for more information',
    postcode: 'CV1 2NJ',
    person: { name: 'Kai Doran', dateOfBirth: '2009-05-30', gender: 'male', address: '21 Example Street, Coventry' },
    sector: 'education',
    concern: 'islamist',
    stage: 'more-information-requested',
  },
  {
    label: 'Coventry, the referrer answered the police',
    postcode: 'CV3 4LF',
    person: { name: 'Maya Lind', dateOfBirth: '2006-09-12', gender: 'female', address: '15 Sample Close, Coventry' },
    sector: 'education',
    concern: 'mixed-unclear-unstable',
    stage: 'referrer-answered',
  },
  {
    label: 'Birmingham, urgent',
    postcode: 'B1 1BB',
    person: { name: 'Reece Marlow', dateOfBirth: '2004-06-21', gender: 'male', address: '77 Demo Road, Birmingham' },
    sector: 'police',
    concern: 'fascination-with-extreme-violence',
    immediateRisk: true,
    stage: 'submitted',
  },
  {
    label: 'Birmingham, deconflicted and shared with the council',
    postcode: 'B1 1BB',
    person: { name: 'Imogen Vale', dateOfBirth: '2009-09-02', gender: 'female', address: '12 Demo Row, Birmingham' },
    sector: 'education',
    concern: 'mixed-unclear-unstable',
    stage: 'shared-after-deconfliction',
  },
  {
    label: 'Lichfield, just submitted',
    postcode: 'WS13 6YY',
    person: { name: 'Ellie Brandt', approximateAge: 15, gender: 'female', address: '9 Fictional Lane, Lichfield' },
    sector: 'education',
    concern: 'islamist',
    stage: 'submitted',
  },
  {
    label: 'Manchester, with the Vulnerability Support Hub',
    postcode: 'M1 1AE',
    person: {
      name: 'Callum Price',
      dateOfBirth: '1998-01-30',
      gender: 'male',
      address: '3 Placeholder Court, Manchester',
    },
    sector: 'local-authority',
    concern: 'conflicted',
    mentalHealth: true,
    stage: 'hub',
  },
  {
    label: 'Cardiff, closed with no further action',
    postcode: 'CF10 1EP',
    person: { name: 'Gwen Tudor', dateOfBirth: '1985-09-09', gender: 'female', address: '20 Sample Street, Cardiff' },
    sector: 'community',
    concern: 'left-wing-anarchist-single-issue',
    stage: 'closed-no-further-action',
  },
  {
    label: 'Stafford (council not onboarded: police only)',
    postcode: 'ST16 2LL',
    person: { name: 'Ravi Okonjo', dateOfBirth: '2009-05-05', gender: 'male', address: '5 Example Walk, Stafford' },
    sector: 'family-friends',
    concern: 'mixed-unclear-unstable',
    stage: 'submitted',
  },
  {
    label: "Stafford, in Channel: the police record the council's panel for it",
    postcode: 'ST16 2LL',
    person: { name: 'Noah Pryce', dateOfBirth: '2008-09-17', gender: 'male', address: '7 Example Walk, Stafford' },
    sector: 'education',
    concern: 'extreme-right-wing',
    stage: 'channel-for-council-not-on-service',
  },
  {
    label: 'Coventry, in police-led Prevent Case Management',
    postcode: 'CV3 4LF',
    person: { name: 'Dylan Croft', dateOfBirth: '1996-04-08', gender: 'male', address: '12 Sample Close, Coventry' },
    sector: 'police',
    concern: 'islamist',
    stage: 'police-case-management',
  },
  {
    label: 'Moved from Coventry to Lichfield: transfer accepted, Lichfield holds its own panel',
    postcode: 'CV1 2NJ',
    person: { name: 'Maya Lowe', dateOfBirth: '2009-02-11', gender: 'female', address: '30 Example Street, Coventry' },
    sector: 'education',
    concern: 'mixed-unclear-unstable',
    stage: 'transfer-accepted',
  },
  {
    label: 'Edinburgh, held for national triage',
    postcode: 'EH1 1YZ',
    person: { name: 'Isla Munro', dateOfBirth: '2001-12-12', gender: 'female', address: '1 Demo Wynd, Edinburgh' },
    sector: 'education',
    concern: 'extreme-right-wing',
    stage: 'national-triage',
  },
];

const officerOf: Record<string, string> = {
  'CV1 2NJ': 'wm-officer',
  'CV3 4LF': 'wm-officer',
  'B1 1BB': 'wm-officer',
  'WS13 6YY': 'staffs-officer',
  'M1 1AE': 'gmp-officer',
  'CF10 1EP': 'south-wales-officer',
  'ST16 2LL': 'staffs-officer',
  'EH1 1YZ': 'national-triage-officer',
};

function isoDate(from: Date, days: number): string {
  return new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

function referralForm(referral: DemoReferral, today: Date) {
  return {
    referrer: {
      organisation: 'Demo referrer organisation',
      role: 'Designated safeguarding lead',
      sector: referral.sector,
      safeguardingLeadConsulted: true,
    },
    indicators: ['grievance-injustice-threat', 'need-for-identity-belonging'],
    immediateRisk: referral.immediateRisk ?? false,
    vulnerabilitySupportHubRequested: referral.mentalHealth ?? false,
    gender: referral.person.gender,
    suspectedConcernTypes: [referral.concern],
    personal: {
      referrer: { name: 'Alex Demo', email: 'referrer@demo.invalid', phone: '01234 567890' },
      person: {
        name: referral.person.name,
        ...(referral.person.dateOfBirth ? { dateOfBirth: referral.person.dateOfBirth } : {}),
        ...(referral.person.approximateAge !== undefined ? { approximateAge: referral.person.approximateAge } : {}),
        address: referral.person.address,
        postcode: referral.postcode,
        languages: ['English'],
        interpreterNeeded: false,
        awareOfReferral: 'not-sure',
      },
      concern: {
        description:
          'Fictional demo concern: has been sharing extremist material with classmates and speaking about wanting to hurt people.',
        howItCameToLight: 'Fictional demo: noticed by staff and checked with the safeguarding lead.',
        whenItCameToLight: isoDate(today, -3),
        complexNeeds: {
          mentalHealth: referral.mentalHealth ?? false,
          neurodiversity: false,
          learningDifficulty: false,
        },
        otherAgencies: [],
      },
    },
  };
}

export interface DemoClient {
  baseUrl: string;
  log?: (line: string) => void;
}

export async function loadDemoData(
  client: DemoClient,
  today: Date = new Date(),
): Promise<{ referrals: { label: string; reference: string; referralId: string }[] }> {
  const tokens = new Map<string, string>();
  const call = async (
    method: string,
    path: string,
    options: { persona?: string; body?: unknown; version?: number } = {},
  ) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.persona) headers.authorization = `Bearer ${await token(options.persona)}`;
    if (options.version !== undefined) headers['if-match'] = `"${options.version}"`;
    const response = await fetch(`${client.baseUrl}${path}`, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    return {
      status: response.status,
      etag: response.headers.get('etag'),
      json: (text ? JSON.parse(text) : {}) as Record<string, unknown>,
    };
  };
  const token = async (persona: string): Promise<string> => {
    const known = tokens.get(persona);
    if (known) return known;
    const response = await fetch(`${client.baseUrl}/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ persona }),
    });
    if (!response.ok) throw new Error(`demo data: no token for ${persona} (${response.status})`);
    const issued = ((await response.json()) as { token: string }).token;
    tokens.set(persona, issued);
    return issued;
  };
  /** The case's current version once the persona's organisation can see it (after routing). */
  const visibleVersion = async (referralId: string, persona: string): Promise<number> => {
    for (let attempt = 0; attempt < 150; attempt += 1) {
      const answer = await call('GET', `/referrals/${referralId}`, { persona });
      if (answer.status === 200 && answer.etag) return Number(answer.etag.replaceAll('"', ''));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`demo data: referral ${referralId} never became visible to ${persona}`);
  };
  const act = async (referralId: string, persona: string, command: string, body: unknown): Promise<void> => {
    const version = await visibleVersion(referralId, persona);
    const answer = await call('POST', `/referrals/${referralId}/${command}`, { persona, body, version });
    if (answer.status >= 300)
      throw new Error(`demo data: ${command} answered ${answer.status}: ${JSON.stringify(answer.json)}`);
  };

  const loaded: { label: string; reference: string; referralId: string }[] = [];
  for (const referral of demoReferrals) {
    const submitted = await call('POST', '/referrals', {
      persona: 'coventry-teacher',
      body: referralForm(referral, today),
    });
    if (submitted.status !== 201)
      throw new Error(
        `demo data: submitting "${referral.label}" answered ${submitted.status}: ${JSON.stringify(submitted.json)}`,
      );
    const referralId = submitted.json.referralId as string;
    const officer = officerOf[referral.postcode] as string;
    // The gateway assessment's due date is set from the triage policy when the referral is routed.
    const start = {};
    const complete = (outcome: string) => ({
      outcome,
      confirmedConcernType: referral.concern,
      deconflicted: true,
      signpostedTo: [],
      personal: { rationale: 'Fictional demo rationale.' },
    });
    /** Referred to Channel by the police; the Coventry panel meets today (no decision before the panel's day). */
    const toCoventryPanel = async (id: string, police: string): Promise<void> => {
      await act(id, police, 'gateway-assessment/start', start);
      await act(id, police, 'gateway-assessment/complete', complete('referred-to-channel'));
      await act(id, 'coventry-lead', 'panel/schedule', {
        panelDate: isoDate(today, 0),
        localAuthorityCode: 'E08000026',
      });
    };
    switch (referral.stage) {
      case 'gateway':
        await act(referralId, officer, 'gateway-assessment/start', start);
        break;
      case 'escalated':
        await act(referralId, officer, 'gateway-assessment/start', start);
        await act(referralId, officer, 'escalation', {
          personal: { reason: 'Fictional demo: the school reported travel plans after the referral was made.' },
        });
        break;
      case 'more-information-requested':
      case 'referrer-answered':
        await act(referralId, officer, 'gateway-assessment/start', start);
        await act(referralId, officer, 'more-information/request', {
          personal: {
            question: 'Fictional demo: in which lessons were the comments made, and did anyone else hear them?',
          },
        });
        if (referral.stage === 'referrer-answered') {
          // The referrer answers on their page; the answer names the request, not the case's version.
          const answer = await call('POST', `/referrals/${referralId}/more-information/answer`, {
            persona: 'coventry-teacher',
            body: {
              requestNumber: 1,
              personal: { answer: 'Fictional demo: two history lessons; the teaching assistant heard them too.' },
            },
          });
          if (answer.status >= 300)
            throw new Error(
              `demo data: the referrer's answer answered ${answer.status}: ${JSON.stringify(answer.json)}`,
            );
        }
        break;
      case 'hub':
        await act(referralId, officer, 'gateway-assessment/start', start);
        await act(
          referralId,
          officer,
          'gateway-assessment/complete',
          complete('referred-to-vulnerability-support-hub'),
        );
        break;
      case 'shared-after-deconfliction':
        // The council was told only that the referral exists; the police record deconfliction and
        // refer the case to Channel, which shares the whole referral with it.
        await act(referralId, officer, 'gateway-assessment/start', start);
        await act(referralId, officer, 'deconfliction', {});
        await act(referralId, officer, 'gateway-assessment/complete', complete('referred-to-channel'));
        break;
      case 'closed-no-further-action':
        await act(referralId, officer, 'gateway-assessment/start', start);
        await act(referralId, officer, 'gateway-assessment/complete', complete('no-further-action'));
        await act(referralId, officer, 'close', { outcome: 'no-further-action' });
        break;
      case 'channel-adopted':
        await toCoventryPanel(referralId, officer);
        await act(referralId, 'coventry-chair', 'consent', {
          given: true,
          givenBy: 'parent-or-guardian',
          personal: { consenterName: 'Parent (fictional)' },
        });
        await act(referralId, 'coventry-chair', 'panel/decision', {
          decision: 'adopted',
          vulnerabilityAssessment: { engagement: 5, intent: 2, capability: 0 },
          nextStep: null,
          personal: { minutes: 'Fictional demo minutes: adopted, mentor to be arranged.' },
        });
        await act(referralId, 'coventry-lead', 'support/agree', {
          providers: ['intervention-provider', 'education'],
          personal: { details: 'Weekly mentoring (fictional).' },
        });
        break;
      case 'channel-for-council-not-on-service':
        // Stafford Borough Council is not on the service: the Staffordshire Police Prevent hub
        // records the panel date the council gave it, attributed to the council.
        await act(referralId, officer, 'gateway-assessment/start', start);
        await act(referralId, officer, 'gateway-assessment/complete', complete('referred-to-channel'));
        await act(referralId, officer, 'panel/schedule', {
          panelDate: isoDate(today, 10),
          localAuthorityCode: 'E07000197',
        });
        break;
      case 'police-case-management':
        await act(referralId, officer, 'gateway-assessment/start', start);
        await act(referralId, officer, 'gateway-assessment/complete', complete('police-led-case-management'));
        await act(referralId, officer, 'case-management/review', {
          riskMitigated: false,
          personal: { notes: 'Fictional demo: engaging with the officer; online activity still of concern.' },
        });
        break;
      case 'transfer-accepted':
        await act(referralId, officer, 'gateway-assessment/start', start);
        await act(referralId, officer, 'gateway-assessment/complete', complete('referred-to-channel'));
        await act(referralId, officer, 'transfer', {
          reason: 'person-moved',
          personal: { address: '4 Fictional Lane, Lichfield', postcode: 'WS13 6YY' },
        });
        // The receiving area accepts the case and holds its own panel.
        await act(referralId, 'lichfield-lead', 'transfer/accept', {});
        await act(referralId, 'lichfield-lead', 'panel/schedule', {
          panelDate: isoDate(today, 14),
          localAuthorityCode: 'E07000194',
        });
        break;
      case 'channel-consent-refused':
        // An adult who refuses: the refusal is theirs, and nobody else's record can override it.
        await toCoventryPanel(referralId, officer);
        await act(referralId, 'coventry-chair', 'consent', {
          given: false,
          givenBy: 'person',
          personal: { consenterName: 'Dana Kowal (fictional)', notes: 'Fictional demo: does not want support now.' },
        });
        break;
      default:
        break;
    }
    loaded.push({ label: referral.label, reference: submitted.json.reference as string, referralId });
    client.log?.(`  ${submitted.json.reference as string}  ${referral.label}`);
  }
  return { referrals: loaded };
}
