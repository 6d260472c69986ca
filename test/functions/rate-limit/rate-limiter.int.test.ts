// The fixed-window limiter on DynamoDB Local: the limit is held per subject and window, answers
// how long to wait, starts again in the next window, lets other subjects through, survives
// concurrent attempts without letting more through, and never stores the subject.
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalKeyProvider } from '../../../functions/event-store/local-key-provider.js';
import { createDynamoRateLimiter } from '../../../functions/rate-limit/rate-limiter.js';
import { createSubjectHasher } from '../../../functions/rate-limit/subject-key.js';
import { dynamoClientForTests, tableNamesForTests, uniquePrefix } from '../../engines/local-engines.js';

const client = dynamoClientForTests();
afterAll(() => client.destroy());
const tables = tableNamesForTests();
const keyProvider = createLocalKeyProvider(new Uint8Array(32).fill(9));
// The run's keys table is shared by files with other master keys: this file keeps its own key item.
const keyId = uniquePrefix('rate-limit-key');

function limiterAt(clock: { now: Date }, scope = uniquePrefix('scope'), limit = 3) {
  const hasher = createSubjectHasher({ client, tableName: tables.keys, keyProvider, keyId });
  return createDynamoRateLimiter({
    client,
    tableName: tables.idempotency,
    scope,
    limit,
    windowSeconds: 600,
    hash: (subject) => hasher.hash(scope, subject),
    clock: () => clock.now,
  });
}

describe('the rate limiter', () => {
  it('allows the limit in a window, then says how long to wait, then allows again in the next window', async () => {
    const clock = { now: new Date('2026-03-02T10:01:00Z') };
    const limiter = limiterAt(clock);
    for (let attempt = 0; attempt < 3; attempt += 1)
      expect(await limiter.take('198.51.100.7')).toEqual({ allowed: true });
    expect(await limiter.take('198.51.100.7')).toEqual({ allowed: false, retryAfterSeconds: 540 });
    expect(await limiter.take('198.51.100.8')).toEqual({ allowed: true });
    clock.now = new Date('2026-03-02T10:09:59Z');
    expect(await limiter.take('198.51.100.7')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    clock.now = new Date('2026-03-02T10:10:00Z');
    expect(await limiter.take('198.51.100.7')).toEqual({ allowed: true });
  });

  it('lets no more than the limit through when attempts race', async () => {
    const limiter = limiterAt({ now: new Date('2026-03-02T11:00:00Z') }, uniquePrefix('race'), 5);
    const decisions = await Promise.all(Array.from({ length: 20 }, () => limiter.take('203.0.113.50')));
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(5);
  });

  it('stores neither the address nor a plain hash of it, and lets the counters expire', async () => {
    const scope = uniquePrefix('stored');
    const limiter = limiterAt({ now: new Date('2026-03-02T12:00:00Z') }, scope);
    await limiter.take('192.0.2.123');
    await limiter.take('someone@example.org');
    const { Items = [] } = await client.send(new ScanCommand({ TableName: tables.idempotency }));
    const ours = Items.filter((item) => item.id?.S?.startsWith(`rate#${scope}#`));
    expect(ours).toHaveLength(2);
    const text = JSON.stringify(ours);
    expect(text).not.toContain('192.0.2.123');
    expect(text).not.toContain('someone@example.org');
    const { createHash } = await import('node:crypto');
    for (const form of ['hex', 'base64url', 'base64'] as const)
      expect(text).not.toContain(createHash('sha256').update('192.0.2.123').digest(form));
    for (const item of ours) expect(Number(item.expiresAt?.N)).toBe(Date.parse('2026-03-02T12:10:00Z') / 1000 + 60);
  });
});
