// How every function is bundled: esbuild, locally (no Docker), minified ESM for the Lambda
// runtime below, with the AWS SDK bundled in (no external modules) so each function carries the
// exact SDK version it was tested with. The bundle benchmark (bench/bundles.bench.ts) builds with
// the same options, so the sizes it reports are the sizes that are deployed.
import { Runtime } from 'aws-cdk-lib/aws-lambda';

/** The newest Node.js runtime this aws-cdk-lib offers (a test fails when a newer one appears). */
export const LAMBDA_RUNTIME = Runtime.NODEJS_24_X;

/** The esbuild target matching LAMBDA_RUNTIME. */
export const ESBUILD_TARGET = 'node24';

/**
 * Bundled CommonJS dependencies call `require` for Node's built-ins; ESM has none, so the bundle
 * starts by making one.
 */
export const ESM_REQUIRE_SHIM = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/** Prefer packages' ES module builds (smaller after tree-shaking). */
export const MAIN_FIELDS = ['module', 'main'];

/** The options shared by the CDK app (NodejsFunction) and the benchmark (esbuild directly). */
export const bundleOptions = {
  format: 'esm',
  target: ESBUILD_TARGET,
  platform: 'node',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  mainFields: MAIN_FIELDS,
  banner: ESM_REQUIRE_SHIM,
  external: [] as string[],
} as const;
