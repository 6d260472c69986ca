// Subject access requests: the data protection officer names a person (name and date of birth,
// matched through the blind index, never compared in plaintext) and gets everything the service
// holds about them that may be disclosed: each referral's submission, what was recorded about
// them at each step, and which organisations read it, when and why (organisations and roles,
// never the staff's own ids). The officer records exemptions per referral (a live investigation,
// third parties' data, national security): an exempt referral is left out of the disclosure and
// kept, with the ground, in the officer's record only. A referral whose personal data has been
// erased can no longer be matched by the person (nothing derived from them survives erasure,
// decision 0013): when the request names its reference, the export says it was erased and when.
// Every referral read for the request, and the request itself, is recorded in the access audit.
import * as z from 'zod';
import { decideAccess } from '../../../domain/access/index.js';
import { type ReferralDecider } from '../../../domain/referral/decider.js';
import { referralIdOf } from '../../../domain/referral/stream-id.js';
import { type Actor, type RecordedEvent, definitionOf, isErased } from '../../../events/index.js';
import { IsoDate } from '../../../events/envelope.js';
import { ShortText } from '../../../events/common.js';
import { ReferralReference } from '../../../events/submission.js';
import { type AccessAudit, auditSubject } from '../../audit/access-audit.js';
import { personBlindIndex } from '../../deconfliction/person-blind-index.js';
import { type EventStore } from '../../event-store/event-store.js';
import { type ServiceKey } from '../../event-store/service-key.js';
import { type AuthenticatedViewer } from '../../identity/identity.js';
import { type CaseIndexReader } from '../../read-models/case-index-reader.js';
import { type ProjectionVersions } from '../../read-models/projection-versions.js';
import { type AccessGuard } from '../shared/access-guard.js';
import { loadCaseFile } from '../shared/case-file.js';

export const EXEMPTION_GROUNDS = [
  'prejudice-to-investigation',
  'third-party-data',
  'national-security',
  'other',
] as const;

export const SubjectAccessRequest = z
  .strictObject({
    person: z.strictObject({ name: ShortText.min(1), dateOfBirth: IsoDate }),
    /** References the person gave (from their acknowledgement): how an erased referral can still be reported. */
    references: z.array(ReferralReference).max(20).default([]),
    exemptions: z
      .array(
        z.strictObject({
          reference: ReferralReference,
          ground: z.enum(EXEMPTION_GROUNDS),
          explanation: ShortText.min(1).meta({ description: "Why, for the officer's record (never disclosed)" }),
        }),
      )
      .max(50)
      .default([]),
  })
  .meta({ id: 'SubjectAccessRequest' });
export type SubjectAccessRequest = z.infer<typeof SubjectAccessRequest>;

const DisclosedEvent = z.object({
  /** The event's type in the catalogue (the readable export says what it was in the reader's language). */
  type: z.string(),
  occurredAt: z.string(),
  describes: z.string(),
  by: z.object({ organisation: z.string(), role: z.string() }),
  recorded: z.unknown(),
  aboutThePerson: z.unknown().optional(),
});

const DisclosedReferral = z.object({
  reference: z.string(),
  submittedAt: z.string().nullable(),
  status: z.string(),
  organisations: z.array(z.string()),
  history: z.array(DisclosedEvent),
  readBy: z.array(z.object({ at: z.string(), organisation: z.string(), role: z.string(), action: z.string() })),
});

export const SubjectAccessExport = z
  .object({
    producedAt: z.string(),
    producedBy: z.object({ organisation: z.string(), role: z.string() }),
    disclosure: z.object({
      referrals: z.array(DisclosedReferral),
      erased: z.array(z.object({ reference: z.string(), erasedAt: z.string() })),
    }),
    officerRecord: z.object({
      exemptions: z.array(z.object({ reference: z.string(), ground: z.string(), explanation: z.string() })),
      matchedReferrals: z.number().int(),
    }),
  })
  .meta({ id: 'SubjectAccessExport' });
export type SubjectAccessExport = z.infer<typeof SubjectAccessExport>;

export type SubjectAccessOutcome =
  { ok: true; export: SubjectAccessExport } | { ok: false; error: 'forbidden' | 'exemption-not-matched' };

export interface SubjectAccess {
  produce(
    viewer: AuthenticatedViewer,
    request: SubjectAccessRequest,
    correlationId: string,
  ): Promise<SubjectAccessOutcome>;
}

export interface SubjectAccessDeps {
  index: CaseIndexReader;
  versions: Pick<ProjectionVersions, 'current'>;
  blindIndexKey: ServiceKey;
  store: Pick<EventStore, 'read'>;
  decider: Pick<ReferralDecider, 'initialState' | 'evolve'>;
  audit: Pick<AccessAudit, 'listForCase'>;
  guard: AccessGuard;
  clock: () => Date;
}

const by = (actor: Actor) => ({ organisation: actor.organisation, role: actor.role });

export function createSubjectAccess(deps: SubjectAccessDeps): SubjectAccess {
  const purpose = 'subject access request';

  async function readBy(streamId: string) {
    const reads: { at: string; organisation: string; role: string; action: string }[] = [];
    let cursor: string | undefined;
    do {
      const page = await deps.audit.listForCase(streamId, {
        limit: 200,
        outcome: 'allowed',
        ...(cursor ? { cursor } : {}),
      });
      for (const record of page.items)
        reads.push({ at: record.at, organisation: record.organisation, role: record.role, action: record.action });
      cursor = page.cursor;
    } while (cursor);
    return reads;
  }

  function history(events: readonly RecordedEvent[]) {
    return events.map((event) => ({
      type: event.type,
      occurredAt: event.occurredAt,
      describes: definitionOf(event.type)?.describes ?? event.type,
      by: by(event.actor),
      recorded: event.data,
      ...(event.personal !== undefined ? { aboutThePerson: isErased(event.personal) ? 'erased' : event.personal } : {}),
    }));
  }

  return {
    async produce(viewer, request, correlationId) {
      const requestRecord = {
        viewer,
        action: 'subject-access-request' as const,
        subject: auditSubject('subject-access', viewer.organisation),
        correlationId,
        purpose,
      };
      const decision = decideAccess(viewer, 'subject-access-request');
      await deps.guard.record(requestRecord, decision);
      if (!decision.allowed) return { ok: false, error: 'forbidden' };

      const { active } = await deps.versions.current('cases');
      const hmac = personBlindIndex(await deps.blindIndexKey.key(), request.person);
      const matched = new Set(hmac === null ? [] : await deps.index.streamsOfPerson(active, hmac));
      const named = new Set<string>();
      for (const reference of request.references)
        for (const streamId of await deps.index.streamsWithReference(active, reference)) named.add(streamId);

      const exemptions = new Map(request.exemptions.map((exemption) => [exemption.reference, exemption]));
      const referrals: z.infer<typeof DisclosedReferral>[] = [];
      const erased: { reference: string; erasedAt: string }[] = [];
      const seenReferences = new Set<string>();

      for (const streamId of [...matched, ...[...named].filter((id) => !matched.has(id))]) {
        const referralId = referralIdOf(streamId);
        if (referralId === null) continue;
        const file = await loadCaseFile(deps, referralId);
        const reference = file.state.reference;
        if (file.facts === null || reference === null) continue;
        const erasure = file.history.find((event) => event.type === 'PersonalDataErased');
        if (!matched.has(streamId)) {
          // Named by reference only: reported only as erased (anything else could be another person's).
          if (erasure) {
            erased.push({ reference, erasedAt: erasure.occurredAt });
            await deps.guard.record({ ...requestRecord, subject: streamId }, { allowed: true });
          }
          continue;
        }
        seenReferences.add(reference);
        await deps.guard.record({ ...requestRecord, subject: streamId }, { allowed: true });
        if (exemptions.has(reference)) continue;
        if (erasure) {
          erased.push({ reference, erasedAt: erasure.occurredAt });
          continue;
        }
        referrals.push({
          reference,
          submittedAt: file.state.submittedAt,
          status: file.state.status,
          organisations: file.state.currentDestinations,
          history: history(file.history),
          readBy: await readBy(streamId),
        });
      }
      for (const reference of exemptions.keys())
        if (!seenReferences.has(reference)) return { ok: false, error: 'exemption-not-matched' };

      return {
        ok: true,
        export: {
          producedAt: deps.clock().toISOString(),
          producedBy: by({ organisation: viewer.organisation, role: viewer.role, user: viewer.user }),
          disclosure: {
            referrals: referrals.sort((a, b) => ((a.submittedAt ?? '') < (b.submittedAt ?? '') ? -1 : 1)),
            erased,
          },
          officerRecord: { exemptions: [...exemptions.values()], matchedReferrals: seenReferences.size },
        },
      };
    },
  };
}
