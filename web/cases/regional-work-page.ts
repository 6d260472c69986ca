// A regional Prevent hub's overdue and urgent work across the police forces of its region, on one
// page (decision 0018): urgent first, then overdue, then by due date, each with the force that has
// it. Read from the forces' triage queues (no personal data); each case opens through the access
// guard like any read, and the region's hub alone may see the list.
import { referenceLists } from '../../events/reference-data.js';
import { type RegionalWorkReader } from '../../functions/read-models/regional-work.js';
import { formatDate } from '../forms/answer-text.js';
import { pageErrors } from '../http/page-error.js';
import { type PageRequest, type PageResult, view } from '../http/page-route.js';
import { referenceLabel } from '../i18n/translator.js';

export async function regionalWorkPage(
  request: PageRequest,
  work: RegionalWorkReader,
  ctpRegion: string,
): Promise<PageResult> {
  const { t, locale } = request;
  const found = await work.forRegion(ctpRegion);
  if (found === null) throw pageErrors.notFound();
  const concernLabel = (code: string) => {
    const item = referenceLists.typesOfConcern.items.find((candidate) => candidate.code === code);
    return item ? referenceLabel(item, locale) : code;
  };
  const urgent = found.items.filter((item) => item.attention.includes('urgent')).length;
  const overdue = found.items.filter((item) => item.attention.includes('overdue')).length;
  return view('regional-work', {
    title: t('regionalWork.title'),
    region: found.hub.name,
    summary: t('regionalWork.summary', { urgent, overdue, forces: found.hub.forces.length }),
    forces: found.hub.forces.map((force) => force.name),
    notices: found.bounded.map((force) => t('regionalWork.bounded', { force })),
    rows: found.items.map((item) => ({
      href: `/cases/${item.streamId.replace(/^referral-/, '')}`,
      reference: item.reference,
      force: item.forceName,
      priority: t(`options.priority.${item.priority}`),
      urgent: item.priority === 'urgent',
      status: t(`options.caseStatus.${item.status}`),
      awaiting: t(`options.awaitedStep.${item.awaiting}`),
      due: item.dueOn ? formatDate(item.dueOn, locale, t) : t('common.notKnown'),
      overdue: item.overdue,
      typeOfConcern: concernLabel(item.typeOfConcern),
    })),
  });
}
