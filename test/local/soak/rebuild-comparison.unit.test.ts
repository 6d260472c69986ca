// The soak's comparison of a live read-model version with its rebuild: equal items pass whatever
// their version, and a changed, a missing or an extra item is reported by kind.
import { describe, expect, it } from 'vitest';
import { compareWithRebuild, type ReadModelItem } from '../../../local/soak/rebuild-comparison.js';

const ownProfile = (version: number, stage: string, organisation = 'police:e23000014'): ReadModelItem => ({
  pk: { S: `v${version}#statistics-organisation#${organisation}#2025-26` },
  sk: { S: 'referral-0001' },
  profile: { S: JSON.stringify({ streamId: 'referral-0001', stage }) },
});
const triageItem = (version: number, rank = '1'): ReadModelItem => ({
  pk: { S: `v${version}#case#referral-0001` },
  sk: { S: 'queue#police:e23000014' },
  queuePk: { S: `v${version}#queue#police:e23000014` },
  queueSk: { S: `${rank}#2026-01-05#PRV-7K3M-Q9TX` },
});
const pointer: ReadModelItem = { pk: { S: 'projection#statistics' }, sk: { S: 'pointer' }, active: { N: '2' } };

describe('a read-model version compared with its rebuild', () => {
  it('is equal when only the version in the keys differs', () => {
    const items = [ownProfile(1, 'adopted'), ownProfile(2, 'adopted'), pointer];
    expect(compareWithRebuild(items, 'statistics', 1, 2)).toEqual({
      projection: 'statistics',
      liveVersion: 1,
      rebuiltVersion: 2,
      items: 1,
      missing: 0,
      extra: 0,
      different: 0,
      byKind: {},
    });
    expect(compareWithRebuild([triageItem(4), triageItem(5)], 'cases', 4, 5)).toMatchObject({ items: 1, different: 0 });
  });

  it('reports a changed profile', () => {
    const comparison = compareWithRebuild([ownProfile(1, 'adopted'), ownProfile(2, 'discussed')], 'statistics', 1, 2);
    expect(comparison).toMatchObject({ missing: 0, extra: 0, different: 1, byKind: { 'statistics-organisation': 1 } });
  });

  it('reports what the live version lacks or holds beyond the rebuild, each by its kind', () => {
    const items = [ownProfile(2, 'adopted'), ownProfile(1, 'adopted', 'council:e07000194'), triageItem(1)];
    expect(compareWithRebuild(items, 'statistics', 1, 2)).toMatchObject({
      missing: 1,
      extra: 1,
      different: 0,
      byKind: { 'statistics-organisation': 2 },
    });
    expect(compareWithRebuild([triageItem(1, '2'), triageItem(2)], 'cases', 1, 2)).toMatchObject({
      different: 1,
      byKind: { queue: 1 },
    });
    expect(compareWithRebuild([triageItem(2)], 'cases', 1, 2)).toMatchObject({ missing: 1, byKind: { queue: 1 } });
  });
});
