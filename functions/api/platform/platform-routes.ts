// The platform routes: health (each engine, real calls), the OpenAPI document generated from
// every route group's schemas (at run time locally, at build time for the Lambda:
// built-api-document.ts), and the routing preview (the same JSON as `npm run route`).
import * as z from 'zod';
import { readPostcode } from '../../../domain/routing/postcode.js';
import { type Geography } from '../../../domain/routing/geography.js';
import { routingPreview } from '../../../domain/routing/routing-preview.js';
import { type ApiInfo } from '../../http/openapi.js';
import { problems } from '../../http/problem.js';
import { type RouteDefinition, defineRoute } from '../../http/route.js';
import { type HealthCheck, HealthReport } from './health-check.js';

export const apiInfo: ApiInfo = {
  title: 'Prevent referrals',
  version: '1.0.0',
  description:
    'Routes Prevent referrals between referrers, police Prevent hubs, local authorities and Vulnerability Support Hubs in England and Wales. Access follows routing; every read of a case is audited. Errors are RFC 9457 problem details that never echo submitted values.',
  license: {
    name: 'Open Government Licence v3.0',
    url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
  },
};

const Flag = z.enum(['true', 'false']).transform((value) => value === 'true');

const PreviewAnswer = z
  .object({
    postcode: z.string().nullable(),
    jurisdiction: z.string(),
    localAuthority: z.object({ code: z.string(), name: z.string() }).nullable(),
    policeForce: z.object({ code: z.string(), name: z.string() }).nullable(),
    ctpRegion: z.object({ code: z.string(), name: z.string() }).nullable(),
    destinations: z.array(z.object({ kind: z.string(), id: z.string(), name: z.string() })),
    ruleVersion: z.string(),
  })
  .meta({ id: 'RoutingPreview' });

export interface PlatformDeps {
  health: HealthCheck;
  /** Built on the first preview: health probes and the API document do not pay for the postcode table. */
  geography: () => Geography;
  /**
   * The OpenAPI document of every route the API serves (asked for on the first GET /openapi.json):
   * generated from the route groups (functions/api/api.ts) or, in the Lambda, the one generated
   * from them at build time, so the function carries no other group's code.
   */
  apiDocument: () => unknown;
}

export function createPlatformRoutes(deps: PlatformDeps): RouteDefinition[] {
  let document: unknown;
  return [
    defineRoute({
      method: 'GET',
      path: '/health',
      operationId: 'getHealth',
      summary: "Each engine's status",
      tags: ['platform'],
      access: 'public',
      responses: {
        200: { description: 'Every engine answers', schema: HealthReport },
        503: { description: 'An engine does not answer', schema: HealthReport },
      },
      async handle() {
        const report = await deps.health.check();
        return { status: report.status === 'up' ? 200 : 503, body: report };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/openapi.json',
      operationId: 'getApiDocument',
      summary: 'This API, described in OpenAPI 3.1 (generated from the schemas that validate requests)',
      tags: ['platform'],
      access: 'public',
      responses: { 200: { description: 'The OpenAPI document' } },
      async handle() {
        document ??= deps.apiDocument();
        return { status: 200, body: document };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/routing/preview',
      operationId: 'previewRouting',
      summary: 'Where a referral from this postcode would be routed (no data is kept)',
      tags: ['platform'],
      access: 'public',
      query: z.strictObject({ postcode: z.string().min(2).max(10), urgent: Flag.optional(), vsh: Flag.optional() }),
      responses: { 200: { description: 'The destinations, as `npm run route` prints them', schema: PreviewAnswer } },
      async handle({ query }) {
        const reading = readPostcode(query.postcode);
        if (!reading.ok)
          throw problems.badRequest('Check the postcode.', [
            { field: 'query.postcode', message: 'not a full postcode: give one such as CV1 2NJ' },
          ]);
        const { preview } = routingPreview(
          {
            postcode: query.postcode,
            immediateRisk: query.urgent ?? false,
            vulnerabilitySupportHubRequested: query.vsh ?? false,
          },
          deps.geography(),
        );
        return { status: 200, body: preview };
      },
    }),
  ];
}
