// `npm run bench`: runs every bench/*.bench.ts in turn (or those named on the command line)
// and writes one Markdown and one JSON report to bench/results/.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BenchContext, type BenchSection } from './bench-context.js';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

const sections: BenchSection[] = [];
const context: BenchContext = {
  report(section) {
    sections.push(section);
    process.stdout.write(`\n## ${section.title}\n\n${section.markdown}\n`);
  },
  log(line) {
    process.stderr.write(`${line}\n`);
  },
};

for (const file of files) {
  process.stderr.write(`running ${file}\n`);
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: (c: BenchContext) => Promise<void> };
  await mod.default(context);
}

const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const out = join(here, 'results');
mkdirSync(out, { recursive: true });
const header = `# Benchmark report\n\nRun ${new Date().toISOString()} on Node ${process.version}, ${process.platform}/${process.arch}. Machines are shared and noisy: read medians and ratios, not single figures.\n`;
const markdown = [header, ...sections.map((s) => `## ${s.title}\n\n${s.markdown}\n`)].join('\n');
writeFileSync(join(out, `report-${stamp}.md`), markdown);
writeFileSync(join(out, 'latest.md'), markdown);
writeFileSync(
  join(out, 'latest.json'),
  JSON.stringify(
    sections.map(({ title, data }) => ({ title, data })),
    null,
    2,
  ),
);
process.stderr.write(`\nreport written to bench/results/latest.md\n`);
