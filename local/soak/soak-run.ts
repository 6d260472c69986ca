// One soak run: the local service with faults injected at a seeded rate into every AWS client it
// builds and into its pollers, N referrals driven through the command handler, DynamoDB Local
// (data on disk) and the SQS stand-in restarted K times while they run, then faults stopped and
// the system left to settle; the audit says what was lost, duplicated or misrouted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReferralDecider } from '../../domain/referral/decider.js';
import { createCommandHandler } from '../../functions/command-handler/command-handler.js';
import { createServiceEventStore } from '../../functions/composition/event-store.js';
import { type DynamoDbLocal, findFreePort, startDynamoDbLocal } from '../dynamodb-local.js';
import { createFaultPlan } from '../faults/fault-plan.js';
import { createLocalFaults } from '../faults/local-faults.js';
import { startLocalService } from '../local-service.js';
import { type OwedMails, type SoakAudit, auditSoak, lossFree } from './soak-audit.js';
import { type DriveOutcome, type PlannedReferral, driveReferral, planReferrals } from './soak-traffic.js';

/** DynamoDB Local's heap for a run of its own: a 10,000-referral audit scans tables of 100,000 items. */
const SOAK_HEAP = '1g';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface SoakOptions {
  referrals: number;
  faultRate: number;
  restarts: number;
  seed: number;
  /** Referrals in flight at once (default 8). */
  concurrency?: number;
  /** Use this DynamoDB Local instead of starting one (tests share one; no restarts then). */
  dynamoDbEndpoint?: string;
  /**
   * How long a received message stays invisible before it is tried again (five tries before the
   * dead-letter queue). Default 12 s with restarts (a window of a minute, longer than an engine
   * restart here; the cloud's is six times the consumer's timeout), else 3 s.
   */
  visibilityTimeoutSeconds?: number;
  /** Give up waiting for the system to settle after this long (default 120 s). */
  settleTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface SoakResult {
  options: Omit<SoakOptions, 'log'>;
  audit: SoakAudit;
  lossFree: boolean;
  driveMs: number;
  /** From faults stopping to everything delivered and projected; null when it never settled. */
  settleMs: number | null;
  faults: Readonly<Record<string, number>>;
  restartsDone: number;
  drive: DriveOutcome;
  pollerErrors: number;
}

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const log = options.log ?? (() => undefined);
  const plan = createFaultPlan(options.seed, options.faultRate);
  const restarting = options.restarts > 0;
  if (restarting && options.dynamoDbEndpoint) throw new Error("restarts need a DynamoDB Local of the soak run's own");
  const dataDirectory = restarting ? mkdtempSync(join(tmpdir(), 'soak-dynamodb-')) : null;
  const port = restarting ? await findFreePort() : 0;
  let engine: DynamoDbLocal | null = dataDirectory
    ? await startDynamoDbLocal({ port, dataDirectory, maxHeap: SOAK_HEAP })
    : null;
  let pollerErrors = 0;
  const service = await startLocalService({
    ...(options.dynamoDbEndpoint
      ? { dynamoDbEndpoint: options.dynamoDbEndpoint }
      : engine
        ? { dynamoDbEndpoint: engine.endpoint }
        : {}),
    prefix: `soak${options.seed}`,
    pollIntervalMs: 50,
    visibilityTimeoutSeconds: options.visibilityTimeoutSeconds ?? (restarting ? 12 : 3),
    timerIntervalMs: 3_600_000,
    // A stream record that keeps failing is set aside after this many attempts (backing off up to
    // 2 s each: about 30 s, longer than an engine restart takes).
    streamMaxAttempts: 20,
    faults: createLocalFaults(plan),
    serviceConfig: { SUBMISSION_RATE_LIMIT: '1000000', ACKNOWLEDGEMENT_MAIL_LIMIT: '1000000' },
    onError: () => void (pollerErrors += 1),
  });
  try {
    const { stack } = service;
    const store = createServiceEventStore(stack.config, stack.clients);
    const handler = createCommandHandler({ store, decider: createReferralDecider() });
    const plans = planReferrals(options.referrals, options.seed);
    const drive: DriveOutcome = { retried: 0, waited: 0, refused: {} };
    const restartAt = Array.from({ length: options.restarts }, (_, i) =>
      Math.floor(((i + 1) * plans.length) / (options.restarts + 1)),
    );
    let restartsDone = 0;

    plan.active = true;
    const started = performance.now();
    const queue = [...plans];
    let submittedCount = 0;
    let restarting$: Promise<void> | null = null;
    const restart = async (): Promise<void> => {
      const down = performance.now();
      await engine?.stop();
      await stack.sqsStandIn.restart(1_000);
      engine = await startDynamoDbLocal({ port, dataDirectory: dataDirectory as string, maxHeap: SOAK_HEAP });
      restartsDone += 1;
      log(
        `restarted DynamoDB Local and the SQS stand-in (${restartsDone} of ${options.restarts}): down ${((performance.now() - down) / 1000).toFixed(1)} s`,
      );
    };
    // The settle watch: while the drive goes on, every driven referral is read back until it is
    // settled (routed, every destination confirmed, its case projected), then never again, so when
    // the faults stop only the last few are still waited for and the time to settle is the
    // system's, not that of an audit reading every referral again. Its reads meet the faults too
    // (and the engines' restarts): a failed round is simply tried again.
    const owedMails = new Map<string, OwedMails>();
    let watched: PlannedReferral[] = [];
    let driving = true;
    const watch = (async () => {
      while (driving) {
        const batch = watched;
        watched = [];
        try {
          if (batch.length > 0) {
            const unsettled = new Set(
              (await auditSoak(stack, store, batch, { streamsOnly: true, owedMails })).unsettled,
            );
            watched.push(...batch.filter((plan) => unsettled.has(plan.streamId)));
          }
        } catch {
          watched.push(...batch);
        }
        await sleep(1_000);
      }
    })();
    await Promise.all(
      Array.from({ length: options.concurrency ?? 8 }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          await driveReferral(handler, next, drive);
          watched.push(next);
          submittedCount += 1;
          if (submittedCount % 100 === 0) log(`${submittedCount} of ${plans.length} referrals driven`);
          if (
            restartAt[restartsDone] !== undefined &&
            submittedCount >= (restartAt[restartsDone] as number) &&
            !restarting$
          ) {
            restarting$ = restart().finally(() => {
              restarting$ = null;
            });
          }
        }
      }),
    );
    await (restarting$ ?? Promise.resolve());
    driving = false;
    await watch;
    const driveMs = performance.now() - started;
    plan.active = false;
    const faultsStopped = performance.now();
    log(
      `drove ${plans.length} referrals in ${(driveMs / 1000).toFixed(1)} s; faults stopped, waiting for the system to settle`,
    );

    // Wait until every referral is delivered and projected, re-reading only those that were not yet.
    const deadline = faultsStopped + (options.settleTimeoutMs ?? 120_000);
    let pending = watched;
    log(`${pending.length} referrals not yet settled when the faults stopped`);
    let settleMs: number | null = null;
    for (;;) {
      const round = await auditSoak(stack, store, pending, { streamsOnly: true, owedMails });
      const unsettled = new Set(round.unsettled);
      pending = pending.filter((plan) => unsettled.has(plan.streamId));
      // Settled once every stream is, and every mail its routings call for has been sent (a mail
      // refused by SES waits for its retry); each referral's owed mails are as its last reading found.
      if (
        pending.length === 0 &&
        (await auditSoak(stack, store, [], { streamsOnly: true, mails: true, owedMails })).mails.missing === 0
      ) {
        settleMs = performance.now() - faultsStopped;
        break;
      }
      if (performance.now() > deadline) break;
      await sleep(500);
    }
    log(
      settleMs === null
        ? `${pending.length} referrals had not settled when the wait ended`
        : `settled ${(settleMs / 1000).toFixed(1)} s after the faults stopped`,
    );
    // Dead letters and mails can still arrive after the last delivery: look once more a little later.
    await sleep(2_500);
    const audit = await auditSoak(stack, store, plans);
    const { log: _log, ...shown } = options;
    return {
      options: shown,
      audit,
      lossFree: lossFree(audit, plans.length),
      driveMs,
      settleMs,
      faults: plan.counts(),
      restartsDone,
      drive,
      pollerErrors,
    };
  } finally {
    await service.stop();
    await engine?.stop();
    if (dataDirectory) rmSync(dataDirectory, { recursive: true, force: true });
  }
}
