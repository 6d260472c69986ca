// The busiest real quarter (January-March 2025: 3,287 referrals) compressed into minutes: a
// second process POSTs the referrals to the API, paced evenly, while the service runs every
// poller (router, delivery consumers, projector) as `npm start` does. Measured: requests per
// second achieved, submit -> delivered (the last destination's ReferralDelivered, by the
// store's clock) at p50/p95/p99, and anything not delivered (dropped).
// QUARTER_REFERRALS and QUARTER_SECONDS change the size and the compression (default 3,287 in 300 s).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { referralStreamId } from '../domain/referral/stream-id.js';
import { createServiceEventStore } from '../functions/composition/event-store.js';
import { createAwsClients } from '../functions/composition/clients.js';
import { startLoadService } from './load-service.js';
import { type BenchContext, median, quantile } from './bench-context.js';
import { describeCounts } from './request-counts.js';

const run = promisify(execFile);
const REFERRALS = Number(process.env.QUARTER_REFERRALS ?? 3287);
const SECONDS = Number(process.env.QUARTER_SECONDS ?? 300);
const SETTLE_MS = 120_000;

interface Sent {
  sentAtMs: number;
  status: number;
  referralId: string | null;
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
    ctx.log(`quarter: ${REFERRALS} referrals over ${SECONDS} s from a second process`);
    const { stdout } = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        'bench/quarter-load.ts',
        '--url',
        `${service.url}/referrals`,
        '--token',
        token,
        '--total',
        String(REFERRALS),
        '--seconds',
        String(SECONDS),
      ],
      {
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const { wallMs, sent } = JSON.parse(stdout.trim().split('\n').at(-1) as string) as { wallMs: number; sent: Sent[] };
    const accepted = sent.filter((entry) => entry.status === 201 && entry.referralId);
    ctx.log(
      `quarter: ${accepted.length} of ${sent.length} accepted in ${(wallMs / 1000).toFixed(0)} s; waiting for deliveries`,
    );

    counter.take();
    const store = createServiceEventStore(service.stack.config, checkClients);
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
    const requests = counter.take();
    const values = [...latencies.values()];
    // Where a backlog forms: submit -> delivered by the minute the referral was sent in.
    const firstSent = Math.min(...accepted.map((entry) => entry.sentAtMs));
    const byMinute = new Map<number, number[]>();
    for (const entry of accepted) {
      const latency = latencies.get(entry.referralId as string);
      if (latency === undefined) continue;
      const minute = Math.floor((entry.sentAtMs - firstSent) / 60_000);
      byMinute.set(minute, [...(byMinute.get(minute) ?? []), latency]);
    }
    const minutes = [...byMinute.entries()]
      .sort(([a], [b]) => a - b)
      .map(
        ([minute, list]) =>
          `minute ${minute + 1}: p50 ${(median(list) / 1000).toFixed(2)} s, p95 ${(quantile(list, 0.95) / 1000).toFixed(2)} s`,
      );
    const rps = (accepted.length / wallMs) * 1000;
    const data = {
      referrals: REFERRALS,
      seconds: SECONDS,
      accepted: accepted.length,
      refused: sent.length - accepted.length,
      requestsPerSecond: rps,
      delivered: values.length,
      notDelivered: accepted.length - values.length,
      p50Ms: median(values),
      p95Ms: quantile(values, 0.95),
      p99Ms: quantile(values, 0.99),
      maxMs: Math.max(...values),
      requests,
    };
    ctx.report({
      title: 'Busiest quarter, compressed (submit -> delivered under load)',
      markdown: [
        `${REFERRALS} referrals (January-March 2025, the busiest published quarter) POSTed over ${SECONDS} s from a second process, while the router, delivery consumers and projector run in the service's process (stream poll 50 ms), DynamoDB Local in memory on this shared 2-core machine. Submit -> delivered is from the request being sent to the last destination's ReferralDelivered (store clock).`,
        '',
        '| what | figure |',
        '| --- | ---: |',
        `| accepted / refused | ${data.accepted} / ${data.refused} |`,
        `| requests per second achieved | ${rps.toFixed(1)} |`,
        `| delivered / not delivered within ${SETTLE_MS / 1000} s after the last request | ${data.delivered} / ${data.notDelivered} |`,
        `| submit -> delivered p50 / p95 / p99 / max | ${(data.p50Ms / 1000).toFixed(2)} s / ${(data.p95Ms / 1000).toFixed(2)} s / ${(data.p99Ms / 1000).toFixed(2)} s / ${(data.maxMs / 1000).toFixed(2)} s |`,
        '',
        `By the minute sent: ${minutes.join('; ')}.`,
        '',
        `Requests per accepted referral, from the first POST until every delivery was seen (the service's DynamoDB, SQS and SES clients: the API, router, delivery consumers with their long-poll receives, projector; not the stream poller's reads, nor the token and the bench's own checks): ${describeCounts(requests, accepted.length)}.`,
      ].join('\n'),
      data,
    });
  } finally {
    for (const client of Object.values(checkClients)) client.destroy();
    await service.stop();
  }
}
