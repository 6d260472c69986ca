// Finding a case by its reference or by the person, over HTTP on the real local stack: the
// organisations the case is routed to find it (typed in lower case, by name and date of birth
// however the name is spelt); another force finds nothing, exactly as for a reference nobody
// has; closed cases are found with the filter; every case shown and every refusal is audited,
// and the audit never holds the name, date of birth or reference asked for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSubject } from '../../../../functions/audit/access-audit.js';
import { referralStreamId } from '../../../../domain/referral/stream-id.js';
import { referralForm } from '../api-fixtures.js';
import { type ApiHarness, answered, runCaseCommand, startApiHarness, until } from '../api-harness.js';

let api: ApiHarness;
let referralId = '';
let reference = '';
const person = { name: 'Morgan Testperson-Search', dateOfBirth: '2009-11-02' };

beforeAll(async () => {
  api = await startApiHarness('case-search');
  const form = referralForm('CV1 2NJ');
  form.personal.person = { ...form.personal.person, ...person };
  const submitted = await answered(api.client().POST('/referrals', { body: form }));
  expect(submitted.status).toBe(201);
  ({ referralId, reference } = submitted.json as { referralId: string; reference: string });
  await until('the referral routed and indexed', async () => {
    const found = await search('wm-officer', { reference });
    return found.status === 200 && (found.json.cases as unknown[]).length === 1;
  });
});
afterAll(async () => {
  await api?.stop();
});

async function search(persona: string, body: Record<string, unknown>) {
  return answered(api.client(await api.token(persona)).POST('/case-search', { body: body as never }));
}

function withoutCorrelation(json: Record<string, unknown>) {
  const { correlationId: _correlationId, ...rest } = json;
  return rest;
}

describe('finding a case', () => {
  it('by its reference, typed in lower case with spaces around it, for the force it is routed to', async () => {
    const found = await search('wm-officer', { reference: `  ${reference.toLowerCase()} ` });
    expect(found.status).toBe(200);
    expect(found.json.cases).toEqual([
      {
        referralId,
        reference,
        status: 'routed',
        closed: false,
        priority: 'standard',
        submittedAt: expect.any(String),
        erased: false,
      },
    ]);
  });

  it('by the person, however the name is spelt, for the council it is routed to', async () => {
    const found = await search('coventry-lead', {
      person: { name: 'MORGAN testperson search', dateOfBirth: person.dateOfBirth },
    });
    expect(found.status).toBe(200);
    expect((found.json.cases as { referralId: string }[]).map((item) => item.referralId)).toEqual([referralId]);
    const otherBirthday = await search('coventry-lead', { person: { name: person.name, dateOfBirth: '2009-11-03' } });
    expect(otherBirthday.json.cases).toEqual([]);
  });

  it('answers another force exactly as it answers a reference nobody has', async () => {
    const probe = await search('staffs-officer', { reference });
    const missing = await search('staffs-officer', { reference: 'PRV-0000-0000' });
    expect(probe.status).toBe(200);
    expect(missing.status).toBe(200);
    expect(withoutCorrelation(probe.json)).toEqual(withoutCorrelation(missing.json));
    expect(probe.json.cases).toEqual([]);
    const byPerson = await search('lichfield-lead', { person });
    expect(byPerson.json.cases).toEqual([]);
  });

  it('refuses roles that do not work on cases', async () => {
    for (const persona of ['home-office-analyst', 'coventry-teacher', 'data-protection-officer', 'coventry-admin']) {
      const answer = await search(persona, { reference });
      expect(answer.status, persona).toBe(403);
      expect(answer.text).not.toContain(reference);
    }
  });

  it('refuses a search by both, or by neither, without echoing what was asked', async () => {
    const both = await search('wm-officer', { reference, person });
    expect(both.status).toBe(400);
    expect(both.text).not.toContain(person.name);
    expect((await search('wm-officer', {})).status).toBe(400);
    const badReference = await search('wm-officer', { reference: 'PRV-OOPS' });
    expect(badReference.status).toBe(400);
    expect(badReference.text).not.toContain('PRV-OOPS');
  });

  it('finds closed cases with the filter, and leaves them out of open ones', async () => {
    const token = await api.token('wm-officer');
    expect((await runCaseCommand(api, token, referralId, 'gateway-assessment/start', {})).status).toBe(200);
    const assessed = await runCaseCommand(api, token, referralId, 'gateway-assessment/complete', {
      outcome: 'no-further-action',
      confirmedConcernType: 'extreme-right-wing',
      deconflicted: true,
      signpostedTo: [],
      personal: { rationale: 'No concern found.' },
    });
    expect(assessed.status).toBe(200);
    const closed = await runCaseCommand(api, token, referralId, 'close', { outcome: 'no-further-action' });
    expect(closed.status).toBe(200);
    const open = await search('wm-officer', { reference, status: 'open' });
    expect(open.json.cases).toEqual([]);
    const closedOnes = await search('wm-officer', { reference, status: 'closed' });
    expect(closedOnes.json.cases).toMatchObject([{ referralId, status: 'closed', closed: true }]);
    expect((await search('wm-officer', { reference })).json.cases).toHaveLength(1);
  });

  it('records every case shown and every refusal, and never what was asked', async () => {
    const records = await api.audit(referralStreamId(referralId));
    const finds = records.filter((record) => record.action === 'find-case');
    expect(finds).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ user: 'wm-officer', outcome: 'allowed', purpose: 'search by reference' }),
        expect.objectContaining({ user: 'coventry-lead', outcome: 'allowed', purpose: 'search by person' }),
        expect.objectContaining({ user: 'staffs-officer', outcome: 'refused' }),
        expect.objectContaining({ user: 'lichfield-lead', outcome: 'refused' }),
      ]),
    );
    const searches = await api.audit(auditSubject('search', 'police:E23000015'));
    expect(searches.length).toBeGreaterThanOrEqual(2);
    const everything = JSON.stringify([...records, ...searches]);
    expect(everything).not.toContain(person.name);
    expect(everything).not.toContain(person.dateOfBirth);
    const refusedRoles = await api.audit(auditSubject('search', 'home-office'));
    expect(refusedRoles).toEqual([expect.objectContaining({ outcome: 'refused', action: 'find-case' })]);
  });
});
