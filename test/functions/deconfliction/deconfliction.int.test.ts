// Deconfliction through the real store, codec, key provider and projector: a second referral
// of the same person in another force is flagged on both police hubs' items; a different
// person is not; the read models hold no plaintext; after erasure the person is not matched.
import { describe, expect, it } from 'vitest';
import { BLIND_INDEX_KEY_ID } from '../../../functions/deconfliction/blind-index-key.js';
import { uniqueStreamId } from '../../engines/local-engines.js';
import { privateTablesForFile } from '../../engines/private-tables.js';
import { allItems } from '../../engines/raw-items.js';
import {
  eventLike,
  referralStory,
  submittedAndRouted,
  lichfieldRouting,
  STAFFORDSHIRE_POLICE,
  storyActors,
} from '../projector/referral-story.js';
import { storeHarness } from '../projector/store-harness.js';

const { client, tables } = privateTablesForFile('deconfliction');
const harness = storeHarness(client, tables);

const staffordshire = lichfieldRouting;

async function queueItem(organisation: string, streamId: string) {
  const page = await harness.queues.forOrganisation({ organisation, limit: 100 });
  return page.items.find((item) => item.streamId === streamId);
}

describe('deconfliction', () => {
  const earlier = uniqueStreamId();
  const later = uniqueStreamId();
  const someoneElse = uniqueStreamId();

  it("flags a second referral of the same person in another force on both police hubs' items, and not a different person", async () => {
    await harness.append(
      submittedAndRouted(earlier, {
        reference: 'PRV-DDDD-0001',
        person: { name: 'Zoë Ann-Marie Okafor', dateOfBirth: '2009-07-21' },
        startAt: '2025-01-06T09:00:00.000Z',
      }).events,
    );
    await harness.append(
      referralStory(later, '2025-03-03T10:00:00.000Z')
        .then(
          eventLike('ReferralSubmitted', {
            data: { reference: 'PRV-DDDD-0002' },
            personal: {
              person: {
                ...eventLike('ReferralSubmitted').personal.person,
                name: '  ZOE  annmarie OKAFOR ',
                dateOfBirth: '2009-07-21',
              },
            },
          }),
        )
        .then(eventLike('ReferralRouted', { data: staffordshire })).events,
    );
    await harness.append(
      referralStory(someoneElse, '2025-03-04T10:00:00.000Z')
        .then(
          eventLike('ReferralSubmitted', {
            data: { reference: 'PRV-DDDD-0003' },
            personal: {
              person: {
                ...eventLike('ReferralSubmitted').personal.person,
                name: 'Zoe Ann-Marie Okafor',
                dateOfBirth: '2009-07-22',
              },
            },
          }),
        )
        .then(eventLike('ReferralRouted', { data: staffordshire })).events,
    );
    await harness.project(earlier, [1, 2, 3, 4]);
    await harness.project(later, [1, 2]);
    await harness.project(someoneElse, [1, 2]);

    expect((await queueItem(STAFFORDSHIRE_POLICE, later))?.deconfliction).toEqual({
      previouslyReferred: true,
      otherReferrals: [{ streamId: earlier, reference: 'PRV-DDDD-0001', submittedAt: '2025-01-06T09:00:00.000Z' }],
    });
    expect((await queueItem('police:E23000014', earlier))?.deconfliction).toEqual({
      previouslyReferred: true,
      otherReferrals: [{ streamId: later, reference: 'PRV-DDDD-0002', submittedAt: '2025-03-03T10:00:00.000Z' }],
    });
    expect((await queueItem(STAFFORDSHIRE_POLICE, someoneElse))?.deconfliction).toEqual({
      previouslyReferred: false,
      otherReferrals: [],
    });
    // Local authorities do not deconflict: their items say nothing about other cases.
    expect((await queueItem('la:E07000194', later))?.deconfliction).toBeUndefined();
  });

  it('keeps no name or date of birth in the read models, and only a wrapped blind-index key', async () => {
    const Items = await allItems(client, tables.readModels);
    const text = JSON.stringify(Items).toLowerCase();
    for (const plaintext of ['okafor', 'zoe', 'zoë', 'annmarie', '2009-07-21', '2009-07-22'])
      expect(text).not.toContain(plaintext);
    const personEntries = Items.filter((item) => item.pk?.S?.startsWith('v1#person#'));
    expect(personEntries).toHaveLength(3);
    for (const entry of personEntries) expect(entry.pk?.S).toMatch(/^v1#person#[0-9a-f]{64}$/);

    const keyItem = (await allItems(client, tables.keys)).find((item) => item.keyId?.S === BLIND_INDEX_KEY_ID);
    const key = Buffer.from(await harness.blindIndexKeys.key());
    expect(key).toHaveLength(32);
    expect(Buffer.from(keyItem?.wrappedKey?.B ?? new Uint8Array()).includes(key)).toBe(false);
  });

  it('no longer matches the person once the earlier referral is erased, and keeps the blind index nowhere on its items', async () => {
    await harness.eraseReferral(earlier, 4, storyActors.police);
    await harness.project(earlier, [5]);

    expect((await queueItem(STAFFORDSHIRE_POLICE, later))?.deconfliction).toEqual({
      previouslyReferred: false,
      otherReferrals: [],
    });
    expect(await harness.caseViews.get(earlier)).toMatchObject({ erased: true, version: 5 });
    const Items = await allItems(client, tables.readModels);
    expect(
      Items.filter((item) => item.pk?.S?.startsWith('v1#person#'))
        .map((item) => item.sk?.S)
        .sort(),
    ).toEqual([later, someoneElse].sort());
    const caseItem = Items.find((item) => item.pk?.S === `v1#case#${earlier}` && item.sk?.S === 'case');
    expect(caseItem?.personHmac).toEqual({ NULL: true });
    expect(JSON.stringify(Items.filter((item) => item.pk?.S === `v1#case#${earlier}`))).not.toMatch(/[0-9a-f]{64}/);
  });
});
