// An organisation administrator's work on their own organisation's people: list, invite, change a
// role, remove. The access policy decides who may manage which organisation's people
// (`manage-people`) and which roles may be given (decideRoleAssignment); every attempt, allowed
// or refused, is recorded in the access audit. A change of role or a removal revokes the
// person's access at once: their tokens carry the old role, so they must sign in again.
import { type Action, caseworkRolesOf, decideRoleAssignment } from '../../domain/access/index.js';
import { type Role } from '../../events/envelope.js';
import { auditSubject } from '../audit/access-audit.js';
import { type AuthenticatedViewer } from '../identity/identity.js';
import { type AccessGuard } from '../api/shared/access-guard.js';
import { type PeopleDirectory, type Person } from './people-directory.js';
import { type Revocations } from './revocations.js';

export type PeopleOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; error: 'forbidden' | 'role-not-allowed' | 'not-found' | 'already-exists'; reason?: string };

export interface PeopleAdministration {
  list(viewer: AuthenticatedViewer, organisation: string, correlationId: string): Promise<PeopleOutcome<Person[]>>;
  invite(
    viewer: AuthenticatedViewer,
    organisation: string,
    invitation: { name: string; email: string; role: Role },
    correlationId: string,
  ): Promise<PeopleOutcome<Person>>;
  setRole(
    viewer: AuthenticatedViewer,
    organisation: string,
    user: string,
    role: Role,
    correlationId: string,
  ): Promise<PeopleOutcome<Person>>;
  remove(
    viewer: AuthenticatedViewer,
    organisation: string,
    user: string,
    correlationId: string,
  ): Promise<PeopleOutcome<Person>>;
}

export function createPeopleAdministration(deps: {
  directory: PeopleDirectory;
  revocations: Revocations;
  guard: AccessGuard;
  clock: () => Date;
}): PeopleAdministration {
  const action: Action = 'manage-people';

  async function allowed(
    viewer: AuthenticatedViewer,
    organisation: string,
    correlationId: string,
    purpose: string,
    record: boolean,
  ): Promise<boolean> {
    const decision = await deps.guard.check({
      viewer,
      action,
      organisation,
      subject: auditSubject('people', organisation),
      correlationId,
      recordAllowed: record,
      purpose,
    });
    return decision.allowed;
  }

  async function assignable(
    viewer: AuthenticatedViewer,
    organisation: string,
    role: Role,
    correlationId: string,
  ): Promise<PeopleOutcome<never> | null> {
    const assignment = decideRoleAssignment(viewer, organisation, role);
    if (assignment.allowed) return null;
    await deps.guard.record(
      { viewer, action, subject: auditSubject('people', organisation), correlationId, purpose: `give role ${role}` },
      { allowed: false, answer: 'forbidden', reason: assignment.reason },
    );
    return { ok: false, error: 'role-not-allowed', reason: assignment.reason };
  }

  return {
    async list(viewer, organisation, correlationId) {
      if (!(await allowed(viewer, organisation, correlationId, 'list people', false)))
        return { ok: false, error: 'forbidden' };
      return { ok: true, value: await deps.directory.list(organisation, caseworkRolesOf(organisation)) };
    },

    async invite(viewer, organisation, invitation, correlationId) {
      if (!(await allowed(viewer, organisation, correlationId, `invite as ${invitation.role}`, true)))
        return { ok: false, error: 'forbidden' };
      const refused = await assignable(viewer, organisation, invitation.role, correlationId);
      if (refused) return refused;
      const invited = await deps.directory.invite({ ...invitation, organisation });
      return invited.ok ? { ok: true, value: invited.person } : { ok: false, error: invited.error };
    },

    async setRole(viewer, organisation, user, role, correlationId) {
      if (!(await allowed(viewer, organisation, correlationId, `set the role of ${user} to ${role}`, true)))
        return { ok: false, error: 'forbidden' };
      const refused = await assignable(viewer, organisation, role, correlationId);
      if (refused) return refused;
      const changed = await deps.directory.setRole(organisation, caseworkRolesOf(organisation), user, role);
      if (!changed.ok) return { ok: false, error: changed.error };
      await deps.revocations.revoke({ user, organisation, at: deps.clock() });
      return { ok: true, value: changed.person };
    },

    async remove(viewer, organisation, user, correlationId) {
      if (!(await allowed(viewer, organisation, correlationId, `remove ${user}`, true)))
        return { ok: false, error: 'forbidden' };
      const removed = await deps.directory.remove(organisation, caseworkRolesOf(organisation), user);
      if (!removed.ok) return { ok: false, error: removed.error };
      await deps.revocations.revoke({ user, organisation, at: deps.clock() });
      return { ok: true, value: removed.person };
    },
  };
}
