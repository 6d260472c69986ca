// An organisation's triage queue as a page: every open referral of the queue (read a page at a
// time from the triage queue reader, up to a bound), filtered by status and priority, sorted by
// the column the reader chose (queue order by default), overdue items highlighted.
import * as z from 'zod';
import { Priority } from '../../events/routing.js';
import { CaseStatus } from '../../functions/read-models/case-view.js';
import { type QueuedReferral, type TriageQueueReader } from '../../functions/read-models/triage-queue-reader.js';
import { formatDate } from '../forms/answer-text.js';
import { type PageRequest, type PageResult, view } from '../http/page-route.js';
import { referenceLabel } from '../i18n/translator.js';
import { referenceLists } from '../../events/reference-data.js';

/** The most items one page of the queue shows (the reader is asked 100 at a time). */
export const QUEUE_PAGE_BOUND = 500;

export const QueueSort = z.enum(['queue', 'reference', 'priority', 'status', 'due', 'submitted']);
export type QueueSort = z.infer<typeof QueueSort>;
const Order = z.enum(['asc', 'desc']);

const sortKeys: Record<QueueSort, (item: QueuedReferral, index: number) => string | number> = {
  queue: (_item, index) => index,
  reference: (item) => item.reference,
  priority: (item) => (item.priority === 'urgent' ? 0 : 1),
  status: (item) => item.status,
  due: (item) => item.dueOn ?? '9999-12-31',
  submitted: (item) => item.submittedAt,
};

export function sortQueue(items: readonly QueuedReferral[], sort: QueueSort, order: 'asc' | 'desc'): QueuedReferral[] {
  const keyed = items.map((item, index) => ({ item, key: sortKeys[sort](item, index), index }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index) * (order === 'asc' ? 1 : -1));
  return keyed.map((entry) => entry.item);
}

async function wholeQueue(queues: TriageQueueReader, organisation: string): Promise<{ items: QueuedReferral[]; truncated: boolean }> {
  const items: QueuedReferral[] = [];
  let cursor: string | undefined;
  do {
    const page = await queues.forOrganisation({ organisation, limit: 100, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor && items.length < QUEUE_PAGE_BOUND);
  return { items: items.slice(0, QUEUE_PAGE_BOUND), truncated: Boolean(cursor) || items.length > QUEUE_PAGE_BOUND };
}

export async function queuePage(request: PageRequest, queues: TriageQueueReader, organisation: string): Promise<PageResult> {
  const { t, locale, query } = request;
  const status = CaseStatus.safeParse(query.get('status'));
  const priority = Priority.safeParse(query.get('priority'));
  const sort = QueueSort.safeParse(query.get('sort')).data ?? 'queue';
  const order = Order.safeParse(query.get('order')).data ?? 'asc';
  const { items, truncated } = await wholeQueue(queues, organisation);
  const shown = sortQueue(
    items.filter((item) => (!status.success || item.status === status.data) && (!priority.success || item.priority === priority.data)),
    sort,
    order,
  );
  const filters = new URLSearchParams({ ...(status.success ? { status: status.data } : {}), ...(priority.success ? { priority: priority.data } : {}) });
  const sortHref = (column: QueueSort) => {
    const next = new URLSearchParams(filters);
    next.set('sort', column);
    next.set('order', sort === column && order === 'asc' ? 'desc' : 'asc');
    return `/queue?${next.toString()}`;
  };
  const concernLabel = (code: string) => {
    const item = referenceLists.typesOfConcern.items.find((candidate) => candidate.code === code);
    return item ? referenceLabel(item, locale) : code;
  };
  return view('queue', {
    title: t('queue.title'),
    organisation,
    truncated,
    total: items.length,
    statusOptions: [{ value: '', text: t('queue.anyStatus') }, ...CaseStatus.options.filter((value) => value !== 'not-submitted').map((value) => ({ value, text: t(`options.caseStatus.${value}`), selected: status.success && status.data === value }))],
    priorityOptions: [{ value: '', text: t('queue.anyPriority') }, ...Priority.options.map((value) => ({ value, text: t(`options.priority.${value}`), selected: priority.success && priority.data === value }))],
    columns: QueueSort.options
      .filter((column) => column !== 'queue')
      .map((column) => ({ text: t(`queue.columns.${column}`), href: sortHref(column), ariaSort: sort === column ? (order === 'asc' ? 'ascending' : 'descending') : 'none' })),
    queueOrderHref: `/queue${filters.size ? `?${filters.toString()}` : ''}`,
    rows: shown.map((item) => ({
      href: `/cases/${item.streamId.replace(/^referral-/, '')}`,
      reference: item.reference,
      priority: t(`options.priority.${item.priority}`),
      urgent: item.priority === 'urgent',
      status: t(`options.caseStatus.${item.status}`),
      awaiting: t(`options.awaitedStep.${item.awaiting}`),
      due: item.dueOn ? formatDate(item.dueOn, locale, t) : t('common.notKnown'),
      overdue: item.overdue,
      submitted: formatDate(item.submittedAt, locale, t),
      typeOfConcern: concernLabel(item.typeOfConcern),
      previouslyReferred: item.deconfliction?.previouslyReferred ?? false,
    })),
  });
}
