// Erasure takes the person's blind index (keyed HMAC of name and date of birth) out of every
// read model, on the real store, codec, key provider, projector and rebuild: after erasure the
// raw read-model table holds the HMAC nowhere (case item, its record JSON, queue items, person
// index), so nobody holding the blind-index key can test "is Jane Doe, born 2008-01-02, in
// there"; a rebuild after erasure equals the live version item for item; and a version retired
// by a rebuild does not keep the HMAC of a person erased later.
import { afterAll, describe, expect, it } from 'vitest';
import { type Actor } from '../../../events/index.js';
import { personBlindIndex } from '../../../functions/deconfliction/person-blind-index.js';
import {
  createTablesForTest,
  dynamoClientForTests,
  type TestTableNames,
  uniquePrefix,
  uniqueStreamId,
} from '../../engines/local-engines.js';
import { allItems } from '../../engines/raw-items.js';
import { dumpVersion } from './read-model-dump.js';
import { submittedAndRouted } from './referral-story.js';
import { storeHarness } from './store-harness.js';

const client = dynamoClientForTests();
afterAll(() => client.destroy());

const JANE = { name: 'Jane Doe', dateOfBirth: '2008-01-02' };
const police: Actor = { organisation: 'police:E23000014', user: 'po.1234', role: 'police-prevent-officer' };

/** Every raw item of the read-model table that holds the value anywhere (keys, attributes, JSON text). */
async function itemsHolding(tables: TestTableNames, value: string): Promise<string[]> {
  const items = await allItems(client, tables.readModels);
  return items
    .filter((item) => JSON.stringify(item).includes(value))
    .map((item) => `${item.pk?.S ?? '?'} | ${item.sk?.S ?? '?'}`);
}

async function setUp(label: string) {
  const tables = await createTablesForTest(uniquePrefix(label));
  const harness = storeHarness(client, tables);
  const project = harness.project;
  const erase = (streamId: string, expectedVersion: number) => harness.eraseReferral(streamId, expectedVersion, police);
  const rebuildCases = () => harness.rebuild(harness.projections[0]!);
  const hmac = personBlindIndex(await harness.blindIndexKeys.key(), JANE) as string;
  return { tables, harness, project, erase, rebuildCases, hmac };
}

describe('erasure and the blind index', () => {
  it('leaves the HMAC of the erased person nowhere in the read models, and a rebuild after erasure equals the live version', async () => {
    const { tables, harness, project, erase, rebuildCases, hmac } = await setUp('erasure-hmac');
    const jane = uniqueStreamId();
    const someoneElse = uniqueStreamId();
    await harness.append(submittedAndRouted(jane, { reference: 'PRV-EEEE-0001', person: JANE }).events);
    await harness.append(
      submittedAndRouted(someoneElse, {
        reference: 'PRV-EEEE-0002',
        person: { name: 'Sam Roe', dateOfBirth: '2007-05-06' },
        startAt: '2025-02-03T09:00:00.000Z',
      }).events,
    );
    await project(jane, [1, 2, 3, 4]);
    await project(someoneElse, [1, 2, 3, 4]);
    // Before erasure the HMAC is where deconfliction needs it (so the search below can find it).
    expect((await itemsHolding(tables, hmac)).length).toBeGreaterThanOrEqual(3);

    await erase(jane, 4);
    await project(jane, [5]);

    expect(await itemsHolding(tables, hmac)).toEqual([]);
    expect(await harness.caseViews.get(jane)).toMatchObject({ erased: true, version: 5 });
    // The referrer's organisation is free text a member of the public fills in: the erased case's record drops it too.
    const caseItem = (await allItems(client, tables.readModels)).find(
      (item) => item.pk?.S === `v1#case#${jane}` && item.sk?.S === 'case',
    );
    expect(JSON.parse(caseItem?.record?.S ?? '{}')).toMatchObject({
      state: { erased: true, referrerOrganisation: null, referrerSector: 'education' },
    });
    // The other person is still indexed and flagged as before.
    const other = (await harness.queues.forOrganisation({ organisation: 'police:E23000014', limit: 100 })).items.find(
      (item) => item.streamId === someoneElse,
    );
    expect(other?.deconfliction).toEqual({ previouslyReferred: false, otherReferrals: [] });

    const live = await dumpVersion(client, tables.readModels, 1, 'case');
    const result = await rebuildCases();
    expect(result).toMatchObject({ version: 2, previousVersion: 1, streams: 2, retiredItems: live.length });
    const rebuilt = await dumpVersion(client, tables.readModels, 2, 'case');
    expect(rebuilt.length).toBeGreaterThanOrEqual(4);
    expect(rebuilt).toEqual(live);
    expect(await dumpVersion(client, tables.readModels, 1, 'case')).toEqual([]);
    expect(await itemsHolding(tables, hmac)).toEqual([]);
  });

  it('erases the HMAC when the submission and the erasure are folded in one write', async () => {
    const { tables, harness, erase, hmac } = await setUp('erasure-hmac-batch');
    const jane = uniqueStreamId();
    await harness.append(submittedAndRouted(jane, { reference: 'PRV-EEEE-0003', person: JANE }).events);
    // Read (and decrypted) before the key is destroyed, as a projector may have, then folded with the erasure.
    const before = await harness.store.read(jane);
    await erase(jane, 4);
    const erasure = await harness.store.read(jane, { fromVersion: 5 });
    const outcomes = await harness.projections[0]!.applyMany(1, jane, [...before, ...erasure]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);
    expect(await itemsHolding(tables, hmac)).toEqual([]);
  });

  it('does not leave the HMAC in a version a rebuild replaced when the person is erased after the rebuild', async () => {
    const { tables, harness, project, erase, rebuildCases, hmac } = await setUp('erasure-hmac-retired');
    const jane = uniqueStreamId();
    await harness.append(submittedAndRouted(jane, { reference: 'PRV-EEEE-0004', person: JANE }).events);
    await project(jane, [1, 2, 3, 4]);
    expect(await rebuildCases()).toMatchObject({ version: 2, previousVersion: 1 });
    expect((await itemsHolding(tables, hmac)).length).toBeGreaterThanOrEqual(2);

    await erase(jane, 4);
    await project(jane, [5]);

    expect(await itemsHolding(tables, hmac)).toEqual([]);
    expect(await harness.caseViews.get(jane)).toMatchObject({ erased: true, version: 5 });
  });
});
