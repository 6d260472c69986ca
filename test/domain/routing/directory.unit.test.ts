import { describe, expect, it } from 'vitest';
import onboardedCouncils from '../../../data/directory/onboarded-councils.json' with { type: 'json' };
import organisations from '../../../data/directory/organisations.json' with { type: 'json' };
import { buildDirectory } from '../../../data/directory/build-directory.js';
import { directorySchema, queueNameFor } from '../../../domain/routing/directory.js';
import { buildGeography } from '../../../domain/routing/geography.js';
import { loadGeography } from '../../../functions/geography/load-geography.js';
import { importGeography } from '../../../data/geography/import-geography.js';

const directory = directorySchema.parse(organisations);
const ofKind = (kind: string) => directory.organisations.filter((o) => o.kind === kind);

describe('the directory of destination organisations', () => {
  it('has every force hub, every council team, the three hubs and national triage', () => {
    expect(ofKind('police-prevent-hub')).toHaveLength(43);
    expect(ofKind('local-authority-prevent-team')).toHaveLength(331);
    expect(ofKind('vulnerability-support-hub').map((o) => o.id)).toEqual([
      'vsh:VSH-LONDON',
      'vsh:VSH-NORTH',
      'vsh:VSH-WEST-MIDLANDS',
    ]);
    expect(ofKind('national-triage').map((o) => o.id)).toEqual(['national-triage']);
    expect(ofKind('police-prevent-hub').every((o) => o.id === `police:${o.covers[0]}` && o.covers.length === 1)).toBe(
      true,
    );
    expect(
      ofKind('local-authority-prevent-team').every((o) => o.id === `la:${o.covers[0]}` && o.covers.length === 1),
    ).toBe(true);
  });

  it('gives every organisation a unique, valid SQS FIFO queue derived from its id', () => {
    const names = directory.organisations.map((o) => o.queueName);
    expect(new Set(names).size).toBe(names.length);
    for (const organisation of directory.organisations) {
      expect(organisation.queueName).toMatch(/^[A-Za-z0-9_-]+\.fifo$/);
      expect(organisation.queueName.length).toBeLessThanOrEqual(80);
      expect(organisation.queueName).toBe(queueNameFor(organisation.id));
    }
    expect(queueNameFor('police:E23000014')).toBe('prevent-police-e23000014.fifo');
    expect(queueNameFor('vsh:VSH-WEST-MIDLANDS')).toBe('prevent-vsh-vsh-west-midlands.fifo');
  });

  it('uses placeholder mailboxes on the reserved .invalid domain until administrators set them', () => {
    const mailboxes = directory.organisations.map((o) => o.mailbox);
    expect(new Set(mailboxes).size).toBe(mailboxes.length);
    expect(mailboxes.every((m) => m.endsWith('@mailbox.invalid'))).toBe(true);
    expect(directory.organisations.find((o) => o.id === 'police:E23000014')?.mailbox).toBe(
      'prevent-hub.e23000014@mailbox.invalid',
    );
  });

  it('onboards exactly the starter list of councils, and every police hub, hub and national triage', () => {
    const onboarded = ofKind('local-authority-prevent-team')
      .filter((o) => o.onboarded)
      .map((o) => o.name)
      .sort();
    expect(onboarded).toEqual([
      'Birmingham City Council Prevent team',
      'City of Cardiff Council Prevent team',
      'Coventry City Council Prevent team',
      'Leeds City Council Prevent team',
      'Lichfield District Council Prevent team',
      'London Borough of Tower Hamlets Prevent team',
      'Manchester City Council Prevent team',
      'Walsall Metropolitan Borough Council Prevent team',
    ]);
    expect(onboardedCouncils.onboarded).toHaveLength(8);
    expect(
      directory.organisations
        .filter((o) => o.kind !== 'local-authority-prevent-team' && o.kind !== 'regional-prevent-hub')
        .every((o) => o.onboarded),
    ).toBe(true);
  });

  it('lists a regional Prevent hub per CTP region, covering the forces of its region, with no queue of its own in use (decision 0018)', () => {
    const hubs = ofKind('regional-prevent-hub');
    expect(hubs).toHaveLength(9);
    expect(hubs.every((o) => !o.onboarded && o.id.startsWith('ctp:CTP-'))).toBe(true);
    // Every force in exactly one region.
    const covered = hubs.flatMap((o) => o.covers).sort();
    expect(covered).toEqual(
      ofKind('police-prevent-hub')
        .map((o) => o.covers[0])
        .sort(),
    );
    const westMidlands = hubs.find((o) => o.id === 'ctp:CTP-WM');
    expect(westMidlands?.name).toBe('Counter Terrorism Policing West Midlands regional Prevent hub');
    expect(westMidlands?.covers).toEqual(expect.arrayContaining(['E23000014', 'E23000015']));
  });

  it('refuses an onboarded council or a mailbox for an organisation that does not exist', () => {
    const { routingTable } = importGeography();
    const settings = { onboardedCouncils: { onboarded: [] }, mailboxes: { mailboxes: {} }, generatedBy: 'test' };
    expect(() =>
      buildDirectory(routingTable, {
        ...settings,
        onboardedCouncils: { onboarded: [{ code: 'E99999999', name: 'Nowhere' }] },
      }),
    ).toThrow(/E99999999 \(Nowhere\) is not a district/);
    expect(() =>
      buildDirectory(routingTable, { ...settings, mailboxes: { mailboxes: { 'la:E99999999': 'a@b.example' } } }),
    ).toThrow(/no organisation has the id la:E99999999/);
    const set = buildDirectory(routingTable, {
      ...settings,
      mailboxes: { mailboxes: { 'police:E23000014': 'prevent@west-midlands.example' } },
    });
    expect(set.organisations.find((o) => o.id === 'police:E23000014')?.mailbox).toBe('prevent@west-midlands.example');
  });

  it('refuses duplicate ids, and a geography whose force hub or national triage is missing', () => {
    expect(() =>
      directorySchema.parse({ ...directory, organisations: [...directory.organisations, directory.organisations[0]] }),
    ).toThrow(/duplicate organisation id police:E23000001/);
    const tables = importGeography();
    const without = (id: string) => ({
      ...tables,
      directory: { ...directory, organisations: directory.organisations.filter((o) => o.id !== id) },
    });
    expect(() => buildGeography(without('police:E23000014'))).toThrow(
      /directory: organisation police:E23000014 is missing/,
    );
    expect(() => buildGeography(without('national-triage'))).toThrow(
      /directory: organisation national-triage is missing/,
    );
    expect(() => buildGeography(without('la:E07000197'))).not.toThrow(); // a council may be missing: its force still routes
    expect(loadGeography().organisations.size).toBe(387);
  });
});
