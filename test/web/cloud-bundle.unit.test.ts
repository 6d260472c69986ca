// The web function as the CDK app bundles it: the demo personas' sign-in and everything under
// local/ stay out of the cloud build (only local/ mounts them), the words are files beside the
// code, found where the pages look for them, not compiled into it, and what a cold start loads
// (the entry and the chunks it imports) is under 1 MiB, the release workbook's XLSX library in a
// chunk of its own that only the first download of a workbook loads.
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import {
  bundleOptions,
  LAMBDA_ENTRY_FILE,
  lambdaBuildOptions,
  runtimeFileCommands,
  startupBytes,
} from '../../infra/bundling.js';
import { REPOSITORY_ROOT } from '../../infra/service-app.js';
import { locales } from '../../web/i18n/translator.js';
import { locateWebFiles } from '../../web/web-files.js';

const outdir = mkdtempSync(join(tmpdir(), 'web-bundle-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('the cloud bundle of the web pages', () => {
  it('holds no local sign-in and nothing from local/', async () => {
    const result = await build({
      entryPoints: ['web/web.lambda.ts'],
      bundle: true,
      write: false,
      metafile: true,
      format: bundleOptions.format,
      platform: bundleOptions.platform,
      target: bundleOptions.target,
      mainFields: [...bundleOptions.mainFields],
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain('web/sign-in/cognito-sign-in.ts');
    expect(
      inputs.filter(
        (input) =>
          input.startsWith('local/') || input === 'web/sign-in/persona-sign-in.ts' || input === 'web/local-web.ts',
      ),
    ).toEqual([]);
    expect(inputs.filter((input) => input.startsWith('web/locales/'))).toEqual([]);
  }, 60_000);

  it('carries each locale file where the pages find their files', () => {
    const bundleDir = join(outdir, 'web');
    for (const command of runtimeFileCommands('web', process.cwd(), bundleDir))
      execSync(command, { shell: '/bin/sh', stdio: 'pipe' });
    const found = locateWebFiles(bundleDir);
    expect(found.root).toBe(bundleDir);
    for (const locale of locales) {
      const file = join(found.root, 'web', 'locales', `${locale}.json`);
      expect(existsSync(file), file).toBe(true);
      expect(readFileSync(file, 'utf8')).toBe(readFileSync(join('web', 'locales', `${locale}.json`), 'utf8'));
    }
  }, 60_000);

  it('starts under 1 MiB, the XLSX library in a chunk loaded on its first use', async () => {
    const result = await build({
      ...lambdaBuildOptions(REPOSITORY_ROOT, 'web/web.lambda.ts', join(outdir, 'split')),
      write: false,
    });
    const outputs = result.metafile.outputs;
    const startup = startupBytes(result.metafile);
    expect(startup).toBeLessThan(1024 * 1024);
    const [entry] = Object.entries(outputs).filter(([path]) => path.endsWith(`/${LAMBDA_ENTRY_FILE}`));
    expect(entry?.[1].bytes).toBeLessThanOrEqual(startup);
    const carrying = (pattern: RegExp) =>
      Object.entries(outputs)
        .filter(([, output]) => Object.keys(output.inputs).some((input) => pattern.test(input)))
        .map(([path]) => path.slice(path.indexOf('split/') + 'split/'.length));
    const xlsx = carrying(/node_modules\/write-excel-file\//);
    expect(xlsx).toHaveLength(1);
    expect(xlsx[0]).toMatch(/^chunks\/.+\.mjs$/);
    // Loaded by import() only: the entry and the chunks it imports at start do not name it.
    const staticallyImported = Object.values(outputs).flatMap((output) =>
      output.imports.filter((imported) => imported.kind === 'import-statement').map((imported) => imported.path),
    );
    expect(staticallyImported.filter((path) => path.endsWith(xlsx[0] as string))).toEqual([]);
  }, 60_000);
});
