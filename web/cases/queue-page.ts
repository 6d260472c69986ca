// An organisation's triage queue as a page, 25 referrals at a time, overdue items highlighted.
//
// In queue order (priority, then due date, then reference: the reader's index order) the page
// follows the triage queue reader's cursor: previous and next links carry it, so however long the
// queue is, each page costs one small query. Filters by status and priority are applied while
// reading: the page asks for just as many items as it still needs (so the next page starts right
// after the last item read), and stops after QUEUE_FILTER_SCAN items, saying so, with a next link
// that carries on from there.
//
// Sorting by another column needs every item, which the index cannot give in that order: the
// page reads at most QUEUE_SORT_BOUND items in queue order, sorts those, pages through them by
// number, and says plainly when the queue is longer than that (those further on are not in the
// sort; queue order shows them all).
import * as z from 'zod';
import { Priority } from '../../events/routing.js';
import { referenceLists } from '../../events/reference-data.js';
import { CaseStatus } from '../../functions/read-models/case-view.js';
import { PageCursorError } from '../../functions/read-models/page-cursor.js';
import { type QueuedReferral, type TriageQueueReader } from '../../functions/read-models/triage-queue-reader.js';
import { formatDate } from '../forms/answer-text.js';
import { type PageRequest, type PageResult, view } from '../http/page-route.js';
import { referenceLabel } from '../i18n/translator.js';

export const QUEUE_PAGE_SIZE = 25;
/** The most items one page in queue order reads to find matches for its filters. */
export const QUEUE_FILTER_SCAN = 500;
/** The most items read to sort by a column other than queue order. */
export const QUEUE_SORT_BOUND = 500;
/** How many pages back the previous link can retrace (the first page is always reachable). */
export const QUEUE_TRAIL_PAGES = 12;

export const QueueSort = z.enum(['queue', 'reference', 'priority', 'status', 'due', 'submitted']);
export type QueueSort = z.infer<typeof QueueSort>;
const Order = z.enum(['asc', 'desc']);
/** The reader's cursors are base64url; anything else in the address is ignored. */
const Cursor = z.string().regex(/^[A-Za-z0-9_-]{1,2000}$/);
/** The first page's place in the trail of pages before (a cursor is base64url JSON, never this). */
const TOP = 'top';
const PageNumber = z.coerce
  .number()
  .int()
  .min(1)
  .max(Math.ceil(QUEUE_SORT_BOUND / QUEUE_PAGE_SIZE));

const sortKeys: Record<QueueSort, (item: QueuedReferral, index: number) => string | number> = {
  queue: (_item, index) => index,
  reference: (item) => item.reference,
  priority: (item) => (item.priority === 'urgent' ? 0 : 1),
  status: (item) => item.status,
  due: (item) => item.dueOn ?? '9999-12-31',
  submitted: (item) => item.submittedAt,
};

/** Sorted by one column, ties kept in queue order. */
export function sortQueue(items: readonly QueuedReferral[], sort: QueueSort, order: 'asc' | 'desc'): QueuedReferral[] {
  const keyed = items.map((item, index) => ({ item, key: sortKeys[sort](item, index), index }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index) * (order === 'asc' ? 1 : -1));
  return keyed.map((entry) => entry.item);
}

type Matches = (item: QueuedReferral) => boolean;

/** Up to `wanted` matching items in queue order from `cursor`, reading no more than `scanLimit`. */
export async function readInQueueOrder(
  queues: TriageQueueReader,
  request: { organisation: string; cursor?: string; matches: Matches; wanted: number; scanLimit: number },
): Promise<{ items: QueuedReferral[]; next?: string; scanned: number }> {
  const items: QueuedReferral[] = [];
  let cursor = request.cursor;
  let scanned = 0;
  do {
    // Ask for no more than are still wanted, so the cursor never skips a match this page leaves out.
    const limit = Math.min(100, request.wanted - items.length, request.scanLimit - scanned);
    const page = await queues.forOrganisation({
      organisation: request.organisation,
      limit,
      ...(cursor ? { cursor } : {}),
    });
    scanned += page.items.length;
    items.push(...page.items.filter(request.matches));
    cursor = page.cursor;
  } while (cursor && items.length < request.wanted && scanned < request.scanLimit);
  return { items, scanned, ...(cursor ? { next: cursor } : {}) };
}

function queueAddress(params: Record<string, string | undefined>): string {
  const query = new URLSearchParams(
    Object.entries(params).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
  return query.size ? `/queue?${query.toString()}` : '/queue';
}

export async function queuePage(
  request: PageRequest,
  queues: TriageQueueReader,
  organisation: string,
): Promise<PageResult> {
  const { t, locale, query } = request;
  const status = CaseStatus.safeParse(query.get('status'));
  const priority = Priority.safeParse(query.get('priority'));
  const sort = QueueSort.safeParse(query.get('sort')).data ?? 'queue';
  const order = Order.safeParse(query.get('order')).data ?? 'asc';
  const filters = {
    status: status.success ? status.data : undefined,
    priority: priority.success ? priority.data : undefined,
  };
  const matches: Matches = (item) =>
    (!filters.status || item.status === filters.status) && (!filters.priority || item.priority === filters.priority);
  const filtered = Boolean(filters.status || filters.priority);

  let rows: QueuedReferral[];
  let notices: string[] = [];
  let previous: string | undefined;
  let next: string | undefined;
  let position: string;

  if (sort === 'queue') {
    const cursor = Cursor.safeParse(query.get('cursor')).data;
    // The starts of the pages before this one (TOP for the first), most recent last.
    const trail = (query.get('trail') ?? '')
      .split('.')
      .filter((entry) => entry === TOP || Cursor.safeParse(entry).success);
    const trailParam = (entries: readonly string[]) =>
      entries.length ? entries.slice(-QUEUE_TRAIL_PAGES).join('.') : undefined;
    let read: Awaited<ReturnType<typeof readInQueueOrder>>;
    let from = cursor;
    try {
      read = await readInQueueOrder(queues, {
        organisation,
        ...(from ? { cursor: from } : {}),
        matches,
        wanted: QUEUE_PAGE_SIZE,
        scanLimit: QUEUE_FILTER_SCAN,
      });
    } catch (error) {
      if (!(error instanceof PageCursorError)) throw error;
      // A link made for another queue or an older version of it: start again at the top.
      from = undefined;
      notices.push(t('queue.restarted'));
      read = await readInQueueOrder(queues, {
        organisation,
        matches,
        wanted: QUEUE_PAGE_SIZE,
        scanLimit: QUEUE_FILTER_SCAN,
      });
    }
    rows = read.items;
    position = t('queue.shownInQueueOrder', { shown: rows.length });
    if (read.next)
      next = queueAddress({ ...filters, cursor: read.next, trail: trailParam([...(from ? trail : []), from ?? TOP]) });
    if (from) {
      // Back to the start of the page before (the top when the trail ran out).
      const back = trail.at(-1);
      previous = queueAddress({
        ...filters,
        ...(back && back !== TOP ? { cursor: back } : {}),
        trail: trailParam(trail.slice(0, -1)),
      });
    }
    if (filtered && read.items.length < QUEUE_PAGE_SIZE && read.next)
      notices = [...notices, t('queue.scanLimit', { scanned: read.scanned })];
  } else {
    const read = await readInQueueOrder(queues, {
      organisation,
      matches,
      wanted: QUEUE_SORT_BOUND,
      scanLimit: QUEUE_SORT_BOUND,
    });
    const sorted = sortQueue(read.items, sort, order);
    const pages = Math.max(1, Math.ceil(sorted.length / QUEUE_PAGE_SIZE));
    const page = Math.min(PageNumber.safeParse(query.get('page')).data ?? 1, pages);
    rows = sorted.slice((page - 1) * QUEUE_PAGE_SIZE, page * QUEUE_PAGE_SIZE);
    position = t('queue.pageOfSorted', { page, pages, count: sorted.length });
    notices = [read.next ? t('queue.sortBounded', { bound: QUEUE_SORT_BOUND }) : t('queue.sortedWhole')];
    if (page > 1) previous = queueAddress({ ...filters, sort, order, page: String(page - 1) });
    if (page < pages) next = queueAddress({ ...filters, sort, order, page: String(page + 1) });
  }

  const sortHref = (column: QueueSort) =>
    queueAddress({ ...filters, sort: column, order: sort === column && order === 'asc' ? 'desc' : 'asc' });
  return view('queue', {
    title: t('queue.title'),
    organisation,
    position,
    notices,
    morePages: Boolean(previous),
    inQueueOrder: sort === 'queue',
    sort,
    order,
    pagination:
      previous || next
        ? {
            landmarkLabel: t('queue.paginationLabel'),
            ...(previous ? { previous: { href: previous, labelText: t('queue.previousPage') } } : {}),
            ...(next ? { next: { href: next, labelText: t('queue.nextPage') } } : {}),
          }
        : null,
    statusOptions: [
      { value: '', text: t('queue.anyStatus') },
      ...CaseStatus.options
        .filter((value) => value !== 'not-submitted')
        .map((value) => ({ value, text: t(`options.caseStatus.${value}`), selected: filters.status === value })),
    ],
    priorityOptions: [
      { value: '', text: t('queue.anyPriority') },
      ...Priority.options.map((value) => ({
        value,
        text: t(`options.priority.${value}`),
        selected: filters.priority === value,
      })),
    ],
    columns: QueueSort.options
      .filter((column) => column !== 'queue')
      .map((column) => ({
        text: t(`queue.columns.${column}`),
        href: sortHref(column),
        ariaSort: sort === column ? (order === 'asc' ? 'ascending' : 'descending') : 'none',
      })),
    queueOrderHref: queueAddress(filters),
    rows: rows.map((item) => ({
      ...queueRow(item, request),
      submitted: formatDate(item.submittedAt, locale, t),
      previouslyReferred: item.deconfliction?.previouslyReferred ?? false,
      waiting: (item.waiting ?? []).map((mark) => t(`queue.waiting.${mark}`)),
    })),
  });
}

/** What a queue's row shows of a referral, in the page's language (the queue and a regional hub's work). */
export function queueRow(item: QueuedReferral, request: Pick<PageRequest, 't' | 'locale'>) {
  const { t, locale } = request;
  const concern = referenceLists.typesOfConcern.items.find((candidate) => candidate.code === item.typeOfConcern);
  return {
    href: `/cases/${item.streamId.replace(/^referral-/, '')}`,
    reference: item.reference,
    priority: t(`options.priority.${item.priority}`),
    urgent: item.priority === 'urgent',
    status: t(`options.caseStatus.${item.status}`),
    awaiting: t(`options.awaitedStep.${item.awaiting}`),
    due: item.dueOn ? formatDate(item.dueOn, locale, t) : t('common.notKnown'),
    overdue: item.overdue,
    typeOfConcern: concern ? referenceLabel(concern, locale) : item.typeOfConcern,
  };
}
