// A short soak: 60 referrals of every kind driven through the local service while faults are
// injected at 10% into every AWS client and poller; afterwards nothing may be lost, duplicated,
// misrouted or dead-lettered, every mail sent once, every case read model equal to a fold of its
// stream, and every read model (cases and statistics) equal to a rebuild from the store. (`npm run
// soak` runs the long version, with engine restarts.)
import { describe, expect, it } from 'vitest';
import { runSoak } from '../../../local/soak/soak-run.js';
import { dynamoEndpointForTests } from '../../engines/local-engines.js';

describe('soak at 10% faults', () => {
  it('loses, duplicates and misroutes nothing, and settles once the faults stop', async () => {
    const result = await runSoak({
      referrals: 60,
      faultRate: 0.1,
      restarts: 0,
      seed: 1406,
      concurrency: 16,
      dynamoDbEndpoint: dynamoEndpointForTests(),
      // Settling is waited for this long at most: on a shared machine running other test files beside it.
      settleTimeoutMs: 120_000,
    });
    const { audit } = result;
    // The faults really happened, of every kind the adapters can meet.
    for (const kind of [
      'throttled-before-write',
      'timeout-before-write',
      'timeout-after-write',
      'conditional-race',
      'sqs-send-failed',
      'ses-refused',
      'ses-answer-lost',
      'queue-crash-before-delete',
    ]) {
      expect(result.faults[kind] ?? 0, kind).toBeGreaterThan(0);
    }
    expect(audit.submitted).toBe(60);
    expect(audit.missing).toEqual({ notSubmitted: 0, notRouted: 0, undelivered: 0 });
    expect(audit.duplicated).toEqual({ routings: 0, deliveries: 0, mails: 0 });
    expect(audit.misrouted).toBe(0);
    // Each mail whose answer was lost was taken by the stand-in: recorded as unknown, sent once, not missing.
    expect(audit.mails.outcomeUnknown).toBe(result.faults['ses-answer-lost']);
    expect(audit.mails.missing, `settled after ${result.settleMs ?? 'never'} ms`).toBe(0);
    expect(audit.deadLettered).toEqual({ destinationQueues: 0, routerFailures: 0 });
    expect(audit.readModels).toEqual({ checked: 60, behind: 0, different: 0 });
    expect(
      audit.rebuilds.map(({ projection, missing, extra, different, byKind }) => ({
        projection,
        missing,
        extra,
        different,
        byKind,
      })),
    ).toEqual([
      { projection: 'cases', missing: 0, extra: 0, different: 0, byKind: {} },
      { projection: 'statistics', missing: 0, extra: 0, different: 0, byKind: {} },
    ]);
    for (const rebuild of audit.rebuilds) expect(rebuild.items, rebuild.projection).toBeGreaterThan(60);
    expect(audit.closedBeforeDelivered + audit.fullyDelivered).toBeGreaterThan(60);
    expect(result.settleMs, 'settled within the wait').not.toBeNull();
    expect(result.lossFree).toBe(true);
    // About 150 s on a quiet machine; a loaded one (load average 16-20) has taken more than 240 s.
  }, 420_000);
});
