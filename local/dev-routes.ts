// Local only (never in the cloud build): the demo users and a signed token for one of them, so
// the API can be tried by hand and by tests. Tokens are signed by the local identity provider
// (local/dev-identity.ts) with the claims Cognito issues, and verified by the same code.
import * as z from 'zod';
import { Problem } from '../functions/http/openapi.js';
import { problems } from '../functions/http/problem.js';
import { type RouteDefinition, defineRoute } from '../functions/http/route.js';
import { type DevIdentity } from './dev-identity.js';
import { type DemoPeople } from './demo-people.js';

const PersonaSummary = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  organisation: z.string(),
  organisationName: z.string(),
});

export function createDevRoutes(deps: { identity: DevIdentity; people: DemoPeople }): RouteDefinition[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/dev/personas',
      operationId: 'listDemoPersonas',
      summary: 'Demo users (local only)',
      tags: ['local development'],
      access: 'public',
      responses: { 200: { description: 'The demo users', schema: z.object({ personas: z.array(PersonaSummary) }) } },
      handle: async () => ({ status: 200, body: { personas: deps.people.signable } }),
    }),
    defineRoute({
      method: 'POST',
      path: '/dev/token',
      operationId: 'issueDemoToken',
      summary: 'A signed token for a demo user (local only)',
      tags: ['local development'],
      access: 'public',
      body: z.strictObject({ persona: z.string().min(1).max(60) }),
      responses: {
        200: {
          description: 'Send it as Authorization: Bearer <token>',
          schema: z.object({ token: z.string(), persona: PersonaSummary }),
        },
        404: { description: 'No such demo user', schema: Problem, contentType: 'application/problem+json' },
      },
      async handle({ body }) {
        const persona = deps.people.find(body.persona);
        if (!persona) throw problems.notFound('There is no demo user with that id: GET /dev/personas lists them.');
        return { status: 200, body: { token: await deps.identity.issue(persona), persona } };
      },
    }),
  ];
}
