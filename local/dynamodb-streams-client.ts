// The local stack's DynamoDB Streams client (its stream pollers stand in for Lambda's event source
// mappings, which read the streams in the cloud): bounded like the service's DynamoDB client
// (functions/composition/client-timeouts.ts) and without the SDK's logger middleware, which
// filtered every GetRecords answer for a logger nobody gave it (it showed in the first minute's
// CPU profile, decision 0019).
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { type ClientConfig, bounded, withoutSdkLogging } from '../functions/composition/clients.js';

export function dynamoStreamsClient(config: ClientConfig): DynamoDBStreamsClient {
  return withoutSdkLogging(
    new DynamoDBStreamsClient({
      region: config.AWS_REGION,
      requestHandler: bounded('dynamodb', config),
      ...(config.DYNAMODB_ENDPOINT
        ? { endpoint: config.DYNAMODB_ENDPOINT, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
        : {}),
    }),
  );
}
