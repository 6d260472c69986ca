// The SQS stand-in: fauxqs (FIFO queues, deduplication and redrive behave like AWS), in-process,
// listening on the loopback interface only (fauxqs's own startFauxqs binds every interface, so
// its app is built and bound here).
import { buildApp } from 'fauxqs';

export interface SqsStandIn {
  endpoint: string;
  stop(): Promise<void>;
}

export const SQS_STAND_IN_HOST = '127.0.0.1';

export async function startSqsStandIn(options: { port?: number } = {}): Promise<SqsStandIn> {
  const app = buildApp({ logger: false });
  const address = await app.listen({ port: options.port ?? 0, host: SQS_STAND_IN_HOST });
  return {
    endpoint: address,
    stop: () => app.close(),
  };
}
