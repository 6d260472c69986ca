// What the local stand-ins for Lambda's event source mappings (stream-poller.ts, queue-poller.ts)
// do alike: pass after pass over their source until stopped, a failed pass reported and never
// ending the loop, a wait after a pass that found nothing, `drained()` for whoever waits until a
// whole pass has found nothing, and a handler's answer read as Lambda reads it. What a pass reads,
// and what happens to the records that failed, is each poller's own.

export interface PollingLoopOptions {
  /** One pass over the source; true when it handed anything over (the next pass then starts at once). */
  pass: (stopping: AbortSignal) => Promise<boolean>;
  /** The wait after a pass that found nothing (0: none, for a pass that long-polls). */
  idleMs: number;
  /** The wait after a pass that failed (0: none). */
  pauseAfterFailureMs: number;
  report: (error: unknown) => void;
}

export interface PollingLoop {
  /** Resolves after a whole pass, begun after this call, found nothing to hand over (or on stop). */
  drained(): Promise<void>;
  /** Stops passing (an aborted signal for the pass under way) and resolves once the last pass is over. */
  stop(): Promise<void>;
}

export function startPollingLoop(options: PollingLoopOptions): PollingLoop {
  const stopping = new AbortController();
  let passes = 0;
  let drainWaiters: { after: number; resolve: () => void }[] = [];

  async function loop(): Promise<void> {
    while (!stopping.signal.aborted) {
      passes += 1;
      const thisPass = passes;
      let worked = false;
      try {
        worked = await options.pass(stopping.signal);
      } catch (error) {
        worked = true;
        if (stopping.signal.aborted) return;
        options.report(error);
        if (options.pauseAfterFailureMs > 0) await sleep(options.pauseAfterFailureMs);
      }
      if (!worked) {
        if (drainWaiters.length > 0) {
          const quiet = drainWaiters.filter((waiter) => waiter.after < thisPass);
          drainWaiters = drainWaiters.filter((waiter) => waiter.after >= thisPass);
          for (const waiter of quiet) waiter.resolve();
        }
        if (options.idleMs > 0) await sleep(options.idleMs);
      }
    }
  }

  const looping = loop();
  return {
    drained: () => new Promise<void>((resolve) => drainWaiters.push({ after: passes, resolve })),
    async stop() {
      stopping.abort();
      await looping;
      for (const waiter of drainWaiters) waiter.resolve();
      drainWaiters = [];
    },
  };
}

/** Hands a batch to a handler as Lambda does: the ids it reports failed, or every record's when it throws. */
export async function failedRecordIds<R>(
  handler: (event: { Records: R[] }) => Promise<{ batchItemFailures: { itemIdentifier: string }[] } | void>,
  records: R[],
  idOf: (record: R) => string,
  report: (error: unknown) => void,
): Promise<Set<string>> {
  try {
    const response = await handler({ Records: records });
    return new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
  } catch (error) {
    report(error);
    return new Set(records.map(idOf));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
