// Access on the pages: who the signed-in person is to the access guard, and a refusal answered as
// a page (not found where saying more would confirm a case exists, forbidden otherwise).
import { type AccessAttempt, type AccessGuard, type AccessRefusal } from '../../functions/api/shared/access-guard.js';
import { type AuthenticatedViewer } from '../../functions/identity/identity.js';
import { type SignedInPerson } from '../session/signed-in-person.js';
import { type PageError, pageErrors } from './page-error.js';

export function viewerOf(person: SignedInPerson | null): AuthenticatedViewer {
  if (!person) throw pageErrors.forbidden();
  return { user: person.user, organisation: person.organisation, role: person.role, roles: person.roles };
}

/** The guard returns its decision; the pages answer a refusal as a page (not found, or forbidden). */
export function refusalPage(refusal: AccessRefusal): PageError {
  return refusal.answer === 'not-found' ? pageErrors.notFound() : pageErrors.forbidden();
}

/** Decides and records through the guard; a refusal becomes its page. */
export async function requirePageAccess(guard: AccessGuard, attempt: AccessAttempt): Promise<void> {
  const decision = await guard.check(attempt);
  if (!decision.allowed) throw refusalPage(decision);
}
