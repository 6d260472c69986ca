// Which routes count against the per-client submission limit, what the limiter is given (the
// source address API Gateway reports), and how the API documents and words a refusal.
import { type APIGatewayProxyEventV2, type APIGatewayProxyStructuredResultV2, type Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { composeApi } from '../../../../functions/api/api.js';
import { apiInfo } from '../../../../functions/api/platform/platform-routes.js';
import {
  SUBMISSION_PAGE,
  SUBMISSION_ROUTE,
  limitSubmissionPages,
  limitSubmissionRoutes,
} from '../../../../functions/api/referrals/submission-rate-limit.js';
import { createAwsClients } from '../../../../functions/composition/clients.js';
import { unreachableServiceConfig } from '../../../api-client/api-document.js';
import { readServiceConfig } from '../../../../functions/composition/service-config.js';
import { openApiDocument } from '../../../../functions/http/openapi.js';
import { createRouteGroup } from '../../../../functions/http/route-group.js';
import { defineRoute, routeKey } from '../../../../functions/http/route.js';
import { type RateLimiter } from '../../../../functions/rate-limit/rate-limiter.js';
import { createDevIdentity } from '../../../../local/dev-identity.js';

const config = unreachableServiceConfig('unit');

function recordingLimiter(allowed: number): RateLimiter & { subjects: string[] } {
  const subjects: string[] = [];
  return {
    subjects,
    take: async (subject) => {
      subjects.push(subject);
      return subjects.length <= allowed ? { allowed: true } : { allowed: false, retryAfterSeconds: 754 };
    },
  };
}

describe('the submission limit', () => {
  it('has defaults in the configuration, and takes other values from it', () => {
    expect(config).toMatchObject({
      SUBMISSION_RATE_LIMIT: 20,
      SUBMISSION_RATE_WINDOW_SECONDS: 3600,
      ACKNOWLEDGEMENT_MAIL_LIMIT: 5,
      ACKNOWLEDGEMENT_MAIL_WINDOW_SECONDS: 86_400,
    });
    expect(
      readServiceConfig({ ...config, SUBMISSION_RATE_LIMIT: '3' } as unknown as Record<string, string>)
        .SUBMISSION_RATE_LIMIT,
    ).toBe(3);
    expect(() =>
      readServiceConfig({ ...config, SUBMISSION_RATE_LIMIT: '0' } as unknown as Record<string, string>),
    ).toThrow(/SUBMISSION_RATE_LIMIT/);
  });

  it('holds exactly the API’s POST /referrals and the form’s submission page', () => {
    const limited = composeApi(config, createAwsClients(config))
      .all()
      .filter((route) => route.clientRateLimit)
      .map(routeKey);
    expect(limited).toEqual([SUBMISSION_ROUTE]);
    const limiter = recordingLimiter(1);
    const candidates: { method: string; path: string; clientRateLimit?: RateLimiter }[] = [
      { method: 'POST', path: '/referral/check-answers' },
      { method: 'GET', path: '/referral/check-answers' },
      { method: 'POST', path: '/referral/{step}' },
    ];
    const pages = limitSubmissionPages(candidates, limiter);
    expect(pages.filter((page) => page.clientRateLimit).map((page) => `${page.method} ${page.path}`)).toEqual([
      SUBMISSION_PAGE,
    ]);
  });

  it('is documented as a 429 answer of POST /referrals', () => {
    const document = JSON.parse(
      JSON.stringify(openApiDocument(composeApi(config, createAwsClients(config)).all(), apiInfo)),
    ) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(Object.keys(document.paths['/referrals']?.post?.responses ?? {})).toContain('429');
  });

  it('counts valid requests by the source address and answers 429 problem+json with Retry-After, in plain words', async () => {
    const limiter = recordingLimiter(1);
    const [route] = limitSubmissionRoutes(
      [
        defineRoute({
          method: 'POST',
          path: '/referrals',
          operationId: 'submitReferral',
          summary: 's',
          tags: ['t'],
          access: 'public',
          body: z.strictObject({ name: z.string() }),
          responses: { 201: { description: 'ok' } },
          handle: async () => ({ status: 201, body: {} }),
        }),
      ],
      limiter,
    );
    const group = createRouteGroup([route!], { identity: (await createDevIdentity()).config });
    const call = async (body: string) =>
      (await group(
        {
          version: '2.0',
          routeKey: 'POST /referrals',
          rawPath: '/referrals',
          rawQueryString: '',
          headers: { 'content-type': 'application/json' },
          body,
          isBase64Encoded: false,
          requestContext: {
            http: { method: 'POST', path: '/referrals', sourceIp: '198.51.100.23' },
            requestId: 'req-12345678',
          },
        } as unknown as APIGatewayProxyEventV2,
        {} as Context,
      )) as APIGatewayProxyStructuredResultV2 & { headers: Record<string, string> };
    expect((await call('{"nope":1}')).statusCode).toBe(400);
    expect(limiter.subjects).toEqual([]);
    expect((await call('{"name":"a"}')).statusCode).toBe(201);
    const refused = await call('{"name":"a"}');
    expect(limiter.subjects).toEqual(['198.51.100.23', '198.51.100.23']);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toBe('application/problem+json');
    expect(refused.headers['retry-after']).toBe('754');
    const problem = JSON.parse(refused.body ?? '{}') as { detail: string };
    expect(problem.detail).toBe(
      'Too many referrals have been sent from your network in a short time. Try again in 13 minutes. If someone is in immediate danger, call 999.',
    );
    expect(refused.body).not.toContain('198.51.100.23');
  });
});
