// Folding several events of a stream at once gives the read models that applying them one by
// one gives: the same case views, queue items, timers, person index entries, statistics
// profiles, histories and own figures, through redeliveries, gaps in the middle of a batch, concurrent
// deliveries of the same batch, and changes too large for one transaction.
import { GetItemCommand, type TransactWriteItem, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { type RecordedEvent } from '../../../events/index.js';
import { type Projection, type ProjectionOutcome } from '../../../functions/projector/projection.js';
import { projectionOf } from '../../../functions/projector/stream-fold.js';
import { generateReferralYear } from '../../fixtures/referral-year.js';
import { seededRandom } from '../../fixtures/seeded-random.js';
import { uniqueStreamId } from '../../engines/local-engines.js';
import { privateTablesForFile } from '../../engines/private-tables.js';
import { projectionHarness } from './projection-harness.js';
import { dumpVersion } from './read-model-dump.js';
import { eventLike, submittedAndRouted, withPeople } from './referral-story.js';

const { client, tables } = privateTablesForFile('batched');
const harness = projectionHarness(client, tables);

/** A generated year with people who have a date of birth (so the person index is filled), and stories with transfer, closure and erasure. */
function streamsToProject(): RecordedEvent[][] {
  const year = generateReferralYear({
    startYear: 2024,
    referrals: 10,
    discussedAtPanel: 4,
    adopted: 3,
    leftNoFurtherConcern: 1,
    seed: 17,
  });
  const generated = withPeople(year.streams, { people: 4, dateOfBirth: '2009-05-01' });
  const erased = submittedAndRouted(uniqueStreamId(), {
    reference: 'PRV-EEEE-0001',
    person: { name: 'Person 3', dateOfBirth: '2009-05-01' },
  })
    .then(eventLike('ReferralClosed', { data: { outcome: 'no-further-action' } }))
    .then(eventLike('PersonalDataErased')).events;
  const transferred = submittedAndRouted(uniqueStreamId(), { reference: 'PRV-EEEE-0002' })
    .then(eventLike('ReferralTransferred'))
    .then(eventLike('ReferralRouted', { data: { ...eventLike('ReferralRouted').data, reason: 'transferred' } })).events;
  return [...generated, erased, transferred];
}

const projectionsOf = (): Projection[] => [harness.cases, harness.statistics];

async function oneByOne(streams: readonly RecordedEvent[][], version: number): Promise<void> {
  for (const projection of projectionsOf()) {
    for (const stream of streams)
      for (const event of stream) expect(await projection.apply(version, event)).toEqual({ status: 'applied' });
  }
}

/**
 * What DynamoDB Streams and Lambda may hand the projector: batches of a stream's records in
 * order, some records delivered again (a retried batch starts at an earlier record), and now
 * and then a record missing from a batch (it comes in the next one): a gap mid-batch. A batch
 * is applied with applyMany; like the projector, the records from a gap on are delivered again.
 */
async function inBatches(
  streams: readonly RecordedEvent[][],
  version: number,
  seed: number,
): Promise<ProjectionOutcome['status'][]> {
  const random = seededRandom(seed);
  const statuses: ProjectionOutcome['status'][] = [];
  for (const stream of streams) {
    const deliveries: RecordedEvent[] = [];
    stream.forEach((event, index) => {
      deliveries.push(event);
      if (random.next() < 0.3) deliveries.push(...stream.slice(random.below(index + 1), index + 1));
    });
    let position = 0;
    while (position < deliveries.length) {
      let batch = deliveries.slice(position, position + 1 + random.below(6));
      // Hold one record back from a batch of three or more: it is delivered with the next one.
      const heldBack = batch.length >= 3 && random.next() < 0.4 ? 1 + random.below(batch.length - 2) : -1;
      if (heldBack > 0) batch = [...batch.slice(0, heldBack), ...batch.slice(heldBack + 1)];
      const results = await Promise.all(
        projectionsOf().map((projection) => projection.applyMany(version, stream[0]?.streamId as string, batch)),
      );
      // Both projections agree on where a batch stops; the next delivery starts there.
      const settled = Math.min(
        ...results.map((outcomes) => (outcomes.at(-1)?.status === 'gap' ? outcomes.length - 1 : outcomes.length)),
      );
      for (const outcomes of results) statuses.push(...outcomes.map((outcome) => outcome.status));
      position += heldBack > 0 && heldBack <= settled ? heldBack : settled;
    }
  }
  return statuses;
}

describe('applying several events of a stream at once', () => {
  it('builds exactly the read models that one-by-one application builds, through redeliveries and gaps mid-batch', async () => {
    const streams = streamsToProject();
    await oneByOne(streams, 2);
    const statuses = await inBatches(streams, 3, 20250106);
    expect(statuses).toContain('duplicate');
    expect(statuses).toContain('gap');
    expect(statuses.filter((status) => status === 'applied')).toHaveLength(streams.flat().length * 2);

    const clean = await dumpVersion(client, harness.tableName, 2);
    expect(clean.filter((item) => String(item.pk).startsWith('person#')).length).toBeGreaterThan(8);
    expect(clean.some((item) => String(item.pk).startsWith('statistics-history#'))).toBe(true);
    expect(clean.some((item) => String(item.pk).startsWith('statistics-organisation#'))).toBe(true);
    expect(await dumpVersion(client, harness.tableName, 3)).toEqual(clean);
  });

  it('stops at a gap in the middle of a batch: the events before it are applied, nothing after it', async () => {
    const streamId = uniqueStreamId();
    const events = submittedAndRouted(streamId, { reference: 'PRV-EEEE-0003' }).then(
      eventLike('GatewayAssessmentStarted', { data: { dueBy: '2025-01-13' } }),
    ).events;
    const [first, second, third, fourth, fifth] = events as [
      RecordedEvent,
      RecordedEvent,
      RecordedEvent,
      RecordedEvent,
      RecordedEvent,
    ];
    for (const projection of projectionsOf()) {
      expect(await projection.applyMany(4, streamId, [first, second, first, fourth, fifth])).toEqual([
        { status: 'applied' },
        { status: 'applied' },
        { status: 'duplicate' },
        { status: 'gap', expectedVersion: 3 },
      ]);
      expect(await projection.checkpointOf(4, streamId)).toBe(2);
      expect(await projection.applyMany(4, streamId, [third, fourth, fifth])).toEqual([
        { status: 'applied' },
        { status: 'applied' },
        { status: 'applied' },
      ]);
      expect(await projection.checkpointOf(4, streamId)).toBe(5);
    }
    const items = (await dumpVersion(client, harness.tableName, 4, 'case')).filter(
      (item) => item.pk === `case#${streamId}`,
    );
    expect(items.find((item) => item.sk === 'case')).toMatchObject({
      checkpoint: 5,
      view: { status: 'gateway-assessment', version: 5 },
    });
  });

  it('leaves no person index entry for a referral submitted and erased within one batch, as one by one', async () => {
    const person = { name: 'Erased Together', dateOfBirth: '2008-02-03' };
    const stories = [uniqueStreamId(), uniqueStreamId()].map(
      (streamId, i) =>
        submittedAndRouted(streamId, { reference: `PRV-EEEE-001${i}`, person })
          .then(eventLike('ReferralClosed', { data: { outcome: 'no-further-action' } }))
          .then(eventLike('PersonalDataErased')).events,
    );
    const [oneByOneStory, batchedStory] = stories as [RecordedEvent[], RecordedEvent[]];
    for (const event of oneByOneStory) await harness.cases.apply(7, event);
    expect(await harness.cases.applyMany(7, batchedStory[0]?.streamId as string, batchedStory)).toHaveLength(
      batchedStory.length,
    );
    const personEntries = (await dumpVersion(client, harness.tableName, 7, 'case')).filter((item) =>
      String(item.pk).startsWith('person#'),
    );
    expect(personEntries).toEqual([]);
    // Submitted alone in a batch, the entry is there: the check above is not vacuous.
    await harness.cases.applyMany(8, batchedStory[0]?.streamId as string, batchedStory.slice(0, 2));
    expect(
      (await dumpVersion(client, harness.tableName, 8, 'case')).filter((item) => String(item.pk).startsWith('person#')),
    ).toHaveLength(1);
  });

  it('counts each event once when the same batch is delivered several times at once', async () => {
    const streams = generateReferralYear({
      startYear: 2024,
      referrals: 12,
      discussedAtPanel: 4,
      adopted: 2,
      leftNoFurtherConcern: 1,
      seed: 23,
      personal: 'erased',
    }).streams;
    for (const stream of streams) for (const event of stream) await harness.statistics.apply(5, event);
    await Promise.all(
      streams.flatMap((stream) =>
        [0, 1, 2].map(() => harness.statistics.applyMany(6, stream[0]?.streamId as string, stream)),
      ),
    );
    expect(await dumpVersion(client, harness.tableName, 6, 'statistics')).toEqual(
      await dumpVersion(client, harness.tableName, 5, 'statistics'),
    );
  });

  it('writes a change too large for one transaction in consecutive groups, each with its checkpoint', async () => {
    // A projection whose every event adds one item: 150 events need two transactions (99 events, then 51).
    const sent: number[] = [];
    const counting = new Proxy(client, {
      get: (target, property, receiver) =>
        property === 'send'
          ? (command: unknown) => {
              if (command instanceof TransactWriteItemsCommand) sent.push(command.input.TransactItems?.length ?? 0);
              return target.send(command as never);
            }
          : (Reflect.get(target, property, receiver) as unknown),
    });
    const tableName = harness.tableName;
    const streamId = uniqueStreamId();
    const pk = `v1#one-item-per-event#${streamId}`;
    const growing = projectionOf<number, { checkpoint: number; from: number }>(counting, {
      name: 'statistics',
      empty: 0,
      async load() {
        const { Item } = await client.send(
          new GetItemCommand({ TableName: tableName, Key: marshall({ pk, sk: 'checkpoint' }), ConsistentRead: true }),
        );
        return Item ? Number(unmarshall(Item).checkpoint) : 0;
      },
      checkpointOf: (stored) => stored,
      start: (stored) => ({ checkpoint: stored, from: stored }),
      async step(folded, event) {
        if (event.version <= folded.checkpoint) return { outcome: { status: 'duplicate' }, folded };
        if (event.version > folded.checkpoint + 1)
          return { outcome: { status: 'gap', expectedVersion: folded.checkpoint + 1 }, folded };
        return { outcome: { status: 'applied' }, folded: { ...folded, checkpoint: event.version } };
      },
      write(_version, stored, folded) {
        const checkpoint: TransactWriteItem = {
          Put: {
            TableName: tableName,
            Item: marshall({ pk, sk: 'checkpoint', checkpoint: folded.checkpoint }),
            ConditionExpression: stored === 0 ? 'attribute_not_exists(pk)' : 'checkpoint = :previous',
            ...(stored === 0 ? {} : { ExpressionAttributeValues: marshall({ ':previous': stored }) }),
          },
        };
        const effects = Array.from({ length: folded.checkpoint - folded.from }, (_, i) => ({
          Put: { TableName: tableName, Item: marshall({ pk, sk: `event#${folded.from + i + 1}` }) },
        }));
        return { checkpoint, effects, stored: folded.checkpoint };
      },
    });
    const story = Array.from(
      { length: 150 },
      (_, i) => ({ ...eventLike('ReferralDelivered'), streamId, version: i + 1 }) as unknown as RecordedEvent,
    );
    const outcomes = await growing.applyMany(1, streamId, story);
    expect(outcomes.filter((outcome) => outcome.status === 'applied')).toHaveLength(150);
    expect(sent).toEqual([100, 52]);
    const items = (await dumpVersion(client, tableName, 1)).filter(
      (item) => item.pk === `one-item-per-event#${streamId}`,
    );
    expect(items).toHaveLength(151);
    expect(items.find((item) => item.sk === 'checkpoint')).toMatchObject({ checkpoint: 150 });
  });
});
