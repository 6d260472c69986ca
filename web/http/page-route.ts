// A page of the web front end, declared once: its method and path, whether it needs a signed-in
// person, and what it does. Pages answer HTML (rendered from a view), a redirect, or a download.
import { type RateLimiter } from '../../functions/rate-limit/rate-limiter.js';
import { type Locale, type Translator } from '../i18n/translator.js';
import { type SignedInPerson } from '../session/signed-in-person.js';
import { type WebSession } from '../session/web-session.js';
import { type FormFields } from './form-body.js';

export type PageMethod = 'GET' | 'POST';

export interface PageRequest {
  method: PageMethod;
  path: string;
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  /** The posted form (application/x-www-form-urlencoded); empty on GET. */
  form: FormFields;
  session: WebSession;
  locale: Locale;
  t: Translator;
  /** Null on public pages when nobody is signed in. */
  person: SignedInPerson | null;
  correlationId: string;
  /** The request's own origin (https://host), for links that must be absolute (sign-in callbacks). */
  origin: string;
}

export type PageResult =
  | { kind: 'view'; view: string; status?: number; context: Record<string, unknown> }
  | { kind: 'redirect'; location: string; status?: 302 | 303 }
  | { kind: 'download'; filename: string; contentType: string; body: string };

export interface PageRoute {
  method: PageMethod;
  /** Literal segments and {parameters}: /cases/{referralId} */
  path: string;
  /** 'public': anyone; 'signed-in': people signed in through the sign-in pages. */
  access: 'public' | 'signed-in';
  /** Counts each accepted POST per client address and answers a 429 page past the limit (the form's submission). */
  clientRateLimit?: RateLimiter;
  handle(request: PageRequest): Promise<PageResult>;
}

export function view(name: string, context: Record<string, unknown> = {}, status?: number): PageResult {
  return { kind: 'view', view: name, context, ...(status ? { status } : {}) };
}

/** After a successful POST: 303 so the browser GETs the next page (no resubmission on refresh). */
export function redirect(location: string): PageResult {
  return { kind: 'redirect', location, status: 303 };
}
