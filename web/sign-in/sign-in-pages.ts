// The sign-in and sign-out pages. A successful sign-in gets a new session (the id a visitor had
// before is worth nothing after), lasting no longer than the identity it came from; sign-out
// deletes the session.
import { type Role } from '../../events/envelope.js';
import { isCaseWorker, isRegionalHubOfficer } from '../../domain/access/index.js';
import { type PageRequest, type PageResult, type PageRoute, redirect, view } from '../http/page-route.js';
import { signedInPersonFrom } from '../session/signed-in-person.js';
import { type SessionPolicy, defaultSessionPolicy } from '../session/web-session.js';
import { type SignInMethod } from './sign-in-method.js';

/** Where each role starts after signing in. */
export function landingPageFor(role: Role): string {
  if (isCaseWorker(role)) return '/queue';
  if (isRegionalHubOfficer(role)) return '/regional-work';
  if (role === 'analyst') return '/reports';
  return '/';
}

export function createSignInPages(deps: {
  method: SignInMethod;
  clock: () => Date;
  policy?: SessionPolicy;
}): PageRoute[] {
  const policy = deps.policy ?? defaultSessionPolicy;
  async function complete(request: PageRequest): Promise<PageResult> {
    const outcome = await deps.method.complete(request);
    if (outcome.kind === 'not-signed-in') return outcome.result;
    const untilIdentityExpires = outcome.expiresAt
      ? Math.floor((outcome.expiresAt.getTime() - deps.clock().getTime()) / 1000)
      : policy.signedInLifetimeSeconds;
    request.session.rotate({
      lifetimeSeconds: Math.max(60, Math.min(policy.signedInLifetimeSeconds, untilIdentityExpires)),
    });
    request.session.update(() => ({ person: signedInPersonFrom(outcome.viewer, outcome.name, deps.clock()) }));
    return redirect(landingPageFor(outcome.viewer.role));
  }
  return [
    { method: 'GET', path: '/sign-in', access: 'public', handle: (request) => deps.method.begin(request) },
    { method: 'GET', path: '/sign-in/callback', access: 'public', handle: complete },
    { method: 'POST', path: '/sign-in/callback', access: 'public', handle: complete },
    {
      method: 'POST',
      path: '/sign-out',
      access: 'public',
      async handle(request) {
        request.session.end();
        return redirect('/signed-out');
      },
    },
    {
      method: 'GET',
      path: '/signed-out',
      access: 'public',
      handle: async (request) => view('signed-out', { title: request.t('signIn.signedOutTitle') }),
    },
  ];
}
