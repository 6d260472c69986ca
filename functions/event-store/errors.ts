// The event store's typed failures. Messages name streams, versions and limits, never the
// content of an event, so they are safe to log and to show.
export type ExpectedVersion = number | 'no-stream' | 'any';

/** The stream was not at the expected version: another command appended first. */
export class ConcurrencyConflictError extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: ExpectedVersion,
    /** The version the store found; another append may already have moved it further. */
    readonly currentVersion: number,
  ) {
    super(`stream ${streamId} is at version ${currentVersion}, not at the expected version ${String(expectedVersion)}`);
    this.name = 'ConcurrencyConflictError';
  }
}

/** A command id was used again with different events: a client bug, never retried. */
export class CommandIdReusedError extends Error {
  constructor(
    readonly streamId: string,
    readonly commandId: string,
    readonly recordedAtVersion: number,
  ) {
    super(
      `command ${commandId} was already recorded on stream ${streamId} (version ${recordedAtVersion}) with different events`,
    );
    this.name = 'CommandIdReusedError';
  }
}

/** One event would not fit in a DynamoDB item (400 KB, counted as DynamoDB counts it). */
export class EventTooLargeError extends Error {
  constructor(
    readonly streamId: string,
    readonly eventType: string,
    readonly sizeBytes: number,
    readonly limitBytes: number,
  ) {
    super(
      `a ${eventType} event for stream ${streamId} would take ${sizeBytes} bytes; a stored event may take at most ${limitBytes}`,
    );
    this.name = 'EventTooLargeError';
  }
}

/** The events of one append would not fit in one DynamoDB transaction (100 items, 4 MB). */
export class AppendTooLargeError extends Error {
  constructor(
    readonly streamId: string,
    readonly limit: 'event-count' | 'total-size',
    readonly actual: number,
    readonly maximum: number,
  ) {
    super(
      limit === 'event-count'
        ? `an append to stream ${streamId} holds ${actual} events; one append may hold at most ${maximum}`
        : `an append to stream ${streamId} takes ${actual} bytes; one append may take at most ${maximum}`,
    );
    this.name = 'AppendTooLargeError';
  }
}

/** The personal part cannot be encrypted any more: the referral's data key was destroyed. */
export class StreamErasedError extends Error {
  constructor(readonly streamId: string) {
    super(`the personal data of stream ${streamId} was erased; no new personal data can be recorded on it`);
    this.name = 'StreamErasedError';
  }
}

/** Erasure of a stream that holds no event: there is nothing to erase (record PersonalDataErased on it first). */
export class StreamNotFoundError extends Error {
  constructor(
    readonly streamId: string,
    reason: string,
  ) {
    super(`stream ${streamId} cannot be erased: ${reason}`);
    this.name = 'StreamNotFoundError';
  }
}

/** The key service (KMS, or the local master key) failed; nothing was written. */
export class KeyProviderError extends Error {
  constructor(
    readonly operation: 'generate-data-key' | 'unwrap-data-key',
    readonly streamId: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      `could not ${operation === 'generate-data-key' ? 'create' : 'unwrap'} the data key of stream ${streamId}: ${reason}`,
      options,
    );
    this.name = 'KeyProviderError';
  }
}

/** DynamoDB kept refusing the request for capacity after the client's retries; nothing was written. */
export class EventStoreThrottledError extends Error {
  constructor(
    readonly streamId: string,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(
      `DynamoDB throttled the request for stream ${streamId} ${attempts} times in a row; nothing was written, try again shortly`,
      options,
    );
    this.name = 'EventStoreThrottledError';
  }
}

/** A stored item does not decode: corrupt, tampered with, or from an unknown schema. */
export class StoredEventCorruptError extends Error {
  constructor(
    readonly streamId: string,
    readonly version: number | undefined,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`the stored event ${streamId}@${version ?? '?'} cannot be read: ${reason}`, options);
    this.name = 'StoredEventCorruptError';
  }
}
