// The projector handler on stream records of the real event store (encrypted personal parts,
// decoded by the store's codec): partial batch failures for gaps, redelivery changes nothing,
// and one organisation's queue never shows another's referrals.
import { describe, expect, it } from 'vitest';
import { uniqueStreamId } from '../../engines/local-engines.js';
import { privateTablesForFile } from '../../engines/private-tables.js';
import { PageCursorError } from '../../../functions/read-models/page-cursor.js';
import { dumpVersion } from './read-model-dump.js';
import {
  eventLike,
  referralStory,
  submittedAndRouted,
  lichfieldRouting,
  STAFFORDSHIRE_POLICE,
} from './referral-story.js';
import { storeHarness } from './store-harness.js';

const { client, tables } = privateTablesForFile('projector');
const tableName = tables.readModels;
const harness = storeHarness(client, tables);

describe('the projector', () => {
  it('fails a record that arrives after a gap (and the later records of its referral), then applies it once the missing one came', async () => {
    const streamId = uniqueStreamId();
    await harness.append(submittedAndRouted(streamId, { reference: 'PRV-CCCC-0001' }).events);

    const first = await harness.projector(await harness.streamRecords(streamId, [1, 3, 4]));
    expect(first.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual([
      `${streamId}-000003`,
      `${streamId}-000004`,
    ]);
    expect(harness.logger.lines.find((line) => line.level === 'warn')?.details).toMatchObject({
      streamId,
      error: 'ProjectionGapError',
    });
    expect(await harness.caseViews.get(streamId)).toMatchObject({ version: 1, status: 'submitted' });

    const retried = await harness.projector(await harness.streamRecords(streamId, [2, 3, 4]));
    expect(retried.batchItemFailures).toEqual([]);
    expect(await harness.caseViews.get(streamId)).toMatchObject({ version: 4, status: 'routed' });

    const before = await dumpVersion(client, tableName, 1);
    const again = await harness.projector(await harness.streamRecords(streamId, [1, 2, 3, 4, 2, 3]));
    expect(again.batchItemFailures).toEqual([]);
    expect(await dumpVersion(client, tableName, 1)).toEqual(before);
  });

  it("keeps each organisation's queue to its own referrals, and a cursor to the queue it was made for", async () => {
    const coventry = uniqueStreamId();
    const lichfield = uniqueStreamId();
    const staffordshire = lichfieldRouting;
    const extra = Array.from({ length: 3 }, () => uniqueStreamId());
    await harness.append(submittedAndRouted(coventry, { reference: 'PRV-CCCC-0002' }).events);
    await harness.append(
      referralStory(lichfield)
        .then(eventLike('ReferralSubmitted', { data: { reference: 'PRV-CCCC-0003' } }))
        .then(eventLike('ReferralRouted', { data: staffordshire })).events,
    );
    for (const [i, streamId] of extra.entries())
      await harness.append(submittedAndRouted(streamId, { reference: `PRV-CCCC-001${i}` }).events);
    for (const streamId of [coventry, lichfield, ...extra]) {
      const versions = streamId === lichfield ? [1, 2] : [1, 2, 3, 4];
      expect((await harness.projector(await harness.streamRecords(streamId, versions))).batchItemFailures).toEqual([]);
    }

    const staffs = await harness.queues.forOrganisation({ organisation: STAFFORDSHIRE_POLICE });
    expect(staffs.items.map((item) => item.streamId)).toEqual([lichfield]);
    const westMidlands: string[] = [];
    let cursor: string | undefined;
    let firstCursor: string | undefined;
    do {
      const page = await harness.queues.forOrganisation({
        organisation: 'police:E23000014',
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      expect(page.items.every((item) => item.destinationId === 'police:E23000014')).toBe(true);
      westMidlands.push(...page.items.map((item) => item.streamId));
      cursor = page.cursor;
      firstCursor ??= cursor;
    } while (cursor);
    expect(westMidlands).toEqual(expect.arrayContaining([coventry, ...extra]));
    expect(new Set(westMidlands).size).toBe(westMidlands.length);
    expect(westMidlands).not.toContain(lichfield);
    await expect(
      harness.queues.forOrganisation({ organisation: STAFFORDSHIRE_POLICE, cursor: firstCursor }),
    ).rejects.toThrow(PageCursorError);
  });
});
