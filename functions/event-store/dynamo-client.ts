// The DynamoDB client the event store is built with, once per process (composition root).
// Throttling (ProvisionedThroughputExceededException, ThrottlingException, RequestLimitExceeded)
// is retried by the SDK's standard retry strategy with exponential backoff and jitter; the store
// turns the error left after the last attempt into an EventStoreThrottledError.
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

export const EVENT_STORE_MAX_ATTEMPTS = 5;

export function createEventStoreDynamoClient(config: DynamoDBClientConfig = {}): DynamoDBClient {
  return new DynamoDBClient({ retryMode: 'standard', maxAttempts: EVENT_STORE_MAX_ATTEMPTS, ...config });
}
