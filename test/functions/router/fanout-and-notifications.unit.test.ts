import { describe, expect, it } from 'vitest';
import { loadGeography } from '../../../functions/geography/load-geography.js';
import { staticDestinationDirectory } from '../../../functions/messaging/destination-directory.js';
import { DestinationMessage, readDestinationMessage } from '../../../functions/messaging/destination-message.js';
import {
  deduplicationIdFor,
  inDeliveryOrder,
  type OutgoingMessage,
} from '../../../functions/messaging/queue-publisher.js';
import { messagesFor } from '../../../functions/router/referral-fanout.js';
import { routingCommandFor } from '../../../functions/router/routing-command.js';
import { notificationsFor } from '../../../functions/router/routing-notifications.js';
import { ReferralHistory, decider, personalWords, submitReferral } from './referral-history.js';

const geography = loadGeography();
const directory = staticDestinationDirectory(geography.organisations);
const BASE = 'https://prevent.example.gov.uk/';

function routedReferral(postcode = 'CV1 5FB', options: Parameters<typeof submitReferral>[1] = {}) {
  const history = new ReferralHistory('referral-abc123def456');
  const [submitted] = history.run(submitReferral(postcode, options));
  const [routed] = history.run(
    routingCommandFor(submitted!, history.events, history.state, geography, '2026-01-05T09:01:00Z')!,
  );
  return { history, submitted: submitted!, routed: routed! };
}

function expectNoPersonalData(text: string): void {
  for (const word of personalWords) expect(text).not.toContain(word);
  expect(text).not.toMatch(/CV1 ?5FB|WS13 ?6YY/i);
}

describe('messages to destinations', () => {
  it('sends the routed event to each destination with its data only, grouped by referral', () => {
    const { history, routed } = routedReferral();
    const messages = messagesFor(routed, history.stateAt(routed.version), history.state);
    expect(messages.map((m) => m.message.destinationId)).toEqual(['police:E23000014', 'la:E08000026']);
    for (const { streamId, message } of messages) {
      expect(streamId).toBe('referral-abc123def456');
      expect(message).toMatchObject({
        referralId: 'abc123def456',
        reference: 'PRV-7K3M-Q9TX',
        eventType: 'ReferralRouted',
        version: 2,
        priority: 'standard',
      });
      expect(message.data).toEqual(routed.data);
      expect(JSON.stringify(message)).not.toContain('personal');
      expectNoPersonalData(JSON.stringify(message));
      expect(() => DestinationMessage.parse(message)).not.toThrow();
    }
  });

  it('sends nothing for the submission (no destination yet) nor for delivery bookkeeping', () => {
    const { history, submitted, routed } = routedReferral();
    expect(messagesFor(submitted, history.stateAt(1), history.state)).toEqual([]);
    const [delivered] = history.run({
      type: 'RecordDelivery',
      at: '2026-01-05T09:02:00Z',
      actor: { organisation: 'system', user: 'delivery', role: 'system' },
      destinationId: 'police:E23000014',
      routedVersion: routed.version,
      messageId: 'm-1',
      receivedAt: '2026-01-05T09:02:00Z',
    });
    expect(messagesFor(delivered!, history.state, history.state)).toEqual([]);
  });

  it('gives old destinations nothing more after a transfer, even for an event they had when it happened', () => {
    const { history, routed } = routedReferral();
    const [transferred] = history.run({
      type: 'TransferReferral',
      at: '2026-01-06T09:00:00Z',
      actor: { organisation: 'police:E23000014', user: 'officer', role: 'police-prevent-officer' },
      reason: 'person-moved',
      personal: { address: '2 New Road, Lichfield', postcode: 'WS13 6YY' },
    });
    expect(messagesFor(routed, history.stateAt(routed.version), history.state)).toEqual([]);
    expect(messagesFor(transferred!, history.state, history.state)).toEqual([]);
    const [rerouted] = history.run(
      routingCommandFor(transferred!, history.events, history.state, geography, '2026-01-06T09:01:00Z')!,
    );
    expect(messagesFor(rerouted!, history.state, history.state).map((m) => m.message.destinationId)).toEqual([
      'police:E23000015',
      'la:E07000194',
    ]);
  });

  it("refuses a message whose data is not the event type's data, naming the field but not the value", () => {
    const { history, routed } = routedReferral();
    const [good] = messagesFor(routed, history.state, history.state);
    const body = JSON.stringify({ ...good!.message, data: { ...good!.message.data, postcode: 'CV1 5FB' } });
    expect(() => readDestinationMessage(body)).toThrow(/data/);
    try {
      readDestinationMessage(body);
    } catch (error) {
      expect(String(error)).not.toContain('CV1 5FB');
    }
    expect(() => readDestinationMessage('{not json')).toThrow(/not JSON/);
    expect(() =>
      readDestinationMessage(JSON.stringify({ ...good!.message, eventType: 'ReferralDelivered' })),
    ).toThrow();
  });
});

describe('priority delivery order and deduplication ids', () => {
  const message = (streamId: string, version: number, priority: 'urgent' | 'standard'): OutgoingMessage => ({
    streamId,
    message: {
      referralId: streamId.slice(9),
      reference: 'PRV-7K3M-Q9TX',
      destinationId: 'police:E23000014',
      eventType: 'ReferralRouted',
      version,
      occurredAt: '2026-01-05T09:00:00Z',
      priority,
      data: {},
    },
  });

  it("puts urgent referrals first and keeps each referral's order, even when it became urgent midway", () => {
    const ordered = inDeliveryOrder([
      message('referral-aaaaaa1', 2, 'standard'),
      message('referral-bbbbbb2', 2, 'standard'),
      message('referral-bbbbbb2', 5, 'urgent'),
      message('referral-cccccc3', 3, 'urgent'),
    ]);
    expect(ordered.map((m) => `${m.streamId}:${m.message.version}`)).toEqual([
      'referral-bbbbbb2:2',
      'referral-bbbbbb2:5',
      'referral-cccccc3:3',
      'referral-aaaaaa1:2',
    ]);
  });

  it('uses stream:version, hashed when it would exceed 128 characters', () => {
    expect(deduplicationIdFor('referral-abc123def456', 7)).toBe('referral-abc123def456:7');
    const long = deduplicationIdFor(`referral-${'x'.repeat(130)}`, 7);
    expect(long).toMatch(/^[0-9a-f]{64}$/);
    expect(long).not.toBe(deduplicationIdFor(`referral-${'x'.repeat(130)}`, 8));
  });
});

describe('notification mails', () => {
  it('acknowledges the referral to the referrer with the reference and a status link, nothing personal in the words', async () => {
    const { history, submitted } = routedReferral();
    const [ack] = await notificationsFor(
      submitted,
      decider.initialState,
      history.state,
      history.state,
      directory,
      BASE,
    );
    expect(ack!.recipient).toBe('referrer');
    expect(ack!.to).toBe('sam.referrer@academy.example.org');
    expect(ack!.mail.subject).toBe('Your Prevent referral PRV-7K3M-Q9TX has been received');
    expect(ack!.mail.text).toContain('https://prevent.example.gov.uk/referral-status/abc123def456');
    expectNoPersonalData(`${ack!.mail.subject}\n${ack!.mail.text}`);
  });

  it('tells each destination of a new referral with the reference and a case link only', async () => {
    const { history, routed } = routedReferral('CV1 5FB', { immediateRisk: true });
    const notices = await notificationsFor(routed, history.stateAt(1), history.state, history.state, directory, BASE);
    expect(notices.map((n) => n.recipient)).toEqual(['police:E23000014', 'la:E08000026']);
    for (const notice of notices) {
      expect(notice.mail.subject).toBe('New Prevent referral PRV-7K3M-Q9TX');
      expect(notice.mail.text).toContain('https://prevent.example.gov.uk/cases/abc123def456');
      expect(notice.mail.text).toContain('URGENT');
      expect(notice.to).toBe(geography.organisations.get(notice.recipient)!.mailbox);
      expectNoPersonalData(`${notice.mail.subject}\n${notice.mail.text}`);
    }
  });

  it('tells the new destinations of a transfer that it was transferred to them', async () => {
    const { history } = routedReferral();
    const [transferred] = history.run({
      type: 'TransferReferral',
      at: '2026-01-06T09:00:00Z',
      actor: { organisation: 'police:E23000014', user: 'officer', role: 'police-prevent-officer' },
      reason: 'person-moved',
      personal: { address: '2 New Road, Lichfield', postcode: 'WS13 6YY' },
    });
    const before = history.state;
    const [rerouted] = history.run(
      routingCommandFor(transferred!, history.events, history.state, geography, '2026-01-06T09:01:00Z')!,
    );
    const notices = await notificationsFor(rerouted!, before, history.state, history.state, directory, BASE);
    expect(notices.map((n) => [n.recipient, n.mail.subject])).toEqual([
      ['police:E23000015', 'Prevent referral PRV-7K3M-Q9TX transferred to you'],
      ['la:E07000194', 'Prevent referral PRV-7K3M-Q9TX transferred to you'],
    ]);
    for (const notice of notices) expectNoPersonalData(notice.mail.text);
  });

  it('tells every destination again, marked urgent, when a live case is raised to urgent, without the reason', async () => {
    const { history } = routedReferral();
    const before = history.state;
    const [escalated] = history.run({
      type: 'EscalateReferral',
      at: '2026-01-06T10:00:00Z',
      actor: { organisation: 'police:E23000014', user: 'officer', role: 'police-prevent-officer' },
      personal: { reason: 'The school reported travel plans to join a group abroad.' },
    });
    expect(escalated!.type).toBe('ReferralEscalated');
    const notices = await notificationsFor(escalated!, before, history.state, history.state, directory, BASE);
    expect(notices.map((n) => [n.recipient, n.mail.subject])).toEqual([
      ['police:E23000014', 'URGENT: Prevent referral PRV-7K3M-Q9TX raised to urgent'],
      ['la:E08000026', 'URGENT: Prevent referral PRV-7K3M-Q9TX raised to urgent'],
    ]);
    for (const notice of notices) {
      expect(notice.mail.text).toContain('https://prevent.example.gov.uk/cases/abc123def456');
      expect(notice.mail.text).not.toContain('travel plans');
      expectNoPersonalData(notice.mail.text);
    }
    const messages = messagesFor(escalated!, history.stateAt(escalated!.version), history.state);
    expect(messages.map((m) => [m.message.destinationId, m.message.eventType, m.message.priority])).toEqual([
      ['police:E23000014', 'ReferralEscalated', 'urgent'],
      ['la:E08000026', 'ReferralEscalated', 'urgent'],
    ]);
  });

  it('asks the referrer for more information with the reference and a link only, never the question', async () => {
    const { history } = routedReferral();
    const before = history.state;
    const [asked] = history.run({
      type: 'RequestMoreInformation',
      at: '2026-01-06T10:00:00Z',
      actor: { organisation: 'police:E23000014', user: 'officer', role: 'police-prevent-officer' },
      personal: { question: 'Which mosque or club did the person say they would travel with?' },
    });
    expect(asked!.type).toBe('MoreInformationRequested');
    const notices = await notificationsFor(
      asked!,
      before,
      history.state,
      history.state,
      directory,
      BASE,
      history.events,
    );
    expect(notices.map((n) => [n.recipient, n.to, n.mail.subject])).toEqual([
      [
        'referrer-question',
        'sam.referrer@academy.example.org',
        'Prevent referral PRV-7K3M-Q9TX: more information requested',
      ],
    ]);
    const mail = `${notices[0]!.mail.subject}\n${notices[0]!.mail.text}`;
    expect([...mail.matchAll(/https?:\/\/\S+/g)].map((match) => match[0])).toEqual([
      'https://prevent.example.gov.uk/referral-status/abc123def456/more-information',
    ]);
    expect(mail).not.toContain('travel');
    expectNoPersonalData(mail);
    // The destinations are told a question was asked (its number), never the question itself.
    const messages = messagesFor(asked!, history.stateAt(asked!.version), history.state);
    expect(messages.map((m) => [m.message.destinationId, m.message.eventType, m.message.data])).toEqual([
      ['police:E23000014', 'MoreInformationRequested', { requestNumber: 1 }],
      ['la:E08000026', 'MoreInformationRequested', { requestNumber: 1 }],
    ]);
  });

  it('mails nobody about an answer, and nobody about a question on a case closed since', async () => {
    const { history } = routedReferral();
    const police = { organisation: 'police:E23000014', user: 'officer', role: 'police-prevent-officer' } as const;
    const beforeQuestion = history.state;
    const [asked] = history.run({
      type: 'RequestMoreInformation',
      at: '2026-01-06T10:00:00Z',
      actor: police,
      personal: { question: 'When?' },
    });
    const beforeAnswer = history.state;
    const [answered] = history.run({
      type: 'AnswerMoreInformation',
      at: '2026-01-06T12:00:00Z',
      actor: { organisation: 'Coventry Academy', user: 'sam.referrer', role: 'referrer' },
      requestNumber: 1,
      personal: { answer: 'Last Tuesday.' },
    });
    expect(answered!.type).toBe('ReferrerAnswered');
    expect(
      await notificationsFor(answered!, beforeAnswer, history.state, history.state, directory, BASE, history.events),
    ).toEqual([]);
    history.run({ type: 'StartGatewayAssessment', at: '2026-01-06T13:00:00Z', actor: police });
    history.run({
      type: 'CompleteGatewayAssessment',
      at: '2026-01-06T14:00:00Z',
      actor: police,
      outcome: 'no-further-action',
      confirmedConcernType: 'islamist',
      deconflicted: true,
      signpostedTo: [],
      personal: { rationale: 'No concern.' },
    });
    history.run({ type: 'CloseReferral', at: '2026-01-06T15:00:00Z', actor: police, outcome: 'no-further-action' });
    expect(
      await notificationsFor(asked!, beforeQuestion, history.state, history.state, directory, BASE, history.events),
    ).toEqual([]);
  });
});

describe('a destination that receives the referral after police deconfliction', () => {
  const COVENTRY = 'la:E08000026';
  const police = { organisation: 'police:E23000014', user: 'officer', role: 'police-prevent-officer' } as const;

  function routedLater() {
    const history = new ReferralHistory('referral-abc123def456');
    const [submitted] = history.run(submitReferral('CV1 5FB'));
    const routing = routingCommandFor(submitted!, history.events, history.state, geography, '2026-01-05T09:01:00Z')!;
    const [routed, deferred] = history.run({ ...routing, shareAfterDeconfliction: [COVENTRY] });
    return { history, routed: routed!, deferred: deferred! };
  }

  it('is sent, for the routing, the existence facts alone under the routing version', () => {
    const { history, routed, deferred } = routedLater();
    expect(deferred.type).toBe('ReferralSharingDeferred');
    const messages = messagesFor(routed, history.state, history.state);
    expect(messages.map(({ message }) => [message.destinationId, message.eventType, message.version])).toEqual([
      ['police:E23000014', 'ReferralRouted', 2],
      [COVENTRY, 'ReferralSharingDeferred', 2],
    ]);
    const notice = messages[1]!.message;
    expect(notice).toMatchObject({ reference: 'PRV-7K3M-Q9TX', priority: 'standard' });
    expect(notice.data).toEqual({ destinationIds: [COVENTRY], typesOfConcern: ['extreme-right-wing'] });
    expect(() => readDestinationMessage(JSON.stringify(notice))).not.toThrow();
    expectNoPersonalData(JSON.stringify(messages));
    expect(messagesFor(deferred, history.state, history.state)).toEqual([]);
  });

  it('is mailed that a referral exists (reference, urgency, type of concern), never its content', async () => {
    const { history, routed } = routedLater();
    const notices = await notificationsFor(routed, history.stateAt(1), history.state, history.state, directory, BASE);
    const council = notices.find((notice) => notice.recipient === COVENTRY)!;
    expect(council.mail.subject).toBe('Prevent referral PRV-7K3M-Q9TX in your area: awaiting police deconfliction');
    expect(council.mail.text).toContain('Type of concern: Extreme Right-Wing');
    expect(council.mail.text).toContain('Priority: standard.');
    expectNoPersonalData(council.mail.text);
    const hub = notices.find((notice) => notice.recipient === 'police:E23000014')!;
    expect(hub.mail.subject).toBe('New Prevent referral PRV-7K3M-Q9TX');
  });

  it('hears nothing of the police work until the referral is shared, then receives the share alone', async () => {
    const { history } = routedLater();
    const [started] = history.run({ type: 'StartGatewayAssessment', at: '2026-01-05T10:00:00Z', actor: police });
    expect(messagesFor(started!, history.state, history.state).map(({ message }) => message.destinationId)).toEqual([
      'police:E23000014',
    ]);
    const completion = history.run({
      type: 'CompleteGatewayAssessment',
      at: '2026-01-06T10:00:00Z',
      actor: police,
      outcome: 'referred-to-channel',
      confirmedConcernType: 'extreme-right-wing',
      deconflicted: true,
      signpostedTo: [],
      personal: { rationale: 'No live investigation.' },
    });
    expect(completion.map((event) => event.type)).toEqual([
      'DeconflictionRecorded',
      'GatewayAssessmentCompleted',
      'ReferralShared',
    ]);
    const shared = completion[2]!;
    const messages = messagesFor(shared, history.state, history.state);
    expect(messages.map(({ message }) => [message.destinationId, message.eventType])).toEqual([
      [COVENTRY, 'ReferralShared'],
    ]);
    const mails = await notificationsFor(
      shared,
      history.stateAt(shared.version - 1),
      history.state,
      history.state,
      directory,
      BASE,
    );
    expect(mails.map((mail) => [mail.recipient, mail.mail.subject])).toEqual([
      [COVENTRY, 'Prevent referral PRV-7K3M-Q9TX shared with you'],
    ]);
    // From now on the council receives the case's events like any destination.
    const [escalated] = history.run({
      type: 'EscalateReferral',
      at: '2026-01-07T10:00:00Z',
      actor: police,
      personal: { reason: 'New information.' },
    });
    expect(messagesFor(escalated!, history.state, history.state).map(({ message }) => message.destinationId)).toEqual([
      'police:E23000014',
      COVENTRY,
    ]);
  });
});
