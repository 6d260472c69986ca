import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type AwsClientName, awsClients, createAwsClients, dynamo } from '../../../functions/composition/clients.js';
import { ConfigurationError } from '../../../functions/composition/service-config.js';
import { type FunctionEntry, functionCatalogue } from '../../../infra/function-catalogue.js';

const config = { AWS_REGION: 'eu-west-2', DYNAMODB_ENDPOINT: 'http://localhost:1' };
const root = join(import.meta.dirname, '..', '..', '..');

describe('the clients a function asks for', () => {
  it('are built on first use, once, and a client not asked for is refused in plain words', () => {
    let built = 0;
    const clients = awsClients(config, {
      dynamo: (c) => {
        built += 1;
        return dynamo(c);
      },
    });
    expect(built).toBe(0);
    const first = clients.dynamo;
    expect(first).toBeInstanceOf(DynamoDBClient);
    expect(clients.dynamo).toBe(first);
    expect(built).toBe(1);
    expect(() => clients.kms).toThrow(ConfigurationError);
    expect(() => clients.sqs).toThrow('this function was not given the sqs client it asks for');
  });

  it('are all there for the local stack and the tools', () => {
    const clients = createAwsClients(config);
    for (const client of Object.values(clients)) {
      expect(typeof client.send).toBe('function');
      client.destroy();
    }
  });

  it("carry no SDK logger middleware (it filters every answer for a logger nobody gave them), and keep the rest of the SDK's stack", () => {
    const bare = new DynamoDBClient(config);
    expect(bare.middlewareStack.identify().some((entry) => entry.startsWith('loggerMiddleware'))).toBe(true);
    const clients = createAwsClients(config);
    for (const client of Object.values(clients)) {
      const names = client.middlewareStack.identify();
      expect(names.some((entry: string) => entry.startsWith('loggerMiddleware'))).toBe(false);
      expect(names.some((entry: string) => entry.startsWith('retryMiddleware'))).toBe(true);
      client.destroy();
    }
    bare.destroy();
  });

  /** The clients a function's grants let it use (infra/function-catalogue.ts): it must ask for exactly these. */
  function granted(entry: FunctionEntry): AwsClientName[] {
    const names: AwsClientName[] = ['dynamo'];
    if (entry.personalDataKey !== 'none') names.push('kms');
    // A consumer of the destination queues is granted what their event source mappings ask
    // (infra/destinations.ts SQS_CONSUME_ACTIONS), ChangeMessageVisibility among them: the delivery
    // function hides a failed message for longer itself (functions/delivery/message-visibility.ts).
    const consumesQueues = entry.trigger.kind === 'destination-queues';
    if (
      consumesQueues ||
      entry.uses.some((use) => ['destination-queues', 'queue-lookup', 'health-probes'].includes(use))
    )
      names.push('sqs');
    if (entry.uses.some((use) => ['mail', 'health-probes'].includes(use))) names.push('ses');
    return names.sort();
  }

  it.each(functionCatalogue.map((entry) => [entry.id, entry] as const))(
    'of %s are exactly those its grants allow',
    (_id, entry) => {
      const source = readFileSync(join(root, entry.entry), 'utf8');
      const asked = /awsClients\(config, \{([^}]*)\}\)/.exec(source)?.[1];
      expect(asked, `${entry.entry} builds its clients with awsClients(config, { ... })`).toBeDefined();
      expect(source).not.toContain('createAwsClients');
      const names = (asked as string)
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean)
        .sort();
      expect(names).toEqual(granted(entry));
    },
  );
});
