// Every Lambda function of the service in one place: its entry file, what it is for, what invokes
// it, and the access it needs, as data. The stacks generate the functions, their IAM grants, the
// personal-data key's policy, the event sources and the HTTP routes from this list alone, so a
// grant cannot be added anywhere else without showing up here (and in the tests that read it).
import {
  auditTable,
  eventStoreTable,
  idempotencyTable,
  keyTable,
  readModelTable,
  revocationTable,
  type TableDefinition,
  webSessionsTable,
} from '../functions/tables/table-definitions.js';

/**
 * What a function may do to a table, each kind exactly the DynamoDB actions its code sends
 * (TransactWriteItems is authorised item by item as the Put, Update or Delete it holds):
 * - `read`: GetItem and Query (on the table, and on the named indexes only);
 * - `put`: PutItem (the event store and the access audit get nothing else: no role can update or
 *   delete an event or an audit record, and every put there is conditional on the item being new);
 * - `update`: UpdateItem;
 * - `delete`: DeleteItem.
 * Nothing in the service sends BatchGetItem, BatchWriteItem or Scan, so nobody may.
 */
export type TableAccess = 'read' | 'put' | 'update' | 'delete';

export interface TableGrant {
  table: TableDefinition;
  access: readonly TableAccess[];
  /** Global indexes the function queries (read access to just these). */
  indexes?: readonly string[];
}

/**
 * Use of the personal-data key (envelope encryption of each referral's personal part):
 * `decrypt` unwraps existing data keys; `generate-and-decrypt` also creates a new referral's
 * (or organisation's) data key. No function needs kms:Encrypt: data are encrypted locally with the
 * unwrapped data key.
 */
export type PersonalDataKeyUse = 'none' | 'decrypt' | 'generate-and-decrypt';

export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'ANY';

export interface RouteEntry {
  method: RouteMethod;
  /** API Gateway style: /referrals/{referralId} */
  path: string;
  /** `public`: no JWT authorizer at the gateway (the function may still read a token); `signed-in`: the JWT authorizer guards it. */
  access: 'public' | 'signed-in';
}

export type FunctionTrigger =
  | { kind: 'event-store-stream' }
  | { kind: 'destination-queues' }
  | { kind: 'schedule'; everyMinutes: number }
  | { kind: 'http'; routes: readonly RouteEntry[] };

/**
 * What a function reaches besides its tables and the personal-data key, each exactly the calls its code sends:
 * - `destination-queues`: SendMessage to every destination's FIFO queue (granted by name pattern in the service stack);
 * - `queue-lookup`: GetQueueUrl on destination queue names, deployed or not (the directory overlay asks
 *   whether a council onboarded since the last deployment has its queue yet:
 *   functions/organisations/destination-queue-check.ts);
 * - `health-probes`: the health probes (functions/api/platform/health-check.ts): DescribeTable on every
 *   table, GetQueueAttributes on the national triage queue, SES ListEmailTemplates;
 * - `mail`: SendEmail through the service's SES identity and configuration set;
 * - `people`: the user pool's admin actions an organisation administrator's work needs (invite,
 *   move between role groups, disable, sign out everywhere), on the service's user pool only.
 */
export type ServiceUse = 'destination-queues' | 'queue-lookup' | 'health-probes' | 'mail' | 'people';

export interface FunctionEntry {
  /** Short, stable, lower-case: names the function, its role and its log group. */
  id: string;
  /** The handler file (exports `handler`), relative to the repository root. */
  entry: string;
  purpose: string;
  trigger: FunctionTrigger;
  tables: readonly TableGrant[];
  personalDataKey: PersonalDataKeyUse;
  /** What else it reaches besides its tables and the key: nothing unless listed (see ServiceUse). */
  uses: readonly ServiceUse[];
  memoryMb: number;
  timeoutSeconds: number;
  /**
   * Reserved concurrency: a ceiling that protects DynamoDB and a floor that keeps the pipeline
   * running when the API is busy. Undefined only where the event source bounds it instead (see
   * `concurrencyBoundBy`).
   */
  reservedConcurrency?: number;
  /** Why a function has no reserved concurrency (the cdk-nag acknowledgement quotes it). */
  concurrencyBoundBy?: string;
}

const read = ['read'] as const;
const put = ['put'] as const;
const readPut = ['read', 'put'] as const;
/** Every function that checks a token reads when its person's access was last revoked (functions/people/revocations.ts). */
const tokenCheck: TableGrant = { table: revocationTable, access: read };

const signedIn = (method: RouteMethod, path: string): RouteEntry => ({ method, path, access: 'signed-in' });
const publicRoute = (method: RouteMethod, path: string): RouteEntry => ({ method, path, access: 'public' });

/** The case commands, one route each: POST /referrals/{referralId}/<command>. */
export const CASE_COMMAND_PATHS = [
  'gateway-assessment/start',
  'deconfliction',
  'sharing',
  'gateway-assessment/complete',
  'escalation',
  'age',
  'more-information/request',
  'hub-assessment/request',
  'hub-assessment/complete',
  'panel/schedule',
  'consent',
  'panel/decision',
  'support/agree',
  'support/review',
  'exit',
  'post-exit-review/complete',
  'transfer',
  'transfer/accept',
  'case-management/review',
  'case-management/end',
  'close',
  'erasure',
  'regional-move',
] as const;

/** The readers and writers of existing referral streams: the events with their data keys, and the keys table for keys kept there before. */
const eventStoreWriter: readonly TableGrant[] = [
  { table: eventStoreTable, access: readPut },
  { table: keyTable, access: read },
];

export const functionCatalogue: readonly FunctionEntry[] = [
  {
    id: 'router',
    entry: 'functions/router/router.lambda.ts',
    purpose:
      'Routes each new referral event: records the routing, notifies by mail, sends the event on to every destination queue',
    trigger: { kind: 'event-store-stream' },
    tables: [
      { table: eventStoreTable, access: readPut },
      // Data keys kept there before; the referrer links' key is generated by its first user
      // (functions/referrer-link/referrer-links.ts), usually the router writing an acknowledgement.
      { table: keyTable, access: readPut },
      // Notification markers: claimed (conditional put), confirmed (update), released on failure (delete); never read back.
      { table: idempotencyTable, access: ['put', 'update', 'delete'] },
      // The directory overlay: one query of the recorded organisation changes.
      { table: readModelTable, access: read },
    ],
    // Generate: the referrer links' key, when the router is its first user.
    personalDataKey: 'generate-and-decrypt',
    uses: ['destination-queues', 'queue-lookup', 'mail'],
    memoryMb: 1024,
    timeoutSeconds: 60,
    reservedConcurrency: 10,
  },
  {
    id: 'delivery',
    entry: 'functions/delivery/delivery.lambda.ts',
    purpose: "Confirms each message on a destination's queue back into the referral's stream as ReferralDelivered",
    trigger: { kind: 'destination-queues' },
    tables: eventStoreWriter,
    personalDataKey: 'decrypt',
    uses: [],
    memoryMb: 512,
    timeoutSeconds: 30,
    concurrencyBoundBy:
      "each destination queue's event source mapping caps its pollers (maxConcurrency 2); a reserved concurrency below their sum would throttle receives, which count towards maxReceiveCount and would dead-letter deliverable referrals",
  },
  {
    id: 'projector',
    entry: 'functions/projector/projector.lambda.ts',
    purpose: 'Projects the event store into triage queues, case views, timelines, timers and outcome statistics',
    trigger: { kind: 'event-store-stream' },
    // Events come in the stream's images (decoded with the store's codec); the events table is only
    // queried for a referral's data key (its versions 0 and 1) when the key is not cached.
    tables: [
      { table: eventStoreTable, access: read },
      // The person blind index's key is generated by its first user (functions/deconfliction/blind-index-key.ts).
      { table: keyTable, access: readPut },
      // Case items and checkpoints put, statistics counters updated, stale timer and person items deleted.
      { table: readModelTable, access: ['read', 'put', 'update', 'delete'] },
    ],
    personalDataKey: 'generate-and-decrypt',
    uses: [],
    memoryMb: 1024,
    timeoutSeconds: 60,
    reservedConcurrency: 10,
  },
  {
    id: 'directory-projection',
    entry: 'functions/organisations/directory-projection.lambda.ts',
    purpose:
      "Projects organisation streams into the directory's recorded changes, which the router and administrators read",
    trigger: { kind: 'event-store-stream' },
    // Organisation events have no personal part, so decoding them opens no data key: no keys table, no personal-data key.
    // Each change is one put, conditional on a newer version not being recorded already.
    tables: [{ table: readModelTable, access: put }],
    personalDataKey: 'none',
    uses: [],
    memoryMb: 512,
    timeoutSeconds: 30,
    reservedConcurrency: 2,
  },
  {
    id: 'timers',
    entry: 'functions/timers/timers.lambda.ts',
    purpose:
      'Every five minutes, appends the events of deadlines and reviews that have fallen due, and keeps a dated statistics extract of each quarter once it has closed',
    trigger: { kind: 'schedule', everyMinutes: 5 },
    tables: [
      ...eventStoreWriter,
      // Timers found through the due-date index; statistical histories and kept extracts queried;
      // a new extract put, on the condition that nothing is kept under its quarter and revision.
      { table: readModelTable, access: readPut, indexes: ['by-due-date'] },
    ],
    personalDataKey: 'decrypt',
    uses: [],
    memoryMb: 512,
    timeoutSeconds: 240,
    reservedConcurrency: 1,
  },
  {
    id: 'referrals',
    entry: 'functions/api/referrals/referrals.lambda.ts',
    purpose:
      'Accepts referrals (public form), shows a referral and its timeline to those allowed to see it, finds cases by reference or person, and shows the referrer who made it its plain-language status and the question waiting for their answer, which they answer here',
    trigger: {
      kind: 'http',
      routes: [
        publicRoute('POST', '/referrals'),
        signedIn('GET', '/referrals/{referralId}'),
        signedIn('GET', '/referrals/{referralId}/timeline'),
        // The referrer's link from their mail opens these without signing in (the function checks it or the token).
        publicRoute('GET', '/referrals/{referralId}/status'),
        publicRoute('POST', '/referrals/{referralId}/more-information/answer'),
        signedIn('POST', '/case-search'),
      ],
    },
    // The case, its timeline and its status are read from the referral's stream, not the read
    // models; the referrer's answer is appended to it; a search reads the reference and person
    // indexes (read models), then each stream.
    tables: [
      tokenCheck,
      { table: eventStoreTable, access: readPut },
      { table: readModelTable, access: read },
      { table: keyTable, access: readPut },
      { table: auditTable, access: put },
      // Submission keys: claimed (conditional put), read on a retry, completed (update).
      { table: idempotencyTable, access: ['read', 'put', 'update'] },
    ],
    personalDataKey: 'generate-and-decrypt',
    // The people pages: the user pool's admin actions, as the administration function's.
    uses: ['people'],
    memoryMb: 1024,
    timeoutSeconds: 15,
    reservedConcurrency: 20,
  },
  {
    id: 'case-commands',
    entry: 'functions/api/case-commands/case-commands.lambda.ts',
    purpose:
      'Runs the case commands (assessments, panel, consent, support, exit, transfer, closure, erasure) through the decider',
    trigger: {
      kind: 'http',
      routes: CASE_COMMAND_PATHS.map((command) => signedIn('POST', `/referrals/{referralId}/${command}`)),
    },
    tables: [
      tokenCheck,
      { table: eventStoreTable, access: readPut },
      // Erasure overwrites the referral's data key with a tombstone (a PutItem; crypto-shredding).
      { table: keyTable, access: readPut },
      { table: auditTable, access: put },
    ],
    personalDataKey: 'decrypt',
    uses: [],
    memoryMb: 1024,
    timeoutSeconds: 15,
    reservedConcurrency: 10,
  },
  {
    id: 'triage-queues',
    entry: 'functions/api/triage-queues/triage-queues.lambda.ts',
    purpose: "Shows an organisation's triage queue in priority and deadline order",
    trigger: {
      kind: 'http',
      routes: [
        signedIn('GET', '/organisations/{organisationId}/triage-queue'),
        // A regional Prevent hub's urgent and overdue work across its forces' queues (decision 0018).
        signedIn('GET', '/regional-hubs/{ctpRegion}/work'),
      ],
    },
    tables: [
      tokenCheck,
      // The active projection version (get), deconfliction links (query), the queue (its index).
      { table: readModelTable, access: read, indexes: ['by-queue-order'] },
      // Refusals are audited (functions/api/shared/access-guard.ts).
      { table: auditTable, access: put },
    ],
    personalDataKey: 'none',
    uses: [],
    memoryMb: 512,
    timeoutSeconds: 10,
    reservedConcurrency: 10,
  },
  {
    id: 'statistics',
    entry: 'functions/api/statistics/statistics.lambda.ts',
    purpose:
      "Publishes the outcome statistics: dated extracts with disclosure control, and an organisation's own exact figures to its case workers",
    trigger: {
      kind: 'http',
      routes: [
        signedIn('GET', '/statistics'),
        signedIn('GET', '/statistics/extracts'),
        // An analyst takes an extract (or a revision of a kept one), and reads what a revision changed.
        signedIn('POST', '/statistics/extracts'),
        signedIn('GET', '/statistics/extracts/{extractId}/changes'),
        signedIn('GET', '/statistics/release'),
        signedIn('GET', '/statistics/release/{file}'),
        signedIn('GET', '/statistics/{table}'),
        signedIn('GET', '/statistics/own-organisation'),
        signedIn('GET', '/statistics/own-organisation/{table}'),
      ],
    },
    // Extracts are kept (a conditional put, never overwritten) when an analyst takes one.
    tables: [tokenCheck, { table: readModelTable, access: readPut }, { table: auditTable, access: put }],
    personalDataKey: 'none',
    uses: [],
    memoryMb: 512,
    timeoutSeconds: 10,
    reservedConcurrency: 5,
  },
  {
    id: 'administration',
    entry: 'functions/api/administration/administration.lambda.ts',
    purpose: "Lists and updates organisations, and lets each organisation's administrator manage its own people",
    trigger: {
      kind: 'http',
      routes: [
        signedIn('GET', '/organisations'),
        signedIn('PUT', '/organisations/{organisationId}'),
        signedIn('POST', '/organisations/{organisationId}/change-preview'),
        signedIn('GET', '/organisations/{organisationId}/history'),
        signedIn('GET', '/organisations/{organisationId}/people'),
        signedIn('POST', '/organisations/{organisationId}/people'),
        signedIn('PUT', '/organisations/{organisationId}/people/{userId}/role'),
        signedIn('DELETE', '/organisations/{organisationId}/people/{userId}'),
      ],
    },
    // Organisation streams carry no personal part: no data keys, no personal-data key.
    tables: [
      // Tokens checked against revocations; a change of role or a removal revokes (put).
      { table: revocationTable, access: readPut },
      { table: eventStoreTable, access: readPut },
      // The directory overlay: one query of the recorded organisation changes; a change's preview
      // counts the open cases an organisation holds (the queue index, Select COUNT).
      { table: readModelTable, access: read, indexes: ['by-queue-order'] },
      { table: auditTable, access: put },
    ],
    personalDataKey: 'none',
    uses: ['queue-lookup', 'people'],
    memoryMb: 512,
    timeoutSeconds: 10,
    reservedConcurrency: 5,
  },
  {
    id: 'oversight',
    entry: 'functions/api/oversight/oversight.lambda.ts',
    purpose:
      'Shows who read or changed a case, and what a person read, to those who oversee them; produces subject access exports for the data protection officer',
    trigger: {
      kind: 'http',
      routes: [
        signedIn('GET', '/referrals/{referralId}/access-audit'),
        signedIn('GET', '/access-audit/case'),
        signedIn('GET', '/organisations/{organisationId}/people/{userId}/access-audit'),
        signedIn('POST', '/subject-access-requests'),
      ],
    },
    // Referral streams with their personal parts (the export; access decided on the stream), the
    // person and reference indexes, and the audit (by case, and by person through its index).
    tables: [
      tokenCheck,
      { table: eventStoreTable, access: read },
      { table: keyTable, access: read },
      { table: readModelTable, access: read },
      { table: auditTable, access: readPut, indexes: ['by-user'] },
    ],
    personalDataKey: 'decrypt',
    uses: [],
    memoryMb: 1024,
    timeoutSeconds: 30,
    reservedConcurrency: 5,
  },
  {
    id: 'platform',
    entry: 'functions/api/platform/platform.lambda.ts',
    purpose: 'Health, the OpenAPI document and the routing preview (pure rules, no data)',
    trigger: {
      kind: 'http',
      routes: [
        publicRoute('GET', '/health'),
        publicRoute('GET', '/openapi.json'),
        publicRoute('GET', '/routing/preview'),
      ],
    },
    tables: [tokenCheck],
    personalDataKey: 'none',
    uses: ['health-probes'],
    memoryMb: 512,
    timeoutSeconds: 10,
    reservedConcurrency: 5,
  },
  {
    id: 'web',
    entry: 'web/web.lambda.ts',
    purpose:
      "The GOV.UK pages (English and Welsh): the referral form, the signed-in case pages, finding a case, an organisation's people, the access audit and subject access requests, with their own sign-in",
    trigger: { kind: 'http', routes: [publicRoute('ANY', '/'), publicRoute('ANY', '/{proxy+}')] },
    tables: [
      // Sessions end when their person's access is revoked (read); the people pages revoke (put).
      { table: revocationTable, access: readPut },
      { table: eventStoreTable, access: readPut },
      { table: keyTable, access: readPut },
      { table: readModelTable, access: read, indexes: ['by-queue-order'] },
      // The access audit pages read a case's records and a person's (the by-user index).
      { table: auditTable, access: readPut, indexes: ['by-user'] },
      { table: idempotencyTable, access: ['read', 'put', 'update'] },
      // Sessions: read, created or sealed again (put), deleted on sign-out.
      { table: webSessionsTable, access: ['read', 'put', 'delete'] },
    ],
    personalDataKey: 'generate-and-decrypt',
    // The directory pages preview an onboarding (whether the council's queue exists yet); the
    // people pages use the user pool's admin actions, as the administration function does.
    uses: ['queue-lookup', 'people'],
    memoryMb: 1024,
    timeoutSeconds: 15,
    reservedConcurrency: 20,
  },
];

/** The routes of every function, each with the function that serves it. */
export function catalogueRoutes(
  catalogue: readonly FunctionEntry[] = functionCatalogue,
): { route: RouteEntry; functionId: string }[] {
  return catalogue.flatMap((entry) =>
    entry.trigger.kind === 'http' ? entry.trigger.routes.map((route) => ({ route, functionId: entry.id })) : [],
  );
}

export function functionsTriggeredBy(
  kind: FunctionTrigger['kind'],
  catalogue: readonly FunctionEntry[] = functionCatalogue,
): FunctionEntry[] {
  return catalogue.filter((entry) => entry.trigger.kind === kind);
}
