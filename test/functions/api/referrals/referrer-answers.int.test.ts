// The referrer kept informed, over HTTP on the real local stack: the status the referrer who made
// a referral reads (plain words, never the route or outcome), a police officer's question to them
// (mailed as a link only), their answer (sealed, on the case's timeline for those who may read it),
// answering twice or after closure refused plainly, nobody else reading or answering, every read
// of the question recorded in the access audit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventStoreTable, tableName } from '../../../../functions/tables/table-definitions.js';
import { streamItems } from '../../../engines/raw-items.js';
import { referralForm } from '../api-fixtures.js';
import { type ApiHarness, answered, runCaseCommand, startApiHarness, until } from '../api-harness.js';

let api: ApiHarness;
let referralId = '';
let reference = '';
const QUESTION = 'Which lessons were the comments made in, and who else heard them?';
const ANSWER = 'Two history lessons; the teaching assistant heard them too.';

beforeAll(async () => {
  api = await startApiHarness('referrer-answers');
  const answer = await answered(
    api.client(await api.token('coventry-teacher')).POST('/referrals', { body: referralForm('CV1 2NJ') }),
  );
  ({ referralId, reference } = answer.json as { referralId: string; reference: string });
});
afterAll(async () => {
  await api?.stop();
});

async function statusAs(persona: string) {
  return answered(
    api.client(await api.token(persona)).GET('/referrals/{referralId}/status', { params: { path: { referralId } } }),
  );
}

async function answerAs(token: string, requestNumber: number, answer = ANSWER, key?: string) {
  return answered(
    api.client(token).POST('/referrals/{referralId}/more-information/answer', {
      params: { path: { referralId }, header: key ? { 'Idempotency-Key': key } : {} },
      body: { requestNumber, personal: { answer } },
    }),
  );
}

describe('the referrer kept informed, over HTTP', () => {
  it('tells the referrer the referral was received, in plain words, with nothing of the case', async () => {
    const status = await statusAs('coventry-teacher');
    expect(status.status).toBe(200);
    expect(status.json).toEqual({ reference, status: 'received', submittedAt: expect.any(String), question: null });
  });

  it('lets a police officer on the case ask the referrer, and no one else', async () => {
    const body = { personal: { question: QUESTION } };
    await until('the referral routed', async () => (await statusAs('coventry-teacher')).status === 200);
    await until('West Midlands holds the case', async () => {
      const read = await answered(
        api.client(await api.token('wm-officer')).GET('/referrals/{referralId}', { params: { path: { referralId } } }),
      );
      return read.status === 200;
    });
    // The council's Prevent lead holds the case too, but asking the referrer is the police's.
    const council = await runCaseCommand(
      api,
      await api.token('coventry-lead'),
      referralId,
      'more-information/request',
      body,
    );
    expect(council.status).toBe(403);
    const stranger = await runCaseCommand(
      api,
      await api.token('staffs-officer'),
      referralId,
      'more-information/request',
      body,
    );
    expect(stranger.status).toBe(404);
    const asked = await runCaseCommand(
      api,
      await api.token('wm-officer'),
      referralId,
      'more-information/request',
      body,
    );
    expect(asked.status, asked.text).toBe(200);
    const again = await runCaseCommand(
      api,
      await api.token('wm-officer'),
      referralId,
      'more-information/request',
      body,
    );
    expect(again.status).toBe(422);
    expect(again.json).toMatchObject({ code: 'question-awaiting-answer' });
  });

  it('mails the referrer a link to the question, never the question', async () => {
    const mail = await until('the mail to the referrer', async () =>
      (await api.stack.ses.mails()).find((candidate) => candidate.subject.includes('more information requested')),
    );
    expect(mail.subject).toBe(`Prevent referral ${reference}: more information requested`);
    expect(mail.body.text).toContain(`/referral-status/${referralId}/more-information`);
    expect(`${mail.subject}\n${mail.body.text}`).not.toContain('history lessons');
    expect(`${mail.subject}\n${mail.body.text}`).not.toContain('comments');
  });

  it('shows the question to the referrer who made the referral, and records the read', async () => {
    const status = await statusAs('coventry-teacher');
    expect(status.json).toEqual({
      reference,
      status: 'more-information-requested',
      submittedAt: expect.any(String),
      question: { requestNumber: 1, text: QUESTION },
    });
    const reads = await api.audit(`referral-${referralId}`);
    expect(reads).toContainEqual(
      expect.objectContaining({ user: 'coventry-teacher', action: 'read-submission-status', outcome: 'allowed' }),
    );
  });

  it('lets nobody else read the question or answer it: a colleague, the officer (404, as for no such referral)', async () => {
    const colleague = await api.identity.sign('another-teacher', {
      'cognito:groups': ['referrer'],
      'custom:organisation': 'referrer:coventry-school',
    });
    const colleagueStatus = await answered(
      api.client(colleague).GET('/referrals/{referralId}/status', { params: { path: { referralId } } }),
    );
    expect(colleagueStatus.status).toBe(404);
    expect(colleagueStatus.text).not.toContain('history');
    expect((await answerAs(colleague, 1)).status).toBe(404);
    expect((await answerAs(await api.token('wm-officer'), 1)).status).toBe(404);
  });

  it('refuses an empty answer plainly, without echoing anything', async () => {
    const empty = await answerAs(await api.token('coventry-teacher'), 1, '  ');
    expect(empty.status).toBe(400);
    expect(empty.text).not.toContain('history');
  });

  it("records the referrer's answer once (a retry replays it), sealed, and refuses a second answer", async () => {
    const teacher = await api.token('coventry-teacher');
    const first = await answerAs(teacher, 1, ANSWER, 'referrer-answer-key-0001');
    expect(first.status, first.text).toBe(200);
    expect(first.json).toEqual({ referralId, requestNumber: 1, replayed: false });
    const retry = await answerAs(teacher, 1, ANSWER, 'referrer-answer-key-0001');
    expect(retry.json).toEqual({ referralId, requestNumber: 1, replayed: true });
    const twice = await answerAs(teacher, 1, 'Something else.', 'referrer-answer-key-0002');
    expect(twice.status).toBe(422);
    expect(twice.json).toMatchObject({ code: 'question-already-answered' });
    const nothing = await answerAs(teacher, 2, 'Something else.');
    expect(nothing.json).toMatchObject({ code: 'no-question-awaiting-answer' });
    expect((await statusAs('coventry-teacher')).json).toMatchObject({ status: 'being-assessed', question: null });
    // Sealed like all personal data: the stored items hold neither the question nor the answer in clear.
    const raw = JSON.stringify(
      await streamItems(
        api.stack.clients.dynamo,
        tableName(api.stack.config.SERVICE_PREFIX, eventStoreTable),
        `referral-${referralId}`,
      ),
    );
    expect(raw).toContain('ReferrerAnswered');
    expect(raw).not.toContain('teaching assistant');
    expect(raw).not.toContain('history lessons');
    const stored = (await api.store.read(`referral-${referralId}`)).filter(
      (event) => event.type === 'ReferrerAnswered',
    );
    expect(stored.map((event) => event.personal)).toEqual([{ answer: ANSWER }]);
  });

  it('shows the question and the answer on the timeline to the police, and never the case to the referrer', async () => {
    const timeline = await answered(
      api.client(await api.token('wm-officer')).GET('/referrals/{referralId}/timeline', {
        params: { path: { referralId } },
      }),
    );
    const entries = timeline.json.entries as { type: string; personal?: unknown }[];
    expect(entries.find((entry) => entry.type === 'MoreInformationRequested')?.personal).toEqual({
      question: QUESTION,
    });
    expect(entries.find((entry) => entry.type === 'ReferrerAnswered')?.personal).toEqual({ answer: ANSWER });
    const teacher = api.client(await api.token('coventry-teacher'));
    expect(
      (await answered(teacher.GET('/referrals/{referralId}/timeline', { params: { path: { referralId } } }))).status,
    ).toBe(404);
  });

  it('says "closed" once the case is closed, whatever the outcome, and refuses an answer after closure', async () => {
    const officer = await api.token('wm-officer');
    const asked = await runCaseCommand(api, officer, referralId, 'more-information/request', {
      personal: { question: 'Anything since?' },
    });
    expect(asked.status).toBe(200);
    expect((await runCaseCommand(api, officer, referralId, 'gateway-assessment/start', {})).status).toBe(200);
    const completed = await runCaseCommand(api, officer, referralId, 'gateway-assessment/complete', {
      outcome: 'police-led-case-management',
      confirmedConcernType: 'extreme-right-wing',
      deconflicted: true,
      signpostedTo: [],
      personal: { rationale: 'Police-led case management.' },
    });
    expect(completed.status, completed.text).toBe(200);
    const status = await statusAs('coventry-teacher');
    // The route the police chose is not the referrer's to know.
    expect(status.json).toMatchObject({ status: 'more-information-requested' });
    expect(status.text).not.toMatch(/police-led|case-management|gateway/i);
    // Police-led case management ends (risk mitigated at its review) before the case closes (decision 0016, part 3).
    const reviewed = await runCaseCommand(api, officer, referralId, 'case-management/review', {
      riskMitigated: true,
      personal: { notes: 'Engaging with the officer.' },
    });
    expect(reviewed.status, reviewed.text).toBe(200);
    const ended = await runCaseCommand(api, officer, referralId, 'case-management/end', {
      reason: 'no-further-concern',
      personal: { rationale: 'Risk managed.' },
    });
    expect(ended.status, ended.text).toBe(200);
    const closed = await runCaseCommand(api, officer, referralId, 'close', { outcome: 'police-led-case-management' });
    expect(closed.status, closed.text).toBe(200);
    expect((await statusAs('coventry-teacher')).json).toEqual({
      reference,
      status: 'closed',
      submittedAt: expect.any(String),
      question: null,
    });
    const late = await answerAs(await api.token('coventry-teacher'), 2);
    expect(late.status).toBe(422);
    expect(late.json).toMatchObject({ code: 'case-closed' });
  });
});
