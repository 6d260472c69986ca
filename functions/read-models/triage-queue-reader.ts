// A destination organisation's triage queue: its open referrals in queue order (priority, then
// due date, then reference), a page at a time. The query is keyed by the organisation, so it
// cannot reach another organisation's items; each item is checked again on the way out.
// A police hub's items say whether the person was referred before, anywhere, and link those
// referrals (deconfliction).
import { type DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod';
import { DestinationId } from '../../events/index.js';
import { type DeconflictionReader, type LinkedReferral } from './deconfliction-reader.js';
import { decodeCursor, encodeCursor } from './page-cursor.js';
import { type ProjectionVersions } from './projection-versions.js';
import { caseKeys } from './read-model-keys.js';
import { TriageItem } from './triage-item.js';

export const TriageQueueRequest = z.strictObject({
  organisation: DestinationId,
  limit: z.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2_000).optional(),
});
export type TriageQueueRequest = z.input<typeof TriageQueueRequest>;

export interface QueuedReferral extends TriageItem {
  /** Police hubs only: other referrals of the same person (matched by blind index), oldest first. */
  deconfliction?: { previouslyReferred: boolean; otherReferrals: LinkedReferral[] };
}

export interface TriageQueuePage {
  items: QueuedReferral[];
  cursor?: string;
}

export interface TriageQueueReader {
  forOrganisation(request: TriageQueueRequest): Promise<TriageQueuePage>;
}

export class TenancyViolationError extends Error {
  constructor() {
    super("a queue query returned an item of another organisation's queue; nothing was returned");
    this.name = 'TenancyViolationError';
  }
}

const StoredQueueItem = z.object({ queuePk: z.string(), item: TriageItem, personHmac: z.string().optional() });

export interface TriageQueueReaderDeps {
  client: DynamoDBClient;
  tableName: string;
  versions: ProjectionVersions;
  deconfliction: DeconflictionReader;
}

export function createTriageQueueReader(deps: TriageQueueReaderDeps): TriageQueueReader {
  return {
    async forOrganisation(request) {
      const { organisation, limit, cursor } = TriageQueueRequest.parse(request);
      const { active } = await deps.versions.current('cases');
      const queuePk = caseKeys.queuePartition(active, organisation);
      const page = await deps.client.send(
        new QueryCommand({
          TableName: deps.tableName,
          IndexName: 'by-queue-order',
          KeyConditionExpression: 'queuePk = :queuePk',
          ExpressionAttributeValues: marshall({ ':queuePk': queuePk }),
          Limit: limit,
          ExclusiveStartKey: decodeCursor(cursor, { queuePk }, ['pk', 'sk', 'queuePk', 'queueSk']),
        }),
      );
      const stored = (page.Items ?? []).map((raw) => StoredQueueItem.parse(unmarshall(raw)));
      if (stored.some((entry) => entry.queuePk !== queuePk || entry.item.destinationId !== organisation))
        throw new TenancyViolationError();
      // One look-up per person on the page, however many of the page's referrals are theirs.
      const byPerson = new Map<string, Promise<LinkedReferral[]>>();
      const referralsOf = (personHmac: string): Promise<LinkedReferral[]> => {
        let found = byPerson.get(personHmac);
        if (!found) {
          found = deps.deconfliction.otherReferralsOf(active, personHmac, '');
          byPerson.set(personHmac, found);
        }
        return found;
      };
      const items = await Promise.all(
        stored.map(async ({ item, personHmac }): Promise<QueuedReferral> => {
          if (item.destinationKind !== 'police-prevent-hub') return item;
          const otherReferrals = personHmac
            ? (await referralsOf(personHmac)).filter((linked) => linked.streamId !== item.streamId)
            : [];
          return { ...item, deconfliction: { previouslyReferred: otherReferrals.length > 0, otherReferrals } };
        }),
      );
      const next = encodeCursor(page.LastEvaluatedKey);
      return next ? { items, cursor: next } : { items };
    },
  };
}
