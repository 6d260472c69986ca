// How people sign in to the pages, behind one interface: Cognito's hosted UI in the cloud
// (cognito-sign-in.ts), the demo personas locally (persona-sign-in.ts, mounted only by local/).
// Either way the result is an identity verified by functions/identity (the same claims the API
// reads), which the sign-in pages keep in a fresh session.
import { type AuthenticatedViewer } from '../../functions/identity/identity.js';
import { type PageRequest, type PageResult } from '../http/page-route.js';

export type SignInOutcome =
  | {
      kind: 'signed-in';
      viewer: AuthenticatedViewer;
      name: string | undefined;
      /** When the identity stops being valid. */ expiresAt?: Date;
    }
  /** Not signed in: the page to show instead (a form with errors, an error page). */
  | { kind: 'not-signed-in'; result: PageResult };

export interface SignInMethod {
  /** GET /sign-in: a form (personas) or a redirect to the identity provider. */
  begin(request: PageRequest): Promise<PageResult>;
  /** GET or POST /sign-in/callback: the provider's answer. */
  complete(request: PageRequest): Promise<SignInOutcome>;
}
