// Every write route over HTTP on the real local stack: bad input of every kind is refused with a
// problem+json 4xx that never echoes what was sent, and writes nothing; retried submissions with
// an Idempotency-Key get the first answer and write one referral; changes name their version.
// Requests go through the typed client; bad input that a typed client cannot send (malformed
// JSON, other media types, wrong fields, a missing If-Match) goes raw.
import { itemCount } from '../../engines/raw-items.js';
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editAt } from '../../local/attack/openapi-operations.js';
import { type z } from 'zod';
import { routingPreview } from '../../../domain/routing/routing-preview.js';
import { OrganisationChange } from '../../../functions/api/administration/administration-routes.js';
import { caseCommandRoutes } from '../../../functions/api/case-commands/case-command-catalogue.js';
import { createHealthCheck } from '../../../functions/api/platform/health-check.js';
import { ReferralForm } from '../../../functions/api/referrals/referral-form.js';
import { isBookkeeping } from '../../../domain/referral/bookkeeping.js';
import { auditSubject } from '../../../functions/audit/access-audit.js';
import { loadGeography } from '../../../functions/geography/load-geography.js';
import { eventStoreTable, tableDefinitions, tableName } from '../../../functions/tables/table-definitions.js';
import { allDelivered } from '../router/referral-desk.js';
import { caseCommandBodies, documentedCaseCommandBodies, referralForm } from './api-fixtures.js';
import { servedApiDocument } from '../../api-client/api-document.js';
import { type CaseCommand, type CaseCommandBody, sendCaseCommand } from '../../api-client/api-client.js';
import { type ApiHarness, answered, startApiHarness, until } from './api-harness.js';

let api: ApiHarness;
const bodies = documentedCaseCommandBodies(new Date());
const bodiesByPath = caseCommandBodies(new Date());
const MARKER = 'Zq-PERSONAL-7731';
const NEWCASTLE = 'la:E07000195';

beforeAll(async () => {
  api = await startApiHarness('api-writes');
});
afterAll(async () => {
  await api?.stop();
});

async function submitAndWaitForDelivery(token?: string, form = referralForm('CV1 2NJ')): Promise<string> {
  const answer = await answered(api.client(token).POST('/referrals', { body: form }));
  expect(answer.status).toBe(201);
  const referralId = answer.data!.referralId;
  await until('delivery to every destination', async () =>
    allDelivered(await api.store.read(`referral-${referralId}`)),
  );
  return referralId;
}

/** A case command through the typed client, naming the version it changes (and a key, if given). */
function sendCommand<Command extends CaseCommand>(
  token: string,
  referralId: string,
  command: Command,
  body: CaseCommandBody<Command>,
  header: { 'If-Match': string; 'Idempotency-Key'?: string },
) {
  return answered(sendCaseCommand(api.client(token), command, referralId, body, header));
}

async function versionOf(referralId: string): Promise<number> {
  const events = await api.store.read(`referral-${referralId}`);
  return events.at(-1)?.version ?? 0;
}

async function submittedReferrals(): Promise<number> {
  return itemCount(api.stack.clients.dynamo, tableName(api.stack.config.SERVICE_PREFIX, eventStoreTable), {
    FilterExpression: '#type = :submitted',
    ExpressionAttributeNames: { '#type': 'type' },
    ExpressionAttributeValues: { ':submitted': { S: 'ReferralSubmitted' } },
  });
}

// ---- Bad input, driven by fast-check ---------------------------------------------------------

interface WriteRoute {
  name: string;
  method: 'POST' | 'PUT';
  path: () => string;
  persona: string | null;
  valid: Record<string, unknown>;
  schema: z.ZodType;
  ifMatch: boolean;
}

type Path = (string | number)[];

function pathsOf(value: unknown, at: Path = []): { leaves: Path[]; objects: Path[] } {
  const found = { leaves: [] as Path[], objects: [] as Path[] };
  if (Array.isArray(value)) value.forEach((item, index) => merge(found, pathsOf(item, [...at, index])));
  else if (value !== null && typeof value === 'object') {
    found.objects.push(at);
    for (const [key, item] of Object.entries(value)) {
      found.leaves.push([...at, key]);
      merge(found, pathsOf(item, [...at, key]));
    }
  }
  return found;
}
function merge(into: { leaves: Path[]; objects: Path[] }, from: { leaves: Path[]; objects: Path[] }) {
  into.leaves.push(...from.leaves);
  into.objects.push(...from.objects);
}

interface BadRequest {
  label: string;
  body?: string;
  contentType: string;
}

/** Hand-written arbitraries around a valid body: each yields a request the route must refuse. */
function badRequests(route: WriteRoute): fc.Arbitrary<BadRequest> {
  const { leaves, objects } = pathsOf(route.valid);
  const rejected = (body: unknown) => !route.schema.safeParse(body).success;
  const json = (label: string, body: unknown): BadRequest => ({
    label,
    body: JSON.stringify(body),
    contentType: 'application/json',
  });
  const strangeValue = fc.oneof(
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(MARKER),
    fc.constant([MARKER]),
    fc.constant({ note: MARKER }),
    fc.double(),
  );
  // A body with no fields (starting the gateway assessment) has none to drop, retype or make too long.
  const anyOf = <T>(items: readonly T[]) => (items.length > 0 ? [fc.constantFrom(...items)] : []);
  // Never drawn when there are no leaves (below); fast-check needs a value to build it.
  const leaf = fc.constantFrom(...(leaves.length > 0 ? leaves : [['none']]));
  const drop = leaf.map((path) =>
    json(
      `drop ${path.join('.')}`,
      editAt(route.valid, path, (parent, key) => delete parent[key]),
    ),
  );
  const retype = fc.tuple(leaf, strangeValue).map(([path, value]) =>
    json(
      `retype ${path.join('.')}`,
      editAt(route.valid, path, (parent, key) => (parent[key] = value)),
    ),
  );
  const stringLeaves = leaves.filter(
    (path) =>
      typeof path.reduce<unknown>((value, key) => (value as Record<string | number, unknown>)[key], route.valid) ===
      'string',
  );
  const oversize = fc
    .tuple(fc.oneof(...anyOf(stringLeaves), fc.constant(null)), fc.integer({ min: 10_001, max: 80_000 }))
    .filter((pair): pair is [Path, number] => pair[0] !== null)
    .map(([path, size]) =>
      json(
        `oversize ${path.join('.')}`,
        editAt(route.valid, path, (parent, key) => (parent[key] = `${MARKER}${'x'.repeat(size)}`)),
      ),
    );
  const extra = fc
    .tuple(fc.oneof(fc.constant<Path>([]), ...anyOf(objects)), fc.stringMatching(/^[a-z][a-zA-Z]{2,12}$/))
    .map(([path, name]) =>
      json(
        `extra field at ${path.join('.') || '(body)'}`,
        path.length === 0
          ? { ...route.valid, [`${name}X`]: MARKER }
          : editAt(route.valid, [...path, `${name}X`], (parent, key) => (parent[key] = MARKER)),
      ),
    );
  const text = JSON.stringify(route.valid);
  const malformed = fc.oneof(
    fc.integer({ min: 0, max: text.length - 1 }).map((cut): BadRequest => ({
      label: `cut at ${cut}`,
      body: text.slice(0, cut),
      contentType: 'application/json',
    })),
    fc
      .constantFrom('{', '[]', 'null', '"text"', `{"${MARKER}":}`, '{,}', '42')
      .map((body): BadRequest => ({ label: `malformed ${body}`, body, contentType: 'application/json' })),
  );
  const wrongType = fc
    .constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/xml',
      'multipart/form-data; boundary=x',
      '',
    )
    .map((contentType): BadRequest => ({ label: `content type ${contentType || '(none)'}`, body: text, contentType }));
  // Dropping or retyping a field may leave a valid body (an optional or nullable field): the
  // schema says which are invalid. Extra fields and strings over every limit are always invalid.
  const droppedOrRetyped = fc.oneof(drop, retype).filter((request) => rejected(JSON.parse(request.body as string)));
  return fc.oneof(
    ...(leaves.length > 0 ? [droppedOrRetyped] : []),
    ...(stringLeaves.length > 0 ? [oversize] : []),
    extra,
    malformed,
    wrongType,
  );
}

describe('bad input on every write route', () => {
  let routes: WriteRoute[];
  let referralId: string;

  beforeAll(async () => {
    referralId = await submitAndWaitForDelivery();
    routes = [
      {
        name: 'POST /referrals',
        method: 'POST',
        path: () => '/referrals',
        persona: null,
        valid: referralForm(),
        schema: ReferralForm,
        ifMatch: false,
      },
      ...caseCommandRoutes.map((route): WriteRoute => ({
        name: `POST ${route.path}`,
        method: 'POST',
        path: () => `/referrals/${referralId}/${route.path}`,
        persona: 'wm-officer',
        valid: bodiesByPath[route.path]!,
        schema: route.body,
        ifMatch: true,
      })),
      {
        name: 'PUT /organisations/{id}',
        method: 'PUT',
        path: () => `/organisations/${NEWCASTLE}`,
        persona: 'administrator',
        valid: { mailbox: 'prevent@newcastle.example.gov.uk', onboarded: true, reason: 'Joins the shared service' },
        schema: OrganisationChange,
        ifMatch: false,
      },
    ];
  });

  it('answers problem+json 4xx, never 5xx, never echoes a value, and writes nothing', async () => {
    const version = await versionOf(referralId);
    const before = { events: await api.settledEventCount(), idempotency: await api.count('idempotency') };
    const tokens = new Map<string, string>();
    for (const persona of ['wm-officer', 'administrator']) tokens.set(persona, await api.token(persona));
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(badRequests(route), fc.boolean(), async (request, withKey) => {
          const headers: Record<string, string> = {
            ...(request.contentType ? { 'content-type': request.contentType } : {}),
          };
          if (route.ifMatch) headers['if-match'] = `"${version}"`;
          if (withKey) headers['idempotency-key'] = 'property-run-key-0001';
          const token = route.persona ? tokens.get(route.persona) : undefined;
          const answer = await api.call(route.method, route.path(), {
            ...(token ? { token } : {}),
            ...(request.body !== undefined ? { rawBody: request.body } : {}),
            headers,
          });
          expect(answer.status, `${route.name} ${request.label}: ${answer.text.slice(0, 300)}`).toBeGreaterThanOrEqual(
            400,
          );
          expect(answer.status, `${route.name} ${request.label}`).toBeLessThan(500);
          expect(answer.headers.get('content-type')).toBe('application/problem+json');
          expect(answer.json).toMatchObject({
            status: answer.status,
            title: expect.any(String),
            detail: expect.any(String),
          });
          expect(answer.text).not.toContain(MARKER);
        }),
        { numRuns: 60 },
      );
    }
    expect({ events: await api.count('events'), idempotency: await api.count('idempotency') }).toEqual(before);
  });

  it('names the field and the rule for a wrong type, a missing field and an unknown one', async () => {
    const form = referralForm();
    const answer = await api.call('POST', '/referrals', {
      body: {
        ...form,
        immediateRisk: 'yes',
        extraField: MARKER,
        personal: { ...form.personal, person: { ...form.personal.person, name: undefined } },
      },
    });
    expect(answer.status).toBe(400);
    const fields = (answer.json.errors as { field: string; message: string }[]).map((error) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['immediateRisk', 'personal.person.name', '(body)']));
    expect(answer.text).not.toContain(MARKER);
  });

  it.each([
    ['a referral id with other characters', 'POST', '/referrals/abc!def%20ghi/close'],
    ['a too short referral id', 'GET', '/referrals/abc'],
    ['an organisation id of no known kind', 'GET', '/organisations/acme:123/triage-queue'],
  ])('refuses %s (400, names the parameter)', async (_label, method, path) => {
    const answer = await api.call(method, path, {
      token: await api.token('wm-officer'),
      ...(method === 'POST' ? { body: bodies.close } : {}),
      headers: { 'if-match': '"1"' },
    });
    expect(answer.status).toBe(400);
    expect((answer.json.errors as { field: string }[])[0]?.field).toMatch(/^path\./);
  });

  it('refuses a body over 64 KB (413) and a request without a token on a signed-in route (401)', async () => {
    const big = await api.call('POST', '/referrals', {
      rawBody: JSON.stringify({ ...referralForm(), padding: 'x'.repeat(70_000) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(big.status).toBe(413);
    const anonymous = await answered(
      api.client().POST('/referrals/{referralId}/close', {
        params: { path: { referralId }, header: { 'If-Match': '"1"' } },
        body: bodies.close,
      }),
    );
    expect(anonymous.status).toBe(401);
  });
});

// ---- Idempotency and versions --------------------------------------------------------------

describe('retried submissions', () => {
  it('return the first answer and write one referral, even when the retries race', async () => {
    const before = await submittedReferrals();
    const submit = () =>
      answered(
        api.client().POST('/referrals', {
          params: { header: { 'Idempotency-Key': 'b3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d' } },
          body: referralForm('CV1 2NJ', { immediateRisk: true }),
        }),
      );
    const first = await submit();
    expect(first.status).toBe(201);
    expect(first.json.immediateRisk).toMatchObject({ call999: true, message: expect.stringContaining('999') });
    const retries = await Promise.all(Array.from({ length: 4 }, submit));
    for (const retry of retries) expect(retry.json).toEqual(first.json);
    expect(await submittedReferrals()).toBe(before + 1);
  });

  it('that race from the first attempt also agree on one referral', async () => {
    const before = await submittedReferrals();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        answered(
          api.client().POST('/referrals', {
            params: { header: { 'Idempotency-Key': 'race-from-the-start-0000001' } },
            body: referralForm('B1 1AA'),
          }),
        ),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((answer) => answer.json.referralId)).size).toBe(1);
    expect(await submittedReferrals()).toBe(before + 1);
  });

  it('refuse the same key with a different form (422, in plain words) and write nothing', async () => {
    const submit = async (postcode: string) =>
      answered(
        api.client(await api.token('coventry-teacher')).POST('/referrals', {
          params: { header: { 'Idempotency-Key': 'second-form-same-key-000001' } },
          body: referralForm(postcode),
        }),
      );
    expect((await submit('CV1 2NJ')).status).toBe(201);
    const before = await submittedReferrals();
    const other = await submit('WS13 6AA');
    expect(other.status).toBe(422);
    expect(other.json).toMatchObject({
      code: 'idempotency-key-reused',
      detail: expect.stringContaining('already used for a different referral form'),
    });
    expect(other.text).not.toContain('WS13');
    expect(await submittedReferrals()).toBe(before);
  });

  it('give the public no way to probe whether a key was used: an anonymous key is scoped to its form as well', async () => {
    const submit = (postcode: string) =>
      answered(
        api.client().POST('/referrals', {
          params: { header: { 'Idempotency-Key': 'anonymous-probe-key-000000001' } },
          body: referralForm(postcode),
        }),
      );
    const first = await submit('CV1 2NJ');
    expect(first.status).toBe(201);
    // Someone else, with another form and the same key, learns nothing about the first: theirs is simply recorded.
    const stranger = await submit('WS13 6AA');
    expect(stranger.status).toBe(201);
    expect(stranger.json.referralId).not.toBe(first.json.referralId);
    // Only the very same form with the same key is a retry.
    const retry = await submit('CV1 2NJ');
    expect(retry.json.referralId).toBe(first.json.referralId);
  });

  it("keep one caller's key apart from another's", async () => {
    const submitAs = (token?: string) =>
      answered(
        api.client(token).POST('/referrals', {
          params: { header: { 'Idempotency-Key': 'shared-key-between-callers-01' } },
          body: referralForm('CV1 2NJ'),
        }),
      );
    const anonymous = await submitAs();
    const teacher = await submitAs(await api.token('coventry-teacher'));
    expect(anonymous.status).toBe(201);
    expect(teacher.status).toBe(201);
    expect(teacher.json.referralId).not.toBe(anonymous.json.referralId);
  });
});

describe('versions of a case', () => {
  let referralId: string;
  beforeAll(async () => {
    referralId = await submitAndWaitForDelivery();
  });

  it('a change without If-Match is 428 and writes nothing', async () => {
    const before = await api.settledEventCount();
    // Raw: the document makes If-Match required, so the typed client cannot leave it out.
    const answer = await api.call('POST', `/referrals/${referralId}/gateway-assessment/start`, {
      token: await api.token('wm-officer'),
      body: bodies['gateway-assessment/start'],
    });
    expect(answer.status).toBe(428);
    expect(await api.count('events')).toBe(before);
  });

  it('a stale If-Match is 409 with the current version (body and ETag), and writes nothing', async () => {
    const current = await versionOf(referralId);
    const before = await api.settledEventCount();
    // Stale: from before the routing, the last change to what the case says (deliveries since are bookkeeping).
    const events = await api.store.read(`referral-${referralId}`);
    const lastChange = events.filter((event) => !isBookkeeping(event.type)).at(-1)?.version ?? 1;
    const answer = await sendCommand(
      await api.token('wm-officer'),
      referralId,
      'gateway-assessment/start',
      bodies['gateway-assessment/start'],
      { 'If-Match': `"${lastChange - 1}"` },
    );
    expect(answer.status).toBe(409);
    expect(answer.json.currentVersion).toBe(current);
    expect(answer.headers.get('etag')).toBe(`"${current}"`);
    expect(await api.count('events')).toBe(before);
  });

  it('a current If-Match records the change and answers the new version; a retry with the same Idempotency-Key replays it', async () => {
    const current = await versionOf(referralId);
    const token = await api.token('wm-officer');
    const send = () =>
      sendCommand(token, referralId, 'gateway-assessment/start', bodies['gateway-assessment/start'], {
        'If-Match': `"${current}"`,
        'Idempotency-Key': 'start-gateway-key-000000001',
      });
    const first = await send();
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ version: current + 1, recordedEvents: 1, replayed: false });
    const retry = await send();
    expect(retry.json).toMatchObject({ version: current + 1, replayed: true });
    expect(await versionOf(referralId)).toBe(current + 1);
  });

  it('erasure records PersonalDataErased and destroys the data key; a retry is answered, not refused', async () => {
    const current = await versionOf(referralId);
    const token = await api.token('wm-officer');
    const erased = await sendCommand(token, referralId, 'erasure', bodies.erasure, { 'If-Match': `"${current}"` });
    expect(erased.status).toBe(200);
    const read = await answered(api.client(token).GET('/referrals/{referralId}', { params: { path: { referralId } } }));
    expect(read.json).toMatchObject({ erased: true, submission: { personal: 'erased' } });
    expect(read.text).not.toContain('Alex Person');
    const timeline = await answered(
      api.client(token).GET('/referrals/{referralId}/timeline', { params: { path: { referralId } } }),
    );
    expect(
      (timeline.json.entries as { type: string; personal?: unknown }[]).find(
        (entry) => entry.type === 'ReferralSubmitted',
      )?.personal,
    ).toBe('erased');
    const again = await sendCommand(token, referralId, 'erasure', bodies.erasure, {
      'If-Match': read.headers.get('etag')!,
    });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ recordedEvents: 0, replayed: true });
  });
});

describe('an Idempotency-Key is bound to the command it was first used for', () => {
  async function personalReadable(referralId: string): Promise<boolean> {
    const events = await api.store.read(`referral-${referralId}`);
    const submitted = events.find((event) => event.type === 'ReferralSubmitted');
    return submitted?.personal !== undefined && !('erased' in (submitted.personal as object));
  }

  // The defect as found: a key used to start the gateway assessment, sent again with an erasure
  // and If-Match "0", answered 200 replayed and destroyed the personal data with no event, no
  // audit and no role check. (Every route pair and role: test/local/attack/.)
  it('a key used to start the gateway assessment never erases', async () => {
    const referralId = await submitAndWaitForDelivery();
    const token = await api.token('wm-officer');
    const key = 'bound-key-start-then-erase-01';
    const current = await versionOf(referralId);
    const first = await sendCommand(token, referralId, 'gateway-assessment/start', bodies['gateway-assessment/start'], {
      'If-Match': `"${current}"`,
      'Idempotency-Key': key,
    });
    expect(first.status).toBe(200);
    const before = await api.settledEventCount();
    const erasure = await sendCommand(token, referralId, 'erasure', bodies.erasure, {
      'If-Match': '"0"',
      'Idempotency-Key': key,
    });
    expect(erasure.status).toBe(422);
    expect(erasure.headers.get('content-type')).toContain('application/problem+json');
    expect(erasure.json).toMatchObject({ code: 'idempotency-key-reused' });
    expect(await personalReadable(referralId)).toBe(true);
    expect((await api.store.read(`referral-${referralId}`)).some((event) => event.type === 'PersonalDataErased')).toBe(
      false,
    );
    expect(await api.count('events')).toBe(before);
  });

  it('answers 422 idempotency-key-reused for another command under a used key, with any If-Match, and changes nothing', async () => {
    const referralId = await submitAndWaitForDelivery();
    const token = await api.token('wm-officer');
    const key = 'used-once-key-0000000000001';
    const current = await versionOf(referralId);
    expect(
      (
        await sendCommand(token, referralId, 'escalation', bodies.escalation, {
          'If-Match': `"${current}"`,
          'Idempotency-Key': key,
        })
      ).status,
    ).toBe(200);
    const version = await versionOf(referralId);
    for (const ifMatch of ['"0"', `"${current}"`, `"${version}"`]) {
      const erasure = await sendCommand(token, referralId, 'erasure', bodies.erasure, {
        'If-Match': ifMatch,
        'Idempotency-Key': key,
      });
      expect(erasure.status).toBe(422);
      expect(erasure.json).toMatchObject({
        code: 'idempotency-key-reused',
        detail: expect.stringContaining('already used for a different request'),
      });
    }
    // The same route with a different body is another request too.
    const otherBody = await sendCommand(
      token,
      referralId,
      'escalation',
      { personal: { reason: 'Another reason altogether.' } },
      { 'If-Match': `"${current}"`, 'Idempotency-Key': key },
    );
    expect(otherBody.status).toBe(422);
    expect(await versionOf(referralId)).toBe(version);
    expect(await personalReadable(referralId)).toBe(true);
    // A true retry still gets the first answer.
    const retry = await sendCommand(token, referralId, 'escalation', bodies.escalation, {
      'If-Match': `"${current}"`,
      'Idempotency-Key': key,
    });
    expect(retry.status).toBe(200);
    expect(retry.json).toMatchObject({ version, replayed: true });
  });

  it('a retried erasure under its own key is answered and the data key is destroyed', async () => {
    const referralId = await submitAndWaitForDelivery();
    const token = await api.token('wm-officer');
    const current = await versionOf(referralId);
    const send = () =>
      sendCommand(token, referralId, 'erasure', bodies.erasure, {
        'If-Match': `"${current}"`,
        'Idempotency-Key': 'erasure-own-key-00000000001',
      });
    expect((await send()).status).toBe(200);
    const retry = await send();
    expect(retry.status).toBe(200);
    expect(retry.json).toMatchObject({ replayed: true });
    expect(await personalReadable(referralId)).toBe(false);
  });
});

// ---- Administration and platform -----------------------------------------------------------

describe('organisation administration', () => {
  it('onboards a council as an event on its stream, says when its queue comes, and lists it once projected', async () => {
    const token = await api.token('administrator');
    const admin = api.client(token);
    const change = (organisationId: string, body: { mailbox?: string; onboarded?: boolean }) =>
      answered(
        admin.PUT('/organisations/{organisationId}', {
          params: { path: { organisationId } },
          body: { ...body, reason: 'Newcastle-under-Lyme joins the shared service' },
        }),
      );
    const answer = await change(NEWCASTLE, { onboarded: true, mailbox: 'prevent@newcastle.example.gov.uk' });
    expect(answer.status).toBe(200);
    expect(answer.json.organisation).toMatchObject({
      id: NEWCASTLE,
      onboarded: true,
      mailbox: 'prevent@newcastle.example.gov.uk',
      changed: ['mailbox', 'onboarded'],
      version: 1,
    });
    expect((answer.json.notes as string[]).join(' ')).toMatch(/next deployment/);
    const events = await api.store.read('organisation-la_E07000195');
    expect(events.map((event) => [event.type, event.actor.role])).toEqual([
      ['OrganisationDetailsChanged', 'administrator'],
    ]);
    const repeated = await change(NEWCASTLE, { onboarded: true });
    expect(repeated.json.organisation).toMatchObject({ version: 1, changed: [] });

    const listed = await until('the change in the directory', async () => {
      const list = await answered(admin.GET('/organisations'));
      const found = (list.json.organisations as { id: string; onboarded: boolean; receivesReferrals: boolean }[]).find(
        (organisation) => organisation.id === NEWCASTLE,
      );
      return found?.onboarded ? found : undefined;
    });
    expect(listed).toMatchObject({
      onboarded: true,
      receivesReferrals: false,
      mailbox: 'prevent@newcastle.example.gov.uk',
    });
    const queueName = loadGeography().organisations.get(NEWCASTLE)!.queueName;
    await api.stack.clients.sqs.send(
      new CreateQueueCommand({ QueueName: queueName, Attributes: { FifoQueue: 'true' } }),
    );
    const after = await answered(admin.GET('/organisations'));
    expect(
      (after.json.organisations as { id: string; receivesReferrals: boolean }[]).find(
        (organisation) => organisation.id === NEWCASTLE,
      )?.receivesReferrals,
    ).toBe(true);
  });

  it("changes a council's sharing policy as an event, and lists the policy in force", async () => {
    const admin = api.client(await api.token('administrator'));
    const birmingham = 'la:E08000025';
    const before = await answered(admin.GET('/organisations'));
    const policies = (json: unknown) =>
      new Map(
        (json as { organisations: { id: string; sharing: string }[] }).organisations.map((o) => [o.id, o.sharing]),
      );
    expect(policies(before.json).get('la:E08000026')).toBe('on-submission');
    expect(policies(before.json).get('police:E23000014')).toBe('on-submission');
    expect(policies(before.json).get(birmingham)).toBe('after-deconfliction');
    const answer = await answered(
      admin.PUT('/organisations/{organisationId}', {
        params: { path: { organisationId: birmingham } },
        body: { sharing: 'on-submission', reason: 'The council asked to receive referrals at once' },
      }),
    );
    expect(answer.status).toBe(200);
    expect(answer.json.organisation).toMatchObject({ id: birmingham, sharing: 'on-submission', changed: ['sharing'] });
    expect((await api.store.read('organisation-la_E08000025')).map((event) => event.type)).toEqual([
      'OrganisationSharingPolicyChanged',
    ]);
    await until('the policy in the directory', async () => {
      const list = await answered(admin.GET('/organisations'));
      return policies(list.json).get(birmingham) === 'on-submission' ? true : undefined;
    });
    const back = await answered(
      admin.PUT('/organisations/{organisationId}', {
        params: { path: { organisationId: birmingham } },
        body: { sharing: 'after-deconfliction', reason: 'Back to the default after the trial' },
      }),
    );
    expect(back.json.organisation).toMatchObject({ sharing: 'after-deconfliction', version: 2 });
    const hub = await answered(
      admin.PUT('/organisations/{organisationId}', {
        params: { path: { organisationId: 'police:E23000014' } },
        body: { sharing: 'after-deconfliction', reason: 'Trying the impossible' },
      }),
    );
    expect(hub).toMatchObject({ status: 422, json: expect.objectContaining({ code: 'always-on-submission' }) });
  });

  it('answers with what a change would do before it is made, and keeps each change with who, when and why', async () => {
    const admin = api.client(await api.token('administrator'));
    const cannock = 'la:E07000192';
    const preview = await answered(
      admin.POST('/organisations/{organisationId}/change-preview', {
        params: { path: { organisationId: cannock } },
        body: { onboarded: true, mailbox: 'prevent@cannockchasedc.example.gov.uk' },
      }),
    );
    expect(preview.status).toBe(200);
    const effects = preview.json.effects as { kind: string; districts?: string[]; policeForce?: string }[];
    expect(effects.map((effect) => effect.kind)).toEqual([
      'districts-join',
      'queue-awaits-deployment',
      'open-cases-stay',
      'mailbox-moves',
    ]);
    expect(effects[0]).toMatchObject({ districts: ['Cannock Chase'], policeForce: 'Staffordshire Police' });
    expect(await api.store.read('organisation-la_E07000192'), 'a preview records nothing').toEqual([]);
    const noReason = await answered(
      admin.PUT('/organisations/{organisationId}', {
        params: { path: { organisationId: cannock } },
        body: { onboarded: true } as never,
      }),
    );
    expect(noReason.status).toBe(400);
    expect(await api.store.read('organisation-la_E07000192')).toEqual([]);
    for (const [body, reason] of [
      [{ onboarded: true, mailbox: 'prevent@cannockchasedc.example.gov.uk' }, 'Cannock Chase joins from 1 April'],
      [{ sharing: 'on-submission' }, 'The council receives referrals as the police do'],
    ] as const)
      expect(
        (
          await answered(
            admin.PUT('/organisations/{organisationId}', {
              params: { path: { organisationId: cannock } },
              body: { ...body, reason },
            }),
          )
        ).status,
      ).toBe(200);
    const history = await answered(
      admin.GET('/organisations/{organisationId}/history', { params: { path: { organisationId: cannock } } }),
    );
    expect(history.status).toBe(200);
    expect(history.json.history).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ role: 'administrator' }),
        changes: [{ field: 'sharing', from: 'after-deconfliction', to: 'on-submission' }],
        reason: 'The council receives referrals as the police do',
      }),
      expect.objectContaining({
        changes: [
          {
            field: 'mailbox',
            from: 'prevent-team.e07000192@mailbox.invalid',
            to: 'prevent@cannockchasedc.example.gov.uk',
          },
          { field: 'onboarded', from: false, to: true },
        ],
        reason: 'Cannock Chase joins from 1 April',
      }),
    ]);
    const officer = api.client(await api.token('wm-officer'));
    expect(
      (
        await answered(
          officer.GET('/organisations/{organisationId}/history', { params: { path: { organisationId: cannock } } }),
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await answered(
          admin.GET('/organisations/{organisationId}/history', {
            params: { path: { organisationId: 'la:E99999999' } },
          }),
        )
      ).status,
    ).toBe(404);
  });

  it('refuses what the policy and the decider refuse, and records refused attempts', async () => {
    const change = async (persona: string, organisationId: string, body: { mailbox?: string; onboarded?: boolean }) =>
      answered(
        api.client(await api.token(persona)).PUT('/organisations/{organisationId}', {
          params: { path: { organisationId } },
          body: { ...body, reason: 'A change that must be refused' },
        }),
      );
    expect((await change('administrator', 'la:E99999999', { onboarded: true })).status).toBe(404);
    const hub = await change('administrator', 'police:E23000014', { onboarded: false });
    expect(hub).toMatchObject({ status: 422, json: expect.objectContaining({ code: 'always-onboarded' }) });
    const officer = await change('wm-officer', NEWCASTLE, { onboarded: false });
    expect(officer.status).toBe(403);
    expect((await answered(api.client(await api.token('coventry-lead')).GET('/organisations'))).status).toBe(403);
    expect(await api.audit(auditSubject('organisation', NEWCASTLE))).toContainEqual(
      expect.objectContaining({ user: 'wm-officer', action: 'manage-organisations', outcome: 'refused' }),
    );
  });
});

describe('platform routes', () => {
  it('reports every engine up, with real calls', async () => {
    const health = await answered(api.client().GET('/health'));
    expect(health.status, health.text).toBe(200);
    const engines = health.json.engines as { engine: string; status: string }[];
    expect(engines.map((engine) => engine.engine).sort()).toEqual(
      [...tableDefinitions.map((table) => `dynamodb:${table.logicalName}`), 'ses', 'sqs'].sort(),
    );
    expect(engines.every((engine) => engine.status === 'up')).toBe(true);
    const missing = await createHealthCheck({
      dynamo: api.stack.clients.dynamo,
      sqs: api.stack.clients.sqs,
      ses: api.stack.clients.ses,
      servicePrefix: 'no-such-prefix',
      probeQueueUrl: `${api.stack.config.QUEUE_URL_BASE}no-such-queue.fifo`,
    }).check();
    expect(missing.status).toBe('down');
    expect(missing.engines.filter((engine) => engine.status === 'down').map((engine) => engine.engine)).toEqual(
      expect.arrayContaining(['dynamodb:events', 'sqs']),
    );
  });

  it('serves the OpenAPI document listing every route: the very document the typed client is generated from', async () => {
    const answer = await answered(api.client().GET('/openapi.json'));
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual(servedApiDocument());
    expect(answer.json.openapi).toBe('3.1.0');
    expect(Object.keys(answer.json.paths as object)).toEqual(
      expect.arrayContaining([
        '/referrals',
        '/referrals/{referralId}/erasure',
        '/organisations/{organisationId}/triage-queue',
        '/statistics/{table}',
        '/health',
      ]),
    );
  });

  it('previews routing exactly as the route CLI does, and refuses an unreadable postcode without echoing it', async () => {
    const answer = await answered(
      api.client().GET('/routing/preview', { params: { query: { postcode: 'CV1 2NJ', vsh: 'true' } } }),
    );
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual(
      JSON.parse(
        JSON.stringify(
          routingPreview({ postcode: 'CV1 2NJ', vulnerabilitySupportHubRequested: true }, loadGeography()).preview,
        ),
      ),
    );
    const bad = await answered(api.client().GET('/routing/preview', { params: { query: { postcode: 'ZZ9!' } } }));
    expect(bad.status).toBe(400);
    expect(bad.text).not.toContain('ZZ9');
  });

  it('left the pollers without errors', () => {
    expect(api.errors.map(({ source, error }) => `${source}: ${String(error)}`)).toEqual([]);
  });
});
