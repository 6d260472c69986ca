// The platform function as the CDK app bundles it (infra/bundling.ts): its OpenAPI document comes
// from the build, so the bundle carries no other route group's code, and it stays under 1 MiB.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { routeGroupNames } from '../../../../functions/api/api.js';
import { lambdaBuildOptions, startupBytes } from '../../../../infra/bundling.js';
import { REPOSITORY_ROOT } from '../../../../infra/service-app.js';

const otherGroupFolders = ['referrals', 'case-commands', 'triage-queues', 'statistics', 'administration', 'oversight'];

describe('the bundle of the platform function', () => {
  it('carries the built document and no other route group, and is under 1 MiB', async () => {
    const result = await build({
      ...lambdaBuildOptions(REPOSITORY_ROOT, 'functions/api/platform/platform.lambda.ts', 'platform'),
      sourcemap: false,
      write: false,
    });
    expect(routeGroupNames).toHaveLength(otherGroupFolders.length + 1);
    const metafile = result.metafile;
    const inputs = Object.keys(metafile.inputs);
    expect(inputs).toContain('functions/api/platform/api-document.json');
    expect(inputs).not.toContain('functions/api/api.ts');
    expect(
      inputs.filter((input) => otherGroupFolders.some((folder) => input.startsWith(`functions/api/${folder}/`))),
    ).toEqual([]);
    expect(startupBytes(metafile)).toBeLessThan(1024 * 1024);
  }, 60_000);
});
