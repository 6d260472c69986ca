// The rebuild's bulk pass against what happens meanwhile, on the real store, codec and projector
// (decision 0007, "Rebuild"): events appended while the bulk pass runs (the projector does not
// write the fresh version yet) and while the catch-up passes run (it does, gaps and duplicates
// included), streams whose head moves after the heads were read, a rebuild crashed half-way and
// started again, and a projection whose write the bulk pass cannot do. Each time the rebuilt
// version must equal the one the projector kept live: nothing lost, nothing counted twice.
import { describe, expect, it } from 'vitest';
import { type RecordedEvent } from '../../../events/index.js';
import { type Projection } from '../../../functions/projector/projection.js';
import { type RebuildManyDeps, rebuildProjections, scanOfStore } from '../../../functions/projector/rebuild.js';
import { streamHeads } from '../../../functions/projector/stream-heads.js';
import { generateReferralYear } from '../../fixtures/referral-year.js';
import { privateTablesForFile } from '../../engines/private-tables.js';
import { dumpVersion } from './read-model-dump.js';
import { withPeople } from './referral-story.js';
import { storeHarness } from './store-harness.js';

const { client, tables } = privateTablesForFile('rebuild-interleavings');
const harness = storeHarness(client, tables);

const year = generateReferralYear({
  startYear: 2024,
  referrals: 36,
  discussedAtPanel: 8,
  adopted: 5,
  leftNoFurtherConcern: 4,
  seed: 11,
});
const streams = withPeople(year.streams, { people: 30, dateOfBirth: '2011-02-03' }).filter((s) => s.length >= 4);
const idOf = (stream: readonly RecordedEvent[]) => stream[0]?.streamId as string;

/** Appends events and hands them to the projector as Lambda would, expecting every record applied. */
async function appendAndProject(events: readonly RecordedEvent[]): Promise<void> {
  if (events.length === 0) return;
  await harness.append(events);
  await harness.project(
    idOf(events),
    events.map((event) => event.version),
  );
}

function deps(overrides: Partial<RebuildManyDeps> = {}): RebuildManyDeps {
  return {
    projections: harness.projections,
    versions: harness.versions,
    read: (streamId, options) => harness.store.read(streamId, options),
    heads: () => streamHeads(client, tables.events),
    client,
    ...scanOfStore(harness.store, 4),
    sleep: async () => undefined,
    concurrency: 4,
    ...overrides,
  };
}

describe('the bulk pass and what happens meanwhile', () => {
  it('keeps every event appended during the bulk pass and the catch-up, once, whatever the projector wrote', async () => {
    // Three streams in four: the last two events held back (appended while the rebuild runs); the
    // last six streams: not appended at all until the rebuild runs.
    const early = streams.slice(0, -6);
    const late = streams.slice(-6);
    const tailsDuringBulk = early.filter((_s, i) => i % 4 === 1).map((s) => s.slice(-2));
    const tailsDuringCatchUp = early.filter((_s, i) => i % 4 === 2).map((s) => s.slice(-2));
    const tailsWithGap = early.filter((_s, i) => i % 4 === 3).map((s) => s.slice(-2));
    const heldBack = new Set([...tailsDuringBulk, ...tailsDuringCatchUp, ...tailsWithGap].flat());
    for (const stream of early) await appendAndProject(stream.filter((event) => !heldBack.has(event)));

    let scanned = 0;
    let sleeps = 0;
    const scan = scanOfStore(harness.store, 4).scan as NonNullable<RebuildManyDeps['scan']>;
    const seen: { during: string; pointer: unknown; freshCheckpoints: number[] }[] = [];
    const results = await rebuildProjections(
      deps({
        retirePrevious: false,
        // The store's scan, and after the sixth stream it hands over, what happens meanwhile.
        scan: (onStream) =>
          scan(async (streamId, events) => {
            scanned += 1;
            const nth = scanned;
            await onStream(streamId, events);
            if (nth === 6) {
              // The bulk pass is under way (some streams read, some not): heads move, new streams
              // appear, the projector projects them into the live version only.
              for (const tail of tailsDuringBulk) await appendAndProject(tail);
              for (const stream of late.slice(0, 3)) await appendAndProject(stream);
              const pointer = await harness.versions.fresh('cases');
              seen.push({
                during: 'bulk',
                pointer,
                freshCheckpoints: await Promise.all(
                  late.slice(0, 3).map((s) => harness.projections[0]!.checkpointOf(pointer.bulk as number, idOf(s))),
                ),
              });
            }
          }),
        sleep: async () => {
          sleeps += 1;
          if (sleeps !== 2) return;
          // The fresh version is `building`: the projector writes it too from now on. It applies
          // what follows the bulk pass's fold, and ignores a gap there (the catch-up fills it).
          for (const tail of tailsDuringCatchUp) await appendAndProject(tail);
          for (const stream of late.slice(3)) await appendAndProject(stream);
          for (const tail of tailsWithGap) {
            await harness.append(tail);
            const last = tail.at(-1) as RecordedEvent;
            // The later record alone first (a gap in both versions: delivered again), then both.
            const gap = await harness.projector(await harness.streamRecords(idOf(tail), [last.version]));
            expect(gap.batchItemFailures).toHaveLength(1);
            await harness.project(
              idOf(tail),
              tail.map((event) => event.version),
            );
          }
          const pointer = await harness.versions.fresh('cases');
          seen.push({
            during: 'catch-up',
            pointer,
            freshCheckpoints: await Promise.all(
              late.slice(3).map((s) => harness.projections[0]!.checkpointOf(pointer.building as number, idOf(s))),
            ),
          });
        },
      }),
    );

    // While the bulk pass ran, the projector left the fresh version alone; once it was building, it wrote it.
    expect(seen).toEqual([
      {
        during: 'bulk',
        pointer: expect.objectContaining({ active: 1, building: null, bulk: 2 }),
        freshCheckpoints: [0, 0, 0],
      },
      {
        during: 'catch-up',
        pointer: expect.objectContaining({ active: 1, building: 2, bulk: null }),
        freshCheckpoints: late.slice(3).map((s) => s.length),
      },
    ]);
    for (const result of results) {
      expect(result).toMatchObject({ version: 2, previousVersion: 1, abandoned: [], conditionalStreams: 0 });
      expect(result.bulkItems).toBeGreaterThan(early.length);
      // The bulk pass, a catch-up pass that found the events appended meanwhile, and one that found nothing.
      expect(result.passes).toBe(3);
    }
    const live = await dumpVersion(client, tables.readModels, 1);
    const rebuilt = await dumpVersion(client, tables.readModels, 2);
    expect(live.filter((item) => String(item.pk).startsWith('statistics-profile#'))).toHaveLength(streams.length);
    expect(rebuilt).toEqual(live);
  });

  it('starts again after a rebuild crashed half-way: the crashed version is abandoned, the next one equals the live one', async () => {
    const live = await dumpVersion(client, tables.readModels, 2);
    let handed = 0;
    const scan = scanOfStore(harness.store, 4).scan as NonNullable<RebuildManyDeps['scan']>;
    await expect(
      rebuildProjections(
        deps({
          scan: (onStream) =>
            scan(async (streamId, events) => {
              handed += 1;
              if (handed === 12) throw new Error('the machine running the rebuild stopped');
              await onStream(streamId, events);
            }),
        }),
      ),
    ).rejects.toThrow('the machine running the rebuild stopped');
    expect(await harness.versions.fresh('cases')).toMatchObject({ active: 2, building: null, bulk: 3 });
    // Some of version 3 was written before the crash.
    expect((await dumpVersion(client, tables.readModels, 3)).length).toBeGreaterThan(0);

    await expect(rebuildProjections(deps())).rejects.toThrow(/already being rebuilt into version 3.*--restart/);

    // Started again reading stream by stream (the bulk pass without the store's scan).
    let reads = 0;
    const results = await rebuildProjections(
      deps({
        restart: true,
        scan: undefined,
        read: (streamId, options) => {
          reads += 1;
          return harness.store.read(streamId, options);
        },
      }),
    );
    expect(reads).toBe(streams.length);
    for (const result of results) expect(result).toMatchObject({ version: 4, previousVersion: 2, abandoned: [3] });
    expect(await harness.versions.fresh('cases')).toMatchObject({
      active: 4,
      building: null,
      bulk: null,
      lastStarted: 4,
    });
    expect(await dumpVersion(client, tables.readModels, 4)).toEqual(live);
    // The cases of the replaced and of the abandoned version are deleted (they hold blind indexes).
    expect(await dumpVersion(client, tables.readModels, 2, 'case')).toEqual([]);
    expect(await dumpVersion(client, tables.readModels, 3, 'case')).toEqual([]);
  });

  it('writes the conditional way, stream by stream, a projection whose write holds an action the bulk pass cannot do', async () => {
    const live = await dumpVersion(client, tables.readModels, 4);
    const [cases, statistics] = harness.projections as [Projection, Projection];
    let folded = 0;
    const counting: Projection = {
      ...statistics,
      // As the statistics projection once was: an Update of a counter every referral shares.
      async foldWhole(version, streamId, events) {
        folded += 1;
        const whole = await (statistics.foldWhole as NonNullable<Projection['foldWhole']>)(version, streamId, events);
        return {
          ...whole,
          actions: [
            ...whole.actions,
            {
              Update: {
                TableName: tables.readModels,
                Key: { pk: { S: `v${version}#statistics#2024-25` }, sk: { S: 'referrals' } },
                UpdateExpression: 'ADD #n :one',
                ExpressionAttributeNames: { '#n': 'n' },
                ExpressionAttributeValues: { ':one': { N: '1' } },
              },
            },
          ],
        };
      },
    };
    const results = await rebuildProjections(deps({ projections: [cases, counting] }));
    expect(folded).toBe(streams.length);
    expect(results.map((r) => [r.projection, r.conditionalStreams, r.bulkItems > 0])).toEqual([
      ['cases', 0, true],
      ['statistics', streams.length, false],
    ]);
    expect(await dumpVersion(client, tables.readModels, 5)).toEqual(live);
  });
});
