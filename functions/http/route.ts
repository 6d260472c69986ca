// A route of the HTTP API, declared once: its method and path, who may call it, the zod
// schemas of its inputs and answers (which also produce the OpenAPI document), and what it does.
import { type z } from 'zod';
import { type AuthenticatedViewer } from '../identity/identity.js';
import { type RateLimiter } from '../rate-limit/rate-limiter.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HttpResult {
  status: number;
  body?: unknown;
  /** Defaults to application/json; text/csv and others are sent as strings; a Uint8Array body is sent as bytes (base64 to API Gateway). */
  contentType?: string;
  headers?: Record<string, string>;
}

export interface RouteRequest<Params, Query, Body> {
  params: Params;
  query: Query;
  body: Body;
  headers: Readonly<Record<string, string | undefined>>;
  /** Null only on public routes called without a token. */
  viewer: AuthenticatedViewer | null;
  correlationId: string;
}

export interface RouteResponseDoc {
  description: string;
  schema?: z.ZodType;
  contentType?: string;
}

export interface RouteDefinition<Params = unknown, Query = unknown, Body = unknown> {
  method: HttpMethod;
  /** API Gateway style: /referrals/{referralId} */
  path: string;
  /**
   * The operation's name in the OpenAPI document, camelCase and unique across the API
   * (submitReferral, getCase): what a generated client calls the request.
   */
  operationId: string;
  summary: string;
  tags: string[];
  /** 'public': anyone (a token is read if sent); 'signed-in': a verified token is required. */
  access: 'public' | 'signed-in';
  params?: z.ZodType<Params>;
  query?: z.ZodType<Query>;
  body?: z.ZodType<Body>;
  /** Request headers the route reads, documented in OpenAPI (If-Match, Idempotency-Key). */
  requestHeaders?: { name: string; required: boolean; description: string }[];
  responses: Record<number, RouteResponseDoc>;
  /**
   * Counts each valid request per client address (the source IP API Gateway reports) and answers
   * 429 once the limit is reached: the public submission (functions/api/referrals/submission-rate-limit.ts).
   */
  clientRateLimit?: RateLimiter;
  handle(request: RouteRequest<Params, Query, Body>): Promise<HttpResult>;
}

/** Keeps the generic types of one route while a group holds many. */
export function defineRoute<Params = Record<string, never>, Query = Record<string, never>, Body = undefined>(
  route: RouteDefinition<Params, Query, Body>,
): RouteDefinition {
  return route as unknown as RouteDefinition;
}

export function routeKey(route: Pick<RouteDefinition, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}
