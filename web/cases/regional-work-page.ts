// A regional Prevent hub's overdue and urgent work across the police forces of its region, on one
// page (decision 0018): urgent first, then overdue, then by due date, each with the force that has
// it. Read from the forces' triage queues (no personal data); each case opens through the access
// guard like any read, and the region's hub alone may see the list. Beside it, the hub's own
// triage queue: where its region's referrals are assessed by the hub, they are delivered to it as
// well as to the force, and the hub's officers work them from here (the same queue as any
// destination's, read after the same access check; the first page, with a link to the rest).
import { type RegionalWorkReader } from '../../functions/read-models/regional-work.js';
import { type TriageQueueReader } from '../../functions/read-models/triage-queue-reader.js';
import { pageErrors } from '../http/page-error.js';
import { type PageRequest, type PageResult, view } from '../http/page-route.js';
import { queueRow } from './queue-page.js';

/** How many of the hub's own queue the page shows; the queue page (`/queue`) pages through the rest. */
export const HUB_QUEUE_ON_PAGE = 25;

export async function regionalWorkPage(
  request: PageRequest,
  readers: { work: RegionalWorkReader; queues: TriageQueueReader },
  hub: { ctpRegion: string; organisation: string },
): Promise<PageResult> {
  const { t } = request;
  const found = await readers.work.forRegion(hub.ctpRegion);
  if (found === null) throw pageErrors.notFound();
  const own = await readers.queues.forOrganisation({ organisation: hub.organisation, limit: HUB_QUEUE_ON_PAGE });
  const urgent = found.items.filter((item) => item.attention.includes('urgent')).length;
  const overdue = found.items.filter((item) => item.attention.includes('overdue')).length;
  return view('regional-work', {
    title: t('regionalWork.title'),
    region: found.hub.name,
    summary: t('regionalWork.summary', { urgent, overdue, forces: found.hub.forces.length }),
    forces: found.hub.forces.map((force) => force.name),
    notices: found.bounded.map((force) => t('regionalWork.bounded', { force })),
    rows: found.items.map((item) => ({ ...queueRow(item, request), force: item.forceName })),
    hubRows: own.items.map((item) => queueRow(item, request)),
    hubMore: own.cursor !== undefined,
  });
}
