// Who the holder of a referrer's link is to the access policy: no one in particular (the public
// referrer's actor is the same for everyone, so access cannot be keyed on it), carrying the link
// as checked against the service's key. The policy lets the link alone decide
// (domain/access/referrer-link.ts), and the access audit records every attempt under this viewer,
// never the link itself.
import { type AuthenticatedViewer } from '../identity/identity.js';
import { type ReferrerLinks } from './referrer-links.js';

/** The audit's name for whoever holds a referrer's link. */
export const REFERRER_LINK_HOLDER = { user: 'referrer-link', organisation: 'public', role: 'referrer' } as const;

/** A link's value as the query carries it: anything longer or stranger is refused unread. */
export const REFERRER_LINK_MAX_LENGTH = 100;

export async function referrerLinkViewer(
  links: Pick<ReferrerLinks, 'check'>,
  referralId: string,
  link: string,
): Promise<AuthenticatedViewer> {
  const referrerLink =
    link.length > REFERRER_LINK_MAX_LENGTH
      ? ({ holds: false, why: 'not-valid' } as const)
      : await links.check(referralId, link);
  return { ...REFERRER_LINK_HOLDER, roles: ['referrer'], referrerLink };
}
