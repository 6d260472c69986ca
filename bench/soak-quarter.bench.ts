// The busiest real quarter (January-March 2025: 3,287 referrals) compressed into minutes: a
// second process POSTs the referrals to the API, paced evenly, while the service runs every
// poller (router, delivery consumers, projector) as `npm start` does. Measured: requests per
// second achieved, submit -> delivered (the last destination's ReferralDelivered, by the
// store's clock) at p50/p95/p99, and anything not delivered (dropped).
//
// Like every other bench here it warms up first: a cold first minute (the same pace, the same
// API, from the same second process) is driven into the just-started service, every warm-up
// referral is checked delivered like the rest (nothing lost), and only then is the quarter sent
// and measured. The cold minute's own figures are reported apart, not mixed into the quarter's:
// DynamoDB Local (a JVM) answers at about a third of its later speed over its first thousand
// or so requests (decision 0019), which is the engine's warm-up, not the service's.
// QUARTER_REFERRALS and QUARTER_SECONDS change the size and the compression (default 3,287 in
// 300 s); WARMUP_SECONDS the cold minute's length at the quarter's pace (default 60; 0: none).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { referralStreamId } from '../domain/referral/stream-id.js';
import { type EventStore } from '../functions/event-store/event-store.js';
import { createServiceEventStore } from '../functions/composition/event-store.js';
import { createAwsClients } from '../functions/composition/clients.js';
import { startLoadService } from './load-service.js';
import { type BenchContext, median, quantile } from './bench-context.js';
import { describeCounts } from './request-counts.js';

const run = promisify(execFile);
const REFERRALS = Number(process.env.QUARTER_REFERRALS ?? 3287);
const SECONDS = Number(process.env.QUARTER_SECONDS ?? 300);
const WARMUP_SECONDS = Number(process.env.WARMUP_SECONDS ?? 60);
const SETTLE_MS = 120_000;

interface Sent {
  sentAtMs: number;
  status: number;
  referralId: string | null;
}

interface Phase {
  sent: Sent[];
  accepted: Sent[];
  wallMs: number;
  /** Submit -> delivered per delivered referral. */
  latencies: Map<string, number>;
}

/** POSTs `total` referrals over `seconds` from a second process (bench/quarter-load.ts). */
async function drive(
  url: string,
  token: string,
  total: number,
  seconds: number,
): Promise<{ wallMs: number; sent: Sent[] }> {
  const { stdout } = await run(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/quarter-load.ts',
      '--url',
      url,
      '--token',
      token,
      '--total',
      String(total),
      '--seconds',
      String(seconds),
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) as string) as { wallMs: number; sent: Sent[] };
}

/** Waits (up to SETTLE_MS) until every accepted referral is delivered to each of its destinations. */
async function deliveries(store: EventStore, accepted: Sent[]): Promise<Map<string, number>> {
  const latencies = new Map<string, number>();
  const deadline = Date.now() + SETTLE_MS;
  let waiting = accepted;
  while (waiting.length > 0 && Date.now() < deadline) {
    const still: Sent[] = [];
    for (let i = 0; i < waiting.length; i += 16) {
      await Promise.all(
        waiting.slice(i, i + 16).map(async (entry) => {
          const events = await store.read(referralStreamId(entry.referralId ?? ''));
          const routed = events.findLast((event) => event.type === 'ReferralRouted');
          const delivered = events.filter(
            (event) =>
              event.type === 'ReferralDelivered' &&
              routed?.type === 'ReferralRouted' &&
              event.data.routedVersion === routed.version,
          );
          if (routed?.type === 'ReferralRouted' && delivered.length >= routed.data.destinations.length) {
            latencies.set(
              entry.referralId as string,
              Math.max(...delivered.map((event) => Date.parse(event.recordedAt))) - entry.sentAtMs,
            );
          } else still.push(entry);
        }),
      );
    }
    waiting = still;
    if (waiting.length > 0) await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  return latencies;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const percentiles = (values: number[]) =>
  values.length === 0
    ? 'none delivered'
    : `${seconds(median(values))} / ${seconds(quantile(values, 0.95))} / ${seconds(quantile(values, 0.99))} / ${seconds(Math.max(...values))}`;

/** Submit -> delivered by the minute the referral was sent in (where a backlog forms). */
function byMinute(phase: Phase): string[] {
  const firstSent = Math.min(...phase.accepted.map((entry) => entry.sentAtMs));
  const minutes = new Map<number, number[]>();
  for (const entry of phase.accepted) {
    const latency = phase.latencies.get(entry.referralId as string);
    if (latency === undefined) continue;
    const minute = Math.floor((entry.sentAtMs - firstSent) / 60_000);
    minutes.set(minute, [...(minutes.get(minute) ?? []), latency]);
  }
  return [...minutes.entries()]
    .sort(([a], [b]) => a - b)
    .map(
      ([minute, list]) => `minute ${minute + 1}: p50 ${seconds(median(list))}, p95 ${seconds(quantile(list, 0.95))}`,
    );
}

export default async function quarterBench(ctx: BenchContext): Promise<void> {
  const { service, counter } = await startLoadService(50);
  // The bench's own check of the deliveries reads through clients of its own, not counted.
  const checkClients = createAwsClients(service.stack.config);
  try {
    const token = (
      (await (
        await fetch(`${service.url}/dev/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ persona: 'coventry-teacher' }),
        })
      ).json()) as { token: string }
    ).token;
    const url = `${service.url}/referrals`;
    const store = createServiceEventStore(service.stack.config, checkClients);
    const phase = async (name: string, total: number, length: number): Promise<Phase> => {
      ctx.log(`quarter: ${name}: ${total} referrals over ${length} s from a second process`);
      const { wallMs, sent } = await drive(url, token, total, length);
      const accepted = sent.filter((entry) => entry.status === 201 && entry.referralId);
      ctx.log(
        `quarter: ${name}: ${accepted.length} of ${sent.length} accepted in ${(wallMs / 1000).toFixed(0)} s; waiting for deliveries`,
      );
      return { sent, accepted, wallMs, latencies: await deliveries(store, accepted) };
    };

    const warmupReferrals = Math.round((REFERRALS / SECONDS) * WARMUP_SECONDS);
    const warmup =
      warmupReferrals > 0 ? await phase('cold first minute (warm-up)', warmupReferrals, WARMUP_SECONDS) : undefined;
    counter.take();
    const quarter = await phase('the quarter, warm', REFERRALS, SECONDS);
    const requests = counter.take();

    const values = [...quarter.latencies.values()];
    const rps = (quarter.accepted.length / quarter.wallMs) * 1000;
    const cold = warmup ? [...warmup.latencies.values()] : [];
    const data = {
      referrals: REFERRALS,
      seconds: SECONDS,
      accepted: quarter.accepted.length,
      refused: quarter.sent.length - quarter.accepted.length,
      requestsPerSecond: rps,
      delivered: values.length,
      notDelivered: quarter.accepted.length - values.length,
      p50Ms: median(values),
      p95Ms: quantile(values, 0.95),
      p99Ms: quantile(values, 0.99),
      maxMs: Math.max(...values),
      requests,
      warmup: warmup && {
        referrals: warmupReferrals,
        seconds: WARMUP_SECONDS,
        accepted: warmup.accepted.length,
        refused: warmup.sent.length - warmup.accepted.length,
        delivered: cold.length,
        notDelivered: warmup.accepted.length - cold.length,
        p50Ms: median(cold),
        p95Ms: quantile(cold, 0.95),
        p99Ms: quantile(cold, 0.99),
        maxMs: Math.max(...cold),
      },
    };
    ctx.report({
      title: 'Busiest quarter, compressed (submit -> delivered under load)',
      markdown: [
        `${REFERRALS} referrals (January-March 2025, the busiest published quarter) POSTed over ${SECONDS} s from a second process, while the router, delivery consumers and projector run in the service's process (stream poll 50 ms), DynamoDB Local in memory on this shared 2-core machine. Submit -> delivered is from the request being sent to the last destination's ReferralDelivered (store clock).`,
        '',
        warmup
          ? `Before it, a cold first minute: ${warmupReferrals} referrals at the same pace through the same API into the just-started service (DynamoDB Local and the service both fresh), each checked delivered like the rest; its figures are the "cold" column, not part of the quarter's.`
          : 'No warm-up (WARMUP_SECONDS=0): the quarter starts cold.',
        '',
        '| what | the quarter (warm) | cold first minute |',
        '| --- | ---: | ---: |',
        `| accepted / refused | ${data.accepted} / ${data.refused} | ${data.warmup ? `${data.warmup.accepted} / ${data.warmup.refused}` : '-'} |`,
        `| requests per second achieved | ${rps.toFixed(1)} | ${warmup ? ((warmup.accepted.length / warmup.wallMs) * 1000).toFixed(1) : '-'} |`,
        `| delivered / not delivered within ${SETTLE_MS / 1000} s after the last request | ${data.delivered} / ${data.notDelivered} | ${data.warmup ? `${data.warmup.delivered} / ${data.warmup.notDelivered}` : '-'} |`,
        `| submit -> delivered p50 / p95 / p99 / max | ${percentiles(values)} | ${warmup ? percentiles(cold) : '-'} |`,
        '',
        `The quarter by the minute sent: ${byMinute(quarter).join('; ') || 'none delivered'}.${warmup ? ` The cold minute by the minute sent: ${byMinute(warmup).join('; ')}.` : ''}`,
        '',
        `Requests per accepted referral of the quarter, from its first POST until every delivery was seen (the service's DynamoDB, SQS and SES clients: the API, router, delivery consumers with their long-poll receives, projector; not the stream poller's reads, nor the token and the bench's own checks): ${describeCounts(requests, quarter.accepted.length)}.`,
      ].join('\n'),
      data,
    });
  } finally {
    for (const client of Object.values(checkClients)) client.destroy();
    await service.stop();
  }
}
