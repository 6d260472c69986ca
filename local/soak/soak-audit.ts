// What a soak run left behind, read back from the store, the queues, the mail stand-in and the
// read models: every referral submitted, routed where its postcode says, delivered to every
// destination of its latest routing exactly once, nothing dead-lettered or set aside, every mail
// sent once, each case's read model equal to a fold of its stream, and every read model (cases,
// triage items, timers, person index, statistics) equal to a rebuild from the store.
import { type AttributeValue, GetItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { fold } from '../../domain/decider.js';
import { createReferralDecider } from '../../domain/referral/decider.js';
import { routeReferral } from '../../domain/routing/routing-rules.js';
import { type RecordedEvent } from '../../events/catalogue.js';
import { isErased } from '../../events/envelope.js';
import { type EventStore } from '../../functions/event-store/event-store.js';
import { loadGeography } from '../../functions/geography/load-geography.js';
import { readCaseRecord } from '../../functions/projector/case-projection.js';
import { createProjectionVersions } from '../../functions/read-models/projection-versions.js';
import { caseKeys } from '../../functions/read-models/read-model-keys.js';
import { UNKNOWN } from '../../functions/messaging/notification-markers.js';
import { idempotencyTable, readModelTable, tableName } from '../../functions/tables/table-definitions.js';
import { type LocalStack } from '../local-stack.js';
import { type RebuildComparison, rebuildAndCompare } from './rebuild-comparison.js';
import { type PlannedReferral, referenceOf } from './soak-traffic.js';

export interface SoakAudit {
  submitted: number;
  routed: number;
  /** Referrals whose latest routing every destination confirmed. */
  fullyDelivered: number;
  deliveredByDestinationKind: Record<string, number>;
  /** Referrals never submitted, never routed, or with a destination of the latest routing unconfirmed. */
  missing: { notSubmitted: number; notRouted: number; undelivered: number };
  duplicated: { routings: number; deliveries: number; mails: number };
  misrouted: number;
  deadLettered: { destinationQueues: number; routerFailures: number };
  readModels: { checked: number; behind: number; different: number };
  /** Each projection's live version compared with a rebuild from the store (empty for a streams-only audit). */
  rebuilds: RebuildComparison[];
  mails: {
    sent: number;
    duplicates: number;
    duplicatesByKind: Record<string, number>;
    missing: number;
    /** Sends whose answer was lost, so SES may or may not have taken the mail: recorded, never sent again. */
    outcomeUnknown: number;
  };
  /** Where set-aside stream records were (stream id and version: no personal data). */
  routerFailureKeys: string[];
  closedBeforeDelivered: number;
  /** Streams not yet submitted, routed, delivered or projected (what the settle loop waits for). */
  unsettled: string[];
}

const decider = createReferralDecider();
/** The geography the soak routes against, loaded once (the soak does not change the directory). */
const geography = loadGeography();
/** The destinations' mailboxes. */
const mailboxes = new Map(
  [...geography.organisations.values()].map((organisation) => [organisation.id, organisation.mailbox]),
);

/** The mails a referral's events call for: how many, and to whom. */
export interface OwedMails {
  count: number;
  recipients: ReadonlySet<string>;
}

function expectedDestinations(plan: PlannedReferral): string[] {
  const postcode = plan.movesTo ?? plan.postcode;
  const decision = routeReferral(
    { postcode, immediateRisk: plan.twist === 'urgent', vulnerabilitySupportHubRequested: plan.twist === 'hub' },
    geography,
  );
  return decision.destinations.map((destination) => destination.id).sort();
}

function kindOf(destinationId: string): string {
  return destinationId.split(':')[0] ?? destinationId;
}

async function queueDepth(stack: LocalStack, queueUrl: string): Promise<number> {
  const attributes = await stack.clients.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(attributes.Attributes?.ApproximateNumberOfMessages ?? 0) +
    Number(attributes.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)
  );
}

/** Notification markers (`mail:<stream>:<version>:<recipient>`) of these streams whose send's outcome is unknown. */
async function unknownMailOutcomes(stack: LocalStack, streams: ReadonlySet<string>): Promise<number> {
  let unknown = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await stack.clients.dynamo.send(
      new ScanCommand({
        TableName: tableName(stack.config.SERVICE_PREFIX, idempotencyTable),
        FilterExpression: '#state = :unknown AND begins_with(id, :mail)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':unknown': { S: UNKNOWN }, ':mail': { S: 'mail:' } },
        ExclusiveStartKey: start,
        ConsistentRead: true,
      }),
    );
    for (const item of page.Items ?? []) {
      const [, streamId] = /^mail:([^:]+):\d+:/.exec(item.id?.S ?? '') ?? [];
      if (streamId && streams.has(streamId)) unknown += 1;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return unknown;
}

/** The mails the SES stand-in took for these references (referrer's acknowledgement and each routing's notices), counted against what each referral's routings call for. */
async function countMails(
  stack: LocalStack,
  expectedMails: ReadonlyMap<string, OwedMails>,
): Promise<Omit<SoakAudit['mails'], 'outcomeUnknown'>> {
  const references = new Set(expectedMails.keys());
  const mails: Omit<SoakAudit['mails'], 'outcomeUnknown'> = {
    sent: 0,
    duplicates: 0,
    duplicatesByKind: {},
    missing: 0,
  };
  const sent = (await stack.ses.mails()).filter((mail) =>
    [...references].some((reference) => mail.subject.includes(reference)),
  );
  const counted = new Map<string, number>();
  for (const mail of sent) {
    const key = `${mail.destination.to.join(',')}|${mail.subject}`;
    counted.set(key, (counted.get(key) ?? 0) + 1);
  }
  mails.sent = sent.length;
  // Distinct mails per reference to the recipients owed one (a mail to a destination that has
  // since lost the referral cannot stand in for one owed to another).
  const distinctByReference = new Map<string, number>();
  for (const key of counted.keys()) {
    const reference = /PRV-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(key)?.[0] ?? '';
    const to = key.slice(0, key.indexOf('|'));
    if (!expectedMails.get(reference)?.recipients.has(to)) continue;
    distinctByReference.set(reference, (distinctByReference.get(reference) ?? 0) + 1);
  }
  for (const [reference, expected] of expectedMails)
    mails.missing += Math.max(0, expected.count - (distinctByReference.get(reference) ?? 0));
  mails.duplicates = [...counted.values()].reduce((sum, count) => sum + count - 1, 0);
  for (const [key, count] of counted) {
    if (count < 2) continue;
    const kind = key.includes('has been received')
      ? 'referrer acknowledgement'
      : key.includes('transferred to you')
        ? 'transfer notice'
        : 'new referral notice';
    mails.duplicatesByKind[kind] = (mails.duplicatesByKind[kind] ?? 0) + count - 1;
  }
  return mails;
}

export async function auditSoak(
  stack: LocalStack,
  store: EventStore,
  plans: readonly PlannedReferral[],
  options: {
    concurrency?: number;
    streamsOnly?: boolean;
    mails?: boolean;
    /**
     * Each referral's owed mails, kept across audits of different referrals (the settle watch reads
     * each referral until it is settled, then never again): a streams-only audit with `mails` counts
     * the mails against every referral this map holds, not only those read this time.
     */
    owedMails?: Map<string, OwedMails>;
  } = {},
): Promise<SoakAudit> {
  const concurrency = options.concurrency ?? 16;
  const audit: SoakAudit = {
    submitted: 0,
    routed: 0,
    fullyDelivered: 0,
    deliveredByDestinationKind: {},
    missing: { notSubmitted: 0, notRouted: 0, undelivered: 0 },
    duplicated: { routings: 0, deliveries: 0, mails: 0 },
    misrouted: 0,
    deadLettered: { destinationQueues: 0, routerFailures: 0 },
    readModels: { checked: 0, behind: 0, different: 0 },
    rebuilds: [],
    mails: { sent: 0, duplicates: 0, duplicatesByKind: {}, missing: 0, outcomeUnknown: 0 },
    routerFailureKeys: [],
    closedBeforeDelivered: 0,
    unsettled: [],
  };
  const versions = createProjectionVersions({
    client: stack.clients.dynamo,
    tableName: tableName(stack.config.SERVICE_PREFIX, readModelTable),
    cacheMs: 0,
  });
  const { active } = await versions.fresh('cases');
  const expectedMails = options.owedMails ?? new Map<string, OwedMails>();

  async function one(plan: PlannedReferral): Promise<void> {
    const events: RecordedEvent[] = await store.read(plan.streamId);
    if (!events.some((event) => event.type === 'ReferralSubmitted')) {
      audit.missing.notSubmitted += 1;
      audit.unsettled.push(plan.streamId);
      return;
    }
    audit.submitted += 1;
    const routings = events.flatMap((event) => (event.type === 'ReferralRouted' ? [event] : []));
    const transferred = events.some((event) => event.type === 'ReferralTransferred');
    const latest = routings.at(-1);
    const lastTransfer = events.findLastIndex((event) => event.type === 'ReferralTransferred');
    if (!latest || (transferred && events.indexOf(latest) < lastTransfer)) {
      audit.missing.notRouted += 1;
    } else {
      audit.routed += 1;
      if (
        JSON.stringify(latest.data.destinations.map((d) => d.id).sort()) !== JSON.stringify(expectedDestinations(plan))
      )
        audit.misrouted += 1;
    }
    // The referrer's acknowledgement, and a notice to each destination of each routing on submission
    // or transfer that still holds the referral: one that lost it (transferred away) before its
    // notice went out (the first send refused, the retry after the transfer) is rightly not told.
    const now = fold(decider, events);
    const holding = new Set(now.currentDestinations);
    const owed = routings
      .filter((routed) => routed.data.reason !== 'hub-assessment-requested')
      .flatMap((routed) => routed.data.destinations.filter((destination) => holding.has(destination.id)));
    const submitted = events[0];
    expectedMails.set(referenceOf(plan.referralId), {
      count: 1 + owed.length,
      recipients: new Set<string>([
        ...(submitted?.type === 'ReferralSubmitted' && !isErased(submitted.personal)
          ? [submitted.personal.referrer.email]
          : []),
        ...owed.flatMap((destination) => mailboxes.get(destination.id) ?? []),
      ]),
    });
    const reasons = routings.map((routed) => routed.data.reason);
    if (new Set(reasons).size !== reasons.length) audit.duplicated.routings += 1;
    const deliveries = events.flatMap((event) => (event.type === 'ReferralDelivered' ? [event] : []));
    const keys = deliveries.map((delivery) => `${delivery.data.routedVersion}:${delivery.data.destinationId}`);
    audit.duplicated.deliveries += keys.length - new Set(keys).size;
    if (latest) {
      const unconfirmed = latest.data.destinations.filter((d) => !keys.includes(`${latest.version}:${d.id}`));
      if (unconfirmed.length > 0) audit.missing.undelivered += 1;
      else audit.fullyDelivered += 1;
      for (const destination of latest.data.destinations) {
        if (keys.includes(`${latest.version}:${destination.id}`))
          audit.deliveredByDestinationKind[kindOf(destination.id)] =
            (audit.deliveredByDestinationKind[kindOf(destination.id)] ?? 0) + 1;
      }
      const closedAt = events.findIndex((event) => event.type === 'ReferralClosed');
      if (closedAt >= 0 && deliveries.some((delivery) => events.indexOf(delivery) > closedAt))
        audit.closedBeforeDelivered += 1;
    }
    // The case read model must be what a rebuild writes: the fold of the whole stream.
    audit.readModels.checked += 1;
    const { Item } = await stack.clients.dynamo.send(
      new GetItemCommand({
        TableName: tableName(stack.config.SERVICE_PREFIX, readModelTable),
        Key: { pk: { S: caseKeys.partition(active, plan.streamId) }, sk: { S: caseKeys.caseSk } },
        ConsistentRead: true,
      }),
    );
    const record = Item ? readCaseRecord(unmarshall(Item)) : null;
    const last = events.at(-1)?.version ?? 0;
    const behind = !record || record.checkpoint < last;
    const different = !behind && JSON.stringify({ ...now, ageBasis: null }) !== JSON.stringify(record.state);
    if (behind) audit.readModels.behind += 1;
    else if (different) audit.readModels.different += 1;
    const routedNow = latest !== undefined && !(transferred && events.indexOf(latest) < lastTransfer);
    const deliveredNow =
      latest !== undefined && latest.data.destinations.every((d) => keys.includes(`${latest.version}:${d.id}`));
    if (!routedNow || !deliveredNow || behind || different) audit.unsettled.push(plan.streamId);
  }

  const queue = [...plans];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let plan = queue.shift(); plan; plan = queue.shift()) await one(plan);
    }),
  );

  if (options.streamsOnly) {
    if (options.mails) audit.mails = { ...(await countMails(stack, expectedMails)), outcomeUnknown: 0 };
    return audit;
  }
  for (const { deadLetterQueueUrl } of stack.queues.values())
    audit.deadLettered.destinationQueues += await queueDepth(stack, deadLetterQueueUrl);
  audit.deadLettered.routerFailures = await queueDepth(stack, stack.routerFailuresQueueUrl);

  audit.mails = { ...(await countMails(stack, expectedMails)), outcomeUnknown: 0 };
  const failures = await stack.clients.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: stack.routerFailuresQueueUrl,
      MaxNumberOfMessages: 10,
      VisibilityTimeout: 0,
    }),
  );
  audit.routerFailureKeys = (failures.Messages ?? []).map((message) => {
    const keys = (JSON.parse(message.Body ?? '{}') as { keys?: { streamId?: string; version?: string } }).keys;
    return `${keys?.streamId ?? '?'} v${keys?.version ?? '?'}`;
  });
  audit.duplicated.mails = audit.mails.duplicates;
  audit.mails.outcomeUnknown = await unknownMailOutcomes(stack, new Set(plans.map((plan) => plan.streamId)));
  // Last, as it switches readers to the rebuilt versions.
  audit.rebuilds = await rebuildAndCompare(stack, store);
  return audit;
}

/** Every projection was rebuilt and its live version holds exactly what the rebuild wrote. */
export function equalToRebuilds(audit: SoakAudit): boolean {
  return (
    audit.rebuilds.length > 0 &&
    audit.rebuilds.every((rebuild) => rebuild.missing === 0 && rebuild.extra === 0 && rebuild.different === 0)
  );
}

/** Nothing lost, duplicated or misrouted, and the read models caught up. */
export function settled(audit: SoakAudit, planned: number): boolean {
  return (
    audit.submitted === planned &&
    audit.routed === planned &&
    audit.fullyDelivered === planned &&
    audit.readModels.behind === 0 &&
    audit.readModels.different === 0
  );
}

export function lossFree(audit: SoakAudit, planned: number): boolean {
  return (
    settled(audit, planned) &&
    audit.misrouted === 0 &&
    audit.duplicated.routings === 0 &&
    audit.duplicated.deliveries === 0 &&
    audit.duplicated.mails === 0 &&
    audit.mails.missing === 0 &&
    audit.deadLettered.destinationQueues === 0 &&
    audit.deadLettered.routerFailures === 0 &&
    equalToRebuilds(audit)
  );
}
