// Submit-to-delivered latency on the local stack: a few hundred referrals submitted at once
// through the command handler, then routed by the router (stream poller), sent to their FIFO
// queues, and confirmed by the delivery consumers (queue pollers), with notification mails going
// to the SES stand-in. Latency per referral = the recordedAt of its last ReferralDelivered minus
// the moment its submission was handed to the command handler (one process, one clock).
import { type RecordedEvent } from '../events/catalogue.js';
import { loadGeography } from '../functions/geography/load-geography.js';
import { routeReferral } from '../domain/routing/routing-rules.js';
import { type BenchContext, median, quantile } from './bench-context.js';
import { type RequestCounts, createRequestCounter, describeCounts } from './request-counts.js';

const REFERRALS = 300;
/** Referrals submitted one after another (each after the previous one was delivered): the path's own latency. */
const ONE_AT_A_TIME = 30;
const WARM_UP = 10;
const POLL_INTERVALS_MS = [200, 50];
const POSTCODES = [
  'CV1 5FB',
  'WS13 6YY',
  'M1 1AE',
  'B1 1BB',
  'EH1 1YZ',
  'LS1 1UR',
  'CF10 1EP',
  'E1 6AN',
  'SW1A 1AA',
  'BT1 1AA',
  'NE1 7RU',
  'WS1 1TP',
];

type Load = 'burst' | 'one-at-a-time';

interface RoundResult {
  load: Load;
  pollIntervalMs: number;
  referrals: number;
  submitPhaseMs: number;
  submitToRoutedMs: { median: number; p95: number };
  submitToDeliveredMs: { median: number; p95: number; max: number };
  routedToDeliveredMs: { median: number; p95: number };
  deliveries: number;
  mails: number;
  wallClockMs: number;
  /** Requests sent from the first submission until the last delivery, by operation. */
  requests: RequestCounts;
}

function round1(value: number): number {
  return Number(value.toFixed(1));
}

async function runRound(load: Load, pollIntervalMs: number, ctx: BenchContext): Promise<RoundResult> {
  // Imported here so that LOG_LEVEL is set before the logger is built.
  const { startLocalStack } = await import('../local/local-stack.js');
  const { openReferralDesk, allDelivered } = await import('../test/functions/router/referral-desk.js');
  type Submitted = Awaited<ReturnType<ReturnType<typeof openReferralDesk>['submit']>>;
  const geography = loadGeography();
  const stack = await startLocalStack({
    pollIntervalMs,
    onError: (source, error) => ctx.log(`${source}: ${error instanceof Error ? error.message : String(error)}`),
  });
  const counter = createRequestCounter();
  counter.attachAll(stack.clients);
  try {
    const desk = openReferralDesk(stack);
    // Counts deliveries from the stream itself, so waiting costs no reads of the store.
    const expected = new Map<string, number>();
    const delivered = new Map<string, number>();
    let outstanding = 0;
    let allIn: () => void = () => undefined;
    const everythingDelivered = new Promise<void>((resolve) => {
      allIn = resolve;
    });
    await stack.consumeStream('bench-watch', async (event) => {
      for (const record of event.Records) {
        const streamId = record.dynamodb?.Keys?.streamId?.S;
        if (!streamId || record.dynamodb?.NewImage?.type?.S !== 'ReferralDelivered' || !expected.has(streamId))
          continue;
        const count = (delivered.get(streamId) ?? 0) + 1;
        delivered.set(streamId, count);
        if (count === expected.get(streamId)) {
          outstanding -= 1;
          if (outstanding === 0) allIn();
        }
      }
      return { batchItemFailures: [] };
    });

    const warmUp = await Promise.all(
      Array.from({ length: WARM_UP }, (_, i) => desk.submit(POSTCODES[i % POSTCODES.length] as string)),
    );
    for (const referral of warmUp) await desk.untilDelivered(referral.streamId, 60_000);

    const count = load === 'burst' ? REFERRALS : ONE_AT_A_TIME;
    const inputs = Array.from({ length: count }, (_, i) => ({
      postcode: POSTCODES[i % POSTCODES.length] as string,
      immediateRisk: i % 10 === 0,
      vulnerabilitySupportHubRequested: i % 7 === 0,
    }));
    counter.take();
    const started = performance.now();
    outstanding = count;
    const submitOne = async (input: (typeof inputs)[number]) => {
      const destinations = routeReferral(input, geography).destinations.length;
      const referral = await desk.submit(input.postcode, input);
      if (!expected.has(referral.streamId)) expected.set(referral.streamId, destinations);
      if ((delivered.get(referral.streamId) ?? 0) >= destinations) {
        outstanding -= 1;
        if (outstanding === 0) allIn();
      }
      return referral;
    };
    const submitted: Submitted[] = [];
    if (load === 'burst') {
      submitted.push(...(await Promise.all(inputs.map(submitOne))));
    } else {
      for (const input of inputs) {
        const referral = await submitOne(input);
        await desk.untilDelivered(referral.streamId, 60_000);
        submitted.push(referral);
      }
    }
    const submitPhaseMs = performance.now() - started;
    await Promise.race([
      everythingDelivered,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`${outstanding} referrals not delivered within 120 s`)), 120_000),
      ),
    ]);
    const wallClockMs = performance.now() - started;
    const requests = counter.take();

    const toRouted: number[] = [];
    const toDelivered: number[] = [];
    const routedToDelivered: number[] = [];
    let deliveries = 0;
    for (const referral of submitted) {
      const events: RecordedEvent[] = await desk.store.read(referral.streamId);
      if (!allDelivered(events)) throw new Error(`${referral.streamId} is not delivered to every destination`);
      const routedAt = Date.parse(events.find((event) => event.type === 'ReferralRouted')?.recordedAt ?? '');
      const deliveredAt = events
        .filter((event) => event.type === 'ReferralDelivered')
        .map((event) => Date.parse(event.recordedAt));
      deliveries += deliveredAt.length;
      toRouted.push(routedAt - referral.submittedAtMs);
      toDelivered.push(Math.max(...deliveredAt) - referral.submittedAtMs);
      routedToDelivered.push(Math.max(...deliveredAt) - routedAt);
    }
    const references = new Set(submitted.map((referral) => referral.reference));
    const mails = (await stack.ses.mails()).filter((mail) =>
      [...references].some((reference) => mail.subject.includes(reference)),
    ).length;
    return {
      load,
      pollIntervalMs,
      referrals: count,
      submitPhaseMs: round1(submitPhaseMs),
      submitToRoutedMs: { median: round1(median(toRouted)), p95: round1(quantile(toRouted, 0.95)) },
      submitToDeliveredMs: {
        median: round1(median(toDelivered)),
        p95: round1(quantile(toDelivered, 0.95)),
        max: round1(Math.max(...toDelivered)),
      },
      routedToDeliveredMs: {
        median: round1(median(routedToDelivered)),
        p95: round1(quantile(routedToDelivered, 0.95)),
      },
      deliveries,
      mails,
      wallClockMs: round1(wallClockMs),
      requests,
    };
  } finally {
    await stack.stop();
  }
}

export default async function routerBench(ctx: BenchContext): Promise<void> {
  process.env.LOG_LEVEL ??= 'ERROR';
  const rounds: RoundResult[] = [];
  for (const load of ['one-at-a-time', 'burst'] as const) {
    for (const pollIntervalMs of POLL_INTERVALS_MS) {
      ctx.log(`router: ${load}, stream poll interval ${pollIntervalMs} ms`);
      rounds.push(await runRound(load, pollIntervalMs, ctx));
      ctx.log(`router: ${JSON.stringify(rounds.at(-1))}`);
    }
  }
  ctx.report({
    title: 'Router: submit to delivered on the local stack',
    markdown: [
      `${ONE_AT_A_TIME} referrals one after another (the path's own latency), then ${REFERRALS} referrals submitted at once through the command handler (a mix of ${POSTCODES.length} postcodes in England, Wales, Scotland and Northern Ireland; 10% urgent, 1 in 7 asking for a Vulnerability Support Hub),`,
      "each routed by the router behind the stream poller, sent to its destinations' FIFO queues, confirmed by the delivery consumers behind the queue pollers (long poll),",
      'with notification mails to the SES stand-in. DynamoDB Local in memory, fauxqs and aws-ses-v2-local in process; one Node process, shared 2-core machine.',
      'Latency = recordedAt of the last ReferralDelivered minus the moment the submission was handed to the command handler.',
      '',
      '| load | stream poll interval | submit -> routed median / p95 (ms) | submit -> delivered median / p95 / max (ms) | routed -> delivered median / p95 (ms) | submitting all (ms) | all delivered after (ms) | deliveries | mails |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...rounds.map(
        (r) =>
          `| ${r.load === 'burst' ? `${r.referrals} at once` : `${r.referrals} one at a time`} | ${r.pollIntervalMs} ms | ${r.submitToRoutedMs.median} / ${r.submitToRoutedMs.p95} | ${r.submitToDeliveredMs.median} / ${r.submitToDeliveredMs.p95} / ${r.submitToDeliveredMs.max} | ${r.routedToDeliveredMs.median} / ${r.routedToDeliveredMs.p95} | ${r.submitPhaseMs} | ${r.wallClockMs} | ${r.deliveries} | ${r.mails} |`,
      ),
      '',
      "Requests per referral, from the first submission to the last delivery (the service's DynamoDB, SQS and SES clients; the SQS pollers' long-poll receives included, the stream poller's reads not: Lambda's event source mapping reads the stream in the cloud):",
      '',
      '| load | stream poll interval | requests per referral |',
      '| --- | --- | --- |',
      ...rounds.map(
        (r) =>
          `| ${r.load === 'burst' ? `${r.referrals} at once` : `${r.referrals} one at a time`} | ${r.pollIntervalMs} ms | ${describeCounts(r.requests, r.referrals)} |`,
      ),
    ].join('\n'),
    data: rounds,
  });
}
