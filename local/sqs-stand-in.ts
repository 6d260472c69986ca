// The SQS stand-in: fauxqs (FIFO queues, deduplication and redrive behave like AWS), in-process,
// listening on the loopback interface only (fauxqs's own startFauxqs binds every interface, so
// its app is built and bound here). Its queues live in stores made here, so that `restart` can
// stop the server and start it again with the same queues and messages, as a durable queue
// service comes back from an outage (the soak test restarts it).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildApp } from 'fauxqs';

export interface SqsStandIn {
  endpoint: string;
  stop(): Promise<void>;
  /** Stops the server (connections cut, requests refused), waits, and starts it again on the same port with the same queues and messages. */
  restart(downForMs?: number): Promise<void>;
}

export const SQS_STAND_IN_HOST = '127.0.0.1';

type Stores = NonNullable<NonNullable<Parameters<typeof buildApp>[0]>['stores']>;

/**
 * fauxqs's entry point, found as Node finds it: in the nearest node_modules up from here
 * (import.meta.resolve is not there under vitest's module runner, and fauxqs exports no path
 * that require.resolve could take).
 */
function fauxqsEntry(): string {
  for (let folder = dirname(fileURLToPath(import.meta.url)); ; folder = dirname(folder)) {
    const entry = join(folder, 'node_modules', 'fauxqs', 'dist', 'app.js');
    if (existsSync(entry)) return pathToFileURL(entry).href;
    if (dirname(folder) === folder) throw new Error('fauxqs is not installed: run npm ci');
  }
}

/** fauxqs does not export its stores; they are its own modules next to its entry point. */
async function newStores(): Promise<Stores> {
  const entry = fauxqsEntry();
  const load = async <T>(path: string, name: string): Promise<T> => {
    const module = (await import(new URL(path, entry).href)) as Record<string, new () => T>;
    const Store = module[name];
    if (!Store) throw new Error(`fauxqs has no ${name} in ${path}: check the pinned version`);
    return new Store();
  };
  return {
    sqsStore: await load<Stores['sqsStore']>('./sqs/sqsStore.js', 'SqsStore'),
    snsStore: await load<Stores['snsStore']>('./sns/snsStore.js', 'SnsStore'),
    s3Store: await load<Stores['s3Store']>('./s3/s3Store.js', 'S3Store'),
  };
}

export async function startSqsStandIn(options: { port?: number } = {}): Promise<SqsStandIn> {
  const stores = await newStores();
  let app = buildApp({ logger: false, stores });
  const address = await app.listen({ port: options.port ?? 0, host: SQS_STAND_IN_HOST });
  const port = Number(new URL(address).port);
  return {
    endpoint: address,
    stop: () => app.close(),
    async restart(downForMs = 0) {
      await app.close();
      await new Promise((resolve) => setTimeout(resolve, downForMs));
      app = buildApp({ logger: false, stores });
      await app.listen({ port, host: SQS_STAND_IN_HOST });
    },
  };
}
