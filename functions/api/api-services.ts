// The API's application services without any route: what the web pages run on (the same checks,
// audit and idempotency as the API). Each service is the piece its route group composes, so the
// web function's bundle carries the services and no route group.
import { type ReferralDecider } from '../../domain/referral/decider.js';
import { type EventStore } from '../event-store/event-store.js';
import { type RateLimiter } from '../rate-limit/rate-limiter.js';
import { type StatisticsReader } from '../read-models/statistics-reader.js';
import { type TriageQueueReader } from '../read-models/triage-queue-reader.js';
import { type DirectoryServices, directoryServices } from './administration/directory-services-composition.js';
import { type PeopleAdministration } from '../people/people-administration.js';
import { type RevocationCheck } from '../people/revocations.js';
import { caseCommands } from './case-commands/case-commands-composition.js';
import { type CaseCommands } from './case-commands/case-commands.js';
import { type AuditReading } from './oversight/audit-reading.js';
import { auditReading, subjectAccess } from './oversight/oversight-composition.js';
import { type SubjectAccess } from './oversight/subject-access.js';
import { type CaseSearch } from './referrals/case-search.js';
import {
  caseSearch,
  referralSubmission,
  referrerLinks,
  submissionRateLimit,
} from './referrals/referrals-composition.js';
import { type ReferrerLinks } from '../referrer-link/referrer-links.js';
import { type ReferralSubmission } from './referrals/referral-submission.js';
import { accessGuard } from './shared/access-composition.js';
import { type AccessGuard } from './shared/access-guard.js';
import { type CompositionContext } from './shared/composition-context.js';
import { peopleAdministration } from './shared/people-composition.js';
import { revocations } from './shared/revocations-composition.js';
import { eventStore, referralDecider } from './shared/referral-stream-composition.js';
import { regionalWorkReader, triageQueueReader } from './triage-queues/triage-queues-composition.js';
import { type RegionalWorkReader } from '../read-models/regional-work.js';
import { extractRevisions, statisticsReader } from './statistics/statistics-composition.js';
import { type ExtractRevisions } from '../read-models/statistics-revisions.js';

export interface ApiServices {
  store: EventStore;
  decider: ReferralDecider;
  guard: AccessGuard;
  submission: ReferralSubmission;
  /** Submissions per client address: the web form's submission page counts with it, as POST /referrals does. */
  submissionRateLimit: RateLimiter;
  caseCommands: CaseCommands;
  queues: TriageQueueReader;
  /** A regional Prevent hub's overdue and urgent work across its forces (decision 0018). */
  regionalWork: RegionalWorkReader;
  statistics: StatisticsReader;
  /** The directory of destinations, its recorded changes, their preview and history (administrators). */
  directory: DirectoryServices;
  /** Finding a case by reference or by the person (the search box). */
  caseSearch: CaseSearch;
  /** An organisation administrator's work on their own people. */
  people: PeopleAdministration;
  /** When a person's access was last revoked: the pages end a session signed in before it. */
  revocations: RevocationCheck;
  /** The access audit of a case or a person, for oversight. */
  auditReading: AuditReading;
  /** Subject access exports (the data protection officer). */
  subjectAccess: SubjectAccess;
  /** Checks the referrer's links: the referrer's pages open with them without signing in. */
  referrerLinks: Pick<ReferrerLinks, 'check'>;
  /** Extracts taken on request, and what a revision changed. */
  revisions: ExtractRevisions;
}

/** The services of one composition context (the very instances its route groups use). */
export function apiServicesOf(ctx: CompositionContext): ApiServices {
  return {
    store: eventStore(ctx),
    decider: referralDecider(ctx),
    guard: accessGuard(ctx),
    submission: referralSubmission(ctx),
    submissionRateLimit: submissionRateLimit(ctx),
    caseCommands: caseCommands(ctx),
    queues: triageQueueReader(ctx),
    regionalWork: regionalWorkReader(ctx),
    statistics: statisticsReader(ctx),
    directory: directoryServices(ctx),
    caseSearch: caseSearch(ctx),
    people: peopleAdministration(ctx),
    revocations: revocations(ctx),
    auditReading: auditReading(ctx),
    subjectAccess: subjectAccess(ctx),
    referrerLinks: referrerLinks(ctx),
    revisions: extractRevisions(ctx),
  };
}
