// The people directory in the cloud: the Cognito user pool. Roles are groups (exactly one each),
// the organisation is the custom attribute only an administrator can set. An invitation is
// AdminCreateUser (Cognito mails a temporary password) and AdminAddUserToGroup; a change of role
// moves the person between groups; a leaver is disabled (AdminDisableUser: no new sign-in) and
// signed out everywhere (AdminUserGlobalSignOut: refresh tokens revoked). The ID tokens already
// issued are refused by the service's revocation record (revocations.ts), not here.
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUserGlobalSignOutCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
  ListUsersInGroupCommand,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { Role } from '../../events/envelope.js';
import { claimNames } from '../identity/identity.js';
import { type PeopleDirectory, type Person } from './people-directory.js';

const attribute = (attributes: readonly AttributeType[] | undefined, name: string): string | undefined =>
  attributes?.find((candidate) => candidate.Name === name)?.Value;

export function createCognitoPeopleDirectory(deps: {
  client: CognitoIdentityProviderClient;
  userPoolId: string;
}): PeopleDirectory {
  const { client, userPoolId } = deps;

  function personFrom(
    user: { Username?: string; Attributes?: AttributeType[]; UserAttributes?: AttributeType[]; Enabled?: boolean },
    role: Role,
  ): Person {
    const attributes = user.Attributes ?? user.UserAttributes;
    return {
      user: attribute(attributes, 'sub') ?? user.Username ?? '',
      name: attribute(attributes, claimNames.displayName) ?? '',
      email: attribute(attributes, 'email') ?? '',
      role,
      organisation: attribute(attributes, claimNames.organisation) ?? '',
      enabled: user.Enabled ?? true,
    };
  }

  /** The person, if they are of `organisation` and hold exactly one of `roles`; null otherwise. */
  async function ownPerson(organisation: string, roles: readonly Role[], user: string): Promise<Person | null> {
    let found;
    try {
      found = await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: user }));
    } catch (error) {
      if (error instanceof UserNotFoundException) return null;
      throw error;
    }
    if (attribute(found.UserAttributes, claimNames.organisation) !== organisation) return null;
    const groups = await client.send(
      new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: user, Limit: 10 }),
    );
    const held = (groups.Groups ?? []).flatMap((group) => {
      const role = Role.safeParse(group.GroupName);
      return role.success ? [role.data] : [];
    });
    const role = held[0];
    if (held.length !== 1 || role === undefined || !roles.includes(role)) return null;
    return personFrom(found, role);
  }

  return {
    async list(organisation, roles) {
      const people: Person[] = [];
      for (const role of roles) {
        let next: string | undefined;
        do {
          const page = await client.send(
            new ListUsersInGroupCommand({ UserPoolId: userPoolId, GroupName: role, Limit: 60, NextToken: next }),
          );
          for (const user of page.Users ?? []) {
            if (attribute(user.Attributes, claimNames.organisation) === organisation)
              people.push(personFrom(user, role));
          }
          next = page.NextToken;
        } while (next);
      }
      return people.sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
    },

    async invite(invitation) {
      let created;
      try {
        created = await client.send(
          new AdminCreateUserCommand({
            UserPoolId: userPoolId,
            Username: invitation.email,
            DesiredDeliveryMediums: ['EMAIL'],
            UserAttributes: [
              { Name: 'email', Value: invitation.email },
              { Name: 'email_verified', Value: 'true' },
              { Name: claimNames.displayName, Value: invitation.name },
              { Name: claimNames.organisation, Value: invitation.organisation },
            ],
          }),
        );
      } catch (error) {
        if (error instanceof UsernameExistsException) return { ok: false, error: 'already-exists' };
        throw error;
      }
      const user = created.User ?? {};
      await client.send(
        new AdminAddUserToGroupCommand({
          UserPoolId: userPoolId,
          Username: user.Username ?? invitation.email,
          GroupName: invitation.role,
        }),
      );
      return { ok: true, person: personFrom(user, invitation.role) };
    },

    async setRole(organisation, roles, user, role) {
      const person = await ownPerson(organisation, roles, user);
      if (!person) return { ok: false, error: 'not-found' };
      if (person.role === role) return { ok: true, person };
      // Out of the old group first: between the two calls the person has no role (refused), never two.
      await client.send(
        new AdminRemoveUserFromGroupCommand({ UserPoolId: userPoolId, Username: user, GroupName: person.role }),
      );
      await client.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: user, GroupName: role }));
      await client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: userPoolId, Username: user }));
      return { ok: true, person: { ...person, role } };
    },

    async remove(organisation, roles, user) {
      const person = await ownPerson(organisation, roles, user);
      if (!person) return { ok: false, error: 'not-found' };
      await client.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: user }));
      await client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: userPoolId, Username: user }));
      return { ok: true, person: { ...person, enabled: false } };
    },
  };
}
