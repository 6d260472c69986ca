// The tests mirror the source tree (decision 0015): a test of `functions/api/referrals/x.ts` sits in
// `test/functions/api/referrals/`, so a file's tests are found from its path. This keeps it so:
// every folder of test/ is a folder of the source, or one of the few that hold the tests' own
// machinery, named here with the reason.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const testRoot = join(root, 'test');

/** Folders of test/ that mirror nothing, and why. */
const testOnly: Record<string, string> = {
  'api-client': 'the typed API client generated from the OpenAPI document, which the API tests call',
  artifacts: 'screenshots the browser tests write',
  engines: "the real engines' start-up for the integration tests, and helpers that read past the code under test",
  fixtures: 'generators of realistic referral years shared by tests and benchmarks',
  'local/attack':
    'the generated-attack suite against the whole local service (the HTTP adapter, every route, every page)',
  'web/browser': 'starting Chromium and driving a page for the browser tests',
};

function folders(dir: string): string[] {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isDirectory())
    .flatMap((path) => [path, ...folders(path)]);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

describe('the test tree', () => {
  it('mirrors the source: every folder of test/ is a source folder or a named test-only one', () => {
    const strays = folders(testRoot)
      .map((path) => relative(testRoot, path))
      .filter((path) => !Object.keys(testOnly).some((allowed) => path === allowed || path.startsWith(`${allowed}/`)))
      .filter((path) => !isDirectory(join(root, path)));
    expect(strays).toEqual([]);
  });

  it('names every test by its kind', () => {
    const tests = folders(testRoot)
      .concat(testRoot)
      .flatMap((dir) => readdirSync(dir).filter((name) => name.endsWith('.test.ts')));
    expect(tests.filter((name) => !/\.(unit|int|e2e)\.test\.ts$/.test(name))).toEqual([]);
    expect(tests.length).toBeGreaterThan(100);
  });
});
