// HTTP API under load on the local stack: requests per second and latency (median, p95) of
// POST /referrals and GET of a triage queue, with the load generated from a second process.
// Baseline in the same run: GET /health's dependency-free floor is not comparable (it calls every
// engine), so the floor is GET /openapi.json — the same adapter, middy chain and security headers
// with no engine call. Each measure starts once the pollers have settled (the referrals of the
// round before routed and projected), and counts the AWS requests the HTTP requests sent
// themselves apart from the pollers' meanwhile. API_BENCH_PROFILE=<folder> writes a CPU profile
// of the service process over each scenario's measured rounds (open it in Chrome's DevTools).
// Beside the service's CPU, DynamoDB Local's (the Java process this one started, read from
// /proc) per request, and how much of the machine's two cores both took over the measure: which
// of the two is the limit.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startLoadService } from './load-service.js';
import { engineCpuReader } from './engine-cpu.js';
import { type BenchContext, median, quantile } from './bench-context.js';
import { type RequestCounter, type RequestCounts, addCounts, describeCounts } from './request-counts.js';
import { referralForm } from '../test/functions/api/api-fixtures.js';

const run = promisify(execFile);
const ROUNDS = 3;
const TOTAL = 300;
const CONCURRENCY = 16;
/** Targets (issue 15 item 5): throughput at least half the floor's, p95 under 250 ms. */
const FLOOR_RATIO_TARGET = 0.5;
const P95_TARGET_MS = 250;
/** What the pollers write: while any of these is still being sent, the last round's referrals are not settled. */
const WRITES = /PutItem|TransactWriteItems|UpdateItem|DeleteItem|BatchWriteItem|SendEmail|SendMessage/;

/** Waits until the pollers have sent no write for a second (at most a minute). */
async function settle(counter: RequestCounter): Promise<void> {
  const writes = () =>
    Object.entries(counter.peek())
      .filter(([op]) => WRITES.test(op))
      .reduce((sum, [, n]) => sum + n, 0);
  const deadline = Date.now() + 60_000;
  let last = writes();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const now = writes();
    if (now === last) return;
    last = now;
  }
}

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
      {
        rps: number[];
        p50: number[];
        p95: number[];
        non2xx: number;
        /** The AWS requests the HTTP requests sent themselves. */
        requests: RequestCounts;
        /** What the pollers sent meanwhile. */
        pollers: RequestCounts;
        /** The service process's CPU time (API and pollers), microseconds. */
        cpuMicros: number;
        /** DynamoDB Local's CPU time, microseconds. */
        engineCpuMicros: number;
        /** The CPU time of DynamoDB Local's one database thread, microseconds. */
        engineDatabaseMicros: number;
        /** The wall time of the measured rounds, milliseconds. */
        wallMs: number;
        sent: number;
      }
    > = {};
    const profileDir = process.env.API_BENCH_PROFILE;
    const session = profileDir ? new Session() : undefined;
    if (session) {
      mkdirSync(profileDir as string, { recursive: true });
      session.connect();
      await session.post('Profiler.enable');
    }
    const profiles = new Map<string, unknown[]>();
    const engine = engineCpuReader(new URL(service.stack.config.DYNAMODB_ENDPOINT ?? 'http://localhost').port);
    /** Microseconds so far of a reading (0 when the engine was not found: its columns then say '-'). */
    const micros = (seconds: number | null) => (seconds ?? 0) * 1e6;
    const loadAtStart = loadavg()[0] as number;
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [name, args] of Object.entries(scenarios)) {
        await settle(counter);
        counter.take();
        const cpu = process.cpuUsage();
        const engineCpu = micros(engine.process());
        const engineDatabase = micros(engine.databaseThread());
        if (session) await session.post('Profiler.start');
        const result = await load({ ...args, total: String(TOTAL), concurrency: String(CONCURRENCY) });
        if (session) profiles.set(name, [...(profiles.get(name) ?? []), (await session.post('Profiler.stop')).profile]);
        const used = process.cpuUsage(cpu);
        const engineUsed = micros(engine.process()) - engineCpu;
        const engineDatabaseUsed = micros(engine.databaseThread()) - engineDatabase;
        const entry = (results[name] ??= {
          rps: [],
          p50: [],
          p95: [],
          non2xx: 0,
          requests: {},
          pollers: {},
          cpuMicros: 0,
          engineCpuMicros: 0,
          engineDatabaseMicros: 0,
          wallMs: 0,
          sent: 0,
        });
        const own = counter.takeWithin();
        const all = counter.take();
        entry.requests = addCounts(entry.requests, own);
        entry.pollers = addCounts(
          entry.pollers,
          Object.fromEntries(Object.entries(all).map(([op, n]) => [op, n - (own[op] ?? 0)])),
        );
        entry.cpuMicros += used.user + used.system;
        entry.engineCpuMicros += engineUsed;
        entry.engineDatabaseMicros += engineDatabaseUsed;
        entry.wallMs += result.wallMs;
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
    if (session) {
      for (const [name, taken] of profiles)
        taken.forEach((profile, round) =>
          writeFileSync(
            join(profileDir as string, `${name.replace(/[^a-z0-9]+/gi, '-')}-${round + 1}.cpuprofile`),
            JSON.stringify(profile),
          ),
        );
      session.disconnect();
    }
    const loadAtEnd = loadavg()[0] as number;
    const floor = median(results['GET /openapi.json (floor)']?.rps ?? []);
    const verdict = (ok: boolean) => (ok ? 'yes' : '**no**');
    const rows = Object.entries(results).map(([name, r]) => {
      const ratio = median(r.rps) / floor;
      const p95 = median(r.p95);
      const targets = name.includes('(floor)')
        ? '-'
        : `${verdict(ratio >= FLOOR_RATIO_TARGET)} / ${verdict(p95 < P95_TARGET_MS)}`;
      const cores = ((r.cpuMicros + r.engineCpuMicros) / 1000 / r.wallMs / availableParallelism()) * 100;
      const databaseBusy = (r.engineDatabaseMicros / 1000 / r.wallMs) * 100;
      return `| ${name} | ${median(r.rps).toFixed(0)} | ${median(r.p50).toFixed(1)} | ${p95.toFixed(1)} | ${ratio.toFixed(2)} | ${targets} | ${r.non2xx} | ${describeCounts(r.requests, r.sent)} | ${(r.cpuMicros / 1000 / r.sent).toFixed(2)} | ${!engine.found ? '-' : (r.engineCpuMicros / 1000 / r.sent).toFixed(2)} | ${!engine.found ? '-' : cores.toFixed(0)} | ${!engine.found ? '-' : databaseBusy.toFixed(0)} | ${describeCounts(r.pollers, r.sent)} |`;
    });
    ctx.report({
      title: 'HTTP API under load (local stack)',
      markdown: [
        `${TOTAL} requests per round, ${CONCURRENCY} in flight, from a separate Node process; ${ROUNDS} rounds, medians. The service runs every poller (router, delivery, projector) in the same process as the API, as \`npm start\` does, on DynamoDB Local sharing this 2-core machine (load average ${loadAtStart.toFixed(1)} at the start, ${loadAtEnd.toFixed(1)} at the end: other work shares the cores, so read the ratios to the floor of the same run). Each measure starts once the pollers have settled; POST /referrals also feeds the router and projector while it is measured. Targets: throughput >= ${FLOOR_RATIO_TARGET}x the floor, p95 < ${P95_TARGET_MS} ms. AWS requests are those the HTTP requests sent themselves (the token's revocation check, the audit, the reads and writes); CPU is the service process's (API, pollers and the in-process SQS and SES stand-ins) and DynamoDB Local's (the Java process) per HTTP request, and the share of the machine's ${availableParallelism()} cores the two took together while measured. DynamoDB Local runs every read and write of its database on one thread (\`SQLiteQueue\`): "database thread busy" is that thread's CPU over the wall time of the measure, so near 100% the engine is at its own ceiling whatever the service does.`,
        '',
        '| request | requests/s | latency median (ms) | latency p95 (ms) | throughput / floor | targets met (throughput / p95) | non-2xx answers | AWS requests per HTTP request | service CPU per HTTP request (ms) | DynamoDB Local CPU per HTTP request (ms) | service + DynamoDB Local, % of the cores | DynamoDB Local database thread busy (%) | pollers meanwhile, per HTTP request |',
        '| --- | ---: | ---: | ---: | ---: | --- | ---: | --- | ---: | ---: | ---: | ---: | --- |',
        ...rows,
      ].join('\n'),
      data: { loadAverage: { start: loadAtStart, end: loadAtEnd }, results },
    });
  } finally {
    await service.stop();
  }
}
