// A deployed bundle's stack traces name the TypeScript sources although Node no longer loads the
// source map at the cold start: the map is read when a trace is first printed, the map of the file
// the frame runs in (the entry, or a chunk it loaded with import()). Built the way the CDK app
// builds a function (infra/bundling.ts), run in a fresh Node process as Lambda would.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAMBDA_ENTRY_FILE, lambdaBuildOptions } from '../../../infra/bundling.js';
import { REPOSITORY_ROOT } from '../../../infra/service-app.js';

const installer = join(import.meta.dirname, '../../../functions/observability/stack-traces.ts');
let dir: string;

/** A handler that fails three calls deep, on a known line of its source. */
const fixture = `import { mapStackTracesOnDemand } from ${JSON.stringify(installer)};
mapStackTracesOnDemand(import.meta.url);
function checkTheReferral(id: string): never {
  throw new Error('the referral ' + id.length + ' could not be checked');
}
function routeTheReferral(id: string): never {
  return checkTheReferral(id);
}
export const handler = async (id: string) => routeTheReferral(id);
`;

/** The same failure in a module the handler loads on its first call (a chunk of its own in the build). */
const lazyFixture = `import { mapStackTracesOnDemand } from ${JSON.stringify(installer)};
mapStackTracesOnDemand(import.meta.url);
export const handler = async (id: string) => (await import('./checks.ts')).routeTheReferral(id);
`;
const checksModule = `export function checkTheReferral(id: string): never {
  throw new Error('the referral ' + id.length + ' could not be checked');
}
export function routeTheReferral(id: string): never {
  return checkTheReferral(id);
}
`;

async function bundle(name: string, source = fixture): Promise<string> {
  const entry = join(dir, `${name}.ts`);
  writeFileSync(entry, source);
  const outdir = join(dir, name);
  await build(lambdaBuildOptions(REPOSITORY_ROOT, entry, outdir));
  return join(outdir, LAMBDA_ENTRY_FILE);
}

/** The stack of the handler's failure, printed by a fresh Node process that imports the bundle. */
function stackOf(outfile: string, nodeOptions: string[] = [], afterImport = ''): string {
  const script = `const m = await import(${JSON.stringify(outfile)}); ${afterImport} try { await m.handler('x'); } catch (error) { console.log(error.stack); }`;
  return execFileSync(process.execPath, [...nodeOptions, '--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
  });
}

/** The failure's first two frames name the source file (its throwing and calling lines) and function, not the bundle's file. */
function expectSourceFrames(
  stack: string,
  expected: { file: string; lines: [number, number]; bundleFile: string },
): void {
  const lines = stack.split('\n');
  const file = expected.file.replace('.', '\\.');
  expect(lines[0]).toBe('Error: the referral 1 could not be checked');
  expect(lines[1]).toMatch(new RegExp(`${file}:${expected.lines[0]}:\\d+`));
  expect(lines[1]).toContain('checkTheReferral');
  expect(lines[2]).toMatch(new RegExp(`${file}:${expected.lines[1]}:\\d+`));
  expect(lines.slice(1, 3).join('\n')).not.toContain(expected.bundleFile);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'stack-traces-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('stack traces of a deployed bundle', () => {
  it('name the source file, line and function of each frame, the map read only when the trace is printed', async () => {
    expectSourceFrames(stackOf(await bundle('mapped')), { file: 'mapped.ts', lines: [4, 7], bundleFile: 'index.mjs' });
  }, 60_000);

  it('stay as V8 prints them when the bundle has no map beside it', async () => {
    const outfile = await bundle('unmapped');
    rmSync(`${outfile}.map`);
    const lines = stackOf(outfile).split('\n');
    expect(lines[0]).toBe('Error: the referral 1 could not be checked');
    expect(lines[1]).toMatch(/index\.mjs:\d+:\d+/);
    expect(lines.join('\n')).not.toContain('.ts:');
  }, 60_000);

  it('do not read the map when the bundle is imported (a cold start), only when a trace is printed', async () => {
    const outfile = await bundle('lazy');
    const moveMapAway = `(await import('node:fs')).renameSync(${JSON.stringify(`${outfile}.map`)}, ${JSON.stringify(`${outfile}.moved`)});`;
    const lines = stackOf(outfile, [], moveMapAway).split('\n');
    expect(lines[1]).toMatch(/index\.mjs:\d+:\d+/);
    expect(lines.join('\n')).not.toContain('lazy.ts');
  }, 60_000);

  it('leave the mapping to Node where it is enabled (--enable-source-maps)', async () => {
    const outfile = await bundle('node-mapped');
    const lines = stackOf(outfile, ['--enable-source-maps']).split('\n');
    expect(lines[1]).toMatch(/node-mapped\.ts:4:\d+/);
  }, 60_000);

  it('name the source of a frame in a chunk loaded with import(), through the map of that chunk', async () => {
    writeFileSync(join(dir, 'checks.ts'), checksModule);
    expectSourceFrames(stackOf(await bundle('split', lazyFixture)), {
      file: 'checks.ts',
      lines: [2, 5],
      bundleFile: 'chunks/',
    });
  }, 60_000);
});
