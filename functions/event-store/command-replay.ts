// What an append answers when its command may already be recorded: a write that found its
// version taken, or an `any` append that found its command id on the stream. The same command
// again (same command id, same content digest) gets its first result and writes nothing; the
// same id with other content is CommandIdReusedError; anything else is a concurrency conflict,
// reported with the highest version seen.
import {
  CommandIdReusedError,
  ConcurrencyConflictError,
  type ExpectedVersion,
  StoredEventCorruptError,
} from './errors.js';
import { type EventItem } from './event-codec.js';
import { type EventsTable } from './events-table.js';
import { type AppendResult } from './stream-append.js';

/** A write that found its version taken: a retry of the same command, a reused id, or a conflict. */
export function resolveConflict(
  table: EventsTable,
  streamId: string,
  expected: ExpectedVersion,
  commandId: string,
  digest: string,
  existing: EventItem[],
): AppendResult {
  const mine = existing.find((item) => item.commandId?.S === commandId);
  if (mine) return replayOf(table, streamId, commandId, digest, mine);
  const seen = existing.map((item) => Math.max(Number(item.version?.N ?? 0), Number(item.commandLastVersion?.N ?? 0)));
  const current = Math.max(0, ...seen);
  table.remember(streamId, current);
  throw new ConcurrencyConflictError(streamId, expected, current);
}

/** The first result of a command recorded before, when its content digest is this one's. */
export function replayOf(
  table: EventsTable,
  streamId: string,
  commandId: string,
  digest: string,
  item: EventItem,
): AppendResult {
  const version = Number(item.version?.N);
  if (item.commandDigest?.S !== digest) throw new CommandIdReusedError(streamId, commandId, version);
  const firstVersion = Number(item.commandFirstVersion?.N);
  const lastVersion = Number(item.commandLastVersion?.N);
  if (!Number.isInteger(firstVersion) || !Number.isInteger(lastVersion))
    throw new StoredEventCorruptError(streamId, version, 'it does not record the versions of its command');
  table.remember(streamId, lastVersion);
  return { streamId, firstVersion, lastVersion, replayed: true };
}
