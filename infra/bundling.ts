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
export const ESM_REQUIRE_SHIM =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

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

/**
 * Files a function reads at run time besides its bundle, copied beside it with the same relative
 * paths (the web pages find them upwards from their code: web/web-files.ts): the pages' views,
 * stylesheet and words (web/locales, read when a language is first asked for, not compiled into the
 * bundle), and GOV.UK Frontend's templates (.njk only), stylesheet, script, fonts and images.
 */
export const RUNTIME_FILES: Readonly<
  Record<
    string,
    {
      folders: readonly string[];
      templatesFrom?: { root: string; folders: readonly string[] };
      files: readonly string[];
    }
  >
> = {
  web: {
    folders: ['web/views', 'web/public', 'web/locales', 'node_modules/govuk-frontend/dist/govuk/assets'],
    templatesFrom: { root: 'node_modules/govuk-frontend/dist', folders: ['govuk/components', 'govuk/macros'] },
    files: [
      'node_modules/govuk-frontend/dist/govuk/template.njk',
      'node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css',
      'node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js',
    ],
  },
};

/** Shell commands (run locally after esbuild) that copy a function's run-time files into its bundle. */
export function runtimeFileCommands(functionId: string, inputDir: string, outputDir: string): string[] {
  const wanted = RUNTIME_FILES[functionId];
  if (!wanted) return [];
  const quote = (path: string) => `'${path.replace(/'/g, "'\\''")}'`;
  const commands: string[] = [];
  for (const folder of wanted.folders)
    commands.push(
      `mkdir -p ${quote(`${outputDir}/${folder}`)}`,
      `cp -R ${quote(`${inputDir}/${folder}`)}/. ${quote(`${outputDir}/${folder}`)}`,
    );
  for (const file of wanted.files) {
    const parent = file.slice(0, file.lastIndexOf('/'));
    commands.push(
      `mkdir -p ${quote(`${outputDir}/${parent}`)}`,
      `cp ${quote(`${inputDir}/${file}`)} ${quote(`${outputDir}/${file}`)}`,
    );
  }
  if (wanted.templatesFrom) {
    const { root, folders } = wanted.templatesFrom;
    commands.push(
      `mkdir -p ${quote(`${outputDir}/${root}`)}`,
      `(cd ${quote(`${inputDir}/${root}`)} && find ${folders.map(quote).join(' ')} -name '*.njk' -print | tar -cf - -T -) | (cd ${quote(`${outputDir}/${root}`)} && tar -xf -)`,
    );
  }
  return commands;
}
