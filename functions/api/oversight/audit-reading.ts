// Reading the access audit for oversight, for the API's routes and the pages alike: a case's
// audit (access decided on the case's stream: the leads of the organisations holding it, the data
// protection officer, administrators) and one person's (their organisation's administrator, the
// data protection officer), a page at a time with filters, and the same page as CSV. Reading an
// audit is itself recorded, allowed or refused. The data protection officer may also find a case's
// audit by the case's reference (the look-up recorded, never the reference asked for).
import { overseesEveryCase } from '../../../domain/access/index.js';
import { referralIdOf } from '../../../domain/referral/stream-id.js';
import { csvField } from '../../../domain/statistics/csv.js';
import { type AccessAudit, type AccessRecord, type AuditPageOptions, auditSubject } from '../../audit/access-audit.js';
import { type AuthenticatedViewer } from '../../identity/identity.js';
import { type CaseIndexReader } from '../../read-models/case-index-reader.js';
import { type ProjectionVersions } from '../../read-models/projection-versions.js';
import { type AccessRefusal } from '../shared/access-guard.js';
import { type CaseReadingDeps, openCase } from '../shared/case-reading.js';

export interface AuditItem extends Omit<AccessRecord, 'caseId'> {
  /** The case (referral-<id>) or what else was reached. */
  subject: string;
}

export interface AuditPage {
  items: AuditItem[];
  cursor?: string;
}

export type AuditReadingOutcome = { allowed: true; page: AuditPage } | { allowed: false; refusal: AccessRefusal };

export interface AuditReading {
  forCase(
    viewer: AuthenticatedViewer,
    referralId: string,
    options: AuditPageOptions,
    correlationId: string,
  ): Promise<AuditReadingOutcome>;
  forPerson(
    viewer: AuthenticatedViewer,
    person: { organisation: string; user: string },
    options: AuditPageOptions,
    correlationId: string,
  ): Promise<AuditReadingOutcome>;
  /**
   * The case a reference names, for reading its audit: only for those who may read any case's
   * audit (the data protection officer, administrators), refused otherwise. The look-up is
   * recorded (how, never the reference); null when no case has the reference.
   */
  caseWithReference(
    viewer: AuthenticatedViewer,
    reference: string,
    correlationId: string,
  ): Promise<{ allowed: true; referralId: string | null } | { allowed: false; refusal: AccessRefusal }>;
}

/** Why the look-up is in the audit (the reference asked for is not). */
export const LOOK_UP_BY_REFERENCE = "find a case's access audit by its reference";

const CSV_HEADINGS = [
  'at',
  'subject',
  'user',
  'organisation',
  'role',
  'action',
  'outcome',
  'reason',
  'purpose',
] as const;

function itemOf(record: AccessRecord): AuditItem {
  const { caseId, ...rest } = record;
  return { ...rest, subject: caseId };
}

/** A page of the audit as CSV (cells neutralised against formula injection, as the statistics CSV is). */
export function auditCsv(items: readonly AuditItem[]): string {
  const lines = [
    CSV_HEADINGS.join(','),
    ...items.map((item) => CSV_HEADINGS.map((heading) => csvField(String(item[heading] ?? ''))).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/** Only the options that were given (DynamoDB filters on every key present). */
function given(options: AuditPageOptions): AuditPageOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as AuditPageOptions;
}

function pageOf(page: { items: AccessRecord[]; cursor?: string }): AuditPage {
  return { items: page.items.map(itemOf), ...(page.cursor ? { cursor: page.cursor } : {}) };
}

export function createAuditReading(
  deps: CaseReadingDeps & {
    audit: AccessAudit;
    index: Pick<CaseIndexReader, 'streamsWithReference'>;
    versions: Pick<ProjectionVersions, 'current'>;
  },
): AuditReading {
  return {
    async caseWithReference(viewer, reference, correlationId) {
      const attempt = {
        viewer,
        action: 'read-access-audit' as const,
        subject: auditSubject('search', viewer.organisation),
        correlationId,
        purpose: LOOK_UP_BY_REFERENCE,
      };
      if (!overseesEveryCase(viewer.role)) {
        const refusal = {
          allowed: false as const,
          answer: 'forbidden' as const,
          reason: `role ${viewer.role} may not find a case's audit by reference`,
        };
        await deps.guard.record(attempt, refusal);
        return { allowed: false, refusal };
      }
      await deps.guard.record(attempt, { allowed: true });
      const { active } = await deps.versions.current('cases');
      const streamIds = await deps.index.streamsWithReference(active, reference);
      const referralId = streamIds.map(referralIdOf).find((id): id is string => id !== null) ?? null;
      return { allowed: true, referralId };
    },

    async forCase(viewer, referralId, options, correlationId) {
      const reading = await openCase(deps, {
        referralId,
        viewer,
        action: 'read-access-audit',
        correlationId,
        recordAllowed: true,
      });
      if (!reading.allowed) return { allowed: false, refusal: reading.refusal };
      return { allowed: true, page: pageOf(await deps.audit.listForCase(reading.file.streamId, given(options))) };
    },

    async forPerson(viewer, person, options, correlationId) {
      const decision = await deps.guard.check({
        viewer,
        action: 'read-user-audit',
        organisation: person.organisation,
        subject: auditSubject('user', person.user),
        correlationId,
        recordAllowed: true,
        purpose: `what ${person.user} read`,
      });
      if (!decision.allowed) return { allowed: false, refusal: decision };
      // Only what they did as one of this organisation's people.
      const page = await deps.audit.listForUser(person.user, { ...given(options), organisation: person.organisation });
      return { allowed: true, page: pageOf(page) };
    },
  };
}
