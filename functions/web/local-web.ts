// The pages as the local service serves them: signed in as the demo personas (never part of the
// cloud build: web.lambda.ts does not import this file, and a test checks its bundle).
import { type ApiComposition } from '../api/api-composition.js';
import { type AwsClients } from '../composition/clients.js';
import { type ServiceConfig } from '../composition/service-config.js';
import { type IdentityConfig } from '../identity/identity.js';
import { type DemoPersona, createPersonaSignIn } from '../../web/sign-in/persona-sign-in.js';
import { composeWeb } from './web-composition.js';

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
