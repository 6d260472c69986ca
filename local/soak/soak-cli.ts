// npm run soak -- --referrals N --fault-rate P [--restarts K] [--seed S] [--concurrency C]
// Prints the report, writes bench/results/soak-latest.md, exits 1 on any loss.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { soakReport } from './soak-report.js';
import { runSoak } from './soak-run.js';

const Arguments = z.object({
  referrals: z.coerce.number().int().min(1).max(100_000).default(100),
  'fault-rate': z.coerce.number().min(0).max(0.5).default(0.1),
  restarts: z.coerce.number().int().min(0).max(10).default(0),
  seed: z.coerce.number().int().min(0).default(20_261_206),
  concurrency: z.coerce.number().int().min(1).max(64).default(8),
  'settle-timeout': z.coerce.number().int().min(10).default(300),
});

const { values } = parseArgs({
  options: {
    referrals: { type: 'string' },
    'fault-rate': { type: 'string' },
    restarts: { type: 'string' },
    seed: { type: 'string' },
    concurrency: { type: 'string' },
    'settle-timeout': { type: 'string' },
  },
});
const parsed = Arguments.safeParse(values);
if (!parsed.success) {
  console.error(
    `soak: ${parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
  );
  process.exit(2);
}
const args = parsed.data;
const result = await runSoak({
  referrals: args.referrals,
  faultRate: args['fault-rate'],
  restarts: args.restarts,
  seed: args.seed,
  concurrency: args.concurrency,
  settleTimeoutMs: args['settle-timeout'] * 1000,
  log: (line) => console.error(`soak: ${line}`),
});
const report = soakReport(result, new Date());
console.log(report);
const folder = join('bench', 'results');
mkdirSync(folder, { recursive: true });
writeFileSync(join(folder, 'soak-latest.md'), report);
process.exit(result.lossFree ? 0 : 1);
