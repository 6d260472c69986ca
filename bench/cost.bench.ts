// The whole AWS bill for a national year: what one referral's life sends (measured here, through
// the local service, as the demo data drives referrals through every stage of the casework API)
// priced with the stated prices of bench/cost/aws-prices.ts, plus what the estate costs whatever
// the volume. Reported for 8,778 referrals a year (2024/25, the published record) and ten times that.
import { type ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import { onboardedDestinations } from '../infra/destinations.js';
import { functionCatalogue } from '../infra/function-catalogue.js';
import { loadDemoData } from '../local/demo-data.js';
import { startLoadService } from './load-service.js';
import { type BenchContext } from './bench-context.js';
import { londonEstimate, PRICE_SOURCE, PRICES_AS_OF, REGION_UPLIFT } from './cost/aws-prices.js';
import { costOfYear, costTable, type FixedEstate, type ReferralLifeUsage } from './cost/cost-model.js';
import { type createRequestCounter, describeCounts, type RequestCounts } from './request-counts.js';

const NATIONAL_YEAR = 8778;
const SETTLE_MS = 5_000;
/** Assumptions the local run cannot measure, each stated in the report. */
const ASSUMED = {
  /** Mean billed duration of an invocation (ms), and the mean memory of the functions invoked (from the catalogue). */
  invocationMs: 120,
  /** KMS: one GenerateDataKey per referral; a Decrypt of its key by each function that opens it, once per warm container. */
  kmsRequestsPerReferral: 1 + 6,
  /** Log lines per invocation, and their size (JSON, no personal data). */
  logBytesPerInvocation: 1_500,
  /** Pollers per destination queue that Lambda keeps long-polling (20 s) while the queue is idle. */
  idlePollersPerQueue: 2,
  /** Alarms: one per destination dead-letter queue, plus the service's own. */
  serviceAlarms: 15,
  logRetentionMonths: 12,
  retentionYears: 6,
  tracedShare: 0.05,
};

const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);

export default async function costBench(ctx: BenchContext): Promise<void> {
  const { service, counter } = await startLoadService(50);
  const capacity = { read: 0, write: 0 };
  service.stack.clients.dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }).ConsumedCapacity;
      const units = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce(
        (sum, entry) => sum + (entry.CapacityUnits ?? 0),
        0,
      );
      if (READS.has((context.commandName ?? '').replace(/Command$/, ''))) capacity.read += units;
      else capacity.write += units;
      return result;
    },
    { step: 'initialize', name: 'costCapacity' },
  );
  let httpRequests = 0;
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    if (String(input instanceof Request ? input.url : input).startsWith(service.url)) httpRequests += 1;
    return realFetch(input, init);
  };
  try {
    counter.take();
    const { referrals } = await loadDemoData({ baseUrl: service.url });
    await settle(counter);
    const counts = counter.take();
    const usage = lifeUsage(counts, capacity, httpRequests, referrals.length);
    const estate = fixedEstate();
    const prices = londonEstimate();
    const years = [
      costOfYear(NATIONAL_YEAR, usage, estate, prices),
      costOfYear(10 * NATIONAL_YEAR, usage, estate, prices),
    ];
    const [national, tenTimes] = years;
    ctx.report({
      title: 'The whole AWS bill: a national year',
      markdown: [
        `One referral's life measured on the local service: the ${referrals.length} demo referrals driven through every stage by the casework API (submission, routing, delivery, assessment, Channel, support, reviews, closure, reads as the demo's caseworkers make them), until the pipeline settled. Per referral: ${usage.dynamoDbWriteUnits.toFixed(1)} DynamoDB write units and ${usage.dynamoDbReadUnits.toFixed(1)} read units (ReturnConsumedCapacity as DynamoDB Local reports it), ${usage.httpRequests.toFixed(1)} HTTP requests, ${usage.sqsRequests.toFixed(1)} SQS requests that carry or settle a message, ${usage.sesMails.toFixed(1)} mails, ${usage.lambdaInvocations.toFixed(1)} Lambda invocations.`,
        '',
        `Requests per referral by operation: ${describeCounts(counts, referrals.length)} (the local pollers' idle ReceiveMessage and GetQueueAttributes are not a referral's: in the cloud the event source mappings' idle polling is priced as part of the estate).`,
        '',
        `Prices: ${PRICE_SOURCE}, as of ${PRICES_AS_OF}, raised by ${Math.round((REGION_UPLIFT - 1) * 100)}% for London (an estimate). Assumed, not measured: ${ASSUMED.invocationMs} ms billed per invocation; ${ASSUMED.kmsRequestsPerReferral} KMS requests per referral; ${ASSUMED.logBytesPerInvocation} bytes of logs per invocation kept ${ASSUMED.logRetentionMonths} months; ${ASSUMED.idlePollersPerQueue} idle pollers per destination queue, long-polling every 20 s; records kept ${ASSUMED.retentionYears} years; ${ASSUMED.tracedShare * 100}% of invocations traced. Storage is the steady state once ${ASSUMED.retentionYears} years of referrals are held. Free tiers, Cognito (under its free monthly active users), data transfer and tax are left out.`,
        '',
        costTable(years),
        '',
        `At ${NATIONAL_YEAR.toLocaleString('en-GB')} referrals a year the bill is about **$${national?.monthlyUsd.toFixed(0)} a month, $${national?.perReferralUsd.toFixed(2)} per referral**; at ten times the volume about $${tenTimes?.monthlyUsd.toFixed(0)} a month, $${tenTimes?.perReferralUsd.toFixed(2)} per referral: the estate (keys, alarms, timers, idle polling) is most of the bill at today's volume and is spread over ten times the referrals.`,
      ].join('\n'),
      data: { usage, estate, prices, years, counts, referrals: referrals.length, assumed: ASSUMED },
    });
  } finally {
    globalThis.fetch = realFetch;
    await service.stop();
  }
}

/** Waits until a few seconds pass with no request but the pollers' own idle ones. */
async function settle(counter: ReturnType<typeof createRequestCounter>): Promise<void> {
  let last = -1;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const busy = Object.entries(counter.peek())
      .filter(
        ([operation]) =>
          ![
            'SQS.ReceiveMessage',
            'SQS.GetQueueAttributes',
            'DynamoDBStreams.GetRecords',
            'DynamoDBStreams.GetShardIterator',
            'DynamoDBStreams.DescribeStream',
          ].includes(operation),
      )
      .reduce((sum, [, n]) => sum + n, 0);
    if (busy === last) return;
    last = busy;
  }
}

function sum(counts: RequestCounts, service: string, operations: readonly string[]): number {
  return operations.reduce((total, operation) => total + (counts[`${service}.${operation}`] ?? 0), 0);
}

function lifeUsage(
  counts: RequestCounts,
  capacity: { read: number; write: number },
  httpRequests: number,
  referrals: number,
): ReferralLifeUsage {
  const messages = sum(counts, 'SQS', ['SendMessage', 'SendMessageBatch']);
  const sqsRequests =
    messages + sum(counts, 'SQS', ['DeleteMessage', 'DeleteMessageBatch', 'ChangeMessageVisibility']) + messages;
  const streamRecords = sum(counts, 'DynamoDB', ['PutItem', 'TransactWriteItems']);
  // An HTTP request is an invocation; each stream write reaches the router and the projector; each message the delivery function.
  const lambdaInvocations = (httpRequests + 2 * streamRecords + messages) / referrals;
  const meanMemoryGb =
    functionCatalogue.reduce((total, entry) => total + entry.memoryMb, 0) / functionCatalogue.length / 1024;
  return {
    dynamoDbWriteUnits: capacity.write / referrals,
    dynamoDbReadUnits: capacity.read / referrals,
    sqsRequests: sqsRequests / referrals,
    sesMails: sum(counts, 'SES', ['SendEmail']) / referrals,
    kmsRequests: ASSUMED.kmsRequestsPerReferral,
    httpRequests: httpRequests / referrals,
    lambdaInvocations,
    lambdaGbSeconds: (lambdaInvocations * ASSUMED.invocationMs * meanMemoryGb) / 1000,
    storedBytes: (capacity.write / referrals) * 1024,
    logBytes: lambdaInvocations * ASSUMED.logBytesPerInvocation,
  };
}

function fixedEstate(): FixedEstate {
  const timers = functionCatalogue.filter((entry) => entry.trigger.kind === 'schedule');
  const runsPerMonth = timers.reduce(
    (total, entry) => total + (entry.trigger.kind === 'schedule' ? (30 * 24 * 60) / entry.trigger.everyMinutes : 0),
    0,
  );
  const queues = onboardedDestinations().length;
  return {
    customerManagedKeys: 4,
    alarms: queues + ASSUMED.serviceAlarms,
    timerInvocationsPerMonth: runsPerMonth,
    timerGbSecondsPerInvocation: (ASSUMED.invocationMs / 1000) * 0.5,
    idleQueuePollsPerMonth: queues * ASSUMED.idlePollersPerQueue * 3 * 60 * 24 * 30,
    retentionYears: ASSUMED.retentionYears,
    logRetentionMonths: ASSUMED.logRetentionMonths,
    tracedShare: ASSUMED.tracedShare,
  };
}
