// The API's application services without any route: what the web pages run on (the same
// checks, audit and idempotency as the API), so the web function carries no route group.
import { type AccessGuard } from './access-guard.js';
import { accessGuard } from './access-composition.js';
import { type CaseCommands } from './case-commands.js';
import { type ApiOptions, type CompositionContext, createCompositionContext } from './composition-context.js';
import { statisticsReader, triageQueueReader } from './read-model-composition.js';
import { type ReferralSubmission } from './referral-submission.js';
import { submissionRateLimit } from './submission-rate-limit-composition.js';
import { type RateLimiter } from '../rate-limit/rate-limiter.js';
import { caseCommands, eventStore, referralDecider, referralSubmission } from './referral-services-composition.js';
import { type ReferralDecider } from '../../domain/referral/decider.js';
import { type AwsClients } from '../composition/clients.js';
import { type ServiceConfig } from '../composition/service-config.js';
import { type EventStore } from '../event-store/event-store.js';
import { type StatisticsReader } from '../read-models/statistics-reader.js';
import { type TriageQueueReader } from '../read-models/triage-queue-reader.js';

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
}

/** The services of one composition context (the instances its route groups use). */
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
  };
}

/** The services alone, from the configuration (the web function's own composition). */
export function composeApiServices(config: ServiceConfig, clients: AwsClients, options: ApiOptions = {}): ApiServices {
  return apiServicesOf(createCompositionContext(config, clients, options));
}
