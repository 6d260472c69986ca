// The signed-in person as the services see them (the identity the sign-in verified), for pages
// that need one; a page reached without a person is refused.
import { type AuthenticatedViewer } from '../../functions/identity/identity.js';
import { type AccessRefusal } from '../../functions/api/shared/access-guard.js';
import { type PageError, pageErrors } from '../http/page-error.js';
import { type SignedInPerson } from '../session/signed-in-person.js';

export function viewerOf(person: SignedInPerson | null): AuthenticatedViewer {
  if (!person) throw pageErrors.forbidden();
  return { user: person.user, organisation: person.organisation, role: person.role, roles: person.roles };
}

/** The guard's refusal as a page: not found where saying more would confirm a case exists, forbidden otherwise. */
export function refusalPage(refusal: AccessRefusal): PageError {
  return refusal.answer === 'not-found' ? pageErrors.notFound() : pageErrors.forbidden();
}
