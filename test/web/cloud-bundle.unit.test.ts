// The web function as the CDK app bundles it: the demo personas' sign-in and everything under
// local/ stay out of the cloud build (only local/ mounts them), and the words are files beside the
// code, found where the pages look for them, not compiled into it.
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleOptions, runtimeFileCommands } from '../../infra/bundling.js';
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
});
