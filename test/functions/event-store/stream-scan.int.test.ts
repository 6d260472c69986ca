// The store's scan of every stream (a rebuild's bulk pass), in small pages and parallel
// segments: each stream is handed over once, whole from version 1 and decoded as a read decodes
// it, even when its items are spread over several pages; other categories are left out.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type RecordedEvent } from '../../../events/index.js';
import { createDataKeys } from '../../../functions/event-store/data-keys.js';
import { createEventStore } from '../../../functions/event-store/event-store.js';
import { createLocalKeyProvider } from '../../../functions/event-store/local-key-provider.js';
import { privateTablesForFile } from '../../engines/private-tables.js';
import { uniqueStreamId } from '../../engines/local-engines.js';
import { commandOptions, referralLifecycle } from './referral-lifecycle.js';

const { client, tables } = privateTablesForFile('stream-scan');
const keys = createDataKeys({
  client,
  eventsTableName: tables.events,
  keyProvider: createLocalKeyProvider(randomBytes(32)),
  now: () => new Date(),
});
const store = createEventStore({ client, tableName: tables.events, keys });

describe('scanStreams', () => {
  it('hands every stream over once, whole, across pages of 3 items and 4 segments', async () => {
    const lengths = [1, 2, 5, referralLifecycle.length, 7, 3];
    const streamIds = lengths.map(() => uniqueStreamId());
    for (const [index, streamId] of streamIds.entries()) {
      const events = referralLifecycle.slice(0, lengths[index]);
      await store.append(streamId, 'no-stream', events, commandOptions(`scan-${index}`, 1));
    }
    const other = uniqueStreamId('person');
    await store.append(
      other,
      'no-stream',
      [referralLifecycle[0] as (typeof referralLifecycle)[0]],
      commandOptions('scan-other', 1),
    );

    const handed = new Map<string, RecordedEvent[]>();
    const scanStreams = store.scanStreams as NonNullable<typeof store.scanStreams>;
    await scanStreams(
      async (streamId, events) => {
        expect(handed.has(streamId)).toBe(false);
        handed.set(streamId, events);
      },
      { segments: 4, category: 'referral-', pageSize: 3 },
    );
    expect([...handed.keys()].sort()).toEqual([...streamIds].sort());
    for (const streamId of streamIds) expect(handed.get(streamId)).toEqual(await store.read(streamId));
  });
});
