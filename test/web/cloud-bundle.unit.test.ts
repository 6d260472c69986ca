// The web function as the CDK app bundles it: the demo personas' sign-in and everything under
// local/ stay out of the cloud build (only local/ mounts them).
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bundleOptions } from '../../infra/bundling.js';

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
  }, 60_000);
});
