// Vitest global setup for the 'e2e' project: checks that Chromium is there (and says how to
// install it if not), then starts the whole service as `npm start` runs it: DynamoDB Local, the
// SQS and SES stand-ins, router, delivery, projector and directory projection on the stream, the
// API and the dev routes, and the web pages signed in through the demo personas. The tests get
// the base address; the service is stopped afterwards.
import { type TestProject } from 'vitest/node';
import { composeApi } from '../../functions/api/api-composition.js';
import { mountApi, mountRouteGroups } from '../../functions/api/mounted-routes.js';
import { createServiceEventStore } from '../../functions/composition/event-store.js';
import { composeDirectoryProjection } from '../../functions/organisations/directory-composition.js';
import { composeProjector } from '../../functions/projector/projector-composition.js';
import { composeLocalWeb } from '../../functions/web/local-web.js';
import { mountWeb } from '../../functions/web/web-composition.js';
import { createDevIdentity } from '../../local/dev-identity.js';
import { createDevRoutes } from '../../local/dev-routes.js';
import { startHttpAdapter } from '../../local/http-adapter.js';
import { startLocalStack } from '../../local/local-stack.js';
import { findPersona, personas } from '../../local/personas.js';
import { requireChromium } from './chromium.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** http://127.0.0.1:<port> of the service under test (pages and API). */
    webBaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  requireChromium();
  const stack = await startLocalStack({ prefix: 'e2e', pollIntervalMs: 50, visibilityTimeoutSeconds: 2 });
  try {
    const store = createServiceEventStore(stack.config, stack.clients);
    await stack.consumeStream('projector', composeProjector(stack.config, stack.clients));
    await stack.consumeStream('directory', composeDirectoryProjection(stack.config, stack.clients, store.codec));
    const identity = await createDevIdentity();
    const api = composeApi(stack.config, stack.clients, { directoryTtlMs: 0 });
    const web = composeLocalWeb(stack.config, stack.clients, {
      api,
      personas,
      identity: identity.config,
      issue: async (personaId) => {
        const persona = findPersona(personaId);
        if (!persona) throw new Error(`no demo persona ${personaId}`);
        return identity.issue(persona);
      },
    });
    const server = await startHttpAdapter([...mountApi(api, identity.config), ...mountRouteGroups([createDevRoutes({ identity })], identity.config), ...mountWeb(web)]);
    stack.own({ stop: () => server.close() });
    project.provide('webBaseUrl', server.url);
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return () => stack.stop();
}
