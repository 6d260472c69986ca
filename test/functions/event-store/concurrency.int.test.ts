// Many writers on one stream at once, each through its own store (like separate Lambda
// containers): exactly one wins each version, no version is skipped, no command lands twice.
import { afterAll, describe, expect, it } from 'vitest';
import { ConcurrencyConflictError } from '../../../functions/event-store/errors.js';
import { sampleEvents } from '../../events/sample-events.js';
import { uniqueStreamId } from '../../engines/local-engines.js';
import { eventStoreUnderTest } from './event-store-under-test.js';
import { commandOptions } from './referral-lifecycle.js';

const writers = Array.from({ length: 8 }, () => eventStoreUnderTest());
afterAll(() => writers.forEach((w) => w.client.destroy()));

describe('concurrent appends to one stream', () => {
  it('exactly one of many first appends wins; the others learn the current version', async () => {
    const streamId = uniqueStreamId();
    const outcomes = await Promise.allSettled(
      writers.map((w, i) =>
        w.store.append(streamId, 'no-stream', [sampleEvents.ReferralSubmitted], commandOptions('first', i)),
      ),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(writers.length - 1);
    for (const error of lost) {
      expect(error).toBeInstanceOf(ConcurrencyConflictError);
      expect((error as ConcurrencyConflictError).currentVersion).toBe(1);
    }
    // Whoever won, everyone can read the winner's personal data: one data key, however many raced to create it.
    for (const w of writers)
      expect((await w.store.read(streamId))[0]?.personal).toEqual(sampleEvents.ReferralSubmitted.personal);
  });

  it('writers racing with read-then-append retries end with every command recorded once and versions 1..n without gaps', async () => {
    const streamId = uniqueStreamId();
    await writers[0]?.store.append(
      streamId,
      'no-stream',
      [sampleEvents.ReferralSubmitted],
      commandOptions('race', 'start'),
    );
    const commandsPerWriter = 4;
    let conflicts = 0;
    await Promise.all(
      writers.map(async (w, writer) => {
        for (let n = 0; n < commandsPerWriter; n += 1) {
          const group =
            n % 2 === 0
              ? [sampleEvents.ReferralDelivered]
              : [sampleEvents.ReferralDelivered, sampleEvents.SupportReviewed];
          for (;;) {
            const version = (await w.store.read(streamId)).at(-1)?.version ?? 0;
            try {
              await w.store.append(streamId, version, group, commandOptions(`race-${writer}`, n));
              break;
            } catch (error) {
              if (!(error instanceof ConcurrencyConflictError)) throw error;
              conflicts += 1;
            }
          }
        }
      }),
    );
    const events = await writers[0]!.store.read(streamId);
    const expectedCount = 1 + writers.length * (commandsPerWriter / 2) * 3;
    expect(events.map((e) => e.version)).toEqual(Array.from({ length: expectedCount }, (_, i) => i + 1));
    const perCommand = new Map<string, number[]>();
    for (const e of events) perCommand.set(e.commandId, [...(perCommand.get(e.commandId) ?? []), e.version]);
    expect(perCommand.size).toBe(1 + writers.length * commandsPerWriter);
    // A two-event command's events sit next to each other: groups are never interleaved.
    for (const versions of perCommand.values()) expect(versions.at(-1)! - versions[0]!).toBe(versions.length - 1);
    expect(conflicts).toBeGreaterThan(0);
  });

  it("concurrent 'any' appends all land, each once", async () => {
    const streamId = uniqueStreamId();
    await Promise.all(
      writers.map((w, i) =>
        w.store.append(streamId, 'any', [sampleEvents.ReferralDelivered], commandOptions('any-race', i)),
      ),
    );
    const events = await writers[0]!.store.read(streamId);
    expect(events.map((e) => e.version)).toEqual(writers.map((_, i) => i + 1));
    expect(new Set(events.map((e) => e.commandId)).size).toBe(writers.length);
  });
});
