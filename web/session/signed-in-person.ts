// Who is signed in to the pages: the identity the sign-in verified (the same claims the API reads
// from a token), with the person's display name and when they signed in. Kept in the session's
// sealed part.
import * as z from 'zod';
import { Role } from '../../events/envelope.js';
import { type AuthenticatedViewer } from '../../functions/identity/identity.js';

export const SignedInPerson = z.strictObject({
  user: z.string().min(1).max(200),
  organisation: z.string().min(1).max(120),
  role: Role,
  roles: z.array(Role).min(1),
  name: z.string().max(200),
  /** When they signed in (ISO instant): a session signed in at or before a revocation of their access ends. */
  signedInAt: z.iso.datetime().optional(),
});
export type SignedInPerson = z.infer<typeof SignedInPerson>;

export function signedInPersonFrom(
  viewer: AuthenticatedViewer,
  name: string | undefined,
  signedInAt: Date,
): SignedInPerson {
  return SignedInPerson.parse({
    user: viewer.user,
    organisation: viewer.organisation,
    role: viewer.role,
    roles: viewer.roles,
    name: (name ?? '').slice(0, 200),
    signedInAt: signedInAt.toISOString(),
  });
}
