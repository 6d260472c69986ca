// Nothing derived from the postcode outlives erasure in the routing explanation, on the real
// store, codec, command handler, router and projector (DynamoDB Local): a referral whose
// postcode was only an outward code ("CV1") is routed to national triage, then erased; the raw
// event store and read-model tables, the store's events, the timeline and the messages sent to
// destinations hold the outward code nowhere. A routed event stored at schema version 1 (whose
// explanation named the outward code) reads, projects and shows without it.
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { type Actor, type RecordedEvent } from '../../../events/index.js';
import { createReferralDecider } from '../../../domain/referral/decider.js';
import { createCommandHandler } from '../../../functions/command-handler/command-handler.js';
import { loadGeography } from '../../../functions/geography/load-geography.js';
import { staticDestinationDirectory } from '../../../functions/messaging/destination-directory.js';
import { type OutgoingMessage } from '../../../functions/messaging/queue-publisher.js';
import { referralSystemCommands } from '../../../functions/command-handler/system-commands.js';
import { createCaseTimeline } from '../../../functions/read-models/case-timeline.js';
import { createRouter } from '../../../functions/router/router.js';
import { eventLike, referralStory } from '../projector/referral-story.js';
import { storeHarness } from '../projector/store-harness.js';
import { uniqueStreamId } from '../../engines/local-engines.js';
import { privateTablesForFile } from '../../engines/private-tables.js';
import { allItems } from '../../engines/raw-items.js';

const { client, tables } = privateTablesForFile('explanation-erasure');
const harness = storeHarness(client, tables);
const published: OutgoingMessage[] = [];
const geography = loadGeography();
const police: Actor = { organisation: 'national-triage', user: 'nt.0001', role: 'police-prevent-officer' };

function router() {
  const decider = createReferralDecider();
  return createRouter({
    readStream: (streamId) => harness.store.read(streamId),
    decodeImage: (image) => harness.codec.fromStreamImage(image),
    commands: referralSystemCommands(createCommandHandler({ store: harness.store, decider })),
    publisher: { publish: async (messages) => void published.push(...messages) },
    mailer: { send: async () => 'sent' },
    directory: staticDestinationDirectory(geography.organisations),
    geography,
    decider,
    clock: () => new Date('2025-01-06T09:01:00.000Z'),
    publicBaseUrl: 'https://prevent.example',
  });
}

/** Where the text stands as a word of its own, in any case (ids and random values are whole words of their own). */
const asWord = (text: string) => new RegExp(`(^|[^A-Za-z0-9])${text}([^A-Za-z0-9]|$)`, 'i');

/** The readable text of a stream's raw items: everything but the sealed personal part and the keyed digest. */
async function readableItems(tableName: string, streamId: string): Promise<string[]> {
  const items = await allItems(client, tableName);
  return items
    .filter((item) => JSON.stringify(item).includes(streamId))
    .map(({ personal: _sealed, commandDigest: _digest, ...readable }) => JSON.stringify(readable));
}

async function submitWithPostcode(streamId: string, postcode: string, reference: string): Promise<void> {
  const sample = eventLike('ReferralSubmitted').personal;
  await harness.append(
    referralStory(streamId).then(
      eventLike('ReferralSubmitted', { data: { reference }, personal: { person: { ...sample.person, postcode } } }),
    ).events,
  );
  expect((await router()(await harness.streamRecords(streamId, [1]))).batchItemFailures).toEqual([]);
  // The routed event's own record: the router sends it on to the destinations' queues.
  expect((await router()(await harness.streamRecords(streamId, [2]))).batchItemFailures).toEqual([]);
}

describe('the routing explanation and erasure', () => {
  it('records no outward code in the routed event, its messages or the read models, and after erasure it is readable nowhere', async () => {
    const streamId = uniqueStreamId();
    await submitWithPostcode(streamId, 'CV1', 'PRV-CVCV-0001');
    const routed = (await harness.store.read(streamId)).find(
      (event): event is RecordedEvent<'ReferralRouted'> => event.type === 'ReferralRouted',
    );
    expect(routed?.data.destinations.map((destination) => destination.id)).toEqual(['national-triage']);
    // The outward code is where it belongs: in the sealed personal parts, readable before erasure.
    expect((await harness.store.read(streamId))[0]?.personal).toMatchObject({ person: { postcode: 'CV1' } });
    expect(JSON.stringify(routed?.data)).not.toMatch(asWord('CV1'));
    const messages = published.filter((message) => JSON.stringify(message).includes(streamId.replace('referral-', '')));
    expect(messages.length).toBeGreaterThan(0);
    expect(JSON.stringify(messages)).not.toMatch(asWord('CV1'));
    await harness.project(streamId, [1, 2]);

    await harness.eraseReferral(streamId, 2, police);
    await harness.project(streamId, [3]);

    for (const table of [tables.events, tables.readModels]) {
      const readable = await readableItems(table, streamId);
      expect(readable.length).toBeGreaterThan(0);
      expect(readable.filter((text) => asWord('CV1').test(text))).toEqual([]);
    }
    const events = await harness.store.read(streamId);
    expect(events.map((event) => event.type)).toEqual(['ReferralSubmitted', 'ReferralRouted', 'PersonalDataErased']);
    expect(JSON.stringify(events)).not.toMatch(asWord('CV1'));
    expect(JSON.stringify(await createCaseTimeline({ store: harness.store }).forViewer(streamId, true))).not.toMatch(
      asWord('CV1'),
    );
  });

  it('reads, projects and shows a routed event stored at schema version 1 without the outward code its explanation named', async () => {
    const streamId = uniqueStreamId();
    await submitWithPostcode(streamId, 'WS13', 'PRV-WSWS-0001');
    const [, routed] = await harness.store.read(streamId);
    // As version 1 of the routing rules recorded it: the outward code quoted in the explanation.
    const v1Explanation = [
      'the postcode given could not be read: "WS13" is only the first half of a postcode: give the full postcode, for example CV1 2NJ',
      'no location in England and Wales could be found: held for the national triage team to pass on',
      'no immediate risk reported: standard delivery',
      'decided by routing rules 2026-11-22.1',
    ];
    await client.send(
      new UpdateItemCommand({
        TableName: tables.events,
        Key: { streamId: { S: streamId }, version: { N: '2' } },
        UpdateExpression: 'SET schemaVersion = :v1, #data = :data',
        ExpressionAttributeNames: { '#data': 'data' },
        ExpressionAttributeValues: {
          ':v1': { N: '1' },
          ':data': { S: JSON.stringify({ ...routed?.data, explanation: v1Explanation }) },
        },
      }),
    );
    await harness.project(streamId, [1, 2]);
    await harness.eraseReferral(streamId, 2, police);
    await harness.project(streamId, [3]);

    const events = await harness.store.read(streamId);
    expect((events[1] as RecordedEvent<'ReferralRouted'>).data.explanation).toEqual([
      'the postcode given could not be read: only the first half of a postcode was given',
      ...v1Explanation.slice(1),
    ]);
    expect(JSON.stringify(events)).not.toMatch(asWord('WS13'));
    expect(JSON.stringify(await createCaseTimeline({ store: harness.store }).forViewer(streamId, true))).not.toMatch(
      asWord('WS13'),
    );
    const readModels = await readableItems(tables.readModels, streamId);
    expect(readModels.length).toBeGreaterThan(0);
    expect(readModels.filter((text) => asWord('WS13').test(text))).toEqual([]);
  });
});
