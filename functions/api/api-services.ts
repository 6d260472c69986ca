// The API's application services without any route: what the web pages run on (the same checks,
// audit and idempotency as the API). Each service is the piece its route group composes, so the
// web function's bundle carries the services and no route group.
import { type ReferralDecider } from '../../domain/referral/decider.js';
import { type EventStore } from '../event-store/event-store.js';
import { type RateLimiter } from '../rate-limit/rate-limiter.js';
import { type StatisticsReader } from '../read-models/statistics-reader.js';
import { type TriageQueueReader } from '../read-models/triage-queue-reader.js';
import { caseCommands } from './case-commands/case-commands-composition.js';
import { type CaseCommands } from './case-commands/case-commands.js';
import { referralSubmission, submissionRateLimit } from './referrals/referrals-composition.js';
import { type ReferralSubmission } from './referrals/referral-submission.js';
import { accessGuard } from './shared/access-composition.js';
import { type AccessGuard } from './shared/access-guard.js';
import { type CompositionContext } from './shared/composition-context.js';
import { eventStore, referralDecider } from './shared/referral-stream-composition.js';
import { extractRevisions, statisticsReader } from './statistics/statistics-composition.js';
import { type ExtractRevisions } from '../read-models/statistics-revisions.js';
import { triageQueueReader } from './triage-queues/triage-queues-composition.js';

export interface ApiServices {
  store: EventStore;
  decider: ReferralDecider;
  guard: AccessGuard;
  submission: ReferralSubmission;
  /** Submissions per client address: the web form's submission page counts with it, as POST /referrals does. */
  submissionRateLimit: RateLimiter;
  caseCommands: CaseCommands;
  queues: TriageQueueReader;
  statistics: StatisticsReader;
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
    statistics: statisticsReader(ctx),
    revisions: extractRevisions(ctx),
  };
}
