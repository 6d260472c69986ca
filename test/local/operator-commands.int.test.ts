// The operator's commands find the running local service by themselves, as a new user runs them
// beside `npm start`: no SERVICE_PREFIX, endpoints or key in the environment, only the data
// folder that npm start writes where its engines are (and --cloud for a deployed stage).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalService, startLocalService } from '../../local/local-service.js';
import { referralForm } from '../functions/api/api-fixtures.js';
import { dynamoEndpointForTests, uniquePrefix } from '../engines/local-engines.js';

const run = promisify(execFile);
const dataDirectory = mkdtempSync(join(tmpdir(), 'prevent-operator-'));
let service: LocalService;

beforeAll(async () => {
  service = await startLocalService({
    dynamoDbEndpoint: dynamoEndpointForTests(),
    prefix: uniquePrefix('operator'),
    dataDirectory,
    pollIntervalMs: 50,
    directoryTtlMs: 0,
    timerIntervalMs: 3_600_000,
  });
});
afterAll(async () => {
  await service?.stop();
  rmSync(dataDirectory, { recursive: true, force: true });
});

/** Runs an npm script's file as npm would, with none of the service's configuration in the environment. */
async function operatorCommand(
  file: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const environment = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) =>
        !/^(SERVICE_PREFIX|DYNAMODB_ENDPOINT|SQS_ENDPOINT|SES_ENDPOINT|QUEUE_URL_BASE|KEY_PROVIDER|LOCAL_MASTER_KEY|MAIL_FROM|PUBLIC_BASE_URL)$/.test(
          name,
        ),
    ),
  );
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', file, ...args], {
      env: { ...environment, LOG_LEVEL: 'ERROR' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('the operator commands beside a running local service', () => {
  it("npm run rebuild -- cases rebuilds the running service's projection without any configuration", async () => {
    const submitted = await fetch(`${service.url}/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(referralForm()),
    });
    expect(submitted.status).toBe(201);
    const result = await operatorCommand('local/rebuild-cli.ts', ['cases', '--data-dir', dataDirectory]);
    expect(result.stderr).not.toMatch(/not configured/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^rebuilt cases into version \d+ \(was \d+\): 1 referrals, \d+ events/m);
  });

  it('says how to start the service when nothing is running in the data folder', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'prevent-operator-empty-'));
    try {
      const result = await operatorCommand('local/rebuild-cli.ts', ['cases', '--data-dir', empty]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/No running local service found in .*: start it with npm start/);
      expect(result.stderr).toMatch(/--cloud/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
