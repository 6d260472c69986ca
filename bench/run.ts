// `npm run bench`: runs every bench/*.bench.ts in turn (or those named on the command line)
// and writes one Markdown and one JSON report to bench/results/ (a run of some benches replaces
// their sections of the latest report and keeps the others).
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
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
const ran = sections.map((s) => ({ title: s.title, body: `${s.markdown}\n`, data: s.data as unknown }));
// A run of some benches replaces their sections in the latest report and keeps the others (each
// marked with the run it came from), so the report always holds every bench's last figures.
const kept = wanted.length === 0 ? [] : previousSections(join(out, 'latest.md'), join(out, 'latest.json'));
const all = [
  ...kept
    .filter((k) => !ran.some((r) => r.title === k.title))
    .map((k) => ({
      ...k,
      body: k.body.includes('_From the run of ') ? k.body : `_From the run of ${k.run}._\n\n${k.body}`,
    })),
  ...ran,
];
const order = (title: string) => {
  const index = kept.findIndex((k) => k.title === title);
  return index === -1 ? Number.MAX_SAFE_INTEGER : index;
};
all.sort((a, b) => order(a.title) - order(b.title));
const markdown = [header, ...all.map((s) => `## ${s.title}\n\n${s.body.trimEnd()}\n`)].join('\n');
writeFileSync(join(out, `report-${stamp}.md`), markdown);
writeFileSync(join(out, 'latest.md'), markdown);
writeFileSync(
  join(out, 'latest.json'),
  JSON.stringify(
    all.map(({ title, data }) => ({ title, data })),
    null,
    2,
  ),
);
process.stderr.write(`\nreport written to bench/results/latest.md\n`);

/** The sections of the last report: their Markdown, their data and the run they came from. */
function previousSections(
  markdownFile: string,
  jsonFile: string,
): { title: string; body: string; data: unknown; run: string }[] {
  if (!existsSync(markdownFile)) return [];
  const text = readFileSync(markdownFile, 'utf8');
  const run = /Run (\S+) on/.exec(text)?.[1] ?? 'an earlier run';
  const data = existsSync(jsonFile)
    ? (JSON.parse(readFileSync(jsonFile, 'utf8')) as { title: string; data: unknown }[])
    : [];
  return text
    .split(/^## /m)
    .slice(1)
    .map((chunk) => {
      const newline = chunk.indexOf('\n');
      const title = chunk.slice(0, newline).trim();
      return {
        title,
        body: chunk.slice(newline + 1).trim() + '\n',
        data: data.find((d) => d.title === title)?.data,
        run,
      };
    });
}
