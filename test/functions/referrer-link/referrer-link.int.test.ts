// The referrer's link over HTTP, on the real local stack: a member of the public refers without
// signing in, and the links of their mails alone open the status and the question (API and pages);
// without a link, or with a forged, altered, expired, spent or another referral's link, the answer
// is the same "not found" as for a referral that does not exist, recorded in the access audit
// without the link or any personal data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeReferrerLinks } from '../../../functions/referrer-link/referrer-link-composition.js';
import { referralForm } from '../api/api-fixtures.js';
import { type ApiHarness, answered, runCaseCommand, startApiHarness, until } from '../api/api-harness.js';

let api: ApiHarness;
const SESSION = '__Host-session';
const QUESTION = 'Which lessons were the comments made in?';
const ANSWER = 'Two history lessons; the teaching assistant heard them too.';

interface Referral {
  referralId: string;
  reference: string;
}

async function referPublicly(): Promise<Referral> {
  const answer = await answered(api.client().POST('/referrals', { body: referralForm('CV1 2NJ') }));
  expect(answer.status, answer.text).toBe(201);
  return answer.json as unknown as Referral;
}

/** The link (`?link=` value) and address of the mail whose subject names `reference` and says `kind`. */
async function mailedLink(reference: string, kind: string): Promise<{ url: URL; link: string; text: string }> {
  const mail = await until(`the ${kind} mail for ${reference}`, async () =>
    (await api.stack.ses.mails()).find(
      (candidate) => candidate.subject.includes(reference) && candidate.subject.includes(kind),
    ),
  );
  const text = mail.body.text ?? '';
  const found = /(https?:\/\/\S+\/referral-status\/\S+)/.exec(text);
  if (!found?.[1]) throw new Error('no link in the mail');
  const url = new URL(found[1]);
  return { url, link: url.searchParams.get('link') ?? '', text };
}

function status(referralId: string, link?: string, token?: string) {
  return answered(
    api.client(token).GET('/referrals/{referralId}/status', {
      params: { path: { referralId }, query: link === undefined ? {} : { link } },
    }),
  );
}

function answer(referralId: string, link: string | undefined, requestNumber: number, text = ANSWER) {
  return answered(
    api.client().POST('/referrals/{referralId}/more-information/answer', {
      params: { path: { referralId }, query: link === undefined ? {} : { link } },
      body: { requestNumber, personal: { answer: text } },
    }),
  );
}

/** One character of the code changed: what a guess or a tampered link looks like. */
function altered(link: string): string {
  const at = link.length - 10;
  return link.slice(0, at) + (link[at] === 'A' ? 'B' : 'A') + link.slice(at + 1);
}

async function ask(referralId: string, question = QUESTION): Promise<void> {
  const officer = await api.token('wm-officer');
  await until('West Midlands holds the case', async () => {
    const read = await answered(
      api.client(officer).GET('/referrals/{referralId}', { params: { path: { referralId } } }),
    );
    return read.status === 200;
  });
  const asked = await runCaseCommand(api, officer, referralId, 'more-information/request', {
    personal: { question },
  });
  expect(asked.status, asked.text).toBe(200);
}

let first: Referral;
let second: Referral;
let statusLink = '';

beforeAll(async () => {
  api = await startApiHarness('referrer-link', { pages: true });
  first = await referPublicly();
  second = await referPublicly();
  ({ link: statusLink } = await mailedLink(first.reference, 'received'));
});
afterAll(async () => {
  await api?.stop();
});

describe("the referrer's link, through the API", () => {
  it("is in the acknowledgement mail: the referral's id and a code, never the reference", async () => {
    const { url, text } = await mailedLink(first.reference, 'received');
    expect(url.pathname).toBe(`/referral-status/${first.referralId}`);
    expect(statusLink).toMatch(/^v1\.s\.\d{10}\.[A-Za-z0-9_-]{43}$/);
    expect(statusLink).not.toContain(first.reference);
    expect(text).toContain('do not forward this message');
  });

  it("opens the status without signing in, and only the link's own referral", async () => {
    const read = await status(first.referralId, statusLink);
    expect(read.status, read.text).toBe(200);
    expect(read.json).toEqual({
      reference: first.reference,
      status: expect.any(String),
      submittedAt: expect.any(String),
      question: null,
    });
    // Another referral's link, an altered one, none at all.
    const { link: secondLink } = await mailedLink(second.reference, 'received');
    expect((await status(first.referralId, secondLink)).status).toBe(404);
    expect((await status(second.referralId, statusLink)).status).toBe(404);
    const forged = await status(first.referralId, altered(statusLink));
    expect(forged.status).toBe(404);
    expect(forged.text).not.toContain(first.reference);
    expect((await status(first.referralId)).status).toBe(401);
    // Nonsense of the right length and shape, and a link for a referral that does not exist.
    expect((await status(first.referralId, `v1.s.9999999999.${'A'.repeat(43)}`)).status).toBe(404);
    expect((await status('nosuchreferral1', statusLink)).status).toBe(404);
  });

  it('is refused once expired, like any link that does not hold', async () => {
    // Minted with the service's own key, as the router would have 91 days ago.
    const links = composeReferrerLinks(api.stack.config, api.stack.clients, () => new Date());
    const old = await links.statusLink(first.referralId, new Date(Date.now() - 91 * 86_400_000));
    expect((await status(first.referralId, old)).status).toBe(404);
    const young = await links.statusLink(first.referralId, new Date(Date.now() - 89 * 86_400_000));
    expect((await status(first.referralId, young)).status).toBe(200);
  });

  it('records every attempt in the access audit, the refusals with why, never the link or the reference', async () => {
    const records = await api.audit(`referral-${first.referralId}`);
    const byLink = records.filter((record) => record.user === 'referrer-link');
    expect(byLink).toContainEqual(
      expect.objectContaining({ action: 'read-submission-status', outcome: 'allowed', organisation: 'public' }),
    );
    const refused = byLink.filter((record) => record.outcome === 'refused').map((record) => record.reason);
    expect(refused).toContainEqual(expect.stringContaining('not valid'));
    expect(refused).toContainEqual(expect.stringContaining('expired'));
    const written = JSON.stringify(records);
    expect(written).not.toContain(statusLink);
    expect(written).not.toContain(statusLink.split('.')[3]);
    expect(written).not.toContain(first.reference);
  });

  it('carries a question link in the question mail that lets the public referrer read and answer it, once', async () => {
    await ask(first.referralId);
    const { url, link, text } = await mailedLink(first.reference, 'more information requested');
    expect(url.pathname).toBe(`/referral-status/${first.referralId}/more-information`);
    expect(link).toMatch(/^v1\.q1\.\d{10}\./);
    expect(text).not.toContain('lessons');
    const read = await status(first.referralId, link);
    expect(read.json).toMatchObject({ question: { requestNumber: 1, text: QUESTION } });
    // A forged question link answers nothing and writes nothing.
    expect((await answer(first.referralId, altered(link), 1)).status).toBe(404);
    expect((await answer(first.referralId, undefined, 1)).status).toBe(401);
    const sent = await answer(first.referralId, link, 1);
    expect(sent.status, sent.text).toBe(200);
    const stored = (await api.store.read(`referral-${first.referralId}`)).filter(
      (event) => event.type === 'ReferrerAnswered',
    );
    expect(stored.map((event) => event.personal)).toEqual([{ answer: ANSWER }]);
    expect(stored[0]?.actor).toMatchObject({ organisation: 'public', user: 'referrer-link', role: 'referrer' });
    // Spent once answered; the status link still opens the status.
    expect((await status(first.referralId, link)).status).toBe(404);
    expect((await answer(first.referralId, link, 1, 'Again.')).status).toBe(404);
    expect((await status(first.referralId, statusLink)).json).toMatchObject({ question: null });
  });

  it('grants nothing else: the case and its timeline stay closed to a link holder', async () => {
    const path = `/referrals/${first.referralId}`;
    expect((await api.call('GET', `${path}?link=${statusLink}`)).status).toBe(401);
    expect((await api.call('GET', `${path}/timeline?link=${statusLink}`)).status).toBe(401);
  });
});

/** A page fetched as a browser would, keeping the session cookie. */
async function page(path: string, jar: { cookie?: string }, form?: Record<string, string>) {
  const response = await fetch(`${api.url}${path}`, {
    method: form ? 'POST' : 'GET',
    redirect: 'manual',
    headers: {
      ...(jar.cookie ? { cookie: jar.cookie } : {}),
      ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    ...(form ? { body: new URLSearchParams(form).toString() } : {}),
  });
  for (const line of response.headers.getSetCookie()) {
    const [pair = ''] = line.split(';');
    if (pair.startsWith(`${SESSION}=`)) jar.cookie = pair;
  }
  const html = await response.text();
  const csrf = /name="_csrf"\s+value="([^"]+)"/.exec(html)?.[1] ?? /value="([^"]+)"\s+name="_csrf"/.exec(html)?.[1];
  return { status: response.status, location: response.headers.get('location'), html, csrf };
}

describe("the referrer's link, through the pages", () => {
  it('opens the status page without signing in; without a link, the sign-in page; a forged link, not found', async () => {
    const opened = await page(
      `/referral-status/${second.referralId}?link=${encodeURIComponent(
        (await mailedLink(second.reference, 'received')).link,
      )}`,
      {},
    );
    expect(opened.status, opened.html.slice(0, 300)).toBe(200);
    expect(opened.html).toContain(second.reference);
    const bare = await page(`/referral-status/${second.referralId}`, {});
    expect(bare.status).toBe(303);
    expect(bare.location).toBe('/sign-in');
    const forged = await page(`/referral-status/${second.referralId}?link=${altered(statusLink)}`, {});
    expect(forged.status).toBe(404);
    expect(forged.html).not.toContain(second.reference);
    const other = await page(`/referral-status/${second.referralId}?link=${statusLink}`, {});
    expect(other.status).toBe(404);
  });

  it("walks the question mail's link: the question, the answer, check your answer, the confirmation", async () => {
    await ask(second.referralId, 'Who else was there?');
    const { url } = await mailedLink(second.reference, 'more information requested');
    const jar: { cookie?: string } = {};
    const question = await page(`${url.pathname}${url.search}`, jar);
    expect(question.status, question.html.slice(0, 300)).toBe(200);
    expect(question.html).toContain('Who else was there?');
    // The next pages carry no link: the session keeps it for this referral.
    const posted = await page(`/referral-status/${second.referralId}/more-information`, jar, {
      _csrf: question.csrf ?? '',
      requestNumber: '1',
      referrerAnswer: 'A friend of theirs.',
    });
    expect(posted.status, posted.html.slice(0, 300)).toBe(303);
    const check = await page(`/referral-status/${second.referralId}/more-information/check`, jar);
    expect(check.status).toBe(200);
    expect(check.html).toContain('A friend of theirs.');
    const sent = await page(`/referral-status/${second.referralId}/more-information/check`, jar, {
      _csrf: check.csrf ?? '',
    });
    expect(sent.status, sent.html.slice(0, 300)).toBe(303);
    expect(sent.location).toBe(`/referral-status/${second.referralId}/more-information/confirmation`);
    const confirmation = await page(sent.location ?? '', jar);
    expect(confirmation.status).toBe(200);
    expect(confirmation.html).toContain(second.reference);
    const stored = (await api.store.read(`referral-${second.referralId}`)).filter(
      (event) => event.type === 'ReferrerAnswered',
    );
    expect(stored.map((event) => event.personal)).toEqual([{ answer: 'A friend of theirs.' }]);
    // The question's link is spent now; a fresh browser with it finds nothing.
    expect((await page(`${url.pathname}${url.search}`, {})).status).toBe(404);
  });
});
