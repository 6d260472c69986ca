import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createAccessAudit } from '../../../functions/audit/access-audit.js';
import { dynamoClientForTests, tableNamesForTests, uniqueStreamId } from '../../engines/local-engines.js';
import { PageCursorError } from '../../../functions/read-models/page-cursor.js';

const client = dynamoClientForTests();
afterAll(() => client.destroy());
const audit = createAccessAudit({ client, tableName: tableNamesForTests().audit, newId: () => randomUUID() });

describe('access audit on DynamoDB Local', () => {
  it('keeps every read and refusal, newest first, even within the same millisecond', async () => {
    const caseId = uniqueStreamId();
    const at = new Date('2026-01-05T10:00:00.000Z');
    const base = {
      caseId,
      user: 'wm-officer',
      organisation: 'police:E23000014',
      role: 'police-prevent-officer' as const,
      correlationId: 'corr-1',
    };
    await audit.record({ ...base, action: 'read-case', outcome: 'allowed', at });
    await audit.record({ ...base, action: 'read-case', outcome: 'allowed', at });
    await audit.record({
      ...base,
      user: 'staffs-officer',
      organisation: 'police:E23000015',
      action: 'read-case',
      outcome: 'refused',
      reason: 'the case is not routed to this organisation',
      at: new Date('2026-01-05T10:00:01.000Z'),
    });
    const { items } = await audit.listForCase(caseId);
    expect(items).toHaveLength(3);
    expect(items[0]).toMatchObject({
      organisation: 'police:E23000015',
      outcome: 'refused',
      at: '2026-01-05T10:00:01.000Z',
    });
    expect(items.slice(1).every((item) => item.outcome === 'allowed' && item.at === '2026-01-05T10:00:00.000Z')).toBe(
      true,
    );
  });

  it('pages through long histories', async () => {
    const caseId = uniqueStreamId();
    for (let i = 0; i < 5; i += 1) {
      await audit.record({
        caseId,
        user: 'u',
        organisation: 'la:E08000026',
        role: 'local-authority-prevent-lead',
        action: 'read-timeline',
        outcome: 'allowed',
        correlationId: `c${i}`,
        at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      });
    }
    const first = await audit.listForCase(caseId, { limit: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.cursor).toBeDefined();
    const second = await audit.listForCase(caseId, { limit: 3, cursor: first.cursor });
    expect(second.items.map((item) => item.correlationId)).toEqual(['c1', 'c0']);
  });

  it("refuses a crafted cursor, and a cursor of another case's history, without reading anything", async () => {
    const caseId = uniqueStreamId();
    const other = uniqueStreamId();
    for (const id of [caseId, other]) {
      for (let i = 0; i < 3; i += 1) {
        await audit.record({
          caseId: id,
          user: 'u',
          organisation: 'la:E08000026',
          role: 'local-authority-prevent-lead',
          action: 'read-timeline',
          outcome: 'allowed',
          correlationId: `c${i}`,
          at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
        });
      }
    }
    const otherCursor = (await audit.listForCase(other, { limit: 1 })).cursor;
    const crafted = [
      otherCursor!,
      'not-base64-json',
      Buffer.from('{"caseId":{"S":"x"}}').toString('base64url'),
      Buffer.from('[1,2]').toString('base64url'),
    ];
    for (const cursor of crafted)
      await expect(audit.listForCase(caseId, { limit: 1, cursor })).rejects.toBeInstanceOf(PageCursorError);
  });
});
