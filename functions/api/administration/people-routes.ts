// An organisation's own people, for its organisation administrator: list them, invite a
// caseworker, change a caseworker's role, remove a leaver. Never anyone of another organisation:
// the access policy decides (manage-people), and a person of another organisation is answered as
// not there. A change of role or a removal refuses the person's tokens from that moment.
import * as z from 'zod';
import { DestinationId, ShortText } from '../../../events/common.js';
import { Role } from '../../../events/envelope.js';
import { problems } from '../../http/problem.js';
import { type RouteDefinition, defineRoute } from '../../http/route.js';
import { type PeopleAdministration, type PeopleOutcome } from '../../people/people-administration.js';
import { Person } from '../../people/people-directory.js';
import { problemResponse } from '../shared/api-schemas.js';

const OrganisationParams = z.strictObject({ organisationId: DestinationId });
const PersonParams = z.strictObject({
  organisationId: DestinationId,
  userId: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,128}$/, "a person's id is letters, digits and hyphens")
    .meta({ description: "The person's id (the token's sub)" }),
});

export const Invitation = z
  .strictObject({
    name: ShortText.min(1).meta({ description: "The person's full name" }),
    email: z.email().max(254).meta({ description: 'Where Cognito sends the invitation' }),
    role: Role.meta({ description: "A casework role of the organisation's kind" }),
  })
  .meta({ id: 'Invitation' });

export const RoleChange = z.strictObject({ role: Role }).meta({ id: 'RoleChange' });

const forbidden = problemResponse("Only the organisation's own administrator manages its people");

function answer<T>(outcome: PeopleOutcome<T>): T {
  if (outcome.ok) return outcome.value;
  switch (outcome.error) {
    case 'forbidden':
      throw problems.forbidden("Only this organisation's administrator manages its people.");
    case 'not-found':
      throw problems.notFound('This organisation has no caseworker with that id.');
    case 'already-exists':
      throw problems.unprocessable(
        'There is already an account with this email address. Ask the platform administrator to move it.',
        undefined,
        'already-exists',
      );
    case 'role-not-allowed':
      throw problems.unprocessable(
        "That role cannot be given here: only the casework roles of this organisation's kind.",
        [{ field: 'role', message: 'not a casework role of this organisation' }],
        'role-not-allowed',
      );
  }
}

export function createPeopleRoutes(deps: { people: PeopleAdministration }): RouteDefinition[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/organisations/{organisationId}/people',
      operationId: 'listPeople',
      summary: "The organisation's caseworkers (its organisation administrator)",
      tags: ['people'],
      access: 'signed-in',
      params: OrganisationParams,
      responses: {
        200: { description: 'By name', schema: z.object({ people: z.array(Person) }).meta({ id: 'People' }) },
        403: forbidden,
      },
      async handle({ params, viewer, correlationId }) {
        const people = answer(await deps.people.list(viewer!, params.organisationId, correlationId));
        return { status: 200, body: { people } };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/organisations/{organisationId}/people',
      operationId: 'invitePerson',
      summary: 'Invite a caseworker into the organisation (its organisation administrator)',
      tags: ['people'],
      access: 'signed-in',
      params: OrganisationParams,
      body: Invitation,
      responses: {
        201: { description: 'The invited person (the invitation is sent by mail)', schema: Person },
        403: forbidden,
        422: problemResponse('The role is not one this organisation may give, or the address already has an account'),
      },
      async handle({ params, body, viewer, correlationId }) {
        const person = answer(await deps.people.invite(viewer!, params.organisationId, body, correlationId));
        return { status: 201, body: person };
      },
    }),
    defineRoute({
      method: 'PUT',
      path: '/organisations/{organisationId}/people/{userId}/role',
      operationId: 'setPersonRole',
      summary: "Change a caseworker's role (its organisation administrator); they must sign in again",
      tags: ['people'],
      access: 'signed-in',
      params: PersonParams,
      body: RoleChange,
      responses: {
        200: { description: 'The person with the new role', schema: Person },
        403: forbidden,
        404: problemResponse('No such caseworker in this organisation'),
        422: problemResponse('The role is not one this organisation may give'),
      },
      async handle({ params, body, viewer, correlationId }) {
        const person = answer(
          await deps.people.setRole(viewer!, params.organisationId, params.userId, body.role, correlationId),
        );
        return { status: 200, body: person };
      },
    }),
    defineRoute({
      method: 'DELETE',
      path: '/organisations/{organisationId}/people/{userId}',
      operationId: 'removePerson',
      summary: 'Remove a leaver (its organisation administrator): their access ends at once',
      tags: ['people'],
      access: 'signed-in',
      params: PersonParams,
      responses: {
        200: { description: 'The person, disabled', schema: Person },
        403: forbidden,
        404: problemResponse('No such caseworker in this organisation'),
      },
      async handle({ params, viewer, correlationId }) {
        const person = answer(await deps.people.remove(viewer!, params.organisationId, params.userId, correlationId));
        return { status: 200, body: person };
      },
    }),
  ];
}
