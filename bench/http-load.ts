// A load generator run as its own process (so the load does not share the service's event
// loop): fires `total` requests with `concurrency` in flight and prints one JSON line with the
// latency of each request and the wall time. Used by bench/api.bench.ts.
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    method: { type: 'string', default: 'GET' },
    total: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '16' },
    token: { type: 'string' },
    body: { type: 'string' },
  },
});
if (!values.url) throw new Error('--url is required');
const total = Number(values.total);
const concurrency = Number(values.concurrency);
const headers: Record<string, string> = {};
if (values.token) headers.authorization = `Bearer ${values.token}`;
if (values.body) headers['content-type'] = 'application/json';

const latencies: number[] = [];
const statuses: Record<string, number> = {};
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < total) {
      next += 1;
      const sent = performance.now();
      const response = await fetch(values.url as string, {
        method: values.method,
        headers,
        ...(values.body ? { body: values.body } : {}),
      });
      await response.arrayBuffer();
      latencies.push(performance.now() - sent);
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    }
  }),
);
process.stdout.write(`${JSON.stringify({ wallMs: performance.now() - started, latencies, statuses })}\n`);
