// Each organisation's own people: which roles an organisation administrator may give the people
// of their own organisation. Only the casework roles that fit the organisation's kind, never
// administration, oversight or statistics roles, and never anyone in another organisation.
import { type Role } from '../../events/envelope.js';

/** The casework roles an organisation's people may hold, from the organisation id's kind. */
export function caseworkRolesOf(organisation: string): readonly Role[] {
  if (organisation.startsWith('police:') || organisation === 'national-triage') return ['police-prevent-officer'];
  if (organisation.startsWith('la:')) return ['local-authority-prevent-lead', 'channel-chair'];
  if (organisation.startsWith('vsh:')) return ['hub-clinician'];
  return [];
}

export type RoleAssignment = { allowed: true } | { allowed: false; reason: string };

/**
 * Whether `administrator` (an organisation administrator) may give `role` to a person of
 * `organisation`. Pure; the caller has already checked `manage-people` for the organisation.
 */
export function decideRoleAssignment(
  administrator: { role: Role; organisation: string },
  organisation: string,
  role: Role,
): RoleAssignment {
  if (administrator.role !== 'organisation-administrator')
    return { allowed: false, reason: 'only an organisation administrator gives roles to its people' };
  if (organisation !== administrator.organisation)
    return {
      allowed: false,
      reason: 'an organisation administrator manages only the people of their own organisation',
    };
  if (!caseworkRolesOf(organisation).includes(role))
    return { allowed: false, reason: `role ${role} is not one this organisation's people may be given here` };
  return { allowed: true };
}
