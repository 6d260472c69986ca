// Each organisation's own people over HTTP, on the local stack with the demo identity: Coventry's
// organisation administrator invites a Channel chair, who signs in and works; changes their role
// (the token they hold is refused from then on: it carries the old role); removes them (refused
// at once, and they can no longer sign in). Nobody manages another organisation's people or gives
// a role beyond casework, and every attempt is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSubject } from '../../../../functions/audit/access-audit.js';
import { type ApiHarness, startApiHarness } from '../api-harness.js';

const COVENTRY = 'la:E08000026';
const WEST_MIDLANDS = 'police:E23000014';
let api: ApiHarness;
let invitedId = '';
let invitedToken = '';

beforeAll(async () => {
  api = await startApiHarness('people');
});
afterAll(async () => {
  await api?.stop();
});

const queue = (token: string) => api.call('GET', `/organisations/${COVENTRY}/triage-queue`, { token });
const secondLater = () => new Promise((resolve) => setTimeout(resolve, 1_100));

describe("an organisation's people", () => {
  it('lists the caseworkers of the organisation only', async () => {
    const answer = await api.call('GET', `/organisations/${COVENTRY}/people`, {
      token: await api.token('coventry-admin'),
    });
    expect(answer.status).toBe(200);
    const people = answer.json.people as { user: string; organisation: string; role: string }[];
    expect(people.map((person) => person.user).sort()).toEqual(['coventry-chair', 'coventry-lead']);
    expect(people.every((person) => person.organisation === COVENTRY)).toBe(true);
  });

  it('invites a Channel chair, who can sign in and read their queue', async () => {
    const answer = await api.call('POST', `/organisations/${COVENTRY}/people`, {
      token: await api.token('coventry-admin'),
      body: { name: 'Nia Newcomer', email: 'nia.newcomer@coventry.example', role: 'channel-chair' },
    });
    expect(answer.status).toBe(201);
    expect(answer.json).toMatchObject({
      name: 'Nia Newcomer',
      role: 'channel-chair',
      organisation: COVENTRY,
      enabled: true,
    });
    invitedId = answer.json.user as string;
    invitedToken = await api.token(invitedId);
    expect((await queue(invitedToken)).status).toBe(200);
    const again = await api.call('POST', `/organisations/${COVENTRY}/people`, {
      token: await api.token('coventry-admin'),
      body: { name: 'Nia Again', email: 'nia.newcomer@coventry.example', role: 'channel-chair' },
    });
    expect(again.status).toBe(422);
  });

  it('gives only the casework roles of the organisation, and only to its own people', async () => {
    const admin = await api.token('coventry-admin');
    for (const role of [
      'administrator',
      'organisation-administrator',
      'data-protection-officer',
      'police-prevent-officer',
    ]) {
      const answer = await api.call('POST', `/organisations/${COVENTRY}/people`, {
        token: admin,
        body: { name: 'Someone', email: `someone-${role}@coventry.example`, role },
      });
      expect(answer.status, role).toBe(422);
    }
    const otherOrganisation = await api.call('POST', `/organisations/${WEST_MIDLANDS}/people`, {
      token: admin,
      body: { name: 'Someone', email: 'someone@wmp.example', role: 'police-prevent-officer' },
    });
    expect(otherOrganisation.status).toBe(403);
    const otherPerson = await api.call('DELETE', `/organisations/${COVENTRY}/people/wm-officer`, { token: admin });
    expect(otherPerson.status).toBe(404);
    const viaTheirs = await api.call('DELETE', `/organisations/${WEST_MIDLANDS}/people/wm-officer`, { token: admin });
    expect(viaTheirs.status).toBe(403);
    const byCaseworker = await api.call('GET', `/organisations/${COVENTRY}/people`, {
      token: await api.token('coventry-lead'),
    });
    expect(byCaseworker.status).toBe(403);
    expect((await queue(await api.token('wm-officer'))).status).toBe(403);
  });

  it('changes a role: the token with the old role is refused, a new sign-in carries the new one', async () => {
    const answer = await api.call('PUT', `/organisations/${COVENTRY}/people/${invitedId}/role`, {
      token: await api.token('coventry-admin'),
      body: { role: 'local-authority-prevent-lead' },
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ role: 'local-authority-prevent-lead' });
    expect((await queue(invitedToken)).status).toBe(401);
    await secondLater();
    const fresh = await api.call('POST', '/dev/token', { body: { persona: invitedId } });
    invitedToken = fresh.json.token as string;
    expect((fresh.json.persona as { role: string }).role).toBe('local-authority-prevent-lead');
    expect((await queue(invitedToken)).status).toBe(200);
  });

  it('removes a leaver: their token is refused at once and they can no longer sign in', async () => {
    const answer = await api.call('DELETE', `/organisations/${COVENTRY}/people/${invitedId}`, {
      token: await api.token('coventry-admin'),
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ enabled: false });
    const refused = await queue(invitedToken);
    expect(refused.status).toBe(401);
    expect(refused.text).toContain('sign in again');
    expect((await api.call('POST', '/dev/token', { body: { persona: invitedId } })).status).toBe(404);
  });

  it('records every change and every refused attempt', async () => {
    const records = await api.audit(auditSubject('people', COVENTRY));
    expect(records.filter((record) => record.outcome === 'allowed').map((record) => record.purpose)).toEqual(
      expect.arrayContaining([
        'invite as channel-chair',
        `set the role of ${invitedId} to local-authority-prevent-lead`,
        `remove ${invitedId}`,
      ]),
    );
    expect(records.some((record) => record.outcome === 'refused' && record.user === 'coventry-lead')).toBe(true);
    const west = await api.audit(auditSubject('people', WEST_MIDLANDS));
    expect(west.every((record) => record.outcome === 'refused')).toBe(true);
    expect(west.length).toBeGreaterThanOrEqual(2);
  });
});
