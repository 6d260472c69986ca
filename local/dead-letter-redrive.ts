// What a dead-letter redrive is wired to by the operator's command (dead-letters-cli.ts), kept
// apart from the command so that the tests run the same wiring: each redrive recorded in the
// access audit (who, when, which queue and message, why, whether it went), and a stream record
// set aside handed back to the router, which is idempotent per stream and version.
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { type AccessAudit } from '../functions/audit/access-audit.js';
import { type AwsClients } from '../functions/composition/clients.js';
import { type ServiceConfig } from '../functions/composition/service-config.js';
import { type DeadLetterAuditEntry } from '../functions/delivery/dead-letters.js';
import { composeRouter } from '../functions/router/router-composition.js';
import { eventStoreTable, tableName } from '../functions/tables/table-definitions.js';

/** Records a redrive in the access audit, under `dead-letters#<queue>`. */
export function redrivesInAccessAudit(audit: AccessAudit): (entry: DeadLetterAuditEntry) => Promise<void> {
  return (entry) =>
    audit.record({
      caseId: `dead-letters#${entry.queue}`,
      at: entry.at,
      user: entry.operator,
      organisation: 'prevent-referral-routing',
      role: 'administrator',
      action: 'redrive-dead-letter',
      outcome: entry.outcome === 'redriven' ? 'allowed' : 'refused',
      reason: entry.reason,
      correlationId: entry.messageId,
    });
}

/** Hands the stored event back to the router as a one-record stream batch (the router is idempotent per stream and version). */
export function streamRecordRedrive(config: ServiceConfig, clients: AwsClients) {
  const router = composeRouter(config, clients);
  return async (streamId: string, version: number): Promise<void> => {
    const { Item } = await clients.dynamo.send(
      new GetItemCommand({
        TableName: tableName(config.SERVICE_PREFIX, eventStoreTable),
        Key: { streamId: { S: streamId }, version: { N: String(version) } },
        ConsistentRead: true,
      }),
    );
    if (!Item) throw new Error(`no event ${streamId} v${version} in the store`);
    const result = await router({
      Records: [
        {
          eventID: `redrive-${streamId}-${version}`,
          eventName: 'INSERT',
          eventSource: 'aws:dynamodb',
          awsRegion: config.AWS_REGION,
          dynamodb: {
            Keys: { streamId: Item.streamId, version: Item.version } as never,
            NewImage: Item as never,
            SequenceNumber: '0',
            StreamViewType: 'NEW_IMAGE',
          },
        },
      ],
    });
    if (result.batchItemFailures.length > 0)
      throw new Error(`the router could not handle ${streamId} v${version} again`);
  };
}
