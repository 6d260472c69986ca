// HTTP API under load on the local stack: requests per second and latency (median, p95) of
// POST /referrals and GET of a triage queue, with the load generated from a second process.
// Baseline in the same run: GET /health's dependency-free floor is not comparable (it calls every
// engine), so the floor is GET /openapi.json — the same adapter, middy chain and security headers
// with no engine call.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startLoadService } from './load-service.js';
import { type BenchContext, median, quantile } from './bench-context.js';
import { type RequestCounts, addCounts, describeCounts } from './request-counts.js';
import { referralForm } from '../test/functions/api/api-fixtures.js';

const run = promisify(execFile);
const ROUNDS = 3;
const TOTAL = 300;
const CONCURRENCY = 16;

interface LoadResult {
  wallMs: number;
  latencies: number[];
  statuses: Record<string, number>;
}

async function load(args: Record<string, string>): Promise<LoadResult> {
  const flags = Object.entries(args).flatMap(([name, value]) => [`--${name}`, value]);
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bench/http-load.ts', ...flags], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) as string) as LoadResult;
}

export default async function apiBench(ctx: BenchContext): Promise<void> {
  // The load comes from one address: lift the per-client submission limit, or it would measure 429s.
  const { service, counter } = await startLoadService(100);
  try {
    const tokenOf = async (persona: string) => {
      const response = await fetch(`${service.url}/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ persona }),
      });
      return ((await response.json()) as { token: string }).token;
    };
    const officer = await tokenOf('wm-officer');
    const teacher = await tokenOf('coventry-teacher');
    const scenarios = {
      'GET /openapi.json (floor)': { url: `${service.url}/openapi.json` },
      'POST /referrals': {
        url: `${service.url}/referrals`,
        method: 'POST',
        token: teacher,
        body: JSON.stringify(referralForm('CV1 2NJ')),
      },
      'GET /organisations/{id}/triage-queue': {
        url: `${service.url}/organisations/${encodeURIComponent('police:E23000014')}/triage-queue`,
        token: officer,
      },
    } as const;
    // Warm up each path, and give the queue something to list.
    for (const args of Object.values(scenarios)) await load({ ...args, total: '40', concurrency: '4' });
    const results: Record<
      string,
      { rps: number[]; p50: number[]; p95: number[]; non2xx: number; requests: RequestCounts; sent: number }
    > = {};
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [name, args] of Object.entries(scenarios)) {
        counter.take();
        const result = await load({ ...args, total: String(TOTAL), concurrency: String(CONCURRENCY) });
        const entry = (results[name] ??= { rps: [], p50: [], p95: [], non2xx: 0, requests: {}, sent: 0 });
        entry.requests = addCounts(entry.requests, counter.take());
        entry.sent += result.latencies.length;
        entry.rps.push((result.latencies.length / result.wallMs) * 1000);
        entry.p50.push(median(result.latencies));
        entry.p95.push(quantile(result.latencies, 0.95));
        entry.non2xx += Object.entries(result.statuses)
          .filter(([status]) => !status.startsWith('2'))
          .reduce((sum, [, count]) => sum + count, 0);
      }
      ctx.log(`api round ${round + 1}/${ROUNDS} done`);
    }
    const floor = median(results['GET /openapi.json (floor)']?.rps ?? []);
    const rows = Object.entries(results).map(
      ([name, r]) =>
        `| ${name} | ${median(r.rps).toFixed(0)} | ${median(r.p50).toFixed(1)} | ${median(r.p95).toFixed(1)} | ${(median(r.rps) / floor).toFixed(2)} | ${r.non2xx} | ${describeCounts(r.requests, r.sent)} |`,
    );
    ctx.report({
      title: 'HTTP API under load (local stack)',
      markdown: [
        `${TOTAL} requests per round, ${CONCURRENCY} in flight, from a separate Node process; ${ROUNDS} rounds, medians. The service runs every poller (router, delivery, projector) in the same process as the API, as \`npm start\` does, on DynamoDB Local sharing this 2-core machine; POST /referrals also feeds the router and projector while it is measured.`,
        '',
        '| request | requests/s | latency median (ms) | latency p95 (ms) | throughput / floor | non-2xx answers | AWS requests per HTTP request (pollers included) |',
        '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
        ...rows,
      ].join('\n'),
      data: results,
    });
  } finally {
    await service.stop();
  }
}
