// The platform Lambda serves the OpenAPI document generated at build time (npm run openapi), not
// one generated from the route groups at run time. These prove that changes nothing for a client:
// the committed document is what the route groups give now (it cannot go stale unnoticed), and the
// Lambda's GET /openapi.json answers byte for byte what the run-time composition answers.
import { readFileSync } from 'node:fs';
import { type APIGatewayProxyEventV2, type APIGatewayProxyStructuredResultV2, type Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { composeApi } from '../../../../functions/api/api.js';
import { builtApiDocument } from '../../../../functions/api/platform/built-api-document.js';
import { composePlatformRoutes } from '../../../../functions/api/platform/platform-composition.js';
import { createCompositionContext } from '../../../../functions/api/shared/composition-context.js';
import { createAwsClients } from '../../../../functions/composition/clients.js';
import { createRouteGroup } from '../../../../functions/http/route-group.js';
import { createDevIdentity } from '../../../../local/dev-identity.js';
import {
  builtApiDocumentFile,
  builtApiDocumentSource,
  servedApiDocument,
  unreachableServiceConfig,
} from '../../../api-client/api-document.js';

function documentRequest(): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'GET /openapi.json',
    rawPath: '/openapi.json',
    rawQueryString: '',
    headers: { accept: 'application/json' },
    isBase64Encoded: false,
    requestContext: { requestId: 'req-1' } as APIGatewayProxyEventV2['requestContext'],
  };
}

async function answer(handler: ReturnType<typeof createRouteGroup>): Promise<APIGatewayProxyStructuredResultV2> {
  return (await handler(documentRequest(), {} as Context)) as APIGatewayProxyStructuredResultV2;
}

describe('the API document built for the platform Lambda', () => {
  it('is the document the route groups give now (run `npm run openapi` when this fails)', () => {
    expect(readFileSync(builtApiDocumentFile, 'utf8'), 'stale: run `npm run openapi`').toBe(
      builtApiDocumentSource(servedApiDocument()),
    );
  }, 30_000);

  it("is served by the Lambda's composition byte for byte as the run-time composition serves it", async () => {
    const config = unreachableServiceConfig('built-document');
    const { config: identity } = await createDevIdentity();
    const correlation = { newCorrelationId: () => 'corr-document' };
    // As platform.lambda.ts composes it: this group only, the document from the build.
    const lambda = createRouteGroup(
      composePlatformRoutes(createCompositionContext(config, createAwsClients(config)), () => builtApiDocument),
      { identity, ...correlation },
    );
    // As the local server composes it: every group, the document generated from their schemas.
    const runTime = createRouteGroup(composeApi(config, createAwsClients(config)).group('platform'), {
      identity,
      ...correlation,
    });
    const [fromBuild, fromRoutes] = await Promise.all([answer(lambda), answer(runTime)]);
    expect(fromRoutes.statusCode).toBe(200);
    expect(typeof fromRoutes.body).toBe('string');
    expect((fromRoutes.body as string).length).toBeGreaterThan(100_000);
    expect(fromBuild.statusCode).toBe(fromRoutes.statusCode);
    expect(fromBuild.headers).toEqual(fromRoutes.headers);
    expect(fromBuild.body).toBe(fromRoutes.body);
    // The second answer comes from the same cached document.
    expect((await answer(lambda)).body).toBe(fromRoutes.body);
  }, 30_000);
});
