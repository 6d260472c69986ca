// The local service as the load benches run it: the API's per-caller limits lifted (one bench
// client sends what many referrers would), the timers quiet, and every AWS request it sends
// counted, a request's own (sent while the API or a page handles it) apart from the pollers'.
import { startLocalService } from '../local/local-service.js';
import { createRequestCounter } from './request-counts.js';

export async function startLoadService(pollIntervalMs: number) {
  const counter = createRequestCounter();
  const service = await startLocalService({
    pollIntervalMs,
    timerIntervalMs: 3_600_000,
    serviceConfig: { SUBMISSION_RATE_LIMIT: '1000000', ACKNOWLEDGEMENT_MAIL_LIMIT: '1000000' },
    onError: () => undefined,
    aroundRequest: (handle) => counter.within(handle),
  });
  counter.attachAll(service.stack.clients);
  return { service, counter };
}
