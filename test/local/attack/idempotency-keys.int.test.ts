// Idempotency-Key across case commands, on the real local stack: a key used for one command never
// runs, replays or erases through another. For referrals walked through their whole life, every
// case command route is the first command once per walk (each by a caseworker role that may run
// it: police officer, council Prevent lead, Channel chair, hub clinician); the second command,
// sent by the same caller with the same key and the case's current version, is another route
// drawn by fast-check (a shuffle in which every route is the second command once per walk). The
// second must answer 422 problem+json naming the key, leave the stream as it was and the personal
// data readable; a true retry of the first (same route, body, key and If-Match) answers as the
// first did, writing nothing. ATTACK_SEED=<n> draws other pairs; ATTACK_WALKS=<n> walks more.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RecordedEvent } from '../../../events/catalogue.js';
import { caseCommandRoutes } from '../../../functions/api/case-commands/case-command-catalogue.js';
import { caseCommandBodies, isoDateAfter, referralForm } from '../../functions/api/api-fixtures.js';
import { allDelivered } from '../../functions/router/referral-desk.js';
import { ATTACK_SEED, type AttackService, type RawAnswer, startAttackService, until } from './attack-harness.js';

const WALKS = Number.parseInt(process.env.ATTACK_WALKS ?? '2', 10);
const today = new Date();
const bodies: Record<string, Record<string, unknown>> = {
  ...caseCommandBodies(today),
  // Left Channel 13 months ago: both post-exit reviews are due, so the case can be closed.
  exit: { reason: 'no-further-concern', exitDate: isoDateAfter(today, -400) },
  'hub-assessment/request': {
    requestedBy: 'channel-panel',
    personal: { reason: 'The panel asks for a clinical view.' },
  },
  close: { outcome: 'left-channel-no-further-concern' },
  'gateway-assessment/complete': {
    ...caseCommandBodies(today)['gateway-assessment/complete'],
    outcome: 'police-led-case-management',
  },
  'case-management/end': { reason: 'referred-to-channel', personal: { rationale: 'Channel can support them now.' } },
  'panel/schedule': { ...caseCommandBodies(today)['panel/schedule'], localAuthorityCode: 'E08000025' },
};

/**
 * One referral's life, each step a case command route and who runs it: in Birmingham, whose council
 * receives referrals after police deconfliction (so the police can share it), through police-led
 * case management back to Channel, and transferred to Lichfield, whose police accept it.
 */
const walk: { route: string; persona: string }[] = [
  { route: 'gateway-assessment/start', persona: 'wm-officer' },
  { route: 'deconfliction', persona: 'wm-officer' },
  { route: 'sharing', persona: 'wm-officer' },
  { route: 'more-information/request', persona: 'wm-officer' },
  { route: 'escalation', persona: 'wm-officer' },
  { route: 'age', persona: 'wm-officer' },
  { route: 'gateway-assessment/complete', persona: 'wm-officer' },
  { route: 'case-management/review', persona: 'wm-officer' },
  { route: 'case-management/end', persona: 'wm-officer' },
  { route: 'panel/schedule', persona: 'birmingham-lead' },
  { route: 'consent', persona: 'birmingham-lead' },
  { route: 'panel/decision', persona: 'birmingham-lead' },
  { route: 'hub-assessment/request', persona: 'birmingham-lead' },
  { route: 'hub-assessment/complete', persona: 'wm-clinician' },
  { route: 'support/agree', persona: 'birmingham-lead' },
  { route: 'support/review', persona: 'birmingham-lead' },
  { route: 'exit', persona: 'birmingham-lead' },
  { route: 'post-exit-review/complete', persona: 'birmingham-lead' },
  { route: 'transfer', persona: 'birmingham-lead' },
  { route: 'transfer/accept', persona: 'staffs-officer' },
  { route: 'close', persona: 'staffs-officer' },
  { route: 'erasure', persona: 'staffs-officer' },
];
const routes = caseCommandRoutes.map((route) => route.path);

let svc: AttackService;
let keyCount = 0;

function newKey(): string {
  keyCount += 1;
  return `attack-${ATTACK_SEED}-key-${keyCount}-${Math.random().toString(36).slice(2, 10)}`;
}

async function post(
  persona: string,
  referralId: string,
  route: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<RawAnswer> {
  return svc.send({
    label: route,
    method: 'POST',
    path: `/referrals/${referralId}/${route}`,
    headers: { authorization: `Bearer ${await svc.token(persona)}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** The stream once the router, deliveries and projections have come to rest. */
async function settledStream(referralId: string): Promise<RecordedEvent[]> {
  let previous = -1;
  for (let attempt = 0; attempt < 150; attempt += 1) {
    await svc.service.stack.streamsDrained();
    const events = await svc.store.read(`referral-${referralId}`);
    const version = events.at(-1)?.version ?? 0;
    const routed = events.some((event) => event.type === 'ReferralRouted');
    if (
      version === previous &&
      (!routed || allDelivered(events) || events.some((event) => event.type === 'PersonalDataErased'))
    )
      return events;
    previous = version;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`referral ${referralId} did not come to rest`);
}

/** The case's version as `persona` sees it (its ETag), once the case is routed to the persona's organisation. */
async function visibleVersion(persona: string, referralId: string): Promise<number> {
  return until(`${persona} sees ${referralId}`, async () => {
    const answer = await svc.send({
      label: 'read',
      method: 'GET',
      path: `/referrals/${referralId}`,
      headers: { authorization: `Bearer ${await svc.token(persona)}` },
    });
    return answer.status === 200 ? Number(JSON.parse(String(answer.headers.etag))) : undefined;
  });
}

/** Events the caller recorded after `version`, as "version:type". */
function byCallerAfter(events: readonly RecordedEvent[], persona: string, version: number): string[] {
  return events
    .filter((event) => event.version > version && event.actor.user === persona)
    .map((event) => `${event.version}:${event.type}`);
}

function personOf(events: readonly RecordedEvent[]): unknown {
  const submitted = events.find((event) => event.type === 'ReferralSubmitted') as
    { personal?: { person?: { name?: string } } } | undefined;
  return submitted?.personal?.person?.name;
}

function describePair(persona: string, first: string, second: string): string {
  return `${persona}: ${first} then ${second} under the same Idempotency-Key (ATTACK_SEED=${ATTACK_SEED})`;
}

async function submit(): Promise<string> {
  const submitted = await svc.send({
    label: 'submit',
    method: 'POST',
    path: '/referrals',
    headers: { authorization: `Bearer ${await svc.token('coventry-teacher')}`, 'content-type': 'application/json' },
    body: JSON.stringify(referralForm('B1 1BB')),
  });
  expect(submitted.status, submitted.text.slice(0, 200)).toBe(201);
  const referralId = submitted.json.referralId as string;
  await until(`delivery of ${referralId}`, async () => allDelivered(await svc.store.read(`referral-${referralId}`)));
  return referralId;
}

/** Asserts the second command under a used key is refused and changes nothing; returns nothing. */
async function expectKeyRefused(
  persona: string,
  referralId: string,
  first: string,
  second: string,
  key: string,
  ifMatch: string,
  personalExpected: boolean,
): Promise<void> {
  const what = describePair(persona, first, second);
  const before = await settledStream(referralId);
  const answer = await post(persona, referralId, second, bodies[second], {
    'idempotency-key': key,
    'if-match': ifMatch,
  });
  const after = await settledStream(referralId);
  expect(
    answer.status,
    `${what}: POST /referrals/${referralId}/${second} If-Match ${ifMatch} answered ${answer.status} ${answer.text.slice(0, 300)}`,
  ).toBe(422);
  expect(answer.headers['content-type'], what).toBe('application/problem+json');
  expect(
    `${String(answer.json.code)} ${String(answer.json.detail)}`,
    `${what}: the refusal says the key was used for something else`,
  ).toMatch(/idempotency|key/i);
  expect(answer.json.replayed, what).toBeUndefined();
  // The timers and the router may append for other reasons meanwhile (other walks run the timers): nothing of the caller's.
  expect(byCallerAfter(after, persona, before.at(-1)!.version), `${what}: the stream changed`).toEqual([]);
  expect(after.filter((event) => event.type === 'PersonalDataErased').length, `${what}: erased`).toBe(
    before.filter((event) => event.type === 'PersonalDataErased').length,
  );
  if (personalExpected) {
    expect(personOf(after), `${what}: the personal data is no longer readable`).toBe(personOf(before));
    expect(personOf(after), what).toEqual(expect.any(String));
  }
}

beforeAll(async () => {
  console.info(`attack suite (idempotency keys): ATTACK_SEED=${ATTACK_SEED}, ${WALKS} walks`);
  svc = await startAttackService('attack-keys');
}, 120_000);

afterAll(async () => {
  await svc?.stop();
});

describe('an Idempotency-Key used for one case command', () => {
  it('walks every case command route (the walk is the catalogue)', () => {
    expect(new Set(walk.map((step) => step.route))).toEqual(new Set(routes));
    expect(new Set(walk.map((step) => step.persona))).toEqual(
      new Set(['wm-officer', 'birmingham-lead', 'wm-clinician', 'staffs-officer']),
    );
  });

  it('as the police officer of the report: start gateway with K, then erasure with K and If-Match "0" is refused, erases nothing', async () => {
    const referralId = await submit();
    const key = newKey();
    const version = await visibleVersion('wm-officer', referralId);
    const started = await post(
      'wm-officer',
      referralId,
      'gateway-assessment/start',
      bodies['gateway-assessment/start'],
      { 'idempotency-key': key, 'if-match': `"${version}"` },
    );
    expect(started.status, started.text).toBe(200);
    await expectKeyRefused('wm-officer', referralId, 'gateway-assessment/start', 'erasure', key, '"0"', true);
    const events = await settledStream(referralId);
    expect(events.some((event) => event.type === 'PersonalDataErased')).toBe(false);
    const read = await svc.send({
      label: 'read',
      method: 'GET',
      path: `/referrals/${referralId}`,
      headers: { authorization: `Bearer ${await svc.token('wm-officer')}` },
    });
    expect(read.status).toBe(200);
    expect(JSON.stringify(read.json)).toContain(String(personOf(events)));
  });

  it('never runs, replays or erases through another route, for any role; a true retry answers as the first did', async () => {
    // Second commands: a shuffle of the routes with no route in its own place, one per walk.
    const derangements = fc.sample(
      fc
        .shuffledSubarray(routes, { minLength: routes.length, maxLength: routes.length })
        .filter((order) => order.every((route, index) => route !== walk[index]!.route)),
      { seed: ATTACK_SEED, numRuns: WALKS },
    );
    const referralIds = await Promise.all(derangements.map(() => submit()));
    await Promise.all(
      derangements.map(async (seconds, walkIndex) => {
        const referralId = referralIds[walkIndex]!;
        for (const [index, step] of walk.entries()) {
          const second = seconds[index]!;
          const what = describePair(step.persona, step.route, second);
          if (step.route === 'post-exit-review/complete') {
            // The reviews fall due on the timers' next run (the exit was 13 months ago).
            await until('both post-exit reviews due', async () => {
              await svc.service.runTimers();
              return (
                (await svc.store.read(`referral-${referralId}`)).filter((event) => event.type === 'PostExitReviewDue')
                  .length >= 2
              );
            });
          }
          const version = await visibleVersion(step.persona, referralId);
          await settledStream(referralId);
          const key = newKey();
          const ifMatch = `"${await visibleVersion(step.persona, referralId)}"`;
          const first = await post(step.persona, referralId, step.route, bodies[step.route], {
            'idempotency-key': key,
            'if-match': ifMatch,
          });
          expect(
            first.status,
            `${what}: the first command (walk ${walkIndex}, version ${version}) answered ${first.text.slice(0, 300)}`,
          ).toBe(200);
          expect(first.json.replayed).toBe(false);
          const recorded = await settledStream(referralId);
          const current = `"${recorded.at(-1)!.version}"`;
          await expectKeyRefused(step.persona, referralId, step.route, second, key, current, step.route !== 'erasure');

          // A true retry: same route, body, key and If-Match as the first.
          const retry = await post(step.persona, referralId, step.route, bodies[step.route], {
            'idempotency-key': key,
            'if-match': ifMatch,
          });
          expect(retry.status, `${what}: the retry answered ${retry.text.slice(0, 300)}`).toBe(200);
          expect({ ...retry.json, replayed: false }, `${what}: the retry answers as the first did`).toEqual(first.json);
          expect(retry.json.replayed).toBe(true);
          expect(retry.headers.etag).toBe(first.headers.etag);
          const afterRetry = await settledStream(referralId);
          expect(byCallerAfter(afterRetry, step.persona, recorded.at(-1)!.version), `${what}: the retry wrote`).toEqual(
            [],
          );

          if (step.route === 'post-exit-review/complete') {
            const twelve = await post(
              step.persona,
              referralId,
              step.route,
              { ...bodies[step.route], review: 'twelve-month' },
              { 'if-match': `"${afterRetry.at(-1)!.version}"` },
            );
            expect(twelve.status, twelve.text.slice(0, 300)).toBe(200);
          }
        }
        const end = await settledStream(referralId);
        expect(
          end.some((event) => event.type === 'PersonalDataErased'),
          'the walk ends erased by its own erasure',
        ).toBe(true);
      }),
    );
  }, 300_000);
});
