// The SQS stand-in: fauxqs (FIFO queues, deduplication and redrive behave like AWS), in-process.
import { startFauxqs } from 'fauxqs';

export interface SqsStandIn {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startSqsStandIn(options: { port?: number } = {}): Promise<SqsStandIn> {
  const server = await startFauxqs({ port: options.port ?? 0, logger: false });
  return {
    endpoint: server.address,
    stop: () => server.stop(),
  };
}
