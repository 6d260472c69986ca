// The people directory over the Cognito user pool, against a mocked client: exactly the calls an
// invitation, a change of role and a removal make, and nothing done to a person of another
// organisation or of a role the organisation administrator does not manage.
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  ListUsersInGroupCommand,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createCognitoPeopleDirectory } from '../../../functions/people/cognito-people-directory.js';

const cognito = mockClient(CognitoIdentityProviderClient);
const directory = createCognitoPeopleDirectory({
  client: new CognitoIdentityProviderClient({ region: 'eu-west-2' }),
  userPoolId: 'eu-west-2_pool',
});
const COVENTRY = 'la:E08000026';
const councilRoles = ['local-authority-prevent-lead', 'channel-chair'] as const;

const attributes = (organisation: string, sub = 'sub-1', name = 'Chris Chair') => [
  { Name: 'sub', Value: sub },
  { Name: 'email', Value: 'chair@coventry.example' },
  { Name: 'name', Value: name },
  { Name: 'custom:organisation', Value: organisation },
];

beforeEach(() => {
  cognito.reset();
});

describe('inviting', () => {
  it('creates the user with the organisation attribute and puts them in the one role group', async () => {
    cognito
      .on(AdminCreateUserCommand)
      .resolves({ User: { Username: 'sub-1', Attributes: attributes(COVENTRY), Enabled: true } });
    cognito.on(AdminAddUserToGroupCommand).resolves({});
    const invited = await directory.invite({
      organisation: COVENTRY,
      name: 'Chris Chair',
      email: 'chair@coventry.example',
      role: 'channel-chair',
    });
    expect(invited).toEqual({
      ok: true,
      person: {
        user: 'sub-1',
        name: 'Chris Chair',
        email: 'chair@coventry.example',
        role: 'channel-chair',
        organisation: COVENTRY,
        enabled: true,
      },
    });
    const created = cognito.commandCalls(AdminCreateUserCommand)[0]!.args[0].input;
    expect(created).toMatchObject({ UserPoolId: 'eu-west-2_pool', Username: 'chair@coventry.example' });
    expect(created.UserAttributes).toContainEqual({ Name: 'custom:organisation', Value: COVENTRY });
    expect(created.DesiredDeliveryMediums).toEqual(['EMAIL']);
    expect(cognito.commandCalls(AdminAddUserToGroupCommand).map((call) => call.args[0].input)).toEqual([
      { UserPoolId: 'eu-west-2_pool', Username: 'sub-1', GroupName: 'channel-chair' },
    ]);
  });

  it('answers already-exists for an address that has an account, and adds no group', async () => {
    cognito.on(AdminCreateUserCommand).rejects(new UsernameExistsException({ message: 'exists', $metadata: {} }));
    const invited = await directory.invite({
      organisation: COVENTRY,
      name: 'Chris Chair',
      email: 'chair@coventry.example',
      role: 'channel-chair',
    });
    expect(invited).toEqual({ ok: false, error: 'already-exists' });
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)).toHaveLength(0);
  });
});

describe('changing a role and removing', () => {
  function existing(organisation: string, group: string) {
    cognito
      .on(AdminGetUserCommand)
      .resolves({ Username: 'sub-1', UserAttributes: attributes(organisation), Enabled: true });
    cognito.on(AdminListGroupsForUserCommand).resolves({ Groups: [{ GroupName: group }] });
  }

  it('moves the person out of the old group, into the new one, and signs them out everywhere', async () => {
    existing(COVENTRY, 'channel-chair');
    const changed = await directory.setRole(COVENTRY, councilRoles, 'sub-1', 'local-authority-prevent-lead');
    expect(changed).toMatchObject({ ok: true, person: { role: 'local-authority-prevent-lead' } });
    expect(cognito.commandCalls(AdminRemoveUserFromGroupCommand)[0]!.args[0].input.GroupName).toBe('channel-chair');
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)[0]!.args[0].input.GroupName).toBe(
      'local-authority-prevent-lead',
    );
    expect(cognito.commandCalls(AdminUserGlobalSignOutCommand)).toHaveLength(1);
  });

  it('disables a leaver and signs them out everywhere', async () => {
    existing(COVENTRY, 'channel-chair');
    const removed = await directory.remove(COVENTRY, councilRoles, 'sub-1');
    expect(removed).toMatchObject({ ok: true, person: { enabled: false } });
    expect(cognito.commandCalls(AdminDisableUserCommand)[0]!.args[0].input).toEqual({
      UserPoolId: 'eu-west-2_pool',
      Username: 'sub-1',
    });
    expect(cognito.commandCalls(AdminUserGlobalSignOutCommand)).toHaveLength(1);
  });

  it('does nothing to a person of another organisation, answered as not there', async () => {
    existing('la:E07000194', 'channel-chair');
    expect(await directory.remove(COVENTRY, councilRoles, 'sub-1')).toEqual({ ok: false, error: 'not-found' });
    expect(await directory.setRole(COVENTRY, councilRoles, 'sub-1', 'channel-chair')).toEqual({
      ok: false,
      error: 'not-found',
    });
    expect(cognito.commandCalls(AdminDisableUserCommand)).toHaveLength(0);
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)).toHaveLength(0);
  });

  it('does nothing to an administrator of the same organisation (not a casework role)', async () => {
    existing(COVENTRY, 'organisation-administrator');
    expect(await directory.remove(COVENTRY, councilRoles, 'sub-1')).toEqual({ ok: false, error: 'not-found' });
    expect(cognito.commandCalls(AdminDisableUserCommand)).toHaveLength(0);
  });

  it('answers not-found for an unknown user', async () => {
    cognito.on(AdminGetUserCommand).rejects(new UserNotFoundException({ message: 'no', $metadata: {} }));
    expect(await directory.remove(COVENTRY, councilRoles, 'nobody')).toEqual({ ok: false, error: 'not-found' });
  });
});

describe('listing', () => {
  it("lists each casework group's members of the organisation only, by name, following pages", async () => {
    cognito
      .on(ListUsersInGroupCommand, { GroupName: 'local-authority-prevent-lead' })
      .resolvesOnce({
        Users: [{ Username: 'a', Attributes: attributes(COVENTRY, 'a', 'Zed') }],
        NextToken: 'more',
      })
      .resolvesOnce({ Users: [{ Username: 'b', Attributes: attributes('la:E07000194', 'b') }] });
    cognito
      .on(ListUsersInGroupCommand, { GroupName: 'channel-chair' })
      .resolves({ Users: [{ Username: 'c', Attributes: attributes(COVENTRY, 'c') }] });
    const people = await directory.list(COVENTRY, councilRoles);
    expect(people.map((person) => [person.user, person.role])).toEqual([
      ['c', 'channel-chair'],
      ['a', 'local-authority-prevent-lead'],
    ]);
  });
});
