// The case projection: per referral, the case view, its items in the destinations' triage
// queues, its running timers, its entry in the person index (deconfliction) and in the reference
// index (finding a case), all written in one transaction with the stream checkpoint.
import { type DynamoDBClient, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { partitionItems } from '../read-models/partition-items.js';
import { type RecordedEvent } from '../../events/index.js';
import { type TriagePolicy, queueSortKey } from '../../domain/triage/index.js';
import { caseKeys } from '../read-models/read-model-keys.js';
import { type DueTimer, timersOf } from '../timers/timer-schedule.js';
import { CaseRecord, stepCase } from './case-record.js';
import { type Projection } from './projection.js';
import { deletePartitionsStartingWith } from './retired-version.js';
import { projectionOf } from './stream-fold.js';
import { caseViewOf, triageItemsOf } from './triage-placement.js';

export interface CaseProjectionDeps {
  client: DynamoDBClient;
  tableName: string;
  policy: TriagePolicy;
  /** The person's blind index from a submission whose personal part is readable, or null. */
  personIndexOf(event: RecordedEvent<'ReferralSubmitted'>): Promise<string | null>;
}

type Item = Record<string, unknown>;

interface StoredCase {
  record: CaseRecord | undefined;
  /** Queue and timer items by sort key. */
  derived: Map<string, Item>;
}

const marshallOptions = { removeUndefinedValues: true } as const;

export function readCaseRecord(item: Item): CaseRecord {
  return CaseRecord.parse(JSON.parse(String(item.record)));
}

function derivedItems(version: number, record: CaseRecord, policy: TriagePolicy): Map<string, Item> {
  const pk = caseKeys.partition(version, record.streamId);
  const items = new Map<string, Item>();
  for (const item of triageItemsOf(record, policy)) {
    const sk = caseKeys.queueSk(item.destinationId);
    items.set(sk, {
      pk,
      sk,
      queuePk: caseKeys.queuePartition(version, item.destinationId),
      queueSk: queueSortKey({ priority: item.priority, dueOn: item.dueOn, reference: item.reference }),
      item,
      // Police hubs deconflict: their items carry the person's blind index for the queue reader to match.
      ...(item.destinationKind === 'police-prevent-hub' && record.personHmac !== null
        ? { personHmac: record.personHmac }
        : {}),
    });
  }
  for (const timer of timersOf(record, policy)) {
    const sk = caseKeys.timerSk(timer.kind);
    items.set(sk, {
      pk,
      sk,
      dueBucket: caseKeys.timerBucket(version),
      dueAt: timer.dueAt,
      timer: timer satisfies DueTimer,
    });
  }
  return items;
}

/** JSON with object keys sorted: DynamoDB does not keep the order of a map's keys. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : inner,
  );
}

function sameItem(a: Item, b: Item): boolean {
  return canonical(a) === canonical(b);
}

/**
 * The case record as folded so far, and the last change the fold made to the person index entry:
 * put at submission; deleted at erasure, by the blind index the record held until then (the
 * erased record no longer holds it).
 */
interface FoldedCase {
  record: CaseRecord | undefined;
  person: { put: Item; personHmac: string } | { delete: string } | null;
}

export function createCaseProjection(deps: CaseProjectionDeps): Projection {
  const { client, tableName, policy } = deps;

  async function load(version: number, streamId: string): Promise<StoredCase> {
    const derived = new Map<string, Item>();
    let record: CaseRecord | undefined;
    for await (const item of partitionItems(client, tableName, caseKeys.partition(version, streamId), {
      consistentRead: true,
    })) {
      if (item.sk === caseKeys.caseSk) record = readCaseRecord(item);
      else if (String(item.sk).startsWith(caseKeys.queuePrefix) || String(item.sk).startsWith(caseKeys.timerPrefix))
        derived.set(String(item.sk), item);
    }
    return { record, derived };
  }

  const projection = projectionOf<StoredCase, FoldedCase>(client, {
    name: 'cases',
    load,
    empty: { record: undefined, derived: new Map() },
    checkpointOf: (stored) => stored.record?.checkpoint ?? 0,
    start: (stored) => ({ record: stored.record, person: null }),

    async step(folded, event) {
      const checkpoint = folded.record?.checkpoint ?? 0;
      // The blind index is worked out only for a submission that will be applied.
      const applies = event.version === checkpoint + 1;
      const personHmac = applies && event.type === 'ReferralSubmitted' ? await deps.personIndexOf(event) : null;
      const step = stepCase(folded.record, event, personHmac);
      if (step.status !== 'applied') return { outcome: step, folded };
      const { record } = step;
      let person = folded.person;
      if (event.type === 'ReferralSubmitted' && record.personHmac !== null && !record.state.erased) {
        person = {
          put: { streamId: record.streamId, reference: record.state.reference, submittedAt: record.submittedAt },
          personHmac: record.personHmac,
        };
      } else if (event.type === 'PersonalDataErased' && folded.record?.personHmac) {
        person = { delete: folded.record.personHmac };
      }
      return { outcome: { status: 'applied' }, folded: { record, person } };
    },

    write(version, stored, folded) {
      const record = folded.record as CaseRecord;
      const pk = caseKeys.partition(version, record.streamId);
      const checkpoint: TransactWriteItem = {
        Put: {
          TableName: tableName,
          Item: marshall(
            {
              pk,
              sk: caseKeys.caseSk,
              streamId: record.streamId,
              checkpoint: record.checkpoint,
              personHmac: record.personHmac,
              record: JSON.stringify(record),
              view: caseViewOf(record),
            },
            marshallOptions,
          ),
          ConditionExpression: stored.record ? 'checkpoint = :previous' : 'attribute_not_exists(pk)',
          ...(stored.record ? { ExpressionAttributeValues: marshall({ ':previous': stored.record.checkpoint }) } : {}),
        },
      };
      const effects: TransactWriteItem[] = [];
      // The case's first write (its submission is among the events folded): its reference index entry.
      if (!stored.record && record.state.reference !== null) {
        const referenceKey = { pk: caseKeys.referencePartition(version, record.state.reference), sk: record.streamId };
        effects.push({
          Put: {
            TableName: tableName,
            Item: marshall({ ...referenceKey, streamId: record.streamId, submittedAt: record.submittedAt }),
          },
        });
      }
      const wanted = derivedItems(version, record, policy);
      for (const [sk, item] of wanted) {
        const existing = stored.derived.get(sk);
        if (!existing || !sameItem(existing, item))
          effects.push({ Put: { TableName: tableName, Item: marshall(item, marshallOptions) } });
      }
      for (const sk of stored.derived.keys()) {
        if (!wanted.has(sk)) effects.push({ Delete: { TableName: tableName, Key: marshall({ pk, sk }) } });
      }
      if (folded.person !== null) {
        const personHmac = 'delete' in folded.person ? folded.person.delete : folded.person.personHmac;
        const personKey = { pk: caseKeys.personPartition(version, personHmac), sk: record.streamId };
        if ('delete' in folded.person) effects.push({ Delete: { TableName: tableName, Key: marshall(personKey) } });
        else effects.push({ Put: { TableName: tableName, Item: marshall({ ...personKey, ...folded.person.put }) } });
      }
      return { checkpoint, effects, stored: { record, derived: wanted } };
    },
  });
  return {
    ...projection,
    retire: (version) => deletePartitionsStartingWith(client, tableName, caseKeys.versionPrefixes(version)),
  };
}
