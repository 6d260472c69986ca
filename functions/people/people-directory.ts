// Each organisation's own people, behind one interface: the Cognito user pool in the cloud
// (cognito-people-directory.ts), the demo identity locally (local/demo-people.ts). Every method
// takes the organisation it acts in and never touches a person of another one: a person of
// another organisation, or one who holds no casework role, is answered as not there.
import * as z from 'zod';
import { Role } from '../../events/envelope.js';

export const Person = z
  .object({
    user: z.string().meta({ description: "The person's id (the token's sub)" }),
    name: z.string(),
    email: z.string(),
    role: Role,
    organisation: z.string(),
    enabled: z.boolean(),
  })
  .meta({ id: 'Person' });
export type Person = z.infer<typeof Person>;

export interface Invitation {
  organisation: string;
  name: string;
  email: string;
  role: Role;
}

export type PersonChange = { ok: true; person: Person } | { ok: false; error: 'not-found' | 'already-exists' };

export interface PeopleDirectory {
  /** The people of `organisation` who hold one of `roles`, by name. */
  list(organisation: string, roles: readonly Role[]): Promise<Person[]>;
  /** Creates the account (an invitation by mail in the cloud) in `organisation`, with `role`. */
  invite(invitation: Invitation): Promise<PersonChange>;
  /** Gives a person of `organisation` who holds one of `roles` the role `role` instead (exactly one role group). */
  setRole(organisation: string, roles: readonly Role[], user: string, role: Role): Promise<PersonChange>;
  /** Takes a person of `organisation` who holds one of `roles` out of service: disabled, signed out everywhere. */
  remove(organisation: string, roles: readonly Role[], user: string): Promise<PersonChange>;
}
