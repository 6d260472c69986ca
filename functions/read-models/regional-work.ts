// A regional Prevent hub's overdue and urgent work across the police forces of its region, from
// the forces' triage queues (decision 0018). Each force's queue is read in queue order (urgent
// first, then by due date) up to a bound, so urgent work and the longest overdue come first; what
// lies beyond the bound is said, never silently left out. Items carry no personal data (as the
// queues), and a case is opened through the access guard like any other read.
import { type Organisation } from '../../domain/routing/directory.js';
import { type RegionalHub, regionalHubOf } from '../../domain/routing/regions.js';
import { type QueuedReferral, type TriageQueueReader } from './triage-queue-reader.js';

/** The most items read from one force's queue for one answer. */
export const REGIONAL_WORK_SCAN = 500;

export type AttentionReason = 'urgent' | 'overdue';

export interface RegionalWorkItem extends QueuedReferral {
  /** The force whose queue holds it, by name. */
  forceName: string;
  attention: AttentionReason[];
}

export interface RegionalWork {
  hub: RegionalHub;
  items: RegionalWorkItem[];
  /** Forces whose queue is longer than the bound: work further on in them is not in this answer. */
  bounded: string[];
}

export interface RegionalWorkReader {
  /** Null when the directory has no regional hub for the region. */
  forRegion(ctpRegion: string): Promise<RegionalWork | null>;
}

function attentionOf(item: QueuedReferral): AttentionReason[] {
  return [...(item.priority === 'urgent' ? ['urgent' as const] : []), ...(item.overdue ? ['overdue' as const] : [])];
}

/** Urgent first, then overdue, then by due date (none last), then reference. */
export function regionalWorkOrder(a: RegionalWorkItem, b: RegionalWorkItem): number {
  const rank = (item: RegionalWorkItem) => (item.priority === 'urgent' ? 0 : 1) * 2 + (item.overdue ? 0 : 1);
  return (
    rank(a) - rank(b) ||
    (a.dueOn ?? '9999-12-31').localeCompare(b.dueOn ?? '9999-12-31') ||
    a.reference.localeCompare(b.reference)
  );
}

export function createRegionalWorkReader(deps: {
  queues: TriageQueueReader;
  organisations: () => ReadonlyMap<string, Organisation>;
  scanLimit?: number;
}): RegionalWorkReader {
  const scanLimit = deps.scanLimit ?? REGIONAL_WORK_SCAN;
  return {
    async forRegion(ctpRegion) {
      const hub = regionalHubOf(deps.organisations(), ctpRegion);
      if (hub === null) return null;
      const perForce = await Promise.all(
        hub.forces.map(async (force) => {
          const items: RegionalWorkItem[] = [];
          let cursor: string | undefined;
          let scanned = 0;
          do {
            const page = await deps.queues.forOrganisation({
              organisation: force.id,
              limit: Math.min(100, scanLimit - scanned),
              ...(cursor ? { cursor } : {}),
            });
            scanned += page.items.length;
            for (const item of page.items) {
              const attention = attentionOf(item);
              if (attention.length > 0) items.push({ ...item, forceName: force.name, attention });
            }
            cursor = page.cursor;
          } while (cursor && scanned < scanLimit);
          return { force, items, bounded: cursor !== undefined };
        }),
      );
      return {
        hub,
        items: perForce.flatMap((entry) => entry.items).sort(regionalWorkOrder),
        bounded: perForce.filter((entry) => entry.bounded).map((entry) => entry.force.name),
      };
    },
  };
}
