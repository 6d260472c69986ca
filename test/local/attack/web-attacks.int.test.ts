// Generated attacks on the web pages (API Gateway's catch-all route, ANY / and ANY /{proxy+}), on
// the real local stack: hostile and malformed-percent paths and queries, traversal towards files
// outside the static assets, forged and tampered session cookies, and posts without the form's
// CSRF token (signed in and not). Every answer: no 5xx, nothing submitted comes back, no file
// from outside the assets; a forged cookie never signs anyone in; a post without its token is
// refused and writes nothing; the service is still healthy afterwards. ATTACK_SEED replays.
import { type APIGatewayProxyEventV2, type APIGatewayProxyStructuredResultV2, type Context } from 'aws-lambda';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referralForm } from '../../functions/api/api-fixtures.js';
import { allDelivered } from '../../functions/router/referral-desk.js';
import {
  ATTACK_SEED,
  type AttackService,
  CONCURRENCY,
  type RawAnswer,
  type RawRequest,
  type Verdict,
  expectNoBrokenInvariants,
  inPool,
  judge,
  startAttackService,
  until,
} from './attack-harness.js';
import { hostileSegment, hostileString, malformedPercent, marker, percentEncode } from './generated-attacks.js';

const RUNS = Number.parseInt(process.env.ATTACK_WEB_RUNS ?? '150', 10);
const SESSION = '__Host-session';
/** Text of files that must never be served: the project's manifest, the system's accounts. */
const FOREIGN_FILES = [/"name":\s*"prevent-referral-routing"/, /root:x:0:0/, /"devDependencies"/];

let svc: AttackService;
let referralId: string;
let signedIn: { cookie: string; csrf: string };

function cookiesOf(answer: RawAnswer): Map<string, string> {
  const raw = answer.headers['set-cookie'];
  const out = new Map<string, string>();
  for (const line of Array.isArray(raw) ? raw : raw ? [raw] : []) {
    const [pair] = line.split(';');
    const index = pair!.indexOf('=');
    out.set(pair!.slice(0, index).trim(), pair!.slice(index + 1).trim());
  }
  return out;
}

function csrfOf(html: string): string {
  const found = /name="_csrf"\s+value="([^"]+)"/.exec(html) ?? /value="([^"]+)"\s+name="_csrf"/.exec(html);
  if (!found?.[1]) throw new Error('no CSRF token on the page');
  return found[1];
}

/** Signs in through the pages as a demo user: the sign-in page's session and token, then the persona posted. */
async function signIn(persona: string): Promise<{ cookie: string; csrf: string }> {
  const page = await svc.send({ label: 'sign-in page', method: 'GET', path: '/sign-in' });
  expect(page.status).toBe(200);
  const before = cookiesOf(page).get(SESSION);
  expect(before).toBeTruthy();
  const posted = await svc.send({
    label: 'sign in',
    method: 'POST',
    path: '/sign-in/callback',
    headers: { cookie: `${SESSION}=${before}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ persona, _csrf: csrfOf(page.text) }).toString(),
  });
  expect(posted.status, posted.text.slice(0, 200)).toBe(303);
  const cookie = `${SESSION}=${cookiesOf(posted).get(SESSION) ?? before}`;
  const queue = await svc.send({ label: 'queue', method: 'GET', path: '/queue', headers: { cookie } });
  expect(queue.status, 'signed in, the queue shows').toBe(200);
  return { cookie, csrf: csrfOf(queue.text) };
}

function pageVerdict(request: RawRequest, answer: RawAnswer): Verdict {
  const verdict = judge(request, answer, 'tolerated', { problemJson: false });
  for (const pattern of FOREIGN_FILES)
    if (pattern.test(answer.text)) verdict.problems.push(`served a file from outside the assets (${pattern.source})`);
  return verdict;
}

async function sendAll(
  requests: readonly RawRequest[],
  extra: (request: RawRequest, answer: RawAnswer, verdict: Verdict) => void = () => undefined,
): Promise<Verdict[]> {
  return inPool(requests, CONCURRENCY, async (request) => {
    const answer = await svc.send(request);
    const verdict = pageVerdict(request, answer);
    extra(request, answer, verdict);
    return verdict;
  });
}

beforeAll(async () => {
  console.info(`attack suite (web pages): ATTACK_SEED=${ATTACK_SEED} (set ATTACK_SEED to replay)`);
  svc = await startAttackService('attack-web');
  const submitted = await svc.send({
    label: 'submit',
    method: 'POST',
    path: '/referrals',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(referralForm('CV1 2NJ')),
  });
  expect(submitted.status).toBe(201);
  referralId = submitted.json.referralId as string;
  await until('delivery', async () => allDelivered(await svc.store.read(`referral-${referralId}`)));
  signedIn = await signIn('wm-officer');
}, 120_000);

afterAll(async () => {
  await svc?.stop();
});

describe('the web pages under generated attack', () => {
  it('answer hostile, traversing and malformed paths and queries without a 5xx, an echo or a foreign file', async () => {
    const segment = fc.oneof(hostileSegment, malformedPercent);
    const traversal = fc.constantFrom(
      '/assets/..%2F..%2Fpackage.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/assets/..%5C..%5Cpackage.json',
      '/assets/....//....//package.json',
      '/assets/govuk/../../../package.json',
      '/assets/%252e%252e/%252e%252e/package.json',
      '/assets/..%c0%af..%c0%afpackage.json',
      '/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/assets//etc/passwd',
      '//etc/passwd',
      '/assets/..%00/package.json',
      '/%2e%2e/%2e%2e/package.json',
      '/assets/application.css%00.html',
    );
    const path = fc.oneof(
      segment.map((value) => `/cases/${value}`),
      segment.map((value) => `/cases/${referralId}/actions/${value}`),
      segment.map((value) => `/referral/${value}`),
      segment.map((value) => `/reports/${value}`),
      segment.map((value) => `/${value}`),
      segment.map((value) => `/assets/${value}`),
      fc.tuple(segment, segment).map(([a, b]) => `/${a}/${b}`),
      traversal,
      fc
        .tuple(
          fc.constantFrom(
            '/',
            '/queue',
            '/regional-work',
            `/cases/${referralId}`,
            '/referral/person-name',
            '/reports',
            '/sign-in',
          ),
          fc.oneof(hostileString.map(percentEncode), malformedPercent),
          fc.constantFrom('lang', 'year', 'step', '__proto__', 'constructor'),
        )
        .map(([page, value, name]) => `${page}?${name}=${value}`),
      fc
        .tuple(fc.constantFrom('/', '/queue', '/reports'), marker, fc.integer({ min: 2_000, max: 6_000 }))
        .map(([page, mark, size]) => `${page}?lang=${mark}${'a'.repeat(size)}`),
    );
    const requests = fc
      .sample(fc.tuple(path, fc.boolean(), fc.constantFrom('GET', 'GET', 'POST', 'HEAD', 'PUT')), {
        seed: ATTACK_SEED,
        numRuns: RUNS,
      })
      .map(([target, withSession, method]): RawRequest => ({
        label: `hostile path${withSession ? ', signed in' : ''}`,
        method,
        path: target,
        headers: {
          ...(withSession ? { cookie: signedIn.cookie } : {}),
          ...(method === 'POST' || method === 'PUT' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        ...(method === 'POST' || method === 'PUT' ? { body: 'a=1' } : {}),
      }));
    const before = await svc.settledEventCount();
    const verdicts = await sendAll(requests);
    expect(await svc.count('events'), 'hostile paths wrote nothing').toBe(before);
    console.info(`attack suite (web pages): ${verdicts.length} hostile paths`);
    expectNoBrokenInvariants(verdicts, 'hostile paths on the pages');
    await svc.expectHealthy();
  }, 180_000);

  it('never sign anyone in with a forged or tampered session cookie', async () => {
    const real = signedIn.cookie.slice(SESSION.length + 1);
    const forged = fc.oneof(
      fc
        .tuple(
          fc.nat({ max: real.length - 1 }),
          fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'),
        )
        .map(
          ([at, character]) =>
            `${real.slice(0, at)}${character === real[at] ? (character === 'A' ? 'B' : 'A') : character}${real.slice(at + 1)}`,
        )
        // A change only in the unused low bits of the last base64url character names the same bytes: not a forgery.
        .filter((value) => !Buffer.from(value, 'base64url').equals(Buffer.from(real, 'base64url'))),
      fc.nat({ max: real.length - 1 }).map((cut) => real.slice(0, cut)),
      fc.constant([...real].reverse().join('')),
      marker.map((mark) => `${real}${mark}`),
      marker.map((mark) =>
        Buffer.from(
          JSON.stringify({
            person: { user: 'administrator', organisation: 'platform', role: 'administrator', name: mark },
            csrf: mark,
          }),
        ).toString('base64url'),
      ),
      marker.map((mark) => `${mark}.${mark}.${mark}`),
      marker.map((mark) => `${mark}${'A'.repeat(3_500)}`),
      hostileString.map(percentEncode),
      fc.constantFrom('', '=', ';', '%ZZ', 'null', 'undefined', '[object Object]', '{}', '..%2F..%2F'),
    );
    const pages = ['/queue', `/cases/${referralId}`, `/cases/${referralId}/actions/close`, '/reports'];
    const requests = fc
      .sample(fc.tuple(forged, fc.constantFrom(...pages), fc.boolean()), { seed: ATTACK_SEED + 1, numRuns: RUNS })
      .map(([value, page, forgedFirst]): RawRequest => ({
        label: forgedFirst ? 'forged session cookie ahead of a real one of another name' : 'forged session cookie',
        method: 'GET',
        path: page,
        headers: { cookie: forgedFirst ? `${SESSION}=${value}; __Host-lang=en` : `${SESSION}=${value}` },
      }));
    const before = await svc.settledEventCount();
    const verdicts = await sendAll(requests, (_request, answer, verdict) => {
      // Not signed in: the pages send the visitor to sign in (or refuse); never the page itself.
      if (answer.status === 200 || (answer.status === 303 && String(answer.headers.location) !== '/sign-in'))
        verdict.problems.push(
          `a forged cookie was taken as a session (${answer.status} ${String(answer.headers.location ?? '')})`,
        );
    });
    expect(await svc.count('events')).toBe(before);
    expectNoBrokenInvariants(verdicts, 'forged session cookies');
    await svc.expectHealthy();
  });

  it('refuse every post without its CSRF token (signed in or not), and write nothing', async () => {
    const other = await signIn('coventry-lead');
    const anonymous = await svc.send({ label: 'form start', method: 'GET', path: '/referral/person-name' });
    const anonymousCookie = cookiesOf(anonymous).get(SESSION);
    const targets = [
      `/cases/${referralId}/actions/start-gateway-assessment`,
      `/cases/${referralId}/actions/close`,
      `/cases/${referralId}/actions/erase-personal-data`,
      `/cases/${referralId}/actions/transfer`,
      '/referral/check-answers',
      '/referral/other-agencies',
      '/referral/person-name',
      '/sign-in/callback',
      '/sign-out',
    ];
    const token = fc.oneof(
      fc.constant<string | undefined>(undefined),
      fc.constant(''),
      fc.constant(other.csrf),
      marker,
      fc.constant(signedIn.csrf.slice(0, -1)),
      fc.constant(`${signedIn.csrf}x`),
      fc.constant(
        signedIn.csrf.toUpperCase() === signedIn.csrf ? signedIn.csrf.toLowerCase() : signedIn.csrf.toUpperCase(),
      ),
    );
    const session = fc.constantFrom('signed in', 'another session', 'anonymous form session', 'none');
    const requests = fc
      .sample(
        fc.tuple(
          fc.constantFrom(...targets),
          token,
          session,
          hostileString,
          fc.constantFrom(
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'text/plain',
            'application/json',
          ),
        ),
        { seed: ATTACK_SEED + 2, numRuns: RUNS },
      )
      .map(([target, csrf, who, value, contentType]): RawRequest => {
        const cookie =
          who === 'signed in'
            ? signedIn.cookie
            : who === 'another session'
              ? `${signedIn.cookie.split('=')[0]}=${other.cookie.split('=').slice(1).join('=')}`
              : who === 'anonymous form session' && anonymousCookie
                ? `${SESSION}=${anonymousCookie}`
                : undefined;
        // The token of another session is posted with this one; "another session" posts its own cookie with our token instead.
        const posted =
          who === 'another session' ? signedIn.csrf : csrf === other.csrf && who !== 'signed in' ? undefined : csrf;
        const fields = new URLSearchParams({
          persona: 'administrator',
          closureOutcome: 'no-further-action',
          erasureReason: 'recorded-in-error',
          erasureGrounds: 'mistaken-or-test-submission',
          personName: value,
          transferPostcode: 'WS13 6AA',
          ...(posted !== undefined ? { _csrf: posted } : {}),
        });
        return {
          label: `post without its token (${who}, token ${posted === undefined ? 'absent' : posted === other.csrf ? "another session's" : 'wrong'}, ${contentType})`,
          method: 'POST',
          path: target,
          headers: { 'content-type': contentType, ...(cookie ? { cookie } : {}) },
          body: contentType === 'application/json' ? JSON.stringify(Object.fromEntries(fields)) : fields.toString(),
        };
      });
    const before = await svc.settledEventCount();
    const verdicts = await sendAll(requests, (_request, answer, verdict) => {
      // Refused: a 4xx, or (no signed-in session on a signed-in page) sent to sign in first.
      const toSignIn = answer.status === 303 && answer.headers.location === '/sign-in';
      if ((answer.status < 400 || answer.status >= 500) && !toSignIn)
        verdict.problems.push(
          `a post without its token answered ${answer.status} ${String(answer.headers.location ?? '')}`,
        );
    });
    expect(await svc.count('events'), 'posts without their token wrote events').toBe(before);
    // Still signed in as before, as the same person (a forged sign-in or sign-out changed nothing).
    const queue = await svc.send({
      label: 'queue',
      method: 'GET',
      path: '/queue',
      headers: { cookie: signedIn.cookie },
    });
    expect(queue.status).toBe(200);
    console.info(`attack suite (web pages): ${verdicts.length} posts without their CSRF token`);
    expectNoBrokenInvariants(verdicts, 'posts without their CSRF token');
    await svc.expectHealthy();
  });

  it('answer malformed percent-encoding sent as API Gateway sends it (raw path, decoded proxy) without a 5xx', async () => {
    const paths = fc
      .sample(
        fc.tuple(
          fc.constantFrom('/cases/', `/cases/${referralId}/actions/`, '/referral/', '/reports/', '/'),
          malformedPercent,
        ),
        { seed: ATTACK_SEED + 3, numRuns: 40 },
      )
      .map(([page, value]) => `${page}${value}`);
    const failures: string[] = [];
    for (const rawPath of paths) {
      const event = {
        version: '2.0',
        routeKey: 'ANY /{proxy+}',
        rawPath,
        rawQueryString: '',
        headers: { host: 'localhost', cookie: signedIn.cookie },
        cookies: [signedIn.cookie],
        pathParameters: { proxy: rawPath.slice(1) },
        isBase64Encoded: false,
        requestContext: {
          http: { method: 'GET', path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'attack' },
          requestId: `attack-${failures.length}`,
          routeKey: 'ANY /{proxy+}',
          stage: '$default',
          domainName: 'localhost',
          accountId: 'local',
          apiId: 'local',
          domainPrefix: 'local',
          time: '',
          timeEpoch: Date.now(),
        },
      } as unknown as APIGatewayProxyEventV2;
      const result = (await svc.webHandler(event, {
        awsRequestId: 'attack',
      } as Context)) as APIGatewayProxyStructuredResultV2;
      const status = result.statusCode ?? 200;
      if (status >= 500) failures.push(`GET ${rawPath} (as API Gateway sends it) answered ${status}`);
      if (String(result.body ?? '').match(/Qz[0-9a-z]+M[0-9a-z]{4,}k/i))
        failures.push(`GET ${rawPath} echoed the path`);
    }
    expect(failures, `(ATTACK_SEED=${ATTACK_SEED})`).toEqual([]);
  });
});

describe("the case action forms' hidden command key", () => {
  function hiddenValue(html: string, name: string): string {
    const found = new RegExp(`name="${name}" value="([^"]+)"`).exec(html);
    if (!found?.[1]) throw new Error(`no ${name} on the form`);
    return found[1];
  }

  async function openForm(action: string): Promise<{ version: string; commandKey: string; csrf: string }> {
    const page = await svc.send({
      label: `open ${action}`,
      method: 'GET',
      path: `/cases/${referralId}/actions/${action}`,
      headers: { cookie: signedIn.cookie },
    });
    expect(page.status).toBe(200);
    return {
      version: hiddenValue(page.text, 'version'),
      commandKey: hiddenValue(page.text, 'commandKey'),
      csrf: csrfOf(page.text),
    };
  }

  async function post(action: string, form: Record<string, string>): Promise<RawAnswer> {
    return svc.send({
      label: `post ${action}`,
      method: 'POST',
      path: `/cases/${referralId}/actions/${action}`,
      headers: { cookie: signedIn.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  }

  // The web sibling of the Idempotency-Key defect: a key from one form posted with another form
  // (the erasure) must not replay, run or erase.
  it('used for one action never erases through another, and a true resubmission is answered as the first', async () => {
    const start = await openForm('start-gateway-assessment');
    // The form asks nothing: the due date was set from the triage policy when the referral was routed.
    const startForm = { _csrf: start.csrf, version: start.version, commandKey: start.commandKey };
    const started = await post('start-gateway-assessment', startForm);
    expect(started.status, started.text.slice(0, 300)).toBe(303);
    const before = await svc.store.read(`referral-${referralId}`);

    const erase = await openForm('erase-personal-data');
    const erasure = await post('erase-personal-data', {
      _csrf: erase.csrf,
      version: start.version,
      commandKey: start.commandKey,
      erasureReason: 'recorded-in-error',
      erasureGrounds: 'mistaken-or-test-submission',
    });
    expect(erasure.status).toBeLessThan(500);
    expect(erasure.status).not.toBe(303);
    expect(erasure.text).toContain('This form was already sent for something else');
    const after = await svc.store.read(`referral-${referralId}`);
    expect(after.map((event) => event.type)).toEqual(before.map((event) => event.type));
    expect(after.some((event) => event.type === 'PersonalDataErased')).toBe(false);
    const submitted = after.find((event) => event.type === 'ReferralSubmitted');
    expect(submitted?.personal).not.toEqual({ erased: true });

    // Sent again exactly (a double click, a browser retry): the first answer, nothing twice.
    const again = await post('start-gateway-assessment', startForm);
    expect(again.status).toBe(303);
    expect((await svc.store.read(`referral-${referralId}`)).length).toBe(after.length);
  });
});
