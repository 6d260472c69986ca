// Each organisation's people, locally: the demo personas, and whoever an organisation
// administrator invites while `npm start` runs (kept in memory, gone at restart). An invited
// person can sign in at once (the sign-in page and POST /dev/token list them); a removed person
// can no longer sign in, and the tokens they hold are refused through the revocation record, as
// in the cloud. The same PeopleDirectory interface as the Cognito user pool.
import { type Role } from '../events/envelope.js';
import { type PeopleDirectory, type Person } from '../functions/people/people-directory.js';
import { type Persona } from './personas.js';

export interface DemoPeople extends PeopleDirectory {
  /** The people who may sign in now: a live list (invitations and removals show at once). */
  readonly signable: readonly Persona[];
  find(id: string): Persona | undefined;
}

const emailOf = (persona: Persona): string => `${persona.id}@demo.invalid`;

export function createDemoPeople(seed: readonly Persona[]): DemoPeople {
  const signable: Persona[] = seed.map((persona) => ({ ...persona }));
  const emails = new Map<string, string>(seed.map((persona) => [persona.id, emailOf(persona)]));
  const disabled: Persona[] = [];

  const personOf = (persona: Persona, enabled: boolean): Person => ({
    user: persona.id,
    name: persona.name,
    email: emails.get(persona.id) ?? emailOf(persona),
    role: persona.role,
    organisation: persona.organisation,
    enabled,
  });
  const ownIndex = (organisation: string, roles: readonly Role[], user: string): number =>
    signable.findIndex(
      (persona) => persona.id === user && persona.organisation === organisation && roles.includes(persona.role),
    );

  function newId(email: string): string {
    const base =
      email
        .split('@')[0]!
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 40) || 'person';
    let id = base;
    for (let n = 2; [...signable, ...disabled].some((persona) => persona.id === id); n += 1) id = `${base}-${n}`;
    return id;
  }

  return {
    signable,
    find: (id) => signable.find((persona) => persona.id === id),
    async list(organisation, roles) {
      return [
        ...signable.map((persona) => personOf(persona, true)),
        ...disabled.map((persona) => personOf(persona, false)),
      ]
        .filter((person) => person.organisation === organisation && roles.includes(person.role))
        .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
    },
    async invite(invitation) {
      const email = invitation.email.toLowerCase();
      if ([...emails.values()].includes(email)) return { ok: false, error: 'already-exists' };
      const organisationName =
        signable.find((persona) => persona.organisation === invitation.organisation)?.organisationName ??
        invitation.organisation;
      const persona: Persona = {
        id: newId(email),
        name: invitation.name,
        role: invitation.role,
        organisation: invitation.organisation,
        organisationName,
      };
      signable.push(persona);
      emails.set(persona.id, email);
      return { ok: true, person: personOf(persona, true) };
    },
    async setRole(organisation, roles, user, role) {
      const index = ownIndex(organisation, roles, user);
      if (index < 0) return { ok: false, error: 'not-found' };
      const persona = { ...signable[index]!, role };
      signable[index] = persona;
      return { ok: true, person: personOf(persona, true) };
    },
    async remove(organisation, roles, user) {
      const index = ownIndex(organisation, roles, user);
      if (index < 0) return { ok: false, error: 'not-found' };
      const [persona] = signable.splice(index, 1);
      disabled.push(persona!);
      return { ok: true, person: personOf(persona!, false) };
    },
  };
}
