// Every page of the service, given the application services the API uses (same access checks,
// audit and idempotency) and a way to sign in. `local/` passes the persona sign-in; the cloud
// passes Cognito's.
import { randomBytes } from 'node:crypto';
import { type ApiServices } from '../functions/api/api.js';
import { createDirectoryPages } from './administration/directory-pages.js';
import { createCasePages } from './cases/case-pages.js';
import { type PageRoute } from './http/page-route.js';
import { createReferralPages } from './referral-form/referral-pages.js';
import { createReferrerPages } from './referrer/referrer-pages.js';
import { type SignInMethod } from './sign-in/sign-in-method.js';
import { createSignInPages } from './sign-in/sign-in-pages.js';
import { createStatisticsPages } from './statistics/statistics-pages.js';
import { createReleasePages } from './statistics/release-pages.js';
import { createAccessAuditPages } from './oversight/access-audit-pages.js';
import { createFindCasePages } from './oversight/find-case-pages.js';
import { createSubjectAccessPages } from './oversight/subject-access-pages.js';
import { createPeoplePages } from './people/people-pages.js';

export interface WebDeps {
  services: ApiServices;
  signIn: SignInMethod;
  clock: () => Date;
  /** Random keys for submissions and case changes (kept across their retries). */
  newKey?: () => string;
}

export function createWebRoutes(deps: WebDeps): PageRoute[] {
  const newKey = deps.newKey ?? (() => randomBytes(24).toString('base64url'));
  return [
    ...createReferralPages({ submission: deps.services.submission, newSubmissionKey: newKey }),
    ...createSignInPages({ method: deps.signIn, clock: deps.clock }),
    ...createCasePages({ services: deps.services }),
    ...createReleasePages({ services: deps.services }),
    ...createReferrerPages({ services: deps.services, newKey }),
    ...createStatisticsPages({ services: deps.services, clock: deps.clock }),
    ...createDirectoryPages({ services: deps.services, clock: deps.clock, newKey }),
    ...createFindCasePages({ search: deps.services.caseSearch }),
    ...createPeoplePages({ people: deps.services.people }),
    ...createAccessAuditPages({ audit: deps.services.auditReading }),
    ...createSubjectAccessPages({ subjectAccess: deps.services.subjectAccess }),
  ];
}
