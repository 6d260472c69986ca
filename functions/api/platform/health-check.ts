// GET /health: is each engine the service needs answering? Real calls, each with a short
// timeout: DescribeTable on every table, GetQueueAttributes on the national triage queue (the one
// queue every deployment has), ListEmailTemplates on SES. It says which
// engine failed and how long each took, never why in detail (no names of resources or errors).
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ListEmailTemplatesCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import * as z from 'zod';
import { tableDefinitions, tableName } from '../../tables/table-definitions.js';

export const EngineStatus = z.object({ engine: z.string(), status: z.enum(['up', 'down']), millis: z.number().int() });
export const HealthReport = z
  .object({ status: z.enum(['up', 'down']), engines: z.array(EngineStatus) })
  .meta({ id: 'HealthReport' });
export type HealthReport = z.infer<typeof HealthReport>;

export interface HealthCheck {
  check(): Promise<HealthReport>;
}

export interface HealthCheckDeps {
  dynamo: DynamoDBClient;
  sqs: SQSClient;
  ses: SESv2Client;
  servicePrefix: string;
  /** A queue to probe: its URL only needs GetQueueAttributes on that one queue. */
  probeQueueUrl: string;
  timeoutMs?: number;
  now?: () => number;
}

export function createHealthCheck(deps: HealthCheckDeps): HealthCheck {
  const timeoutMs = deps.timeoutMs ?? 2_000;
  const now = deps.now ?? (() => performance.now());

  async function probe(
    engine: string,
    call: (abortSignal: AbortSignal) => Promise<unknown>,
  ): Promise<z.infer<typeof EngineStatus>> {
    const started = now();
    try {
      await call(AbortSignal.timeout(timeoutMs));
      return { engine, status: 'up', millis: Math.round(now() - started) };
    } catch {
      return { engine, status: 'down', millis: Math.round(now() - started) };
    }
  }

  return {
    async check() {
      const engines = await Promise.all([
        ...tableDefinitions.map((table) =>
          probe(`dynamodb:${table.logicalName}`, (abortSignal) =>
            deps.dynamo.send(new DescribeTableCommand({ TableName: tableName(deps.servicePrefix, table) }), {
              abortSignal,
            }),
          ),
        ),
        probe('sqs', (abortSignal) =>
          deps.sqs.send(new GetQueueAttributesCommand({ QueueUrl: deps.probeQueueUrl, AttributeNames: ['QueueArn'] }), {
            abortSignal,
          }),
        ),
        probe('ses', (abortSignal) => deps.ses.send(new ListEmailTemplatesCommand({ PageSize: 1 }), { abortSignal })),
      ]);
      return { status: engines.every((engine) => engine.status === 'up') ? 'up' : 'down', engines };
    },
  };
}
