// The timers on the real store and read models: what fell due is found through the due-date
// index and recorded once (deterministic command ids), however often the timers run; once the
// due events are projected the timers are gone and the queue shows the referral as overdue.
import { describe, expect, it } from 'vitest';
import { createReferralDecider } from '../../../domain/referral/index.js';
import { createCommandHandler } from '../../../functions/command-handler/command-handler.js';
import { defaultTriagePolicy } from '../../../domain/triage/index.js';
import { createTimers } from '../../../functions/timers/timers.js';
import { uniqueStreamId } from '../../engines/local-engines.js';
import { privateTablesForFile } from '../../engines/private-tables.js';
import { dumpVersion } from '../projector/read-model-dump.js';
import { eventLike, referralStory } from '../projector/referral-story.js';
import { storeHarness } from '../projector/store-harness.js';
import { unbindCommandId } from '../../../functions/command-handler/command-identity.js';

const { client, tables } = privateTablesForFile('timers');
const harness = storeHarness(client, tables);

describe('the timers', () => {
  it('record an undelivered destination and an overdue gateway assessment once, and the projection then drops the timers', async () => {
    const streamId = uniqueStreamId();
    await harness.append(
      referralStory(streamId, '2025-01-06T09:00:00.000Z')
        .then(eventLike('ReferralSubmitted', { data: { reference: 'PRV-FFFF-0001' } }))
        .then(eventLike('ReferralRouted'))
        .then(eventLike('ReferralDelivered', { data: { destinationId: 'police:E23000014', routedVersion: 2 } }))
        .then(eventLike('GatewayAssessmentStarted', { data: { dueBy: '2025-01-13' } })).events,
    );
    await harness.project(streamId, [1, 2, 3, 4]);

    let now = new Date('2025-01-13T23:00:00.000Z');
    const commands = createCommandHandler({ store: harness.store, decider: createReferralDecider() });
    const timers = createTimers({
      client,
      tableName: tables.readModels,
      versions: harness.versions,
      commands,
      policy: defaultTriagePolicy,
      now: () => now,
      logger: harness.logger,
    });
    expect(await timers.run()).toEqual({ due: 1, accepted: 1, notYetDue: 0, refused: 0 }); // delivery only: the gateway is due tomorrow

    now = new Date('2025-01-14T08:00:00.000Z');
    // Until the due events are projected the timers stay; firing again records nothing new.
    expect(await timers.run()).toEqual({ due: 2, accepted: 2, notYetDue: 0, refused: 0 });
    expect(await timers.run()).toEqual({ due: 2, accepted: 2, notYetDue: 0, refused: 0 });
    const events = await harness.store.read(streamId);
    expect(events.slice(4).map((event) => [event.type, event.data])).toEqual([
      ['DeliveryOverdue', { destinationId: 'la:E08000026', routedVersion: 2, dueBy: '2025-01-06T10:05:00.000Z' }],
      ['GatewayAssessmentOverdue', { dueBy: '2025-01-13' }],
    ]);
    expect(unbindCommandId(events[4]?.commandId ?? '').commandId).toBe(
      `timer:${streamId}:delivery-overdue-la:E08000026:2025-01-06T10:05:00.000Z`,
    );
    expect(unbindCommandId(events[5]?.commandId ?? '').commandId).toBe(
      `timer:${streamId}:gateway-assessment-overdue:2025-01-14T00:00:00.000Z`,
    );

    await harness.project(streamId, [5, 6]);
    expect(await timers.run()).toEqual({ due: 0, accepted: 0, notYetDue: 0, refused: 0 });
    const items = (await dumpVersion(client, tables.readModels, 1, 'case')).filter(
      (item) => item.pk === `case#${streamId}`,
    );
    expect(items.map((item) => item.sk)).toEqual(['case', 'queue#la:E08000026', 'queue#police:E23000014']);
    expect(items[2]).toMatchObject({ item: { overdue: true } });
  });
});
