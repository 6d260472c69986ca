import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type QueuePosition, compareQueuePositions, queueSortKey } from '../../../domain/triage/index.js';

const position = (priority: 'urgent' | 'standard', dueOn: string | null, reference: string): QueuePosition => ({
  priority,
  dueOn,
  reference,
});

describe('queue order', () => {
  it('puts urgent first, then the earliest due date, then the reference', () => {
    const items = [
      position('standard', '2025-12-22', 'PRV-0000-0002'),
      position('standard', null, 'PRV-0000-0001'),
      position('urgent', '2026-01-05', 'PRV-0000-0009'),
      position('standard', '2025-12-22', 'PRV-0000-0001'),
      position('urgent', '2025-12-18', 'PRV-0000-0008'),
      position('standard', '2025-12-19', 'PRV-0000-0007'),
    ];
    const keys = items.map(queueSortKey).sort();
    expect(keys).toEqual([
      '0#2025-12-18#PRV-0000-0008',
      '0#2026-01-05#PRV-0000-0009',
      '1#2025-12-19#PRV-0000-0007',
      '1#2025-12-22#PRV-0000-0001',
      '1#2025-12-22#PRV-0000-0002',
      '1#9999-12-31#PRV-0000-0001',
    ]);
  });

  it('sorts as text exactly as the field-by-field order (property)', () => {
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'.split('');
    const block = fc.array(fc.constantFrom(...alphabet), { minLength: 4, maxLength: 4 }).map((c) => c.join(''));
    const arbitrary = fc.record({
      priority: fc.constantFrom<'urgent' | 'standard'>('urgent', 'standard'),
      dueOn: fc.option(
        fc
          .date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
      ),
      reference: fc.tuple(block, block).map(([a, b]) => `PRV-${a}-${b}`),
    });
    const fieldOrder = (a: QueuePosition, b: QueuePosition): number => {
      const rank = (p: QueuePosition) => (p.priority === 'urgent' ? 0 : 1);
      if (rank(a) !== rank(b)) return rank(a) - rank(b);
      const dueA = a.dueOn ?? '\uffff';
      const dueB = b.dueOn ?? '\uffff';
      if (dueA !== dueB) return dueA < dueB ? -1 : 1;
      return a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0;
    };
    fc.assert(
      fc.property(
        arbitrary,
        arbitrary,
        (a, b) => Math.sign(compareQueuePositions(a, b)) === Math.sign(fieldOrder(a, b)),
      ),
    );
  });

  it('refuses positions that would break the text order', () => {
    expect(() => queueSortKey(position('standard', '2025-1-5', 'PRV-0000-0001'))).toThrow(/dueOn/);
    expect(() => queueSortKey(position('standard', '2025-12-05', 'prv-1'))).toThrow(/reference/);
  });
});
