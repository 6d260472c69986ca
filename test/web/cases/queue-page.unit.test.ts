// The triage queue page over the reader's cursor pages: previous and next walk the whole queue in
// queue order without skipping or repeating a referral, filters keep that true, a filter that
// matches little stops after its bound and says so, and sorting by another column is bounded
// and says so. The reader here keeps the real one's contract (DynamoDB's: a cursor whenever the
// limit was reached, PageCursorError for a cursor it did not make).
import { describe, expect, it } from 'vitest';
import { PageCursorError } from '../../../functions/read-models/page-cursor.js';
import {
  type QueuedReferral,
  type TriageQueueReader,
  type TriageQueueRequest,
} from '../../../functions/read-models/triage-queue-reader.js';
import { QUEUE_FILTER_SCAN, QUEUE_PAGE_SIZE, QUEUE_SORT_BOUND, queuePage } from '../../../web/cases/queue-page.js';
import { type PageRequest } from '../../../web/http/page-route.js';
import { translatorFor } from '../../../web/i18n/translator.js';

function item(index: number, overrides: Partial<QueuedReferral> = {}): QueuedReferral {
  return {
    streamId: `referral-01JQUEUE${String(index).padStart(6, '0')}`,
    reference: `PRV-${String(index).padStart(4, '0')}-TEST`,
    destinationId: 'police:E23000014',
    destinationKind: 'local-authority-prevent-team',
    status: index % 3 === 0 ? 'gateway-assessment' : 'routed',
    priority: index % 7 === 0 ? 'urgent' : 'standard',
    typeOfConcern: 'extreme-right-wing',
    typeOfConcernConfirmed: false,
    localAuthority: null,
    policeForce: null,
    heldBy: null,
    awaiting: 'gateway-assessment',
    dueOn: `2026-${String((index % 12) + 1).padStart(2, '0')}-10`,
    overdue: false,
    submittedAt: '2026-01-01T10:00:00Z',
    version: 1,
    ...overrides,
  };
}

function readerOver(items: readonly QueuedReferral[]): TriageQueueReader & { calls: TriageQueueRequest[] } {
  const calls: TriageQueueRequest[] = [];
  return {
    calls,
    async forOrganisation(request) {
      calls.push(request);
      let start = 0;
      if (request.cursor) {
        const parsed = JSON.parse(Buffer.from(request.cursor, 'base64url').toString('utf8')) as { after?: unknown };
        if (typeof parsed.after !== 'number') throw new PageCursorError();
        start = parsed.after;
      }
      const limit = request.limit ?? 25;
      const page = items.slice(start, start + limit);
      return page.length === limit
        ? { items: page, cursor: Buffer.from(JSON.stringify({ after: start + limit })).toString('base64url') }
        : { items: page };
    },
  };
}

interface QueueView {
  rows: { reference: string }[];
  notices: string[];
  position: string;
  pagination: { previous?: { href: string }; next?: { href: string } } | null;
}

async function open(reader: TriageQueueReader, address: string): Promise<QueueView> {
  const url = new URL(address, 'https://pages.test');
  const request = { query: url.searchParams, t: translatorFor('en'), locale: 'en' } as unknown as PageRequest;
  const result = await queuePage(request, reader, 'police:E23000014');
  if (result.kind !== 'view') throw new Error('the queue page answered without a view');
  return result.context as unknown as QueueView;
}

/** Follows one link (next or previous) until there is none, collecting every page's references. */
async function walk(
  reader: TriageQueueReader,
  start: string,
  direction: 'next' | 'previous',
): Promise<{ pages: string[][]; last: string }> {
  const pages: string[][] = [];
  let address: string | undefined = start;
  let last = start;
  while (address) {
    const page = await open(reader, address);
    pages.push(page.rows.map((row) => row.reference));
    last = address;
    address = page.pagination?.[direction]?.href;
    expect(pages.length).toBeLessThan(100);
  }
  return { pages, last };
}

const sixty = Array.from({ length: 60 }, (_, index) => item(index + 1));

describe('the triage queue page in queue order', () => {
  it('reads one page of 25 with one query', async () => {
    const reader = readerOver(sixty);
    const page = await open(reader, '/queue');
    expect(page.rows).toHaveLength(QUEUE_PAGE_SIZE);
    expect(reader.calls).toEqual([{ organisation: 'police:E23000014', limit: QUEUE_PAGE_SIZE }]);
    expect(page.pagination?.previous).toBeUndefined();
    expect(page.pagination?.next?.href).toMatch(/^\/queue\?cursor=/);
  });

  it('walks forwards through every referral once, in order, and back again', async () => {
    const reader = readerOver(sixty);
    const forwards = await walk(reader, '/queue', 'next');
    expect(forwards.pages.map((page) => page.length)).toEqual([25, 25, 10]);
    expect(forwards.pages.flat()).toEqual(sixty.map((entry) => entry.reference));
    const backwards = await walk(reader, forwards.last, 'previous');
    expect(backwards.pages).toEqual([...forwards.pages].reverse());
  });

  it('keeps the filters on every page and finds every match exactly once', async () => {
    const many = Array.from({ length: 300 }, (_, index) => item(index + 1));
    const reader = readerOver(many);
    const forwards = await walk(reader, '/queue?priority=urgent&status=gateway-assessment', 'next');
    const expected = many
      .filter((entry) => entry.priority === 'urgent' && entry.status === 'gateway-assessment')
      .map((entry) => entry.reference);
    expect(expected.length).toBeGreaterThan(QUEUE_PAGE_SIZE / 2);
    expect(forwards.pages.flat()).toEqual(expected);
    const backwards = await walk(reader, forwards.last, 'previous');
    expect(backwards.pages.at(-1)).toEqual(forwards.pages[0]);
  });

  it('stops searching after its bound, says so, and carries on from there', async () => {
    const long = Array.from({ length: QUEUE_FILTER_SCAN + 50 }, (_, index) =>
      item(index + 1, { priority: index === QUEUE_FILTER_SCAN + 10 ? 'urgent' : 'standard' }),
    );
    const reader = readerOver(long);
    const first = await open(reader, '/queue?priority=urgent');
    expect(first.rows).toEqual([]);
    expect(first.notices.join(' ')).toContain(`${QUEUE_FILTER_SCAN} referrals of the queue were searched`);
    expect(reader.calls.reduce((sum, call) => sum + (call.limit ?? 0), 0)).toBe(QUEUE_FILTER_SCAN);
    const second = await open(reader, first.pagination?.next?.href ?? '');
    expect(second.rows.map((row) => row.reference)).toEqual([long[QUEUE_FILTER_SCAN + 10]?.reference]);
  });

  it('starts again at the top, saying so, when a link carries a cursor the reader did not make', async () => {
    const page = await open(readerOver(sixty), `/queue?cursor=${Buffer.from('{"other":1}').toString('base64url')}`);
    expect(page.rows[0]?.reference).toBe(sixty[0]?.reference);
    expect(page.notices).toEqual([
      'That page of the queue could no longer be found, so the queue is shown from the start.',
    ]);
  });
});

describe('the triage queue page sorted by a column', () => {
  it('sorts the whole queue when it is within the bound, and pages by number', async () => {
    const reader = readerOver(sixty);
    const forwards = await walk(reader, '/queue?sort=due&order=desc', 'next');
    expect(forwards.pages.map((page) => page.length)).toEqual([25, 25, 10]);
    const dues = forwards.pages
      .flat()
      .map((reference) => sixty.find((entry) => entry.reference === reference)?.dueOn ?? '');
    expect(dues).toEqual([...dues].sort().reverse());
    expect(new Set(forwards.pages.flat()).size).toBe(60);
    const first = await open(reader, '/queue?sort=due&order=desc');
    expect(first.position).toBe('Page 1 of 3, sorted by the column you chose (60 referrals).');
    expect(first.notices).toEqual(['Every referral of the queue that matches is in this sort.']);
  });

  it(`reads at most ${QUEUE_SORT_BOUND} referrals to sort, and says plainly that later ones are left out`, async () => {
    const long = Array.from({ length: QUEUE_SORT_BOUND + 100 }, (_, index) => item(index + 1));
    const reader = readerOver(long);
    const page = await open(reader, '/queue?sort=reference&order=desc');
    expect(reader.calls.reduce((sum, call) => sum + (call.limit ?? 0), 0)).toBe(QUEUE_SORT_BOUND);
    expect(page.rows[0]?.reference).toBe(long[QUEUE_SORT_BOUND - 1]?.reference);
    expect(page.notices[0]).toContain(`more than ${QUEUE_SORT_BOUND} referrals`);
    expect(page.notices[0]).toContain('are not included here');
  });
});

describe("the triage queue page's waiting marks", () => {
  it("marks a row waiting for the police to share it, or for the referrer's answer, in English and Welsh", async () => {
    const reader = readerOver([
      item(1, { waiting: ['police-to-share', 'referrer-answer'] }),
      item(2, { waiting: [] }),
      item(3),
    ]);
    const marks = async (locale: 'en' | 'cy') => {
      const request = {
        query: new URLSearchParams(),
        t: translatorFor(locale),
        locale,
      } as unknown as PageRequest;
      const result = await queuePage(request, reader, 'police:E23000014');
      if (result.kind !== 'view') throw new Error('the queue page answered without a view');
      return (result.context as unknown as { rows: { reference: string; waiting: string[] }[] }).rows.map(
        (row) => row.waiting,
      );
    };
    expect(await marks('en')).toEqual([
      ['Waiting for the police to share this referral', "Waiting for the referrer's answer"],
      [],
      [],
    ]);
    expect(await marks('cy')).toEqual([
      ["Yn aros i'r heddlu rannu'r atgyfeiriad hwn", 'Yn aros am ateb yr atgyfeiriwr'],
      [],
      [],
    ]);
  });
});
