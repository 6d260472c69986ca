// A local stand-in for a Lambda event source mapping on a DynamoDB stream: reads the table's
// stream from DynamoDB Local (DescribeStream / GetShardIterator / GetRecords), hands batches to a
// stream handler in the Lambda event shape, and honours `batchItemFailures` the way Lambda does:
// the next batch starts again at the lowest failed record (records after it are delivered again,
// so handlers must be idempotent). A record that is still the first failure after `maxAttempts`
// is handed to `onFailure` (the local on-failure destination) and skipped, and the rest proceeds.
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamsRecord,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBBatchResponse, type DynamoDBRecord, type DynamoDBStreamEvent } from 'aws-lambda';
import { failedRecordIds, sleep, startPollingLoop } from './polling-loop.js';

export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>;

export interface StreamPollerOptions {
  /** A name for logs and errors, such as 'router'. */
  name: string;
  dynamo: DynamoDBClient;
  streams: DynamoDBStreamsClient;
  tableName: string;
  handler: StreamHandler;
  /** How long to wait after an empty read before polling again (default 200 ms). */
  pollIntervalMs?: number;
  /** Records per invocation, like the event source mapping's BatchSize (default 100). */
  batchSize?: number;
  /** Attempts before a failing record goes to `onFailure` (default 3). */
  maxAttempts?: number;
  /** Wait between attempts of a failed batch (default: the poll interval). */
  retryDelayMs?: number;
  /** Where a record goes after its last attempt; without one it is dropped with an error report. */
  onFailure?: (record: DynamoDBRecord, attempts: number) => Promise<void>;
  /** Called when polling itself fails (engine gone, handler threw); the poller keeps going. */
  onError?: (error: unknown) => void;
  /** Where to start reading a shard the first time (default TRIM_HORIZON: everything still in the stream). */
  startingPosition?: 'TRIM_HORIZON' | 'LATEST';
  region?: string;
}

export interface StreamPoller {
  readonly name: string;
  /** Resolves once everything in the stream so far has been handed over and checkpointed. */
  drained(): Promise<void>;
  stop(): Promise<void>;
}

interface ShardReader {
  shardId: string;
  parentShardId: string | undefined;
  iterator: string | undefined;
  started: boolean;
  /** GetRecords gave no next iterator: nothing more will be written to this shard. */
  closed: boolean;
  /** Read but not yet checkpointed, oldest first. */
  buffer: StreamsRecord[];
  /** Attempts of the record at the head of the buffer. */
  headAttempts: number;
  /** The last read found nothing new. */
  caughtUp: boolean;
  /** The newest record read from the shard, to resume after it when an iterator has to be renewed. */
  lastReadSequenceNumber: string | undefined;
}

const SHARD_REFRESH_MS = 5_000;
const MAX_RETRY_DELAY_MS = 2_000;

function finished(reader: ShardReader): boolean {
  return reader.closed && reader.buffer.length === 0;
}

export async function startStreamPoller(options: StreamPollerOptions): Promise<StreamPoller> {
  const pollIntervalMs = options.pollIntervalMs ?? 200;
  const batchSize = options.batchSize ?? 100;
  const maxAttempts = options.maxAttempts ?? 3;
  const retryDelayMs = options.retryDelayMs ?? pollIntervalMs;
  const region = options.region ?? 'eu-west-2';
  const report = options.onError ?? ((error: unknown) => console.error(`stream poller ${options.name}:`, error));

  const table = await options.dynamo.send(new DescribeTableCommand({ TableName: options.tableName }));
  const streamArn = table.Table?.LatestStreamArn;
  if (!streamArn)
    throw new Error(`table ${options.tableName} has no stream: enable one (StreamSpecification) before polling it`);

  const shards = new Map<string, ShardReader>();
  let lastRefresh = 0;
  let shardClosed = false;

  async function refreshShards(): Promise<void> {
    let exclusiveStartShardId: string | undefined;
    do {
      const described = await options.streams.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: exclusiveStartShardId }),
      );
      for (const shard of described.StreamDescription?.Shards ?? []) addShard(shard);
      exclusiveStartShardId = described.StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    lastRefresh = performance.now();
    shardClosed = false;
  }

  function addShard(shard: Shard): void {
    if (!shard.ShardId || shards.has(shard.ShardId)) return;
    shards.set(shard.ShardId, {
      shardId: shard.ShardId,
      parentShardId: shard.ParentShardId,
      iterator: undefined,
      started: false,
      closed: false,
      buffer: [],
      headAttempts: 0,
      caughtUp: false,
      lastReadSequenceNumber: undefined,
    });
  }

  /** A child shard is read only once its parent (if still known) is finished, to keep each item's order. */
  function ready(reader: ShardReader): boolean {
    if (finished(reader)) return false;
    const parent = reader.parentShardId ? shards.get(reader.parentShardId) : undefined;
    return parent === undefined || finished(parent);
  }

  async function renewIterator(reader: ShardReader): Promise<void> {
    const resume = reader.lastReadSequenceNumber;
    const got = await options.streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: reader.shardId,
        ...(resume
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: resume }
          : { ShardIteratorType: options.startingPosition ?? 'TRIM_HORIZON' }),
      }),
    );
    reader.started = true;
    reader.iterator = got.ShardIterator;
  }

  async function fill(reader: ShardReader): Promise<void> {
    if (reader.buffer.length >= batchSize || reader.closed) return;
    if (!reader.started) await renewIterator(reader);
    if (reader.iterator === undefined) {
      reader.closed = true;
      shardClosed = true;
      return;
    }
    let page;
    try {
      page = await options.streams.send(
        new GetRecordsCommand({ ShardIterator: reader.iterator, Limit: batchSize - reader.buffer.length }),
      );
    } catch (error) {
      // An iterator expires after 15 minutes; DynamoDB Local also refuses a TRIM_HORIZON iterator
      // taken while the shard was empty. Either way: take a new one after the last record read.
      if (
        error instanceof Error &&
        (error.name === 'ExpiredIteratorException' || error.name === 'TrimmedDataAccessException')
      ) {
        reader.started = false;
        reader.caughtUp = true;
        return;
      }
      throw error;
    }
    const records = page.Records ?? [];
    reader.buffer.push(...records);
    if (records.length > 0) reader.lastReadSequenceNumber = records.at(-1)?.dynamodb?.SequenceNumber;
    reader.caughtUp = records.length === 0;
    reader.iterator = page.NextShardIterator;
    if (reader.iterator === undefined) {
      reader.closed = true;
      shardClosed = true;
    }
  }

  /** One invocation of the handler for this shard; true when records were handed over. */
  async function deliver(reader: ShardReader): Promise<boolean> {
    await fill(reader);
    const batch = reader.buffer.slice(0, batchSize);
    if (batch.length === 0) return false;
    const records = batch.map((record) => lambdaRecord(record, streamArn as string, region));
    const failed = await failedRecordIds(
      options.handler,
      records,
      (record) => record.dynamodb?.SequenceNumber ?? '',
      report,
    );
    const firstFailure = batch.findIndex((record) => failed.has(record.dynamodb?.SequenceNumber ?? ''));
    if (firstFailure === -1) {
      reader.buffer.splice(0, batch.length);
      reader.headAttempts = 0;
      return true;
    }
    // Checkpoint just before the first failure; the next batch starts again there.
    if (firstFailure > 0) {
      reader.buffer.splice(0, firstFailure);
      reader.headAttempts = 0;
    }
    reader.headAttempts += 1;
    if (reader.headAttempts >= maxAttempts) {
      const poison = lambdaRecord(reader.buffer.shift() as StreamsRecord, streamArn as string, region);
      const attempts = reader.headAttempts;
      reader.headAttempts = 0;
      if (options.onFailure) await options.onFailure(poison, attempts);
      else
        report(
          new Error(
            `stream poller ${options.name}: record ${poison.dynamodb?.SequenceNumber} failed ${attempts} times and was dropped`,
          ),
        );
    }
    // Back off while the same record keeps failing (an engine restarting), up to two seconds.
    await sleep(Math.min(retryDelayMs * 2 ** Math.max(0, reader.headAttempts - 1), MAX_RETRY_DELAY_MS));
    return true;
  }

  /** One pass over every shard ready to be read; true when records were handed over. */
  async function pass(stopping: AbortSignal): Promise<boolean> {
    let worked = false;
    if (shardClosed || performance.now() - lastRefresh > SHARD_REFRESH_MS) await refreshShards();
    for (const reader of shards.values()) {
      if (stopping.aborted) break;
      if (ready(reader) && (await deliver(reader))) worked = true;
    }
    return worked;
  }

  await refreshShards();
  const loop = startPollingLoop({ pass, idleMs: pollIntervalMs, pauseAfterFailureMs: 0, report });
  return { name: options.name, drained: loop.drained, stop: loop.stop };
}

/** A stream record as Lambda hands it to a function (ApproximateCreationDateTime in seconds). */
export function lambdaRecord(record: StreamsRecord, eventSourceARN: string, region: string): DynamoDBRecord {
  const stream = record.dynamodb;
  const created = stream?.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion ?? region,
    eventSourceARN,
    dynamodb: {
      ...(created ? { ApproximateCreationDateTime: Math.floor(created.getTime() / 1000) } : {}),
      Keys: stream?.Keys as NonNullable<DynamoDBRecord['dynamodb']>['Keys'],
      ...(stream?.NewImage ? { NewImage: stream.NewImage as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'] } : {}),
      ...(stream?.OldImage ? { OldImage: stream.OldImage as NonNullable<DynamoDBRecord['dynamodb']>['OldImage'] } : {}),
      SequenceNumber: stream?.SequenceNumber,
      SizeBytes: stream?.SizeBytes,
      StreamViewType: stream?.StreamViewType,
    },
  };
}
