// The command handler on the real store: load -> decide -> append, retried on a conflict,
// idempotent by command id. A tiny decider of its own, and one run with the referral decider.
import { afterAll, describe, expect, it } from 'vitest';
import { type RecordedEvent } from '../../../events/catalogue.js';
import { createReferralDecider } from '../../../domain/referral/index.js';
import {
  CommandRetriesExhaustedError,
  type StreamDecider,
  createCommandHandler,
} from '../../../functions/command-handler/command-handler.js';
import { type EventStore } from '../../../functions/event-store/event-store.js';
import { sampleEvents } from '../../events/sample-events.js';
import { commands } from '../../domain/referral/referral-fixtures.js';
import { uniqueStreamId } from '../../engines/local-engines.js';
import { eventStoreUnderTest } from '../event-store/event-store-under-test.js';
import { commandOptions, referrerActor } from '../event-store/referral-lifecycle.js';
import { commandIdentity, unbindCommandId } from '../../../functions/command-handler/command-identity.js';
import { CommandIdReusedError } from '../../../functions/event-store/errors.js';

const { client, store } = eventStoreUnderTest();
afterAll(() => client.destroy());

const attribution = { actor: referrerActor, at: '2025-01-06T09:00:00Z' };
type BareCommand = { type: 'Deliver'; destinationId: string } | { type: 'Close' };
type Command = BareCommand & typeof attribution;
interface State {
  delivered: string[];
  closed: boolean;
}

/** Delivers to each destination once; refuses anything after closure. Counts its decisions. */
function deliveryDecider(): StreamDecider<Command, State, string> & { decisions: number } {
  const decider = {
    decisions: 0,
    initialState: { delivered: [], closed: false } as State,
    decide(command: Command, state: State) {
      decider.decisions += 1;
      if (state.closed) return { ok: false as const, error: 'the referral is closed' };
      if (command.type === 'Close') return { ok: true as const, events: [sampleEvents.ReferralClosed] };
      if (state.delivered.includes(command.destinationId)) return { ok: true as const, events: [] };
      return {
        ok: true as const,
        events: [
          {
            ...sampleEvents.ReferralDelivered,
            data: { ...sampleEvents.ReferralDelivered.data, destinationId: command.destinationId },
          },
        ],
      };
    },
    evolve(state: State, event: RecordedEvent): State {
      if (event.type === 'ReferralDelivered')
        return { ...state, delivered: [...state.delivered, event.data.destinationId] };
      if (event.type === 'ReferralClosed') return { ...state, closed: true };
      return state;
    },
  };
  return decider;
}

function request(streamId: string, command: BareCommand, commandId: string) {
  return {
    streamId,
    command: { ...command, ...attribution } as Command,
    commandId,
    correlationId: 'corr-handler',
  };
}

describe('command handler', () => {
  it('decides on the loaded state and appends, and reports domain refusals without writing', async () => {
    const streamId = uniqueStreamId();
    const handler = createCommandHandler({ store, decider: deliveryDecider() });
    expect(
      await handler.handle(request(streamId, { type: 'Deliver', destinationId: 'police:E23000014' }, 'c1')),
    ).toEqual({
      ok: true,
      streamId,
      firstVersion: 1,
      lastVersion: 1,
      eventCount: 1,
      replayed: false,
      recordedTypes: ['ReferralDelivered'],
    });
    // Already delivered: the decider decides nothing happens.
    expect(
      await handler.handle(request(streamId, { type: 'Deliver', destinationId: 'police:E23000014' }, 'c2')),
    ).toMatchObject({ ok: true, eventCount: 0 });
    await handler.handle(request(streamId, { type: 'Close' }, 'c3'));
    expect(await handler.handle(request(streamId, { type: 'Deliver', destinationId: 'la:E08000026' }, 'c4'))).toEqual({
      ok: false,
      streamId,
      version: 2,
      error: 'the referral is closed',
    });
    expect((await store.read(streamId)).map((e) => e.type)).toEqual(['ReferralDelivered', 'ReferralClosed']);
  });

  it('after a conflict it loads again and decides on the new state', async () => {
    const streamId = uniqueStreamId();
    const rival = eventStoreUnderTest();
    let interfered = false;
    const racing: EventStore = {
      ...store,
      async append(...args) {
        if (!interfered) {
          interfered = true;
          await rival.store.append(streamId, 'any', [sampleEvents.ReferralClosed], commandOptions('rival'));
        }
        return store.append(...args);
      },
    };
    const decider = deliveryDecider();
    const outcome = await createCommandHandler({ store: racing, decider }).handle(
      request(streamId, { type: 'Deliver', destinationId: 'police:E23000014' }, 'late'),
    );
    rival.client.destroy();
    expect(outcome).toMatchObject({ ok: false, error: 'the referral is closed', version: 1 });
    expect(decider.decisions).toBe(2);
    expect((await store.read(streamId)).map((e) => unbindCommandId(e.commandId).commandId)).toEqual(['cmd-rival-1']);
  });

  it('gives up after a bounded number of conflicts', async () => {
    const streamId = uniqueStreamId();
    let rivals = 0;
    const busy: EventStore = {
      ...store,
      async append(...args) {
        rivals += 1;
        await store.append(streamId, 'any', [sampleEvents.DeliveryOverdue], commandOptions('busy', rivals));
        return store.append(...args);
      },
    };
    const failure = await createCommandHandler({ store: busy, decider: deliveryDecider(), maxAttempts: 3 })
      .handle(request(streamId, { type: 'Deliver', destinationId: 'police:E23000014' }, 'never'))
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CommandRetriesExhaustedError);
    expect(rivals).toBe(3);
    expect((await store.read(streamId)).some((e) => e.commandId === 'never')).toBe(false);
  });

  it('a command already in the stream is answered from the stream, not decided again', async () => {
    const streamId = uniqueStreamId();
    const decider = deliveryDecider();
    const handler = createCommandHandler({ store, decider });
    const first = await handler.handle(
      request(streamId, { type: 'Deliver', destinationId: 'police:E23000014' }, 'once'),
    );
    await handler.handle(request(streamId, { type: 'Close' }, 'close'));
    const again = await handler.handle(
      request(streamId, { type: 'Deliver', destinationId: 'police:E23000014' }, 'once'),
    );
    expect(again).toEqual({ ...first, replayed: true });
    expect(decider.decisions).toBe(2);
    expect(await store.read(streamId)).toHaveLength(2);
  });

  it('runs the referral decider: a submission is recorded once, a second submission is refused', async () => {
    const streamId = uniqueStreamId();
    const handler = createCommandHandler({ store, decider: createReferralDecider() });
    const submit = commands.submit();
    const base = { streamId, correlationId: 'corr-referral' };
    const first = await handler.handle({ ...base, command: submit, commandId: 'submit-1' });
    expect(first).toMatchObject({ ok: true, firstVersion: 1, replayed: false });
    expect(await handler.handle({ ...base, command: submit, commandId: 'submit-1' })).toMatchObject({
      ok: true,
      replayed: true,
    });
    const second = await handler.handle({ ...base, command: submit, commandId: 'submit-2' });
    expect(second.ok).toBe(false);
    const [submitted] = await store.read(streamId);
    expect(submitted?.type).toBe('ReferralSubmitted');
    expect(submitted?.personal).toEqual(submit.personal);
  });
});

describe('a stream the caller has just named (newStream)', () => {
  /** The store, counting its reads. */
  function countingStore(): { store: EventStore; reads: () => number } {
    let reads = 0;
    return {
      store: {
        ...store,
        read: (...args: Parameters<EventStore['read']>) => {
          reads += 1;
          return store.read(...args);
        },
      },
      reads: () => reads,
    };
  }

  it('is decided from the empty stream without reading it', async () => {
    const streamId = uniqueStreamId();
    const counting = countingStore();
    const handler = createCommandHandler({ store: counting.store, decider: createReferralDecider() });
    const submit = commands.submit();
    const result = await handler.handle({
      streamId,
      command: submit,
      commandId: 'submit-new',
      correlationId: 'corr-new',
      newStream: true,
    });
    expect(result).toMatchObject({ ok: true, firstVersion: 1, replayed: false });
    expect(counting.reads()).toBe(0);
    expect((await store.read(streamId)).map((event) => event.type)).toEqual(['ReferralSubmitted']);
  });

  it('overwrites nothing when the stream was there after all: the append is refused, the stream read, and the command decided on it', async () => {
    const streamId = uniqueStreamId();
    const handler = createCommandHandler({ store, decider: createReferralDecider() });
    const submit = commands.submit();
    const base = { streamId, command: submit, correlationId: 'corr-new' };
    await handler.handle({ ...base, commandId: 'submit-first' });
    const counting = countingStore();
    const wrongly = createCommandHandler({ store: counting.store, decider: createReferralDecider() });
    const retry = await wrongly.handle({ ...base, commandId: 'submit-first', newStream: true });
    expect(retry).toMatchObject({ ok: true, replayed: true });
    const other = await wrongly.handle({ ...base, commandId: 'submit-other', newStream: true });
    expect(other.ok).toBe(false);
    expect(counting.reads()).toBeGreaterThanOrEqual(1);
    const events = await store.read(streamId);
    expect(events.map((event) => event.type)).toEqual(['ReferralSubmitted']);
    expect(unbindCommandId(events[0]!.commandId).commandId).toBe('submit-first');
  });
});

describe('command ids bound to their command', () => {
  it('refuses another command under a used id, on the same stream, however far the stream has moved', async () => {
    const streamId = uniqueStreamId();
    const decider = deliveryDecider();
    const handler = createCommandHandler({ store, decider });
    await handler.handle(request(streamId, { type: 'Deliver', destinationId: 'police:E23000014' }, 'key-1'));
    await handler.handle(request(streamId, { type: 'Deliver', destinationId: 'la:E08000026' }, 'key-2'));
    // The same id for a different destination, and for another type of command: nothing runs, nothing replays.
    await expect(
      handler.handle(request(streamId, { type: 'Deliver', destinationId: 'hub:west-midlands' }, 'key-1')),
    ).rejects.toBeInstanceOf(CommandIdReusedError);
    await expect(handler.handle(request(streamId, { type: 'Close' }, 'key-1'))).rejects.toBeInstanceOf(
      CommandIdReusedError,
    );
    expect((await store.read(streamId)).map((event) => event.type)).toEqual(['ReferralDelivered', 'ReferralDelivered']);
    // A true retry, later and by the same caller, still gets the first answer.
    const retry = await handler.handle({
      ...request(streamId, { type: 'Deliver', destinationId: 'police:E23000014' }, 'key-1'),
    });
    expect(retry).toMatchObject({
      ok: true,
      firstVersion: 1,
      lastVersion: 1,
      replayed: true,
      recordedTypes: ['ReferralDelivered'],
    });
  });

  it('tells a retry from a command with the same fields but another personal part, while the personal part can be read', async () => {
    const streamId = uniqueStreamId();
    const handler = createCommandHandler({ store, decider: createReferralDecider() });
    const submit = commands.submit();
    const base = { streamId, correlationId: 'corr-referral' };
    await handler.handle({ ...base, command: submit, commandId: 'submit-bound' });
    const otherPerson = {
      ...submit,
      personal: { ...submit.personal, person: { ...submit.personal.person, name: 'Someone Else' } },
    };
    await expect(handler.handle({ ...base, command: otherPerson, commandId: 'submit-bound' })).rejects.toBeInstanceOf(
      CommandIdReusedError,
    );
    expect(await handler.handle({ ...base, command: submit, commandId: 'submit-bound' })).toMatchObject({
      ok: true,
      replayed: true,
    });
    // Once erased, the personal part cannot be compared: the fingerprint of the rest still binds the id.
    await store.erase(streamId);
    expect(await handler.handle({ ...base, command: otherPerson, commandId: 'submit-bound' })).toMatchObject({
      ok: true,
      replayed: true,
    });
  });

  it('records the caller id with the fingerprint of the command, and nothing personal in it', async () => {
    const streamId = uniqueStreamId();
    const handler = createCommandHandler({ store, decider: createReferralDecider() });
    const submit = commands.submit();
    await handler.handle({
      streamId,
      correlationId: 'corr-referral',
      command: submit,
      commandId: 'submit-shape',
    });
    const [event] = await store.read(streamId);
    const bound = unbindCommandId(event?.commandId ?? '');
    expect(bound).toEqual({ commandId: 'submit-shape', fingerprint: commandIdentity(submit).fingerprint });
    // The fingerprint leaves the personal part out: changing it changes nothing.
    expect(commandIdentity({ ...submit, personal: { other: true } }).fingerprint).toBe(bound.fingerprint);
    expect(commandIdentity({ ...submit, at: '2030-01-01T00:00:00Z' }).fingerprint).toBe(bound.fingerprint);
    expect(commandIdentity({ ...submit, urgency: 'different' }).fingerprint).not.toBe(bound.fingerprint);
  });
});
