// One Lambda handler for every page (API Gateway sends ANY / and ANY /{proxy+} here): static
// assets, then the page routes. For a page: language (query or cookie), session (cookie), sign-in
// check (a session signed in at or before a revocation of the person's access ends at once), form
// body and CSRF token on every POST, the page itself, the view rendered with the
// common context, the session committed, and the security headers (a CSP without inline
// scripts except GOV.UK Frontend's hashed one). Failures become error pages in plain words.
import middy from '@middy/core';
import { type APIGatewayProxyEventV2, type APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { roleAllows } from '../../domain/access/index.js';
import { logger } from '../../functions/observability/logger.js';
import {
  type PathPattern,
  compilePathPattern,
  correlationIdMiddleware,
  correlationIdOf,
  lowerCaseHeaders,
} from '../../functions/http/request-framing.js';
import { type Locale, Locale as LocaleSchema, translatorFor } from '../i18n/translator.js';
import { type PageRenderer } from '../rendering/page-renderer.js';
import { type RevocationCheck } from '../../functions/people/revocations.js';
import { type SignedInPerson } from '../session/signed-in-person.js';
import { type SessionDeps, WebSession } from '../session/web-session.js';
import { LANGUAGE_COOKIE, SESSION_COOKIE, readCookies, setCookie } from './cookies.js';
import { FormBodyError, FormFields } from './form-body.js';
import { PageError, pageErrors } from './page-error.js';
import { type PageMethod, type PageRequest, type PageResult, type PageRoute } from './page-route.js';
import { ASSET_CACHE_CONTROL, type StaticAssets } from './static-assets.js';

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;

export const CSRF_FIELD = '_csrf';
export const SIGN_IN_PATH = '/sign-in';

export interface PageHandlerDeps {
  routes: readonly PageRoute[];
  renderer: PageRenderer;
  assets: StaticAssets;
  sessions: SessionDeps;
  /** The security headers of every page (pageHeaders() with the template's script hash). */
  headers: Readonly<Record<string, string>>;
  /** When a person's access was last revoked (removed, or their role changed), read on every signed-in request. */
  revocations?: RevocationCheck;
  newCorrelationId?: () => string;
}

interface CompiledRoute extends PathPattern {
  route: PageRoute;
}

function compile(route: PageRoute): CompiledRoute {
  return { route, ...compilePathPattern(route.path) };
}

export function createPageHandler(deps: PageHandlerDeps) {
  // Literal paths before parameters (/referral/check-answers before /referral/{step}), as API Gateway matches.
  const compiled = deps.routes.map(compile).sort((a, b) => b.literalSegments - a.literalSegments);
  const seen = new Set<string>();
  for (const { route } of compiled) {
    const key = `${route.method} ${route.path}`;
    if (seen.has(key)) throw new Error(`two pages share ${key}`);
    seen.add(key);
  }

  /** Whether the person's access was revoked at or after they signed in (a session from before `signedInAt` was kept counts as revoked). */
  async function revoked(person: SignedInPerson): Promise<boolean> {
    if (!deps.revocations) return false;
    const revokedAt = await deps.revocations.revokedAt(person.user);
    if (revokedAt === null) return false;
    const signedInAt = person.signedInAt === undefined ? Number.NEGATIVE_INFINITY : Date.parse(person.signedInAt);
    return signedInAt <= revokedAt.getTime();
  }

  function html(status: number, body: string, cookies: string[], correlationId: string): Result {
    return {
      statusCode: status,
      headers: { ...deps.headers, 'content-type': 'text/html; charset=utf-8', 'x-correlation-id': correlationId },
      ...(cookies.length ? { cookies } : {}),
      body,
    };
  }

  function errorPage(error: PageError, locale: Locale, session: WebSession, correlationId: string): Result {
    const t = translatorFor(locale);
    const person = session.contents.person ?? null;
    const body = deps.renderer.render('error', {
      locale,
      t,
      person,
      status: error.status,
      messageKey: error.messageKey,
      messageValues: error.messageValues,
      correlationId,
      currentPath: '/',
      csrfField: CSRF_FIELD,
      csrfToken: () => (person ? session.csrfToken() : ''),
    });
    const page = html(error.status, body, [], correlationId);
    return { ...page, headers: { ...page.headers, ...error.headers } };
  }

  async function core(event: Event, correlationId: string): Promise<Result> {
    const path = event.rawPath || '/';
    const method = event.requestContext?.http?.method?.toUpperCase() ?? 'GET';
    if (path.startsWith('/assets/')) {
      const file = method === 'GET' ? deps.assets.find(path) : undefined;
      if (!file)
        return {
          statusCode: 404,
          headers: { ...deps.headers, 'content-type': 'text/plain; charset=utf-8' },
          body: 'Not found',
        };
      return {
        statusCode: 200,
        headers: { ...deps.headers, 'content-type': file.contentType, 'cache-control': ASSET_CACHE_CONTROL },
        isBase64Encoded: true,
        body: file.body.toString('base64'),
      };
    }

    const headers = lowerCaseHeaders(event.headers);
    const cookies = readCookies(event.cookies, headers.cookie);
    const query = new URLSearchParams(event.rawQueryString ?? '');
    const chosen = LocaleSchema.safeParse(query.get('lang'));
    const remembered = LocaleSchema.safeParse(cookies.get(LANGUAGE_COOKIE));
    const locale: Locale = chosen.success ? chosen.data : remembered.success ? remembered.data : 'en';
    const languageCookie =
      chosen.success && chosen.data !== cookies.get(LANGUAGE_COOKIE)
        ? [setCookie(LANGUAGE_COOKIE, chosen.data, { maxAgeSeconds: 365 * 24 * 60 * 60 })]
        : [];

    const session = await WebSession.load(cookies.get(SESSION_COOKIE), deps.sessions);
    let person = session.contents.person ?? null;
    if (person && (await revoked(person))) {
      // Removed, or given another role: the session ends now, not when it expires.
      logger.info('session ended: access revoked');
      session.end();
      person = null;
    }
    const finish = async (result: Result): Promise<Result> => {
      const sessionCookies = await session.commit();
      const all = [...languageCookie, ...sessionCookies];
      return all.length ? { ...result, cookies: [...(result.cookies ?? []), ...all] } : result;
    };

    try {
      if (method !== 'GET' && method !== 'POST') throw pageErrors.methodNotAllowed();
      const candidates = compiled.filter((entry) => entry.pattern.test(path));
      const match = candidates.find((entry) => entry.route.method === method);
      if (!match) throw candidates.length > 0 ? pageErrors.methodNotAllowed() : pageErrors.notFound();
      const { route } = match;
      if (route.access === 'signed-in' && !person) {
        return await finish({ statusCode: 303, headers: { ...deps.headers, location: SIGN_IN_PATH } });
      }
      let form = FormFields.empty();
      if (method === 'POST') {
        const raw =
          event.body === undefined
            ? undefined
            : event.isBase64Encoded
              ? Buffer.from(event.body, 'base64').toString('utf8')
              : event.body;
        try {
          form = FormFields.parse(raw, headers['content-type']);
        } catch (error) {
          if (error instanceof FormBodyError)
            throw error.reason === 'too-large' ? new PageError(413, 'errors.page.tooLarge') : pageErrors.badForm();
          throw error;
        }
        if (!session.acceptsCsrfToken(form.get(CSRF_FIELD))) throw pageErrors.formExpired();
        if (route.clientRateLimit) {
          const decision = await route.clientRateLimit.take(event.requestContext?.http?.sourceIp ?? 'unknown');
          if (!decision.allowed) throw pageErrors.tooManySubmissions(decision.retryAfterSeconds);
        }
      }
      const values = (pattern: RegExp, names: string[]) => {
        const groups = pattern.exec(path) ?? [];
        try {
          return Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(groups[index + 1] ?? '')]));
        } catch {
          throw pageErrors.notFound(); // not valid percent-encoding: no page has that address
        }
      };
      const request: PageRequest = {
        method: method as PageMethod,
        path,
        params: values(match.pattern, match.names),
        query,
        form,
        session,
        locale,
        t: translatorFor(locale),
        person,
        correlationId,
        origin: `${headers['x-forwarded-proto'] ?? 'http'}://${headers.host ?? event.requestContext?.domainName ?? 'localhost'}`,
      };
      const result: PageResult = await route.handle(request);
      switch (result.kind) {
        case 'redirect':
          return await finish({
            statusCode: result.status ?? 303,
            headers: { ...deps.headers, location: result.location, 'x-correlation-id': correlationId },
          });
        case 'download':
          return await finish({
            statusCode: 200,
            headers: {
              ...deps.headers,
              'content-type': result.contentType,
              'content-disposition': `attachment; filename="${result.filename}"`,
              'x-correlation-id': correlationId,
            },
            body: result.body,
          });
        case 'view': {
          const body = deps.renderer.render(result.view, {
            ...result.context,
            locale,
            t: request.t,
            person: session.contents.person ?? null,
            // The search box on every page of someone who may find cases.
            mayFindCase: person !== null && roleAllows(person.role, 'find-case'),
            currentPath: path,
            csrfField: CSRF_FIELD,
            csrfToken: () => session.csrfToken(),
          });
          return await finish(html(result.status ?? 200, body, [], correlationId));
        }
      }
    } catch (error) {
      if (error instanceof PageError) {
        if (error.status >= 500) logger.error('page failed', { status: error.status });
        else logger.info('page refused', { status: error.status, messageKey: error.messageKey });
        return await finish(errorPage(error, locale, session, correlationId));
      }
      throw error;
    }
  }

  return middy<Event, Result>()
    .use(correlationIdMiddleware({ newCorrelationId: deps.newCorrelationId, route: () => 'web' }))
    .use({
      onError: (request) => {
        const correlationId = correlationIdOf(request.context);
        logger.error('unexpected failure', { errorName: request.error?.name, stack: request.error?.stack });
        const body = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sorry, there is a problem with the service</title></head><body><h1>Sorry, there is a problem with the service</h1><p>Try again later. If it keeps happening, quote this reference: ${correlationId.replace(/[^A-Za-z0-9._-]/g, '')}</p></body></html>`;
        request.response = {
          statusCode: 500,
          headers: { ...deps.headers, 'content-type': 'text/html; charset=utf-8' },
          body,
        };
      },
    })
    .handler((event, context) => core(event, correlationIdOf(context)));
}
