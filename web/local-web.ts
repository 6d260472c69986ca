// The pages as the local service serves them: signed in as the demo personas (never part of the
// cloud build: web.lambda.ts does not import this file, and a test checks its bundle).
import { type ApiComposition } from '../functions/api/api.js';
import { type AwsClients } from '../functions/composition/clients.js';
import { type ServiceConfig } from '../functions/composition/service-config.js';
import { type IdentityConfig } from '../functions/identity/identity.js';
import { type DemoPersona, createPersonaSignIn } from './sign-in/persona-sign-in.js';
import { composeWeb, mountWeb } from './web-composition.js';

export interface LocalWebOptions {
  api?: ApiComposition;
  personas: readonly DemoPersona[];
  /** Signs a token for a persona (local/dev-identity.ts). */
  issue(personaId: string): Promise<string>;
  identity: IdentityConfig;
  clock?: () => Date;
}

export function composeLocalWeb(config: ServiceConfig, clients: AwsClients, options: LocalWebOptions) {
  return composeWeb(config, clients, {
    signIn: createPersonaSignIn({ personas: options.personas, issue: options.issue, identity: options.identity }),
    ...(options.api ? { api: options.api } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
}

/** The pages for the local service (local/local-service.ts `mountPages`): signed in as `personas`. */
export function mountLocalWeb<Persona extends DemoPersona>(
  service: {
    api: ApiComposition;
    identity: { config: IdentityConfig; issue(persona: Persona): Promise<string> };
    stack: { config: ServiceConfig; clients: AwsClients };
  },
  personas: readonly Persona[],
  options: { clock?: () => Date } = {},
) {
  const handler = composeLocalWeb(service.stack.config, service.stack.clients, {
    api: service.api,
    personas,
    identity: service.identity.config,
    issue: async (personaId) => {
      const persona = personas.find((candidate) => candidate.id === personaId);
      if (!persona) throw new Error('no such demo persona');
      return service.identity.issue(persona);
    },
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return mountWeb(handler);
}
