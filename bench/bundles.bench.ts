// Each function's deployed bundle: its size (minified ESM with the AWS SDK bundled, built by
// esbuild with exactly the options the CDK app uses, infra/bundling.ts) and its cold
// initialisation (importing the bundle in a fresh Node process with the environment the CDK app
// gives it, source maps enabled as in Lambda), median of several fresh processes.
// Targets: under 1 MB and under 150 ms each. A function whose files the CDK app copies beside its
// bundle (the web pages' views and GOV.UK assets) gets them copied the same way; a function that
// fails to build or start is reported as a row with its error, and the others still run.
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
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
function coldInitialisation(bundle: string, environment: Record<string, string>): { wallMs: number; cpuMs: number } {
  const script = `const c = process.cpuUsage(); const t = performance.now(); const m = await import(${JSON.stringify(bundle)}); if (typeof m.handler !== 'function') throw new Error('no handler'); const w = performance.now() - t; const u = process.cpuUsage(c); console.log(w, (u.user + u.system) / 1000);`;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: environment,
    encoding: 'utf8',
  });
  const [wallMs, cpuMs] = (output.trim().split('\n').at(-1) as string).split(' ').map(Number);
  return { wallMs: wallMs as number, cpuMs: cpuMs as number };
}

/** The AWS SDK clients a bundle carries (its @aws-sdk/client-* packages), from esbuild's metafile. */
function clientPackages(metafile: Metafile): string[] {
  const names = new Set<string>();
  for (const output of Object.values(metafile.outputs))
    for (const path of Object.keys(output.inputs)) {
      const client = /node_modules\/@aws-sdk\/client-([^/]+)\//.exec(path)?.[1];
      if (client) names.add(client);
    }
  return [...names].sort();
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
  /** CPU time of the initialisation (the process's user and system time): what the machine's load does not inflate. */
  initCpuMs?: number;
  /** The AWS SDK client packages in the bundle. */
  clients?: string[];
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
      const initMs = median(samples.map((sample) => sample.wallMs));
      const initCpuMs = median(samples.map((sample) => sample.cpuMs));
      const clients = clientPackages(result.metafile);
      figures.push({ id: entry.id, entry: entry.entry, bytes, initMs, initCpuMs, clients, heaviest });
      ctx.log(
        `${entry.id}: ${(bytes / 1024).toFixed(0)} KiB, init ${initMs.toFixed(1)} ms (CPU ${initCpuMs.toFixed(1)} ms)`,
      );
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
      `| ${figure.id} | ${figure.bytes === null ? '-' : (figure.bytes / 1024).toFixed(0)} | ${verdict(figure.bytes, SIZE_TARGET_BYTES)} | ${figure.initMs === null ? '-' : figure.initMs.toFixed(1)} | ${figure.initCpuMs === undefined ? '-' : figure.initCpuMs.toFixed(1)} | ${verdict(figure.initMs, INIT_TARGET_MS)} | ${(figure.clients ?? []).join(', ')} | ${figure.heaviest ?? ''} | ${figure.note ?? ''} |`,
  );
  ctx.report({
    title: 'Function bundles: size and cold initialisation',
    markdown: [
      `esbuild ${bundleOptions.target}, ESM, minified, AWS SDK bundled (infra/bundling.ts); initialisation = importing the bundle in a fresh Node ${process.version} process with --enable-source-maps and the function's environment (${queueUrlBase(settings)}...), median of ${COLD_STARTS}; init CPU = the fresh process's user and system time over the same import (on a loaded machine the wall clock also counts waiting for a core; load average ${loadavg()[0]?.toFixed(1)} at the end). Each function builds only the clients its entry asks for (functions/composition/clients.ts), and its bundle carries only those SDK packages. Targets: < 1 MiB and < ${INIT_TARGET_MS} ms. Lambda's own runtime start (before the import) is not included.`,
      '',
      '| function | size (KiB) | < 1 MiB | init (ms) | init CPU (ms) | < 150 ms | AWS SDK clients carried | heaviest parts (KiB) | note |',
      '| --- | ---: | --- | ---: | ---: | --- | --- | --- | --- |',
      ...rows,
    ].join('\n'),
    data: { coldStarts: COLD_STARTS, figures },
  });
}
