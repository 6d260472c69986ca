// How every function is bundled: esbuild, locally (no Docker), minified ESM for the Lambda
// runtime below, with the AWS SDK bundled in (no external modules) so each function carries the
// exact SDK version it was tested with. The build is split (esbuild `splitting`): the entry is
// `index.mjs`, and what the code loads with `import()` (the release workbook's XLSX library) is a
// chunk under `chunks/` that a cold start neither reads nor compiles. The CDK app runs this build
// through a local asset bundling (lambdaAssetBundling; NodejsFunction's build is one file, which
// carries every `import()` in the entry), and the bundle benchmark (bench/bundles.bench.ts) and the
// bundle tests call the same lambdaBuildOptions, so the sizes they report are the sizes deployed.
// Decision: docs/decisions/0009-http-api.md.
import { execSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BundlingOptions, DockerImage, type ILocalBundling } from 'aws-cdk-lib';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { type BuildOptions, buildSync, type Metafile } from 'esbuild';

/** The newest Node.js runtime this aws-cdk-lib offers (a test fails when a newer one appears). */
export const LAMBDA_RUNTIME = Runtime.NODEJS_24_X;

/** The esbuild target matching LAMBDA_RUNTIME. */
export const ESBUILD_TARGET = 'node24';

/**
 * Bundled CommonJS dependencies call `require` for Node's built-ins; ESM has none, so the bundle
 * (and each chunk) starts by making one.
 */
export const ESM_REQUIRE_SHIM =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/** Prefer packages' ES module builds (smaller after tree-shaking). */
export const MAIN_FIELDS = ['module', 'main'];

/** The options of every Lambda build besides its entry and output (lambdaBuildOptions). */
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
 * Modules the Lambda builds replace by one of this repository's (paths from its root: found from
 * this file, whatever folder a build's entry lies in). Every SDK
 * client's runtime configuration imports `@aws-sdk/credential-provider-node`'s default chain
 * (environment, SSO, ini, process, web identity, container, instance metadata, with the STS and SSO
 * clients they call: about 135 KiB of each bundle); in Lambda the credentials are always the
 * environment's, so the builds carry only that provider (functions/composition/lambda-credentials.ts).
 * The local service, the tools and the tests run unbundled with the SDK's whole chain.
 */
export const LAMBDA_MODULE_SUBSTITUTES: Readonly<Record<string, string>> = {
  '@aws-sdk/credential-provider-node': 'functions/composition/lambda-credentials.ts',
};

const SUBSTITUTES_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The file Lambda loads (the handler is `index.handler`) and the folder of the chunks it imports. */
export const LAMBDA_ENTRY_FILE = 'index.mjs';
export const LAMBDA_CHUNK_FOLDER = 'chunks';

/** esbuild's options for one function: its entry (a path from the repository root) built into `outdir`. */
export function lambdaBuildOptions(
  repositoryRoot: string,
  entry: string,
  outdir: string,
): BuildOptions & { metafile: true } {
  return {
    ...bundleOptions,
    external: [...bundleOptions.external],
    mainFields: [...bundleOptions.mainFields],
    banner: { js: bundleOptions.banner },
    absWorkingDir: repositoryRoot,
    entryPoints: { index: resolve(repositoryRoot, entry) },
    bundle: true,
    splitting: true,
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: `${LAMBDA_CHUNK_FOLDER}/[name]-[hash]`,
    alias: Object.fromEntries(
      Object.entries(LAMBDA_MODULE_SUBSTITUTES).map(([module, substitute]) => [
        module,
        join(SUBSTITUTES_ROOT, substitute),
      ]),
    ),
    metafile: true,
    logLevel: 'error',
  };
}

/**
 * The files of a build that a cold start reads and compiles: the entry and every chunk it imports
 * statically (transitively), from the build's metafile. Chunks reached only by `import()` are left out.
 */
export function startupOutputs(metafile: Metafile): string[] {
  const outputs = metafile.outputs;
  const entry = Object.keys(outputs).find(
    (path) => path.endsWith(`/${LAMBDA_ENTRY_FILE}`) || path === LAMBDA_ENTRY_FILE,
  );
  if (!entry) throw new Error(`the build has no ${LAMBDA_ENTRY_FILE}`);
  const loaded = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const path = pending.pop() as string;
    if (loaded.has(path)) continue;
    loaded.add(path);
    for (const imported of outputs[path]?.imports ?? [])
      if (imported.kind === 'import-statement' && outputs[imported.path]) pending.push(imported.path);
  }
  return [...loaded];
}

/** The bytes of code a cold start reads and compiles (startupOutputs): the size the 1 MiB target is about. */
export function startupBytes(metafile: Metafile): number {
  return startupOutputs(metafile).reduce((sum, path) => sum + (metafile.outputs[path]?.bytes ?? 0), 0);
}

/** The CDK asset bundling of a function: the build above, run locally, then its run-time files copied beside it. */
export function lambdaAssetBundling(repositoryRoot: string, functionId: string, entry: string): BundlingOptions {
  return {
    // Never pulled: the local build always answers (it throws rather than fall back to Docker).
    image: DockerImage.fromRegistry('local-esbuild-only'),
    local: new LocalLambdaBuild(repositoryRoot, functionId, entry),
  };
}

/** Public fields on purpose: the CDK's asset cache key is made from them (one asset per function). */
class LocalLambdaBuild implements ILocalBundling {
  constructor(
    readonly repositoryRoot: string,
    readonly functionId: string,
    readonly entry: string,
  ) {}

  tryBundle(outputDir: string): boolean {
    buildSync(lambdaBuildOptions(this.repositoryRoot, this.entry, outputDir));
    for (const command of runtimeFileCommands(this.functionId, this.repositoryRoot, outputDir))
      execSync(command, { shell: '/bin/sh', stdio: 'pipe' });
    return true;
  }
}

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
