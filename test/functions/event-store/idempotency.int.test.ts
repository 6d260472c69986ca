// A command retried with the same id (say after a timeout that in fact succeeded) gets the
// first answer and writes nothing; the same id with different events is refused.
import { afterAll, describe, expect, it } from 'vitest';
import { CommandIdReusedError } from '../../../functions/event-store/errors.js';
import { sampleEvents } from '../../events/sample-events.js';
import { uniqueStreamId } from '../../engines/local-engines.js';
import { streamItems } from '../../engines/raw-items.js';
import { eventStoreUnderTest } from './event-store-under-test.js';
import { commandOptions, referralLifecycle } from './referral-lifecycle.js';

const { client, tables, store } = eventStoreUnderTest();
const another = eventStoreUnderTest();
afterAll(() => {
  client.destroy();
  another.client.destroy();
});

const rawItems = (streamId: string) => streamItems(client, tables.events, streamId);

describe('idempotent appends', () => {
  it('a retried single-event command returns the first result and writes nothing twice', async () => {
    const streamId = uniqueStreamId();
    const first = await store.append(streamId, 'no-stream', [sampleEvents.ReferralSubmitted], commandOptions('retry'));
    const before = await rawItems(streamId);
    const retried = await another.store.append(
      streamId,
      'no-stream',
      [sampleEvents.ReferralSubmitted],
      commandOptions('retry'),
    );
    expect(retried).toEqual({ ...first, replayed: true });
    expect(await rawItems(streamId)).toEqual(before);
  });

  it('a retried multi-event command returns the first result, also after later commands moved the stream on', async () => {
    const streamId = uniqueStreamId();
    await store.append(streamId, 'no-stream', [sampleEvents.ReferralSubmitted], commandOptions('multi', 1));
    const group = referralLifecycle.slice(1, 5);
    const first = await store.append(streamId, 1, group, commandOptions('multi', 2));
    await store.append(streamId, 5, [sampleEvents.ChannelPanelScheduled], commandOptions('multi', 3));
    const retried = await another.store.append(streamId, 1, group, commandOptions('multi', 2));
    expect(first).toEqual({ streamId, firstVersion: 2, lastVersion: 5, replayed: false });
    expect(retried).toEqual({ ...first, replayed: true });
    expect((await rawItems(streamId)).map((i) => i.commandId?.S)).toEqual([
      'cmd-multi-1',
      ...group.map(() => 'cmd-multi-2'),
      'cmd-multi-3',
    ]);
  });

  it("a retried 'any' command is found wherever it landed", async () => {
    const streamId = uniqueStreamId();
    const first = await store.append(streamId, 'any', [sampleEvents.ReferralSubmitted], commandOptions('any-retry', 1));
    await store.append(streamId, 'any', [sampleEvents.ReferralDelivered], commandOptions('any-retry', 2));
    expect(
      await another.store.append(streamId, 'any', [sampleEvents.ReferralSubmitted], commandOptions('any-retry', 1)),
    ).toEqual({ ...first, replayed: true });
    expect(await rawItems(streamId)).toHaveLength(2);
  });

  it('the same command id with different events is refused, and nothing is written', async () => {
    const streamId = uniqueStreamId();
    await store.append(streamId, 'no-stream', [sampleEvents.ReferralSubmitted], commandOptions('reuse'));
    const changedPersonal = {
      ...sampleEvents.ReferralSubmitted,
      personal: {
        ...sampleEvents.ReferralSubmitted.personal,
        person: { ...sampleEvents.ReferralSubmitted.personal.person, name: 'Someone Else' },
      },
    };
    const changedData = {
      ...sampleEvents.ReferralSubmitted,
      data: { ...sampleEvents.ReferralSubmitted.data, immediateRisk: true },
    };
    for (const changed of [
      [changedPersonal],
      [changedData],
      [sampleEvents.ReferralSubmitted, sampleEvents.ReferralRouted],
    ]) {
      const refused = await another.store
        .append(streamId, 'no-stream', changed, commandOptions('reuse'))
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(CommandIdReusedError);
      expect((refused as Error).message).not.toContain('Someone Else');
    }
    const anyRefused = await another.store
      .append(streamId, 'any', [changedData], commandOptions('reuse'))
      .catch((e: unknown) => e);
    expect(anyRefused).toBeInstanceOf(CommandIdReusedError);
    expect(await rawItems(streamId)).toHaveLength(1);
  });

  it('key order inside the events does not make a retry look different', async () => {
    const streamId = uniqueStreamId();
    const event = sampleEvents.ReferralRouted;
    const reordered = {
      type: event.type,
      personal: { ...event.personal },
      data: Object.fromEntries(Object.entries(event.data).reverse()),
    };
    const first = await store.append(streamId, 'no-stream', [event], commandOptions('order'));
    expect(await store.append(streamId, 'no-stream', [reordered], commandOptions('order'))).toEqual({
      ...first,
      replayed: true,
    });
  });
});
