// The DynamoDB client the event store is built with, once per process (composition root).
// Throttling (ProvisionedThroughputExceededException, ThrottlingException, RequestLimitExceeded)
// is retried by the SDK's standard retry strategy with exponential backoff and jitter; the store
// turns the error left after the last attempt into an EventStoreThrottledError. Like every other
// client (decision 0020), it gives a connection and a request up after their timeouts (the
// defaults, or the configuration's), so no request hangs for ever; a TimeoutError is retried.
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { type SdkTimeouts, timeoutsFor } from '../composition/client-timeouts.js';

export const EVENT_STORE_MAX_ATTEMPTS = 5;

export function createEventStoreDynamoClient(
  config: DynamoDBClientConfig = {},
  timeouts: Partial<SdkTimeouts> = {},
): DynamoDBClient {
  return new DynamoDBClient({
    retryMode: 'standard',
    maxAttempts: EVENT_STORE_MAX_ATTEMPTS,
    requestHandler: timeoutsFor('dynamodb', timeouts),
    ...config,
  });
}
