// One Lambda handler for a group of routes: normalise -> authenticate -> parse -> validate ->
// handle, with the problem+json error handler registered last (middy). API Gateway tells which
// route matched in `routeKey`; the local adapter fills it the same way.
import middy from '@middy/core';
import { type APIGatewayProxyEventV2, type APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { type z } from 'zod';
import {
  AmbiguousRoleError,
  type AuthenticatedViewer,
  authenticate,
  type IdentityConfig,
  UnauthenticatedError,
} from '../identity/identity.js';
import { logger } from '../observability/logger.js';
import { waitInWords } from '../rate-limit/rate-limiter.js';
import { HttpProblem, fieldProblems, problems } from './problem.js';
import { type HttpResult, type RouteDefinition, routeKey } from './route.js';
import { correlationIdMiddleware, correlationIdOf, lowerCaseHeaders } from './request-framing.js';
import { securityHeaders } from './security-headers.js';

export const MAX_BODY_BYTES = 64 * 1024;

export interface RouteGroupDeps {
  identity: IdentityConfig;
  /** Correlation ids are made by the caller's platform; injectable for tests. */
  newCorrelationId?: () => string;
}

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;

interface Internal extends Record<string, unknown> {
  correlationId: string;
}

function toResult(result: HttpResult, correlationId: string): Result {
  const contentType = result.contentType ?? 'application/json';
  if (result.body instanceof Uint8Array)
    return {
      statusCode: result.status,
      headers: {
        ...securityHeaders,
        'content-type': contentType,
        'x-correlation-id': correlationId,
        ...result.headers,
      },
      body: Buffer.from(result.body).toString('base64'),
      isBase64Encoded: true,
    };
  const body =
    result.body === undefined
      ? undefined
      : typeof result.body === 'string' && contentType !== 'application/json'
        ? result.body
        : JSON.stringify(result.body);
  return {
    statusCode: result.status,
    headers: {
      ...securityHeaders,
      ...(body === undefined ? {} : { 'content-type': contentType }),
      'x-correlation-id': correlationId,
      ...result.headers,
    },
    ...(body === undefined ? {} : { body }),
  };
}

export function problemResult(problem: HttpProblem, correlationId: string): Result {
  return toResult(
    {
      status: problem.status,
      contentType: 'application/problem+json',
      headers: problem.extra.headers,
      body: {
        type: 'about:blank',
        title: problem.title,
        status: problem.status,
        detail: problem.detail,
        ...(problem.extra.code ? { code: problem.extra.code } : {}),
        ...(problem.extra.errors ? { errors: problem.extra.errors } : {}),
        ...(problem.extra.currentVersion !== undefined ? { currentVersion: problem.extra.currentVersion } : {}),
        correlationId,
      },
    },
    correlationId,
  );
}

function parsePart<T>(schema: z.ZodType<T> | undefined, value: unknown, part: string): T {
  if (!schema) return {} as T;
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw problems.badRequest(
      `Check the ${part}: ${parsed.error.issues.length} problem${parsed.error.issues.length > 1 ? 's' : ''} found.`,
      fieldProblems(parsed.error, part === 'body' ? undefined : part),
    );
  return parsed.data;
}

function readBody(route: RouteDefinition, event: Event, headers: Record<string, string | undefined>): unknown {
  if (!route.body) return undefined;
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) throw problems.tooLarge(MAX_BODY_BYTES);
  const contentType = headers['content-type'] ?? '';
  if (!/^application\/(.+\+)?json(\s*;.*)?$/i.test(contentType.trim())) throw problems.unsupportedMediaType();
  if (text.trim() === '') throw problems.badRequest('The body is empty: send a JSON object.');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw problems.badRequest('The body is not valid JSON.');
  }
}

export function createRouteGroup(routes: readonly RouteDefinition[], deps: RouteGroupDeps) {
  const byKey = new Map(routes.map((route) => [routeKey(route), route]));
  if (byKey.size !== routes.length) throw new Error('two routes of the group share a method and path');

  const core = async (event: Event, context: { internal?: Internal }): Promise<Result> => {
    const correlationId = correlationIdOf(context);
    const route = byKey.get(event.routeKey);
    if (!route) throw problems.notFound();
    const headers = lowerCaseHeaders(event.headers);
    let viewer: AuthenticatedViewer | null = null;
    if (route.access === 'signed-in' || headers.authorization) {
      try {
        viewer = await authenticate(headers.authorization, deps.identity);
      } catch (error) {
        if (error instanceof UnauthenticatedError) throw problems.unauthenticated(error.message);
        if (error instanceof AmbiguousRoleError)
          throw problems.forbidden(
            `Your account is in more than one role group, so the service cannot tell which role you are acting in. Ask an administrator to leave it in exactly one.`,
          );
        throw error;
      }
    }
    const params = parsePart(route.params, event.pathParameters ?? {}, 'path');
    const query = parsePart(route.query, event.queryStringParameters ?? {}, 'query');
    const body = route.body ? parsePart(route.body, readBody(route, event, headers), 'body') : undefined;
    // Counted once the request is valid (a mistyped form costs no allowance), before anything is written.
    if (route.clientRateLimit) {
      const decision = await route.clientRateLimit.take(event.requestContext?.http?.sourceIp ?? 'unknown');
      if (!decision.allowed) {
        throw problems.tooManyRequests(
          decision.retryAfterSeconds,
          `Too many referrals have been sent from your network in a short time. Try again in ${waitInWords(decision.retryAfterSeconds)}. If someone is in immediate danger, call 999.`,
        );
      }
    }
    const result = await route.handle({ params, query, body, headers, viewer, correlationId });
    return toResult(result, correlationId);
  };

  // Registered first, so its onError (which takes the request's keys off the logger) runs after the problem handler's.
  return middy<Event, Result>()
    .use(correlationIdMiddleware({ newCorrelationId: deps.newCorrelationId, route: (event) => event.routeKey }))
    .use({
      onError: (request) => {
        const correlationId = correlationIdOf(request.context);
        const error = request.error;
        if (error instanceof HttpProblem) {
          if (error.status >= 500) logger.error('request failed', { status: error.status, title: error.title });
          else logger.info('request refused', { status: error.status, title: error.title });
          request.response = problemResult(error, correlationId);
          return;
        }
        // Unknown failures: log the error's name and stack (our code's messages carry no personal data), answer plainly.
        logger.error('unexpected failure', { errorName: error?.name, stack: error?.stack });
        request.response = problemResult(
          new HttpProblem(
            500,
            'Something went wrong',
            'The service could not complete the request. Try again; if it keeps failing, quote the correlation id.',
          ),
          correlationId,
        );
      },
    })
    .handler((event, context) => core(event, context as never));
}
