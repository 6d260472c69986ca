// Finding a case by its reference, or by the person's name and date of birth through the blind
// index, for the caseworkers of organisations that may see it. Each candidate is opened on its
// stream and shown only when `find-case` is allowed there (as `read-case` would be): a case the
// viewer may not see is left out exactly as a case that does not exist. Every case shown is a
// read, recorded in the access audit; so is every refusal, and the search itself (how it searched,
// never the name, date of birth or reference asked for).
import * as z from 'zod';
import { type Action, roleAllows } from '../../../domain/access/index.js';
import { type ReferralDecider } from '../../../domain/referral/decider.js';
import { referralIdOf } from '../../../domain/referral/stream-id.js';
import { type ReferralStatus } from '../../../domain/referral/state.js';
import { IsoDate } from '../../../events/envelope.js';
import { ShortText } from '../../../events/common.js';
import { ReferralReference } from '../../../events/submission.js';
import { auditSubject } from '../../audit/access-audit.js';
import { type ServiceKey } from '../../event-store/service-key.js';
import { type EventStore } from '../../event-store/event-store.js';
import { personBlindIndex } from '../../deconfliction/person-blind-index.js';
import { type AuthenticatedViewer } from '../../identity/identity.js';
import { type CaseIndexReader } from '../../read-models/case-index-reader.js';
import { type ProjectionVersions } from '../../read-models/projection-versions.js';
import { type AccessGuard } from '../shared/access-guard.js';
import { loadCaseFile } from '../shared/case-file.js';

/** A reference as people type it: spaces around it and lower case are forgiven. */
export const TypedReference = z
  .string()
  .max(40)
  .transform((value) => value.trim().toUpperCase())
  .pipe(ReferralReference);

export const CaseStatusFilter = z.enum(['open', 'closed', 'all']);
export type CaseStatusFilter = z.infer<typeof CaseStatusFilter>;

export const CaseSearchRequest = z
  .strictObject({
    reference: TypedReference.optional().meta({ description: 'The reference, e.g. PRV-7K3M-Q9TX' }),
    person: z
      .strictObject({ name: ShortText, dateOfBirth: IsoDate })
      .optional()
      .meta({ description: "The person's full name and date of birth, matched through the blind index" }),
    status: CaseStatusFilter.default('all').meta({ description: 'Open cases, closed cases, or both (the default)' }),
  })
  .refine((request) => (request.reference === undefined) !== (request.person === undefined), {
    message: 'search by a reference or by a person (name and date of birth), one of the two',
  })
  .meta({ id: 'CaseSearch' });
export type CaseSearchRequest = z.infer<typeof CaseSearchRequest>;

export const FoundCase = z
  .object({
    referralId: z.string(),
    reference: z.string().nullable(),
    status: z.string(),
    closed: z.boolean(),
    priority: z.enum(['urgent', 'standard']).nullable(),
    submittedAt: z.string().nullable(),
    erased: z.boolean(),
  })
  .meta({ id: 'FoundCase' });
export type FoundCase = z.infer<typeof FoundCase>;

export type CaseSearchOutcome = { allowed: true; cases: FoundCase[] } | { allowed: false };

export interface CaseSearch {
  find(viewer: AuthenticatedViewer, request: CaseSearchRequest, correlationId: string): Promise<CaseSearchOutcome>;
}

export interface CaseSearchDeps {
  index: CaseIndexReader;
  versions: Pick<ProjectionVersions, 'current'>;
  blindIndexKey: ServiceKey;
  store: Pick<EventStore, 'read'>;
  decider: Pick<ReferralDecider, 'initialState' | 'evolve'>;
  guard: AccessGuard;
}

function matchesStatus(status: ReferralStatus, filter: CaseStatusFilter): boolean {
  if (filter === 'all') return true;
  return (status === 'closed') === (filter === 'closed');
}

export function createCaseSearch(deps: CaseSearchDeps): CaseSearch {
  const action: Action = 'find-case';
  return {
    async find(viewer, request, correlationId) {
      const purpose = request.reference !== undefined ? 'search by reference' : 'search by person';
      const searchRecord = {
        viewer,
        action,
        subject: auditSubject('search', viewer.organisation),
        correlationId,
        purpose,
      };
      if (!roleAllows(viewer.role, action)) {
        await deps.guard.record(searchRecord, {
          allowed: false,
          answer: 'forbidden',
          reason: `role ${viewer.role} may not ${action}`,
        });
        return { allowed: false };
      }
      await deps.guard.record(searchRecord, { allowed: true });
      const { active } = await deps.versions.current('cases');
      let streamIds: string[] = [];
      if (request.reference !== undefined) {
        streamIds = await deps.index.streamsWithReference(active, request.reference);
      } else if (request.person !== undefined) {
        const hmac = personBlindIndex(await deps.blindIndexKey.key(), request.person);
        if (hmac !== null) streamIds = await deps.index.streamsOfPerson(active, hmac);
      }
      const cases: FoundCase[] = [];
      for (const streamId of streamIds) {
        const referralId = referralIdOf(streamId);
        if (referralId === null) continue;
        const file = await loadCaseFile(deps, referralId);
        if (file.facts === null || !matchesStatus(file.state.status, request.status)) continue;
        const decision = await deps.guard.check({
          viewer,
          action,
          subject: file.streamId,
          caseFacts: file.facts,
          correlationId,
          recordAllowed: true,
          purpose,
        });
        if (!decision.allowed) continue;
        cases.push({
          referralId,
          reference: file.state.reference,
          status: file.state.status,
          closed: file.state.status === 'closed',
          priority: file.state.priority,
          submittedAt: file.state.submittedAt,
          erased: file.state.erased,
        });
      }
      cases.sort((a, b) => ((a.submittedAt ?? '') < (b.submittedAt ?? '') ? 1 : -1));
      return { allowed: true, cases };
    },
  };
}
