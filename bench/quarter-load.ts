// The busiest real quarter as load, from its own process: POST /referrals `total` times, paced
// evenly over `seconds` (at most `concurrency` in flight), a mix of postcodes in every police
// force area and outside England and Wales, 10% urgent, 1 in 7 asking for a hub. Prints one
// JSON line: per referral the wall-clock time it was sent, the answer's status and the referral
// id (no personal data). Used by bench/soak-quarter.bench.ts.
import { parseArgs } from 'node:util';
import { postcodePerForce } from '../local/soak/soak-traffic.js';
import { referralForm } from '../test/functions/api/api-fixtures.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    token: { type: 'string' },
    total: { type: 'string', default: '3287' },
    seconds: { type: 'string', default: '300' },
    concurrency: { type: 'string', default: '32' },
  },
});
if (!values.url || !values.token) throw new Error('--url and --token are required');
const total = Number(values.total);
const spacingMs = (Number(values.seconds) * 1000) / total;
const concurrency = Number(values.concurrency);
const places = [...postcodePerForce(), 'EH1 1YZ', 'BT1 5GS', 'JE2 4WE'];

interface Sent {
  sentAtMs: number;
  status: number;
  referralId: string | null;
}
const sent: Sent[] = [];
let inFlight = 0;
const started = Date.now();
const pending: Promise<void>[] = [];
for (let i = 0; i < total; i += 1) {
  const due = started + i * spacingMs;
  const wait = due - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  while (inFlight >= concurrency) await new Promise((resolve) => setTimeout(resolve, 2));
  inFlight += 1;
  const form = {
    ...referralForm(places[i % places.length], { immediateRisk: i % 10 === 0 }),
    vulnerabilitySupportHubRequested: i % 7 === 0,
  };
  const sentAtMs = Date.now();
  pending.push(
    (async () => {
      try {
        const response = await fetch(values.url as string, {
          method: 'POST',
          headers: { authorization: `Bearer ${values.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(form),
        });
        const body = (await response.json().catch(() => ({}))) as { referralId?: string; id?: string };
        sent.push({ sentAtMs, status: response.status, referralId: body.referralId ?? body.id ?? null });
      } catch {
        sent.push({ sentAtMs, status: 0, referralId: null });
      } finally {
        inFlight -= 1;
      }
    })(),
  );
}
await Promise.all(pending);
process.stdout.write(`${JSON.stringify({ wallMs: Date.now() - started, sent })}\n`);
