// A regional Prevent hub's overdue and urgent work across the police forces of its region, on one
// page (decision 0018): urgent first, then overdue, then by due date, each with the force that has
// it. Read from the forces' triage queues (no personal data); each case opens through the access
// guard like any read, and the region's hub alone may see the list.
import { type RegionalWorkReader } from '../../functions/read-models/regional-work.js';
import { pageErrors } from '../http/page-error.js';
import { type PageRequest, type PageResult, view } from '../http/page-route.js';
import { queueRow } from './queue-page.js';

export async function regionalWorkPage(
  request: PageRequest,
  work: RegionalWorkReader,
  ctpRegion: string,
): Promise<PageResult> {
  const { t } = request;
  const found = await work.forRegion(ctpRegion);
  if (found === null) throw pageErrors.notFound();
  const urgent = found.items.filter((item) => item.attention.includes('urgent')).length;
  const overdue = found.items.filter((item) => item.attention.includes('overdue')).length;
  return view('regional-work', {
    title: t('regionalWork.title'),
    region: found.hub.name,
    summary: t('regionalWork.summary', { urgent, overdue, forces: found.hub.forces.length }),
    forces: found.hub.forces.map((force) => force.name),
    notices: found.bounded.map((force) => t('regionalWork.bounded', { force })),
    rows: found.items.map((item) => ({ ...queueRow(item, request), force: item.forceName })),
  });
}
