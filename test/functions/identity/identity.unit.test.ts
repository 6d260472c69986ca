import { beforeAll, describe, expect, it } from 'vitest';
import { authenticate, claimNames } from '../../../functions/identity/identity.js';
import { createDevIdentity, type DevIdentity } from '../../../local/dev-identity.js';
import { findPersona, personas } from '../../../local/personas.js';

let identity: DevIdentity;
beforeAll(async () => {
  identity = await createDevIdentity();
});

function persona(id: string) {
  const found = findPersona(id);
  if (!found) throw new Error(`no persona ${id}`);
  return found;
}

describe('authenticate', () => {
  it('reads organisation and role from a token the local signer issued', async () => {
    const token = await identity.issue(persona('wm-officer'));
    const viewer = await authenticate(`Bearer ${token}`, identity.config);
    expect(viewer).toEqual({
      user: 'wm-officer',
      organisation: 'police:E23000014',
      role: 'police-prevent-officer',
      roles: ['police-prevent-officer'],
    });
  });

  it('rejects a missing header, a malformed header and a token signed by another key', async () => {
    await expect(authenticate(undefined, identity.config)).rejects.toThrow(/no Authorization header/);
    await expect(authenticate('Basic abc', identity.config)).rejects.toThrow(/Bearer/);
    const other = await createDevIdentity();
    const forged = await other.issue(persona('wm-officer'));
    await expect(authenticate(`Bearer ${forged}`, identity.config)).rejects.toThrow(/not valid/);
  });

  it('rejects an expired token with a message saying so', async () => {
    const token = await identity.issue(persona('coventry-lead'), { expiresIn: '-1m' });
    await expect(authenticate(`Bearer ${token}`, identity.config)).rejects.toThrow(/expired/);
  });

  it('rejects a token for another audience or with no organisation', async () => {
    const noOrganisation = await identity.sign('x', { [claimNames.groups]: ['analyst'] });
    await expect(authenticate(`Bearer ${noOrganisation}`, identity.config)).rejects.toThrow(
      /which organisation and role/,
    );
    const unknownRole = await identity.sign('x', {
      [claimNames.groups]: ['superuser'],
      [claimNames.organisation]: 'platform',
    });
    await expect(authenticate(`Bearer ${unknownRole}`, identity.config)).rejects.toThrow(/no role this service knows/);
    const elsewhere = await createDevIdentity({ audience: 'another-service' });
    const token = await elsewhere.issue(persona('wm-officer'));
    await expect(authenticate(`Bearer ${token}`, identity.config)).rejects.toThrow(/not valid/);
  });

  it('never accepts the internal system role from a token', async () => {
    const token = await identity.issue({ ...persona('administrator'), role: 'system' });
    await expect(authenticate(`Bearer ${token}`, identity.config)).rejects.toThrow(/no role/);
  });
});

describe('personas', () => {
  it('span several forces, councils and hubs, with unique ids', () => {
    expect(new Set(personas.map((p) => p.id)).size).toBe(personas.length);
    const organisations = new Set(personas.map((p) => p.organisation));
    expect([...organisations].filter((o) => o.startsWith('police:')).length).toBeGreaterThanOrEqual(3);
    expect([...organisations].filter((o) => o.startsWith('la:')).length).toBeGreaterThanOrEqual(3);
    expect([...organisations].filter((o) => o.startsWith('vsh:')).length).toBeGreaterThanOrEqual(2);
  });
});
