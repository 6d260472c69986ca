import { referralStreamId } from './domain/referral/stream-id.js';
import { createServiceEventStore } from './functions/composition/event-store.js';
import { createAwsClients } from './functions/composition/clients.js';
import { startLoadService } from './bench/load-service.js';
import { referralForm } from './test/functions/api/api-fixtures.js';
import { postcodePerForce } from './local/soak/soak-traffic.js';

const t0 = performance.now();
const { service } = await startLoadService(50);
console.log(`service started in ${(performance.now() - t0).toFixed(0)} ms`);
const clients = createAwsClients(service.stack.config);
const store = createServiceEventStore(service.stack.config, clients);
const token = (
  (await (
    await fetch(`${service.url}/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ persona: 'coventry-teacher' }),
    })
  ).json()) as { token: string }
).token;
const places = postcodePerForce();
const gap = Number(process.env.GAP_MS ?? 0);
const marks: Record<string, string> = {};
for (let i = 0; i < Number(process.env.N ?? 12); i += 1) {
  marks[`start${i}`] = String(process.hrtime.bigint() / 1000n);
  const sent = Date.now();
  const response = await fetch(`${service.url}/referrals`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(referralForm(places[i % places.length], {})),
  });
  const answered = Date.now();
  const body = (await response.json()) as { referralId?: string; id?: string };
  const id = body.referralId ?? body.id ?? '';
  let routedAt = 0,
    deliveredAt = 0;
  for (let tries = 0; tries < 600; tries++) {
    const events = await store.read(referralStreamId(id));
    const routed = events.findLast((e) => e.type === 'ReferralRouted');
    const delivered = events.filter((e) => e.type === 'ReferralDelivered');
    if (routed?.type === 'ReferralRouted' && delivered.length >= routed.data.destinations.length) {
      routedAt = Date.parse(routed.recordedAt);
      deliveredAt = Math.max(...delivered.map((e) => Date.parse(e.recordedAt)));
      break;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  marks[`end${i}`] = String(process.hrtime.bigint() / 1000n);
  console.log(
    `#${i} status ${response.status} answer ${answered - sent} ms, routed +${routedAt - sent} ms, delivered +${deliveredAt - sent} ms`,
  );
  if (gap) await new Promise((r) => setTimeout(r, gap));
}
console.log('MARKS ' + JSON.stringify(marks));
await service.stop();
process.exit(0);
