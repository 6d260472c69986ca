// The case timeline over the real store: every event in order with who and when; personal
// parts only when asked for, and 'erased' after erasure.
import { describe, expect, it } from 'vitest';
import { createCaseTimeline } from '../../../functions/read-models/case-timeline.js';
import { uniqueStreamId } from '../../engines/local-engines.js';
import { privateTablesForFile } from '../../engines/private-tables.js';
import { submittedAndRouted } from '../projector/referral-story.js';
import { storeHarness } from '../projector/store-harness.js';

const { client, tables } = privateTablesForFile('timeline');
const harness = storeHarness(client, tables);

describe('the case timeline', () => {
  it('lists every event in order, with personal data only for viewers who may see it, and erased after erasure', async () => {
    const streamId = uniqueStreamId();
    const story = submittedAndRouted(streamId, { reference: 'PRV-EEEE-0001', person: { name: 'Timeline Person' } });
    await harness.append(story.events);
    const timeline = createCaseTimeline({ store: harness.store });

    const full = await timeline.forViewer(streamId, true);
    expect(full.map((entry) => [entry.version, entry.type, entry.actor.user])).toEqual([
      [1, 'ReferralSubmitted', 'sam.referrer'],
      [2, 'ReferralRouted', 'router'],
      [3, 'ReferralDelivered', 'router'],
      [4, 'ReferralDelivered', 'router'],
    ]);
    expect(full[0]).toMatchObject({
      describes: 'A referral was submitted through the national referral form',
      occurredAt: '2025-01-06T09:00:00.000Z',
    });
    expect(full[0]?.personal).toMatchObject({ person: { name: 'Timeline Person' } });
    expect(full[2]).not.toHaveProperty('personal');

    const withoutPersonal = await timeline.forViewer(streamId, false);
    expect(withoutPersonal.every((entry) => !('personal' in entry))).toBe(true);
    expect(JSON.stringify(withoutPersonal)).not.toContain('Timeline Person');

    await harness.store.erase(streamId);
    const erased = await timeline.forViewer(streamId, true);
    expect(erased.map((entry) => entry.personal)).toEqual(['erased', 'erased', undefined, undefined]);
    expect(erased[0]?.data).toEqual(full[0]?.data);
  });
});
