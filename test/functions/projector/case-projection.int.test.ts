// Projection specifications for the case projection on DynamoDB Local: given events, the case
// view, triage items and timers are exactly these; redelivered or interleaved deliveries give
// the same read model; a gap is refused and applied once the missing event has arrived.
import { describe, expect, it } from 'vitest';
import { type RecordedEvent } from '../../../events/index.js';
import { uniqueStreamId } from '../../engines/local-engines.js';
import { privateTablesForFile } from '../../engines/private-tables.js';
import { seededRandom } from '../../fixtures/seeded-random.js';
import { dumpVersion } from './read-model-dump.js';
import { projectionHarness } from './projection-harness.js';
import {
  eventLike,
  referralStory,
  submittedAndRouted,
  lichfieldRouting,
  STAFFORDSHIRE_POLICE,
} from './referral-story.js';

const { client, tables } = privateTablesForFile('cases');
const harness = projectionHarness(client, tables);

async function applyAll(events: readonly RecordedEvent[], version = 1): Promise<void> {
  for (const event of events) expect(await harness.cases.apply(version, event)).toEqual({ status: 'applied' });
}

async function caseItems(version: number, streamId: string) {
  const dump = await dumpVersion(client, harness.tableName, version, 'case');
  return dump.filter((item) => item.pk === `case#${streamId}`);
}

describe('the case projection', () => {
  it("places a routed referral in both destinations' queues, due five working days after submission, with a delivery timer", async () => {
    const streamId = uniqueStreamId();
    const story = referralStory(streamId, '2025-01-06T09:00:00.000Z')
      .then(eventLike('ReferralSubmitted', { data: { reference: 'PRV-AAAA-0001' } }))
      .then(eventLike('ReferralRouted'));
    await applyAll(story.events);

    const items = await caseItems(1, streamId);
    expect(items.map((item) => item.sk)).toEqual([
      'case',
      'queue#la:E08000026',
      'queue#police:E23000014',
      'timer#delivery-overdue',
    ]);
    const [, la, police, timer] = items;
    expect(police).toMatchObject({ queuePk: 'queue#police:E23000014', queueSk: '1#2025-01-13#PRV-AAAA-0001' });
    expect(police?.item).toEqual({
      streamId,
      reference: 'PRV-AAAA-0001',
      destinationId: 'police:E23000014',
      destinationKind: 'police-prevent-hub',
      status: 'routed',
      priority: 'standard',
      typeOfConcern: 'extreme-right-wing',
      typeOfConcernConfirmed: false,
      localAuthority: { code: 'E08000026', name: 'Coventry' },
      policeForce: { code: 'E23000014', name: 'West Midlands Police' },
      heldBy: 'police:E23000014',
      awaiting: 'gateway-assessment',
      dueOn: '2025-01-13',
      overdue: false,
      submittedAt: '2025-01-06T09:00:00.000Z',
      version: 2,
      waiting: [],
    });
    expect(typeof police?.personHmac).toBe('string');
    expect(la).toMatchObject({
      queuePk: 'queue#la:E08000026',
      item: { destinationKind: 'local-authority-prevent-team', heldBy: 'police:E23000014' },
    });
    expect(la?.personHmac).toBeUndefined();
    expect(timer).toMatchObject({
      dueBucket: 'timers',
      dueAt: '2025-01-06T10:05:00.000Z',
      timer: { streamId, kind: 'delivery-overdue' },
    });

    expect(await harness.caseViews.get(streamId)).toEqual({
      streamId,
      reference: 'PRV-AAAA-0001',
      status: 'routed',
      priority: 'standard',
      currentDestinations: ['police:E23000014', 'la:E08000026'],
      destinations: eventLike('ReferralRouted').data.destinations,
      formerDestinations: [],
      submittedBy: { organisation: 'Coventry Academy', user: 'sam.referrer' },
      submittedAt: '2025-01-06T09:00:00.000Z',
      localAuthority: { code: 'E08000026', name: 'Coventry' },
      policeForce: { code: 'E23000014', name: 'West Midlands Police' },
      awaitingRerouting: false,
      version: 2,
      erased: false,
    });
  });

  it("marks a waiting council's row until the police share the referral, and every row while the referrer's answer waits", async () => {
    const streamId = uniqueStreamId();
    const waitingOf = async () =>
      Object.fromEntries(
        (await caseItems(1, streamId))
          .filter((item) => String(item.sk).startsWith('queue#'))
          .map((item) => [String(item.sk).slice('queue#'.length), (item.item as { waiting?: string[] }).waiting]),
      );
    const story = referralStory(streamId, '2025-01-06T09:00:00.000Z')
      .then(eventLike('ReferralSubmitted', { data: { reference: 'PRV-AAAA-0009' } }))
      .then(eventLike('ReferralRouted'))
      .then(
        eventLike('ReferralSharingDeferred', {
          data: { destinationIds: ['la:E08000026'], typesOfConcern: ['extreme-right-wing'] },
        }),
      );
    await applyAll(story.events);
    expect(await waitingOf()).toEqual({ 'la:E08000026': ['police-to-share'], 'police:E23000014': [] });

    const asked = story.then(eventLike('MoreInformationRequested', { data: { requestNumber: 1 } }));
    await applyAll(asked.events.slice(-1));
    expect(await waitingOf()).toEqual({
      'la:E08000026': ['police-to-share', 'referrer-answer'],
      'police:E23000014': ['referrer-answer'],
    });

    const answered = asked.then(eventLike('ReferrerAnswered', { data: { requestNumber: 1 } }));
    await applyAll(answered.events.slice(-1));
    expect(await waitingOf()).toEqual({ 'la:E08000026': ['police-to-share'], 'police:E23000014': [] });

    const shared = answered
      .then(eventLike('DeconflictionRecorded'))
      .then(eventLike('ReferralShared', { data: { destinationIds: ['la:E08000026'], because: 'police-decision' } }));
    await applyAll(shared.events.slice(-2));
    expect(await waitingOf()).toEqual({ 'la:E08000026': [], 'police:E23000014': [] });
  });

  it('stops the delivery timer once both destinations confirmed, and runs the gateway timer from the day after its due date', async () => {
    const streamId = uniqueStreamId();
    const story = submittedAndRouted(streamId, { reference: 'PRV-AAAA-0002' }).then(
      eventLike('GatewayAssessmentStarted', { data: { dueBy: '2025-01-13' } }),
    );
    await applyAll(story.events);
    const timers = (await caseItems(1, streamId)).filter((item) => String(item.sk).startsWith('timer#'));
    expect(timers).toEqual([
      {
        pk: `case#${streamId}`,
        sk: 'timer#gateway-assessment-overdue',
        dueBucket: 'timers',
        dueAt: '2025-01-14T00:00:00.000Z',
        timer: { streamId, kind: 'gateway-assessment-overdue', dueAt: '2025-01-14T00:00:00.000Z' },
      },
    ]);
    story.then(eventLike('GatewayAssessmentOverdue', { data: { dueBy: '2025-01-13' } }), {
      at: '2025-01-14T00:01:00.000Z',
    });
    await applyAll(story.events.slice(5));
    const after = await caseItems(1, streamId);
    expect(after.filter((item) => String(item.sk).startsWith('timer#'))).toEqual([]);
    expect(after.find((item) => item.sk === 'queue#police:E23000014')).toMatchObject({
      item: { overdue: true, status: 'gateway-assessment' },
    });
  });

  it("moves the referral to the new destinations' queues on transfer, and out of every queue when closed", async () => {
    const streamId = uniqueStreamId();
    const staffordshire = { ...lichfieldRouting, reason: 'transferred' as const };
    const story = submittedAndRouted(streamId, { reference: 'PRV-AAAA-0003' })
      .then(eventLike('ReferralTransferred'))
      .then(eventLike('ReferralRouted', { data: staffordshire }));
    await applyAll(story.events);
    const queues = (await caseItems(1, streamId))
      .filter((item) => String(item.sk).startsWith('queue#'))
      .map((item) => item.queuePk);
    expect(queues).toEqual(['queue#la:E07000194', `queue#${STAFFORDSHIRE_POLICE}`]);
    const view = await harness.caseViews.get(streamId);
    expect(view).toMatchObject({
      currentDestinations: [STAFFORDSHIRE_POLICE, 'la:E07000194'],
      formerDestinations: ['police:E23000014', 'la:E08000026'],
      version: 6,
    });

    story
      .then(eventLike('ReferralDelivered', { data: { destinationId: STAFFORDSHIRE_POLICE, routedVersion: 6 } }))
      .then(eventLike('ReferralDelivered', { data: { destinationId: 'la:E07000194', routedVersion: 6 } }))
      .then(eventLike('ReferralClosed', { data: { outcome: 'no-further-action' } }));
    await applyAll(story.events.slice(6));
    expect((await caseItems(1, streamId)).map((item) => item.sk)).toEqual(['case']);
    expect(await harness.caseViews.get(streamId)).toMatchObject({ status: 'closed', version: 9 });
  });

  it('refuses an event that arrives before the one it follows, and applies it once the missing one has arrived', async () => {
    const streamId = uniqueStreamId();
    const [submitted, routed, delivered] = submittedAndRouted(streamId, { reference: 'PRV-AAAA-0004' }).events as [
      RecordedEvent,
      RecordedEvent,
      RecordedEvent,
    ];
    expect(await harness.cases.apply(1, submitted)).toEqual({ status: 'applied' });
    expect(await harness.cases.apply(1, delivered)).toEqual({ status: 'gap', expectedVersion: 2 });
    expect(await harness.caseViews.get(streamId)).toMatchObject({ version: 1, status: 'submitted' });
    expect(await harness.cases.apply(1, routed)).toEqual({ status: 'applied' });
    expect(await harness.cases.apply(1, delivered)).toEqual({ status: 'applied' });
    expect(await harness.cases.apply(1, routed)).toEqual({ status: 'duplicate' });
    expect(await harness.caseViews.get(streamId)).toMatchObject({ version: 3, status: 'routed' });
  });

  it('builds the same read model from redelivered records interleaved across referrals as from one clean pass', async () => {
    const stories = Array.from({ length: 6 }, (_, i) => {
      const streamId = uniqueStreamId();
      const story = submittedAndRouted(streamId, { reference: `PRV-BBBB-000${i}` }).then(
        eventLike('GatewayAssessmentStarted', { data: { dueBy: '2025-01-13' } }),
      );
      if (i % 2 === 0)
        story.then(
          eventLike('GatewayAssessmentCompleted', {
            data: { outcome: 'no-further-action', confirmedConcernType: 'islamist' },
          }),
        );
      if (i % 3 === 0) story.then(eventLike('ReferralClosed', { data: { outcome: 'no-further-action' } }));
      return story;
    });
    // Version 2: one clean pass, stream after stream.
    for (const story of stories)
      for (const event of story.events) expect(await harness.cases.apply(2, event)).toEqual({ status: 'applied' });

    // Version 3: what DynamoDB Streams may do: order kept within a referral, any interleaving
    // across referrals, and records delivered again (a retried batch starts at an earlier record).
    const random = seededRandom(20250106);
    const deliveries = stories.map((story) => {
      const sequence: RecordedEvent[] = [];
      story.events.forEach((event, index) => {
        sequence.push(event);
        if (random.next() < 0.5) sequence.push(...story.events.slice(random.below(index + 1), index + 1));
      });
      return sequence;
    });
    const outcomes: string[] = [];
    while (deliveries.some((sequence) => sequence.length > 0)) {
      const pending = deliveries.filter((sequence) => sequence.length > 0);
      const next = random.pick(pending).shift() as RecordedEvent;
      outcomes.push((await harness.cases.apply(3, next)).status);
    }
    expect(outcomes).toContain('duplicate');
    expect(outcomes).not.toContain('gap');
    expect(await dumpVersion(client, harness.tableName, 3, 'case')).toEqual(
      await dumpVersion(client, harness.tableName, 2, 'case'),
    );
  });
});
