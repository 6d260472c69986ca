// The OpenAPI document is generated from the route groups' own schemas: it must be a well-formed
// OpenAPI 3.1 document, list every route the API serves, and the groups must serve exactly the
// routes the CDK app gives their Lambda functions.
import { describe, expect, it } from 'vitest';
import { composeApi, lambdaEntries, routeGroupNames } from '../../../functions/api/api.js';
import { apiInfo } from '../../../functions/api/platform/platform-routes.js';
import { createAwsClients } from '../../../functions/composition/clients.js';
import { unreachableServiceConfig } from '../../api-client/api-document.js';
import { openApiDocument } from '../../../functions/http/openapi.js';
import { functionCatalogue } from '../../../infra/function-catalogue.js';

const config = unreachableServiceConfig('unit');
const api = composeApi(config, createAwsClients(config));
const routes = api.all();
const document = JSON.parse(JSON.stringify(openApiDocument(routes, apiInfo))) as {
  openapi: string;
  info: Record<string, unknown>;
  servers?: { url: string }[];
  paths: Record<
    string,
    Record<
      string,
      {
        responses?: Record<string, unknown>;
        operationId?: string;
        parameters?: { in: string; name: string; required?: boolean }[];
        security?: unknown[];
        requestBody?: unknown;
      }
    >
  >;
  components?: { schemas?: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
};

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => refsIn(item, found));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') found.push(item);
      else refsIn(item, found);
    }
  }
  return found;
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with the info, paths and security scheme the specification requires', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(document.components?.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const path of Object.keys(document.paths)) expect(path.startsWith('/'), path).toBe(true);
  });

  it('names every operation with a unique camelCase operationId, which a generated client calls it by', () => {
    const ids = Object.values(document.paths).flatMap((item) =>
      Object.values(item).map((operation) => operation.operationId),
    );
    expect(ids).toHaveLength(routes.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z0-9]*$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(document.paths['/referrals']?.post?.operationId).toBe('submitReferral');
    expect(document.paths['/referrals/{referralId}/gateway-assessment/start']?.post?.operationId).toBe(
      'startGatewayAssessment',
    );
  });

  it('says where the API answers (the origin serving the document) and under which licence', () => {
    expect(document.servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect(document.info.license).toEqual({
      name: 'Open Government Licence v3.0',
      url: expect.stringMatching(
        /^https:\/\/www\.nationalarchives\.gov\.uk\/doc\/open-government-licence\/version\/3\/$/,
      ),
    });
  });

  it('lists every route of every group, once', () => {
    const listed = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(listed.sort()).toEqual(routes.map((route) => `${route.method} ${route.path}`).sort());
    expect(routes.length).toBe(new Set(listed).size);
    expect(listed).not.toContainEqual(expect.stringContaining('/dev/'));
  });

  it('declares every path parameter, documents answers, and resolves every reference', () => {
    for (const [path, item] of Object.entries(document.paths)) {
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      for (const [method, operation] of Object.entries(item)) {
        const declared = (operation.parameters ?? []).filter((parameter) => parameter.in === 'path');
        expect(declared.map((parameter) => parameter.name).sort(), `${method} ${path}`).toEqual([...templated].sort());
        expect(declared.every((parameter) => parameter.required === true)).toBe(true);
        expect(Object.keys(operation.responses ?? {}).length).toBeGreaterThan(0);
        for (const status of Object.keys(operation.responses ?? {})) expect(status).toMatch(/^[1-5][0-9][0-9]$/);
        for (const requirement of operation.security ?? [])
          for (const scheme of Object.keys(requirement as object))
            expect(document.components?.securitySchemes).toHaveProperty(scheme);
      }
    }
    for (const ref of refsIn(document)) {
      const match = /^#\/components\/schemas\/(.+)$/.exec(ref);
      expect(match, ref).not.toBeNull();
      expect(document.components?.schemas, ref).toHaveProperty(match![1]!);
    }
  });

  it('documents the form, the version headers and the problem answers from the schemas', () => {
    const submit = document.paths['/referrals']?.post;
    expect(JSON.stringify(submit?.requestBody)).toContain('#/components/schemas/ReferralForm');
    expect(JSON.stringify(document.components?.schemas?.ReferralForm)).toContain('"additionalProperties":false');
    const close = document.paths['/referrals/{referralId}/close']?.post;
    expect(close?.parameters).toContainEqual(
      expect.objectContaining({ in: 'header', name: 'If-Match', required: true }),
    );
    expect(JSON.stringify(close?.responses?.['409'])).toContain('#/components/schemas/Problem');
  });
});

describe('the route groups and the CDK app', () => {
  it.each(routeGroupNames)('the %s group serves exactly the routes its Lambda function is given', (name) => {
    const entry = functionCatalogue.find((candidate) => candidate.entry === lambdaEntries[name]);
    expect(entry?.trigger.kind).toBe('http');
    const declared =
      entry?.trigger.kind === 'http'
        ? entry.trigger.routes.map((route) => `${route.method} ${route.path} ${route.access}`)
        : [];
    expect(
      api
        .group(name)
        .map((route) => `${route.method} ${route.path} ${route.access}`)
        .sort(),
    ).toEqual([...declared].sort());
  });
});
