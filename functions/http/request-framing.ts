// What every HTTP handler of the service (the API's route groups and the web pages) and the
// local stand-in for API Gateway share about a request: header names in one case, path
// templates (/referrals/{referralId}, /{proxy+}) as patterns, and the correlation id that every
// log line and every answer carries.
import { type MiddlewareObj } from '@middy/core';
import { type APIGatewayProxyEventV2 } from 'aws-lambda';
import { logger } from '../observability/logger.js';

export function lowerCaseHeaders(
  headers: APIGatewayProxyEventV2['headers'] | undefined,
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = value;
  return out;
}

export interface PathPattern {
  pattern: RegExp;
  /** The parameters' names, in the order of the pattern's groups. */
  names: string[];
  /** How many segments are literal: more specific routes match first, as in API Gateway. */
  literalSegments: number;
}

/** A path template as a pattern: `{name}` takes one segment, a final `{name+}` the rest. */
export function compilePathPattern(path: string): PathPattern {
  const names: string[] = [];
  const segments = path.split('/').filter(Boolean);
  const source = segments
    .map((segment) => {
      const greedy = /^\{(\w+)\+\}$/.exec(segment);
      if (greedy?.[1]) {
        names.push(greedy[1]);
        return '/(.+)';
      }
      const parameter = /^\{(\w+)\}$/.exec(segment);
      if (parameter?.[1]) {
        names.push(parameter[1]);
        return '/([^/]+)';
      }
      return `/${segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
    })
    .join('');
  return {
    names,
    pattern: new RegExp(`^${source || '/'}$`),
    literalSegments: segments.filter((segment) => !segment.startsWith('{')).length,
  };
}

const CORRELATION_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** The request's correlation id, once the correlation middleware has run. */
export function correlationIdOf(context: unknown): string {
  return (context as { correlationId?: string }).correlationId ?? 'unknown';
}

/**
 * Takes the caller's X-Correlation-Id when it is well formed (else API Gateway's request id),
 * puts it on the Lambda context and on every log line of the request, and takes it off the
 * process-wide logger again afterwards, so it never follows other work.
 */
export function correlationIdMiddleware(options: {
  newCorrelationId?: () => string;
  route: (event: APIGatewayProxyEventV2) => string;
}): MiddlewareObj<APIGatewayProxyEventV2> {
  const forget = () => logger.removeKeys(['correlationId', 'route']);
  return {
    before: (request) => {
      const given = lowerCaseHeaders(request.event.headers)['x-correlation-id'];
      const correlationId =
        given && CORRELATION_ID.test(given)
          ? given
          : (options.newCorrelationId?.() ?? request.event.requestContext?.requestId ?? crypto.randomUUID());
      (request.context as unknown as { correlationId: string }).correlationId = correlationId;
      logger.appendKeys({ correlationId, route: options.route(request.event) });
    },
    after: forget,
    onError: forget,
  };
}
