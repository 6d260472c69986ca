// Local sign-in as one of the demo personas: the persona's token is signed by the local identity
// provider and verified by functions/identity like any other, so the pages see exactly what they
// would see from Cognito. Only local/ builds this (the cloud composition never imports it).
import * as z from 'zod';
import { authenticate, type IdentityConfig } from '../../functions/identity/identity.js';
import { type FieldError } from '../forms/field-validation.js';
import { view } from '../http/page-route.js';
import { type SignInMethod } from './sign-in-method.js';

export interface DemoPersona {
  id: string;
  name: string;
  organisationName: string;
}

export interface PersonaSignInDeps {
  personas: readonly DemoPersona[];
  /** A signed token for the persona (the local identity provider). */
  issue(personaId: string): Promise<string>;
  identity: IdentityConfig;
}

const PersonaChoice = z.string().regex(/^[a-z0-9-]{1,60}$/);

export function createPersonaSignIn(deps: PersonaSignInDeps): SignInMethod {
  const page = (t: (key: string) => string, errors: FieldError[]) =>
    view(
      'sign-in-personas',
      {
        title: t('signIn.personasTitle'),
        errors,
        personas: deps.personas.map((persona) => ({
          value: persona.id,
          text: persona.name,
          hint: { text: persona.organisationName },
        })),
      },
      errors.length ? 400 : 200,
    );
  return {
    begin: async (request) => page(request.t, []),
    async complete(request) {
      const choice = PersonaChoice.safeParse(request.form.get('persona'));
      const persona = choice.success ? deps.personas.find((candidate) => candidate.id === choice.data) : undefined;
      if (!persona)
        return {
          kind: 'not-signed-in',
          result: page(request.t, [{ name: 'persona', href: '#persona', text: request.t('signIn.choosePersona') }]),
        };
      const viewer = await authenticate(`Bearer ${await deps.issue(persona.id)}`, deps.identity);
      return { kind: 'signed-in', viewer, name: persona.name };
    },
  };
}
