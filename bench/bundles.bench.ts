// Each function's deployed bundle: its size (minified ESM with the AWS SDK bundled, built by
// esbuild with exactly the options the CDK app uses, infra/bundling.ts: the code a cold start
// loads, the entry and the chunks it imports, not the chunks loaded by import()) and its cold
// initialisation (importing the bundle in a fresh Node process with the environment the CDK app
// gives it), median of several fresh processes, in CPU time (the machine is shared: the wall
// clock counts waiting for a core). Targets: under 1 MiB and under 150 ms each.
// In the same run, interleaved round by round with the functions:
// - two baselines built the same way: an empty handler (Node's own start of an ES module) and a
//   handler holding only the raw SDK DynamoDB client (the floor of any function that uses it);
// - each function with its source map loaded at import (--enable-source-maps, as the CDK app ran
//   them before issue 15): the cost of that, measured;
// - with BUNDLES_BEFORE=<another checkout> (for example the main worktree), each function built
//   from that tree with that tree's own build (its infra/bundling.ts: a split build where it has
//   lambdaBuildOptions, else its one-file build) and started as that tree's CDK app started it
//   (with --enable-source-maps if its infra/ sets it, as trees before issue 15 did): before and
//   after from one run; the baselines are built that tree's way too (the floor before and after).
// A function whose files the CDK app copies beside its bundle (the web pages' views, words and
// GOV.UK assets) gets them copied the same way, and the asset column is everything deployed (the
// bundle, its source map and those files); a function that fails to build or start is reported as
// a row with its error, and the others still run.
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import * as bundling from '../infra/bundling.js';
import { functionCatalogue } from '../infra/function-catalogue.js';
import { REPOSITORY_ROOT } from '../infra/service-app.js';
import { queueUrlBase, serviceEnvironment } from '../infra/service-environment.js';
import { type BenchContext, median } from './bench-context.js';

const COLD_STARTS = Number(process.env.BUNDLES_COLD_STARTS ?? 7);
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
function lambdaEnvironment(functionId: string, nodeOptions: string | undefined): Record<string, string> {
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
    ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
    AWS_REGION: settings.region,
    AWS_LAMBDA_FUNCTION_NAME: `prevent-bench-${functionId}`,
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
  };
}

/** How the CDK app starts the functions now: no --enable-source-maps (functions/observability/stack-traces.ts). */
const NODE_OPTIONS_NOW = undefined;
/** How it started them before issue 15 (and how the "with map" column starts every bundle). */
const NODE_OPTIONS_BEFORE = '--enable-source-maps';

/** How another checkout's CDK app starts its functions: with source maps only if its service function sets them. */
function nodeOptionsOf(root: string): string | undefined {
  const construct = join(root, 'infra', 'constructs', 'service-function.ts');
  const source = existsSync(construct) ? readFileSync(construct, 'utf8') : '';
  return /NODE_OPTIONS:\s*'--enable-source-maps'/.test(source) ? NODE_OPTIONS_BEFORE : NODE_OPTIONS_NOW;
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

/** The packages (or own files) that weigh most in the code a cold start loads, from esbuild's metafile: `name KiB`, the top few. */
function heaviestPackages(metafile: Metafile): string {
  const weights = new Map<string, number>();
  for (const output of bundling.startupOutputs(metafile).map((path) => metafile.outputs[path]))
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

/** One bundle to start again and again: a function (now or before) or a baseline. */
interface Subject {
  key: string;
  outfile: string;
  environment: Record<string, string>;
  samples: { wallMs: number; cpuMs: number }[];
  failure?: string;
}

interface Built {
  outfile: string;
  /** The code a cold start loads: the entry and the chunks it imports (bundling.startupBytes). */
  bytes: number;
  /** Every file of the function's asset: the bundle, its chunks, their source maps and the files copied beside it. */
  assetBytes: number;
  metafile: Metafile;
}

/** A tree's infra/bundling.ts: this one's, or an older tree's (which may build one file, without lambdaBuildOptions). */
type Bundling = Partial<typeof bundling> & Pick<typeof bundling, 'bundleOptions' | 'runtimeFileCommands'>;

/** The bytes of every file under a folder. */
function folderBytes(folder: string): number {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
}

/** Builds an entry exactly as that tree's CDK app does, and copies the run-time files its function carries. */
async function buildFunction(
  root: string,
  entry: string,
  functionId: string,
  outdir: string,
  treeBundling: Bundling = bundling,
): Promise<Built> {
  const functionDir = join(outdir, functionId);
  const outfile = join(functionDir, 'index.mjs');
  const { bundleOptions } = treeBundling;
  const result = treeBundling.lambdaBuildOptions
    ? await build(treeBundling.lambdaBuildOptions(root, entry, functionDir))
    : await build({
        ...bundleOptions,
        external: [...bundleOptions.external],
        mainFields: [...bundleOptions.mainFields],
        banner: { js: bundleOptions.banner },
        entryPoints: [join(root, entry)],
        bundle: true,
        outfile,
        metafile: true,
        logLevel: 'error',
      });
  for (const command of treeBundling.runtimeFileCommands(functionId, root, functionDir))
    execSync(command, { shell: '/bin/sh', stdio: 'pipe' });
  return {
    outfile,
    bytes: bundling.startupBytes(result.metafile),
    assetBytes: folderBytes(functionDir),
    metafile: result.metafile,
  };
}

/** The baselines' sources: Node's start of an ES module, and the raw SDK DynamoDB client alone. */
const BASELINES: Readonly<Record<string, string>> = {
  'empty handler': 'export const handler = async () => ({ statusCode: 204 });\n',
  'raw DynamoDB client': `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
const client = new DynamoDBClient({ region: process.env.AWS_REGION });
export const handler = async () => client.config.region();
`,
};

interface BundleFigures {
  id: string;
  entry: string;
  bytes: number | null;
  /** Everything deployed for the function (bundle, source map, files copied beside it). */
  assetBytes?: number;
  initMs: number | null;
  /** CPU time of the initialisation (the process's user and system time): what the machine's load does not inflate. */
  initCpuMs?: number;
  /** The same bundle's init CPU with its source map loaded at import (--enable-source-maps). */
  initCpuWithSourceMapMs?: number;
  /** From BUNDLES_BEFORE, built and started as that tree's CDK app did. */
  before?: { bytes: number | null; assetBytes?: number; initCpuMs?: number; note?: string };
  /** The AWS SDK client packages in the bundle. */
  clients?: string[];
  /** The largest contributors to the bundle (packages, or the repository's own files). */
  heaviest?: string;
  note?: string;
}

export default async function bundlesBench(ctx: BenchContext): Promise<void> {
  const outdir = mkdtempSync(join(tmpdir(), 'prevent-bundles-'));
  const beforeRoot = process.env.BUNDLES_BEFORE;
  const beforeNodeOptions = beforeRoot ? nodeOptionsOf(beforeRoot) : undefined;
  const beforeBundling = beforeRoot
    ? ((await import(pathToFileURL(join(beforeRoot, 'infra', 'bundling.ts')).href)) as Bundling)
    : undefined;
  const figures: BundleFigures[] = [];
  const subjects: Subject[] = [];
  const subject = (key: string, outfile: string, environment: Record<string, string>) =>
    subjects.push({ key, outfile, environment, samples: [] });

  // Baselines, built in the repository (they resolve its SDK) with the same options.
  const baselineDir = join(REPOSITORY_ROOT, 'node_modules', '.cache', 'prevent-referrals', 'bundle-baselines');
  mkdirSync(baselineDir, { recursive: true });
  const baselines: { name: string; bytes: number; bytesBefore?: number }[] = [];
  for (const [name, source] of Object.entries(BASELINES)) {
    const slug = name.replace(/[^a-z]+/g, '-');
    writeFileSync(join(baselineDir, `${slug}.ts`), source);
    const built = await buildFunction(baselineDir, `${slug}.ts`, slug, join(outdir, 'baselines'));
    const before = beforeBundling
      ? await buildFunction(baselineDir, `${slug}.ts`, slug, join(outdir, 'baselines-before'), beforeBundling)
      : undefined;
    baselines.push({ name, bytes: built.bytes, ...(before ? { bytesBefore: before.bytes } : {}) });
    if (before) subject(`before:baseline:${name}`, before.outfile, lambdaEnvironment(slug, beforeNodeOptions));
    subject(`baseline:${name}`, built.outfile, lambdaEnvironment(slug, NODE_OPTIONS_NOW));
    subject(`baseline:${name}:maps`, built.outfile, lambdaEnvironment(slug, NODE_OPTIONS_BEFORE));
  }

  for (const entry of functionCatalogue) {
    const source = join(REPOSITORY_ROOT, entry.entry);
    const figure: BundleFigures = { id: entry.id, entry: entry.entry, bytes: null, initMs: null };
    figures.push(figure);
    if (beforeRoot) {
      try {
        const before = await buildFunction(beforeRoot, entry.entry, entry.id, join(outdir, 'before'), beforeBundling);
        figure.before = { bytes: before.bytes, assetBytes: before.assetBytes };
        subject(`before:${entry.id}`, before.outfile, lambdaEnvironment(entry.id, beforeNodeOptions));
      } catch (error) {
        figure.before = { bytes: null, note: failureNote(error) };
      }
    }
    if (!existsSync(source)) {
      figure.note = 'entry file missing';
      continue;
    }
    try {
      const built = await buildFunction(REPOSITORY_ROOT, entry.entry, entry.id, join(outdir, 'now'));
      figure.bytes = built.bytes;
      figure.assetBytes = built.assetBytes;
      figure.heaviest = heaviestPackages(built.metafile);
      figure.clients = clientPackages(built.metafile);
      subject(`now:${entry.id}`, built.outfile, lambdaEnvironment(entry.id, NODE_OPTIONS_NOW));
      subject(`maps:${entry.id}`, built.outfile, lambdaEnvironment(entry.id, NODE_OPTIONS_BEFORE));
    } catch (error) {
      figure.note = `failed: ${failureNote(error)}`;
      ctx.log(`${entry.id}: failed: ${figure.note}`);
    }
  }

  // Round by round, every subject once a round, so a change of the machine's load touches all alike.
  for (const one of subjects) coldStart(one); // warm the file system cache, not the process
  for (let round = 0; round < COLD_STARTS; round += 1) {
    for (const one of subjects) coldStart(one);
    ctx.log(`bundles: round ${round + 1} of ${COLD_STARTS} (load average ${loadavg()[0]?.toFixed(1)})`);
  }

  const cpu = (key: string) => {
    const one = subjects.find((candidate) => candidate.key === key);
    return one && one.samples.length > 0 ? median(one.samples.map((sample) => sample.cpuMs)) : undefined;
  };
  for (const figure of figures) {
    const now = subjects.find((candidate) => candidate.key === `now:${figure.id}`);
    if (now?.failure) figure.note = `failed: ${now.failure}`;
    if (now && now.samples.length > 0) {
      figure.initMs = median(now.samples.map((sample) => sample.wallMs));
      figure.initCpuMs = cpu(`now:${figure.id}`);
    }
    const withMaps = cpu(`maps:${figure.id}`);
    if (withMaps !== undefined) figure.initCpuWithSourceMapMs = withMaps;
    const before = cpu(`before:${figure.id}`);
    if (figure.before && before !== undefined) figure.before.initCpuMs = before;
    ctx.log(
      `${figure.id}: ${figure.bytes === null ? '-' : (figure.bytes / 1024).toFixed(0)} KiB, init CPU ${figure.initCpuMs?.toFixed(1) ?? '-'} ms`,
    );
  }

  const kib = (bytes: number | null | undefined) =>
    bytes === null || bytes === undefined ? '-' : (bytes / 1024).toFixed(0);
  const ms = (value: number | undefined) => (value === undefined ? '-' : value.toFixed(0));
  const verdict = (value: number | null | undefined, target: number) =>
    value === null || value === undefined ? 'n/a' : value < target ? 'yes' : '**no**';
  const floor = cpu('baseline:raw DynamoDB client');
  const emptyCpu = cpu('baseline:empty handler');
  const rows = figures.map((figure) =>
    [
      figure.id,
      ...(beforeRoot ? [kib(figure.before?.bytes)] : []),
      kib(figure.bytes),
      verdict(figure.bytes, SIZE_TARGET_BYTES),
      ...(beforeRoot ? [kib(figure.before?.assetBytes)] : []),
      kib(figure.assetBytes),
      ...(beforeRoot ? [ms(figure.before?.initCpuMs)] : []),
      ms(figure.initCpuWithSourceMapMs),
      `**${ms(figure.initCpuMs)}**`,
      figure.initCpuMs !== undefined && floor ? (figure.initCpuMs / floor).toFixed(2) : '-',
      verdict(figure.initCpuMs, INIT_TARGET_MS),
      figure.initMs === null ? '-' : figure.initMs.toFixed(0),
      (figure.clients ?? []).join(', '),
      figure.heaviest ?? '',
      [figure.note, figure.before?.note ? `before: ${figure.before.note}` : undefined].filter(Boolean).join('; '),
    ].join(' | '),
  );
  const baselineRows = baselines.map(
    (baseline) =>
      `| _baseline: ${baseline.name}_ |${beforeRoot ? ` ${kib(baseline.bytesBefore)} |` : ''} ${kib(baseline.bytes)} | |${beforeRoot ? ' |' : ''} |${beforeRoot ? ` ${ms(cpu(`before:baseline:${baseline.name}`))} |` : ''} ${ms(cpu(`baseline:${baseline.name}:maps`))} | **${ms(cpu(`baseline:${baseline.name}`))}** | ${floor ? ((cpu(`baseline:${baseline.name}`) ?? 0) / floor).toFixed(2) : '-'} | | | | | | |`,
  );
  ctx.report({
    title: 'Function bundles: size and cold initialisation',
    markdown: [
      `esbuild ${bundling.bundleOptions.target}, ESM, minified, AWS SDK bundled, split (infra/bundling.ts); size = the code a cold start reads and compiles (index.mjs and the chunks it imports; chunks loaded by import() on first use are not counted); asset = everything deployed for the function (the bundle, its chunks, their source maps, and the files copied beside it: the web pages' views, words and GOV.UK assets); init = importing the bundle in a fresh Node ${process.version} process with the function's environment (${queueUrlBase(settings)}...) as the CDK app starts it (no --enable-source-maps: traces are mapped when printed, functions/observability/stack-traces.ts); init CPU = that process's user and system time over the import, median of ${COLD_STARTS} rounds, every bundle once a round (load average ${loadavg()[0]?.toFixed(1)} at the end). "with map" = the same bundle started with --enable-source-maps.${beforeRoot ? ` "before" = the same entries built from ${beforeRoot} and started as its CDK app did (${beforeNodeOptions ?? 'no --enable-source-maps'}), in the same rounds.` : ''} Baselines in the same rounds: an empty handler (Node itself, ${ms(emptyCpu)} ms) and the raw SDK DynamoDB client alone (${ms(floor)} ms): "/ raw client" is a function's init CPU over the latter. Targets: < 1 MiB and < ${INIT_TARGET_MS} ms. Lambda's own runtime start (before the import) is not included.`,
      '',
      `| function |${beforeRoot ? ' size before (KiB) |' : ''} size (KiB) | < 1 MiB |${beforeRoot ? ' asset before (KiB) |' : ''} asset (KiB) |${beforeRoot ? ' init CPU before (ms) |' : ''} init CPU with map (ms) | **init CPU (ms)** | / raw client | < 150 ms | init wall (ms) | AWS SDK clients carried | heaviest parts (KiB) | note |`,
      `| --- |${beforeRoot ? ' ---: |' : ''} ---: | --- |${beforeRoot ? ' ---: |' : ''} ---: |${beforeRoot ? ' ---: |' : ''} ---: | ---: | ---: | --- | ---: | --- | --- | --- |`,
      ...rows.map((row) => `| ${row} |`),
      ...baselineRows,
    ].join('\n'),
    data: {
      coldStarts: COLD_STARTS,
      before: beforeRoot ?? null,
      baselines: {
        emptyCpuMs: emptyCpu,
        rawDynamoDbCpuMs: floor,
        ...(beforeRoot ? { rawDynamoDbBeforeCpuMs: cpu('before:baseline:raw DynamoDB client') } : {}),
      },
      figures,
    },
  });

  function coldStart(one: Subject): void {
    if (one.failure) return;
    try {
      one.samples.push(coldInitialisation(one.outfile, one.environment));
    } catch (error) {
      one.failure = failureNote(error);
      ctx.log(`${one.key}: failed: ${one.failure}`);
    }
  }
}
