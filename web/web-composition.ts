// The web pages' composition root: the API's application services (one composition, the same
// instances the API would build), the web-sessions table, the event store's key provider for
// sealing sessions, and the sign-in method the caller chooses (Cognito in the cloud, the demo
// personas locally: see local-web.ts).
import { type ApiComposition } from '../functions/api/api.js';
import { apiServicesOf } from '../functions/api/api-services.js';
import { createCompositionContext } from '../functions/api/shared/composition-context.js';
import { type AwsClients } from '../functions/composition/clients.js';
import { createKeyProvider } from '../functions/composition/event-store.js';
import { type ServiceConfig } from '../functions/composition/service-config.js';
import { tableName, webSessionsTable } from '../functions/tables/table-definitions.js';
import { createDynamoSessionStore } from './session/session-store.js';
import { type SignInMethod } from './sign-in/sign-in-method.js';
import { createWebHandler } from './web-handler.js';
import { createWebRoutes } from './web-routes.js';
import { limitSubmissionPages } from '../functions/api/referrals/submission-rate-limit.js';

export interface WebOptions {
  signIn: SignInMethod;
  /** The API composition to share (the local server passes its own); made from the configuration otherwise. */
  api?: ApiComposition;
  clock?: () => Date;
}

export function composeWeb(config: ServiceConfig, clients: AwsClients, options: WebOptions) {
  const clock = options.clock ?? (() => new Date());
  // The services alone (no route group) unless the local server shares its composition.
  const services = options.api?.services() ?? apiServicesOf(createCompositionContext(config, clients, { clock }));
  return createWebHandler({
    routes: limitSubmissionPages(
      createWebRoutes({ services, signIn: options.signIn, clock }),
      services.submissionRateLimit,
    ),
    sessions: {
      store: createDynamoSessionStore({
        client: clients.dynamo,
        tableName: tableName(config.SERVICE_PREFIX, webSessionsTable),
      }),
      keyProvider: createKeyProvider(config, clients),
    },
    revocations: services.revocations,
    clock,
  });
}

export type WebHandler = ReturnType<typeof composeWeb>;

/** How the local HTTP adapter mounts the pages: as API Gateway does (infra/function-catalogue.ts, entry 'web'). */
export function mountWeb(handler: WebHandler): { method: 'ANY'; path: string; handler: WebHandler }[] {
  return [
    { method: 'ANY', path: '/', handler },
    { method: 'ANY', path: '/{proxy+}', handler },
  ];
}
