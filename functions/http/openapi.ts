// The OpenAPI 3.1 document, generated from the same route definitions and zod schemas that
// validate requests: it cannot drift from what the API accepts.
import * as z from 'zod';
import {
  createDocument,
  type ZodOpenApiOverride,
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
    operationId: route.operationId,
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

/** What the document says about the API as a whole; the licence is required (an API without one cannot be reused). */
export type ApiInfo = {
  title: string;
  version: string;
  description: string;
  license: { name: string; url: string };
};

/**
 * The API answers on the origin that serves this document (GET /openapi.json sits beside every
 * route, locally and in each deployment), so the one server is relative: a client that fetched
 * the document knows where to send requests, and no stage's address is written into it.
 */
export const sameOriginServer = {
  url: '/',
  description: 'The origin this document was fetched from',
};

/**
 * A union with the empty schema admits every value, so its other members say nothing:
 * `z.unknown().nullable()` renders as anyOf [{}, {type: 'null'}], which linters rightly call
 * illogical. Rendered as the empty schema it stands for (null included), keeping any description;
 * zod-openapi is told that a nullable may render empty (only such a union does).
 */
const unionsWithAnythingCollapsed: ZodOpenApiOverride = ({ jsonSchema }) => {
  const members = jsonSchema.anyOf;
  if (members?.some((member) => typeof member === 'object' && Object.keys(member).length === 0))
    delete jsonSchema.anyOf;
};

export function openApiDocument(routes: readonly RouteDefinition[], info: ApiInfo) {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const item = (paths[route.path] ??= {}) as Record<string, ZodOpenApiOperationObject>;
    item[route.method.toLowerCase()] = operationFor(route);
  }
  return createDocument(
    {
      openapi: '3.1.0',
      info,
      servers: [sameOriginServer],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      paths,
    },
    { override: unionsWithAnythingCollapsed, allowEmptySchema: { nullable: true } },
  );
}
