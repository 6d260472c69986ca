// Each function's deployed bundle: its size (minified ESM with the AWS SDK bundled, built by
// esbuild with exactly the options the CDK app uses, infra/bundling.ts) and its cold
// initialisation (importing the bundle in a fresh Node process with the environment the CDK app
// gives it, source maps enabled as in Lambda), median of several fresh processes.
// Targets: under 1 MB and under 150 ms each. A function whose files the CDK app copies beside its
// bundle (the web pages' views and GOV.UK assets) gets them copied the same way; a function that
// fails to build or start is reported as a row with its error, and the others still run.
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { bundleOptions, runtimeFileCommands } from '../infra/bundling.js';
import { functionCatalogue } from '../infra/function-catalogue.js';
import { REPOSITORY_ROOT } from '../infra/service-app.js';
import { queueUrlBase, serviceEnvironment } from '../infra/service-environment.js';
import { type BenchContext, median } from './bench-context.js';

const COLD_STARTS = 7;
const SIZE_TARGET_BYTES = 1024 * 1024;
const INIT_TARGET_MS = 150;
const HEAVIEST_SHOWN = 4;

const settings = {
  stage: 'bench',
  account: '123456789012',
  region: 'eu-west-2',
  mailDomain: 'prevent-referrals.example.gov.uk',
  signInDomainPrefix: 'prevent-referrals-example-bench',
  publicBaseUrl: 'https://prevent-referrals.example.gov.uk',
  alarmEmail: undefined,
  isProduction: false,
  servicePrefix: 'prevent-bench',
};

/** The environment the CDK app sets, with deploy-time values filled in, plus what Lambda itself sets. */
function lambdaEnvironment(functionId: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    ...serviceEnvironment({
      settings,
      personalDataKeyArn: `arn:aws:kms:${settings.region}:${settings.account}:key/00000000-0000-0000-0000-000000000000`,
      mailConfigurationSet: 'prevent-bench-notifications',
      publicBaseUrl: settings.publicBaseUrl,
      userPoolId: `${settings.region}_bench0000`,
      userPoolClientId: 'benchclient0000000000000000',
      signInDomain: `https://prevent-referrals-example-bench.auth.${settings.region}.amazoncognito.com`,
    }),
    NODE_OPTIONS: '--enable-source-maps',
    AWS_REGION: settings.region,
    AWS_LAMBDA_FUNCTION_NAME: `prevent-bench-${functionId}`,
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
  };
}

/** Milliseconds from the start of a fresh process's import of the bundle to its handler being ready. */
function coldInitialisation(bundle: string, environment: Record<string, string>): number {
  const script = `const t = performance.now(); const m = await import(${JSON.stringify(bundle)}); if (typeof m.handler !== 'function') throw new Error('no handler'); console.log(performance.now() - t);`;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: environment,
    encoding: 'utf8',
  });
  return Number(output.trim().split('\n').at(-1));
}

/** The first line of a build or start failure (esbuild's first error, or a child process's stderr), for one table cell. */
function failureNote(error: unknown): string {
  const [first] =
    (error as { errors?: { text: string; location?: { file: string; line: number } | null }[] }).errors ?? [];
  if (first)
    return `${first.text}${first.location ? ` (${first.location.file}:${first.location.line})` : ''}`
      .replace(/\|/g, '/')
      .slice(0, 200);
  const stderr = (error as { stderr?: unknown }).stderr;
  const text =
    typeof stderr === 'string' && stderr.trim() !== ''
      ? stderr
      : error instanceof Error
        ? error.message
        : String(error);
  const line = text.split('\n').find((candidate) => /Error|error/.test(candidate)) ?? text.split('\n')[0] ?? '';
  return line.replace(/\|/g, '/').trim().slice(0, 200);
}

/** The packages (or own files) that weigh most in a bundle, from esbuild's metafile: `name KiB`, the top few. */
function heaviestPackages(metafile: Metafile, outfile: string): string {
  const output = Object.entries(metafile.outputs).find(
    ([path]) => outfile.endsWith(path) || path.endsWith('index.mjs'),
  )?.[1];
  const weights = new Map<string, number>();
  for (const [path, input] of Object.entries(output?.inputs ?? {})) {
    const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const name = inPackage?.[1] ?? path;
    weights.set(name, (weights.get(name) ?? 0) + input.bytesInOutput);
  }
  return [...weights]
    .sort(([, a], [, b]) => b - a)
    .slice(0, HEAVIEST_SHOWN)
    .map(([name, size]) => `${name} ${(size / 1024).toFixed(0)}`)
    .join(', ');
}

interface BundleFigures {
  id: string;
  entry: string;
  bytes: number | null;
  initMs: number | null;
  /** The largest contributors to the bundle (packages, or the repository's own files). */
  heaviest?: string;
  note?: string;
}

export default async function bundlesBench(ctx: BenchContext): Promise<void> {
  const outdir = mkdtempSync(join(tmpdir(), 'prevent-bundles-'));
  const figures: BundleFigures[] = [];
  for (const entry of functionCatalogue) {
    const source = join(REPOSITORY_ROOT, entry.entry);
    if (!existsSync(source)) {
      figures.push({ id: entry.id, entry: entry.entry, bytes: null, initMs: null, note: 'entry file missing' });
      continue;
    }
    let bytes: number | null = null;
    let heaviest = '';
    try {
      const functionDir = join(outdir, entry.id);
      const outfile = join(functionDir, 'index.mjs');
      const result = await build({
        ...bundleOptions,
        external: [...bundleOptions.external],
        mainFields: [...bundleOptions.mainFields],
        banner: { js: bundleOptions.banner },
        entryPoints: [source],
        bundle: true,
        outfile,
        metafile: true,
        logLevel: 'error',
      });
      bytes = statSync(outfile).size;
      heaviest = heaviestPackages(result.metafile, outfile);
      for (const command of runtimeFileCommands(entry.id, REPOSITORY_ROOT, functionDir))
        execSync(command, { shell: '/bin/sh', stdio: 'pipe' });
      const environment = lambdaEnvironment(entry.id);
      coldInitialisation(outfile, environment); // warm the file system cache, not the process
      const samples = Array.from({ length: COLD_STARTS }, () => coldInitialisation(outfile, environment));
      figures.push({ id: entry.id, entry: entry.entry, bytes, initMs: median(samples), heaviest });
      ctx.log(`${entry.id}: ${(bytes / 1024).toFixed(0)} KiB, init ${median(samples).toFixed(1)} ms`);
    } catch (error) {
      const note = failureNote(error);
      figures.push({ id: entry.id, entry: entry.entry, bytes, initMs: null, heaviest, note: `failed: ${note}` });
      ctx.log(`${entry.id}: failed: ${note}`);
    }
  }

  const verdict = (value: number | null, target: number) =>
    value === null ? 'n/a' : value < target ? 'yes' : '**no**';
  const rows = figures.map(
    (figure) =>
      `| ${figure.id} | ${figure.bytes === null ? '-' : (figure.bytes / 1024).toFixed(0)} | ${verdict(figure.bytes, SIZE_TARGET_BYTES)} | ${figure.initMs === null ? '-' : figure.initMs.toFixed(1)} | ${verdict(figure.initMs, INIT_TARGET_MS)} | ${figure.heaviest ?? ''} | ${figure.note ?? ''} |`,
  );
  ctx.report({
    title: 'Function bundles: size and cold initialisation',
    markdown: [
      `esbuild ${bundleOptions.target}, ESM, minified, AWS SDK bundled (infra/bundling.ts); initialisation = importing the bundle in a fresh Node ${process.version} process with --enable-source-maps and the function's environment (${queueUrlBase(settings)}...), median of ${COLD_STARTS}. Targets: < 1 MiB and < ${INIT_TARGET_MS} ms. Lambda's own runtime start (before the import) is not included.`,
      '',
      '| function | size (KiB) | < 1 MiB | init (ms) | < 150 ms | heaviest parts (KiB) | note |',
      '| --- | ---: | --- | ---: | --- | --- | --- |',
      ...rows,
    ].join('\n'),
    data: { coldStarts: COLD_STARTS, figures },
  });
}
