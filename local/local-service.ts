// The whole service on one machine: the local stack (DynamoDB Local, the SQS and SES stand-ins,
// the router and delivery pollers), the projector and the directory projection on the event
// store's stream, the timers on an interval, and the API's route groups (plus the local-only
// dev routes) behind the HTTP adapter. `npm start`, the end-to-end tests and the benchmarks all
// start it through here, so they run the same service.
import { composeApi, type ApiComposition } from '../functions/api/api.js';
import { mountApi, mountRouteGroups } from '../functions/api/mounted-routes.js';
import { createServiceEventStore } from '../functions/composition/event-store.js';
import { composeDirectoryProjection } from '../functions/organisations/directory-composition.js';
import { composeProjector } from '../functions/projector/projector-composition.js';
import { composeTimers } from '../functions/timers/timers-composition.js';
import { createDevIdentity, type DevIdentity } from './dev-identity.js';
import { createDevRoutes } from './dev-routes.js';
import { type DemoPeople, createDemoPeople } from './demo-people.js';
import { personas } from './personas.js';
import { revocations } from '../functions/api/shared/revocations-composition.js';
import { type MountedRoute, startHttpAdapter } from './http-adapter.js';
import { type LocalStack, type LocalStackOptions, startLocalStack } from './local-stack.js';

export interface LocalServiceOptions extends LocalStackOptions {
  /** The HTTP port (0: any free port). */
  port?: number;
  host?: string;
  /** How often the timers look for what has fallen due (default every 60 s). */
  timerIntervalMs?: number;
  /** How long the API keeps the directory overlay it read (default 30 s). */
  directoryTtlMs?: number;
  /**
   * Runs around each request to the API and the pages (the benches mark a request's own AWS
   * requests with it, apart from what the pollers send meanwhile on the same clients).
   */
  aroundRequest?: <T>(handle: () => Promise<T>) => Promise<T>;
  /** Further routes served by the same server (the web pages). */
  mountPages?: (service: {
    api: ApiComposition;
    identity: DevIdentity;
    stack: LocalStack;
    people: DemoPeople;
    baseUrl: () => string;
  }) => Promise<MountedRoute[]> | MountedRoute[];
}

export interface LocalService {
  url: string;
  stack: LocalStack;
  api: ApiComposition;
  identity: DevIdentity;
  /** The demo people: the personas and whoever was invited since the start. */
  people: DemoPeople;
  /** Runs the timers once now (they also run on their interval). */
  runTimers(): Promise<void>;
  stop(): Promise<void>;
}

export async function startLocalService(options: LocalServiceOptions = {}): Promise<LocalService> {
  const stack = await startLocalStack(options);
  try {
    const store = createServiceEventStore(stack.config, stack.clients);
    await stack.consumeStream('projector', composeProjector(stack.config, stack.clients));
    await stack.consumeStream('directory', composeDirectoryProjection(stack.config, stack.clients, store.codec));

    const timers = composeTimers(stack.config, stack.clients, { ...(options.clock ? { clock: options.clock } : {}) });
    const report =
      options.onError ?? ((source: string, error: unknown) => console.error(`local service (${source}):`, error));
    let timersRunning: Promise<unknown> | undefined;
    const runTimers = async (): Promise<void> => {
      timersRunning ??= timers.run().finally(() => {
        timersRunning = undefined;
      });
      await timersRunning;
    };
    const tick = setInterval(
      () => void runTimers().catch((error: unknown) => report('timers', error)),
      options.timerIntervalMs ?? 60_000,
    );
    stack.own({
      stop: async () => {
        clearInterval(tick);
        await timersRunning?.catch(() => undefined);
      },
    });

    const people = createDemoPeople(personas);
    const api = composeApi(stack.config, stack.clients, {
      people,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.directoryTtlMs !== undefined ? { directoryTtlMs: options.directoryTtlMs } : {}),
    });
    // The token check reads the revocation record the API's people administration writes (one object, one cache).
    const identity = await createDevIdentity({ revocations: revocations(api.context) });
    let url = '';
    const pages = options.mountPages
      ? await options.mountPages({ api, identity, stack, people, baseUrl: () => url })
      : [];
    const around = options.aroundRequest;
    const mounted: MountedRoute[] = [
      ...mountApi(api, identity.config),
      ...mountRouteGroups([createDevRoutes({ identity, people })], identity.config),
      ...pages,
    ];
    const server = await startHttpAdapter(
      around
        ? mounted.map((route) => ({
            ...route,
            handler: (event, context) => around(() => route.handler(event, context)),
          }))
        : mounted,
      {
        ...(options.port !== undefined ? { port: options.port } : {}),
        ...(options.host ? { host: options.host } : {}),
      },
    );
    url = server.url;
    stack.own({ stop: () => server.close() });
    return { url, stack, api, identity, people, runTimers, stop: () => stack.stop() };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}
