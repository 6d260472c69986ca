// A council's Channel panel in the directory, over HTTP on the real local stack (decision 0017):
// the administrator records it with a reason (previewed first), it is listed and kept in the
// council's history; an incoherent panel, or a panel for a police force, is refused with nothing
// recorded; anyone but an administrator is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, answered, startApiHarness, until } from '../api-harness.js';

const COVENTRY = 'la:E08000026';
const panel = {
  arrangement: 'joint' as const,
  jointWith: ['la:E08000025'],
  chairRole: 'Head of Community Safety',
  mailbox: 'channel@coventry.example.gov.uk',
};
const reason = 'Coventry and Birmingham run one Channel panel';

let api: ApiHarness;
beforeAll(async () => {
  api = await startApiHarness('channel-panel');
});
afterAll(async () => {
  await api?.stop();
});

async function put(persona: string, organisationId: string, body: Record<string, unknown>) {
  return answered(
    api.client(await api.token(persona)).PUT('/organisations/{organisationId}', {
      params: { path: { organisationId } },
      body: body as never,
    }),
  );
}

describe("a council's Channel panel", () => {
  it('is previewed, recorded with who and why, listed and kept in the history', async () => {
    const admin = api.client(await api.token('administrator'));
    const preview = await answered(
      admin.POST('/organisations/{organisationId}/change-preview', {
        params: { path: { organisationId: COVENTRY } },
        body: { channelPanel: panel },
      }),
    );
    expect(preview.json.effects).toEqual([{ kind: 'panel-changes', from: null, to: panel }]);
    const changed = await put('administrator', COVENTRY, { channelPanel: panel, reason });
    expect(changed.status).toBe(200);
    expect(changed.json.organisation).toMatchObject({ channelPanel: panel, changed: ['channelPanel'] });
    const events = await api.store.read('organisation-la_E08000026');
    expect(events.map((event) => [event.type, event.actor.role, event.data])).toEqual([
      ['ChannelPanelChanged', 'administrator', { organisationId: COVENTRY, panel, reason }],
    ]);
    const listed = await until('the panel in the directory', async () => {
      const list = await answered(admin.GET('/organisations'));
      return (list.json.organisations as { id: string; channelPanel: unknown }[]).find(
        (organisation) => organisation.id === COVENTRY && organisation.channelPanel !== null,
      );
    });
    expect(listed.channelPanel).toEqual(panel);
    const history = await answered(
      admin.GET('/organisations/{organisationId}/history', { params: { path: { organisationId: COVENTRY } } }),
    );
    expect(history.json.history).toEqual([
      expect.objectContaining({ changes: [{ field: 'channelPanel', from: null, to: panel }], reason }),
    ]);
    const again = await put('administrator', COVENTRY, { channelPanel: panel, reason });
    expect(again.json.organisation).toMatchObject({ changed: [] });
  });

  it('refuses a joint panel naming no council, and a panel for a police force, recording nothing', async () => {
    const incoherent = await put('administrator', 'la:E07000192', {
      channelPanel: { ...panel, jointWith: [] },
      reason,
    });
    expect(incoherent.status).toBe(422);
    expect(incoherent.json).toMatchObject({ code: 'joint-panel-names-councils' });
    const police = await put('administrator', 'police:E23000014', { channelPanel: panel, reason });
    expect(police.status).toBe(422);
    expect(police.json).toMatchObject({ code: 'panel-is-a-councils' });
    expect(await api.store.read('organisation-la_E07000192')).toEqual([]);
    expect(await api.store.read('organisation-police_E23000014')).toEqual([]);
  });

  it('is refused to anyone but an administrator', async () => {
    const refused = await put('coventry-lead', COVENTRY, { channelPanel: panel, reason });
    expect(refused.status).toBe(403);
  });
});
