// scanPages: every page of a Scan, following LastEvaluatedKey; in parallel segments each segment's
// pages in order, at most one page read ahead of the caller, and the first failure thrown.
import { describe, expect, it } from 'vitest';
import { type ScanCommand, type ScanCommandOutput } from '@aws-sdk/client-dynamodb';
import { SCAN_PAGE_ITEMS, type ScannedPage, scanPages } from '../../../functions/read-models/partition-items.js';

/** A table of `pages[segment]` pages, each a list of item ids; answers after `delay(segment, page)` ms. */
function fakeTable(pages: number[][][], delay: (segment: number, page: number) => number = () => 0) {
  const requests: { segment: number | undefined; total: number | undefined; page: number; limit?: number }[] = [];
  const sender = {
    async send(command: ScanCommand): Promise<ScanCommandOutput> {
      const input = command.input;
      const segment = input.Segment ?? 0;
      const page = Number(input.ExclusiveStartKey?.page?.N ?? 0);
      requests.push({ segment: input.Segment, total: input.TotalSegments, page, limit: input.Limit });
      await new Promise((resolve) => setTimeout(resolve, delay(segment, page)));
      const ids = pages[segment]?.[page];
      if (!ids) throw new Error(`segment ${segment} has no page ${page}`);
      const last = page + 1 >= (pages[segment]?.length ?? 0);
      return {
        $metadata: {},
        Items: ids.map((id) => ({ id: { N: String(id) } })),
        Count: ids.length,
        ...(last ? {} : { LastEvaluatedKey: { page: { N: String(page + 1) } } }),
      };
    },
  };
  return { sender, requests };
}

const ids = (page: ScannedPage) => page.items.map((item) => Number(item.id?.N));

describe('scanPages', () => {
  it('reads every page of one segment in order, without Segment, passing the input on', async () => {
    const { sender, requests } = fakeTable([[[1, 2], [3], [4, 5]]]);
    const seen: number[][] = [];
    for await (const page of scanPages(sender, { TableName: 't', Limit: 2 })) seen.push(ids(page));
    expect(seen).toEqual([[1, 2], [3], [4, 5]]);
    expect(requests.map((r) => [r.segment, r.total, r.limit])).toEqual([
      [undefined, undefined, 2],
      [undefined, undefined, 2],
      [undefined, undefined, 2],
    ]);
  });

  it('asks for pages of SCAN_PAGE_ITEMS when the input sets no Limit, in every segment', async () => {
    const { sender, requests } = fakeTable([[[1], [2]], [[3]]]);
    for await (const page of scanPages(sender, { TableName: 't' }, { segments: 2 })) expect(page.items).toHaveLength(1);
    expect(requests.map((r) => r.limit)).toEqual([SCAN_PAGE_ITEMS, SCAN_PAGE_ITEMS, SCAN_PAGE_ITEMS]);
  });

  it('reads the segments side by side, each in order, every page once', async () => {
    // Segment 0 slow, segment 2 fast: pages arrive interleaved.
    const table = [
      [[1], [2], [3]],
      [[10, 11], [12]],
      [[20], [21], [22], [23]],
    ];
    const { sender, requests } = fakeTable(table, (segment) => [15, 5, 1][segment] ?? 0);
    const bySegment = new Map<number, number[][]>();
    const order: number[] = [];
    for await (const page of scanPages(sender, { TableName: 't' }, { segments: 3 })) {
      bySegment.set(page.segment, [...(bySegment.get(page.segment) ?? []), ids(page)]);
      order.push(page.segment);
    }
    expect([...bySegment.entries()].sort(([a], [b]) => a - b).map(([, pages]) => pages)).toEqual(table);
    expect(requests.every((r) => r.total === 3)).toBe(true);
    expect(requests).toHaveLength(9);
    // Not one segment after the other: the fast segment's pages came before the slow one's last.
    expect(order.indexOf(2)).toBeLessThan(order.lastIndexOf(0));
  });

  it('reads each segment at most one page ahead of the caller', async () => {
    const { sender, requests } = fakeTable([
      [[1], [2], [3], [4]],
      [[5], [6], [7], [8]],
    ]);
    const pages = scanPages(sender, { TableName: 't' }, { segments: 2 });
    await pages.next();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // One page taken: its segment's next one and the other segment's first (and no more).
    expect(requests.length).toBeLessThanOrEqual(3);
    await pages.return(undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(requests.length).toBeLessThanOrEqual(4);
  });

  it('throws the first failed request', async () => {
    // Segment 1 has no second page: its second request fails.
    const { sender } = fakeTable(
      [
        [[1], [2], [3]],
        [[5], [6]],
      ],
      () => 1,
    );
    const broken = {
      send: (command: ScanCommand) =>
        command.input.Segment === 1 && command.input.ExclusiveStartKey
          ? Promise.reject(new Error('the engine is down'))
          : sender.send(command),
    };
    const seen: number[][] = [];
    await expect(
      (async () => {
        for await (const page of scanPages(broken, { TableName: 't' }, { segments: 2 })) seen.push(ids(page));
      })(),
    ).rejects.toThrow('the engine is down');
    expect(seen.flat()).toContain(5);
    expect(seen.flat()).not.toContain(6);
  });

  it('gives a COUNT scan its counts', async () => {
    const { sender } = fakeTable([[[1, 2, 3], [4]]]);
    let count = 0;
    for await (const page of scanPages(sender, { TableName: 't', Select: 'COUNT' })) count += page.count;
    expect(count).toBe(4);
  });
});
