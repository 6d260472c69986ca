// Vitest global setup for the 'e2e' project: checks that Chromium is there (and says how to
// install it if not), then starts the whole service as `npm start` runs it (local/local-service.ts:
// DynamoDB Local in memory, the SQS and SES stand-ins, router, delivery, projector, directory
// projection and timers, the API and the dev routes) with the web pages signed in through the
// demo personas. The tests get the base address; the service is stopped afterwards.
import { type TestProject } from 'vitest/node';
import { mountLocalWeb } from '../../../web/local-web.js';
import { startLocalService } from '../../../local/local-service.js';
import { requireChromium } from './chromium.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** http://127.0.0.1:<port> of the service under test (pages and API). */
    webBaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  requireChromium();
  const service = await startLocalService({
    prefix: 'e2e',
    pollIntervalMs: 50,
    visibilityTimeoutSeconds: 2,
    directoryTtlMs: 0,
    // The browser tests submit many referrals from 127.0.0.1: far more than the default allows one client.
    serviceConfig: { SUBMISSION_RATE_LIMIT: '100000', ACKNOWLEDGEMENT_MAIL_LIMIT: '100000' },
    mountPages: (running) => mountLocalWeb(running, running.people.signable),
  });
  // The statistics pages show dated extracts: keep those of the closed quarters before the tests start.
  await service.runTimers();
  project.provide('webBaseUrl', service.url);
  return () => service.stop();
}
