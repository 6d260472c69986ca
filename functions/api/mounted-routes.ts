// The API as the local HTTP adapter mounts it: one handler per route group (the very handler
// its Lambda runs), each route under its method and path. `npm start` and the tests call this.
import { type IdentityConfig } from '../identity/identity.js';
import { type RouteDefinition } from '../http/route.js';
import { createRouteGroup } from '../http/route-group.js';
import { type RouteGroupName, routeGroupNames } from './api.js';

export interface MountableRoute {
  method: string;
  path: string;
  handler: ReturnType<typeof createRouteGroup>;
}

export function mountRouteGroups(
  groups: readonly (readonly RouteDefinition[])[],
  identity: IdentityConfig,
): MountableRoute[] {
  return groups.flatMap((routes) => {
    const handler = createRouteGroup(routes, { identity });
    return routes.map((route) => ({ method: route.method, path: route.path, handler }));
  });
}

/** Every route group of the API, mounted. */
export function mountApi(
  api: { group(name: RouteGroupName): RouteDefinition[] },
  identity: IdentityConfig,
): MountableRoute[] {
  return mountRouteGroups(
    routeGroupNames.map((name) => api.group(name)),
    identity,
  );
}
