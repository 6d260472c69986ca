// A rebuilt projection equals the live one, on the real store, codec and projector: events are
// appended to the store and projected live from their stream records; both projections are
// then rebuilt from the store into version 2, which readers follow once it has caught up.
import { describe, expect, it } from 'vitest';
import { rebuildProjection, rebuildProjections } from '../../../functions/projector/rebuild.js';
import { streamHeads } from '../../../functions/projector/stream-heads.js';
import { generateReferralYear } from '../../fixtures/referral-year.js';
import { privateTablesForFile } from '../../engines/private-tables.js';
import { dumpVersion } from './read-model-dump.js';
import { withPeople } from './referral-story.js';
import { storeHarness } from './store-harness.js';

const { client, tables } = privateTablesForFile('rebuild');
const harness = storeHarness(client, tables);

describe('rebuilding a projection', () => {
  it('replays the store into a new version equal to the live one, then switches readers to it', async () => {
    const year = generateReferralYear({
      startYear: 2024,
      referrals: 60,
      discussedAtPanel: 12,
      adopted: 7,
      leftNoFurtherConcern: 5,
      seed: 5,
    });
    // Synthetic people with a date of birth, so the person index has entries to rebuild.
    const streams = withPeople(year.streams, { people: 40, dateOfBirth: '2010-01-01' });
    for (const stream of streams) {
      await harness.append(stream);
      await harness.project(
        stream[0]?.streamId as string,
        stream.map((event) => event.version),
      );
    }
    const liveTables = await harness.queues.forOrganisation({ organisation: 'police:E23000014', limit: 100 });
    const live = await dumpVersion(client, tables.readModels, 1);

    const progress: number[] = [];
    for (const projection of harness.projections) {
      const result = await harness.rebuild(projection, ({ streamsDone }) => progress.push(streamsDone));
      expect(result).toMatchObject({
        projection: projection.name,
        version: 2,
        previousVersion: 1,
        streams: 60,
        events: streams.flat().length,
        passes: 2,
      });
      // The replaced version of the cases is deleted (nothing would carry a later erasure to it); statistics keep theirs.
      expect(result.retiredItems === null).toBe(projection.name === 'statistics');
      expect(await harness.versions.fresh(projection.name)).toMatchObject({ active: 2, building: null });
    }
    expect(progress.at(-1)).toBe(60);

    const rebuilt = await dumpVersion(client, tables.readModels, 2);
    expect(rebuilt.length).toBeGreaterThan(60 * 3);
    expect(rebuilt).toEqual(live);
    expect(rebuilt.filter((item) => String(item.pk).startsWith('person#'))).toHaveLength(60);
    expect(await dumpVersion(client, tables.readModels, 1, 'case')).toEqual([]);
    expect(await dumpVersion(client, tables.readModels, 1, 'statistics')).toEqual(
      live.filter((item) => String(item.pk).startsWith('statistics')),
    );
    expect(await harness.queues.forOrganisation({ organisation: 'police:E23000014', limit: 100 })).toEqual(liveTables);
  });

  it('rebuilds every projection from one reading of the store: each stream read once, the result equal to the live one', async () => {
    const before = await dumpVersion(client, tables.readModels, 2);
    const reads: string[] = [];
    const results = await rebuildProjections({
      projections: harness.projections,
      versions: harness.versions,
      read: (streamId, options) => {
        reads.push(streamId);
        return harness.store.read(streamId, options);
      },
      heads: () => streamHeads(client, tables.events),
      sleep: async () => undefined,
    });
    expect(results.map((r) => [r.projection, r.version, r.previousVersion, r.streams])).toEqual(
      harness.projections.map((p) => [p.name, 3, 2, 60]),
    );
    // Pass 1 reads each of the 60 streams once for both projections; pass 2 finds nothing new.
    expect(reads).toHaveLength(60);
    expect(new Set(reads).size).toBe(60);
    expect(results.every((r) => r.events === results[0]?.events && r.events > 60)).toBe(true);
    expect(await dumpVersion(client, tables.readModels, 3)).toEqual(before);
  });

  it('refuses to start a second rebuild of a projection while one is running', async () => {
    const pointer = await harness.versions.fresh('cases');
    expect(
      await harness.versions.replace('cases', pointer, { active: pointer.active, building: pointer.active + 1 }),
    ).toBe(true);
    await expect(
      rebuildProjection({
        projection: harness.projections[0]!,
        versions: harness.versions,
        read: async () => [],
        heads: async () => new Map(),
        sleep: async () => undefined,
      }),
    ).rejects.toThrow(/already being rebuilt/);
  });
});
