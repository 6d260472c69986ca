// The OpenAPI 3.1 document, generated from the same route definitions and zod schemas that
// validate requests: it cannot drift from what the API accepts.
import * as z from 'zod';
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponseObject,
} from 'zod-openapi';
import { type RouteDefinition } from './route.js';

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    currentVersion: z.number().int().optional(),
    correlationId: z.string(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details; never echoes submitted values' });

function asObject(schema: z.ZodType | undefined): z.ZodObject | undefined {
  return schema instanceof z.ZodObject ? schema : undefined;
}

function operationFor(route: RouteDefinition): ZodOpenApiOperationObject {
  const headerShape: Record<string, z.ZodType> = {};
  for (const header of route.requestHeaders ?? []) {
    const schema = z.string().meta({ description: header.description });
    headerShape[header.name] = header.required ? schema : schema.optional();
  }
  const responses: Record<string, ZodOpenApiResponseObject> = {};
  for (const [status, doc] of Object.entries(route.responses)) {
    responses[status] = {
      description: doc.description,
      ...(doc.schema ? { content: { [doc.contentType ?? 'application/json']: { schema: doc.schema } } } : {}),
    };
  }
  for (const status of ['400', ...(route.access === 'signed-in' ? ['401'] : [])]) {
    responses[status] ??= {
      description: status === '400' ? 'The request is not valid' : 'Sign in first',
      content: { 'application/problem+json': { schema: Problem } },
    };
  }
  const path = asObject(route.params);
  const query = asObject(route.query);
  return {
    summary: route.summary,
    tags: route.tags,
    ...(route.access === 'signed-in' ? { security: [{ bearer: [] }] } : { security: [{}, { bearer: [] }] }),
    requestParams: {
      ...(path ? { path } : {}),
      ...(query ? { query } : {}),
      ...(Object.keys(headerShape).length > 0 ? { header: z.object(headerShape) } : {}),
    },
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: route.body } } } } : {}),
    responses: responses as ZodOpenApiOperationObject['responses'],
  };
}

export function openApiDocument(
  routes: readonly RouteDefinition[],
  info: { title: string; version: string; description: string },
) {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const item = (paths[route.path] ??= {}) as Record<string, ZodOpenApiOperationObject>;
    item[route.method.toLowerCase()] = operationFor(route);
  }
  return createDocument({
    openapi: '3.1.0',
    info,
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  });
}
