// Every page shares its origin with the API, and API Gateway routes a method and path the API
// declares to the API's function before the pages' catch-all: a page whose method and path an API
// route also matches would never be reached (a form posted to it would meet the API and its
// token check). No page may share a method and path with an API route.
import { describe, expect, it } from 'vitest';
import { type ApiServices } from '../../functions/api/api.js';
import { compilePathPattern } from '../../functions/http/request-framing.js';
import { catalogueRoutes } from '../../infra/function-catalogue.js';
import { createWebRoutes } from '../../web/web-routes.js';

/** A path the pattern matches, every parameter filled with a sample segment. */
const sample = (path: string) => path.replace(/\{\w+\+?\}/g, 'sample-1');

describe('the pages beside the API', () => {
  it('share no method and path with an API route', () => {
    const pages = createWebRoutes({
      services: {} as ApiServices,
      signIn: {
        begin: async () => ({ kind: 'redirect', location: '/' }),
        complete: async () => ({ kind: 'not-signed-in', result: { kind: 'redirect', location: '/' } }),
      },
      clock: () => new Date(),
    });
    const api = catalogueRoutes()
      .filter(({ functionId }) => functionId !== 'web')
      .map(({ route }) => route);
    expect(pages.length).toBeGreaterThan(40);
    const clashes = pages.flatMap((page) =>
      api
        .filter((route) => route.method === page.method)
        .filter(
          (route) =>
            compilePathPattern(page.path).pattern.test(sample(route.path)) ||
            compilePathPattern(route.path).pattern.test(sample(page.path)),
        )
        .map((route) => `${page.method} ${page.path} ~ ${route.method} ${route.path}`),
    );
    expect(clashes).toEqual([]);
  });
});
