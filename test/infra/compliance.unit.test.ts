// cdk-nag (AWS Solutions and NIST 800-53 rev 5) on the whole app: zero unacknowledged findings,
// every acknowledgement with a written reason; and the checks do fail a finding nobody explained.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { functionCatalogue } from '../../infra/function-catalogue.js';
import { synthesiseServiceApp, type SynthesisedApp } from './synthesised-app.js';

let synthesised: SynthesisedApp;
beforeAll(() => {
  synthesised = synthesiseServiceApp();
}, 120_000);

interface Report {
  pluginReports: { pluginName: string; violations?: unknown[] }[];
}

/** Every acknowledgement recorded in the cloud assembly: rule id -> reason, per construct path. */
function acknowledgements(outdir: string): { path: string; id: string; reason: string }[] {
  return readdirSync(outdir)
    .filter((file) => file.endsWith('.metadata.json'))
    .flatMap((file) => {
      const metadata = JSON.parse(readFileSync(join(outdir, file), 'utf8')) as Record<
        string,
        { type: string; data: unknown }[]
      >;
      return Object.entries(metadata).flatMap(([path, entries]) =>
        entries
          .filter((entry) => entry.type === 'aws:cdk:acknowledged-rules')
          .flatMap((entry) =>
            Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({ path, id, reason })),
          ),
      );
    });
}

describe('cdk-nag', () => {
  it('finds nothing unacknowledged', () => {
    const report = JSON.parse(readFileSync(join(synthesised.outdir, 'validation-report.json'), 'utf8')) as Report;
    expect(report.pluginReports.flatMap((plugin) => plugin.violations ?? [])).toEqual([]);
  });

  it('has a reason of some substance for every acknowledgement, and acknowledges only what these packs check', () => {
    const found = acknowledgements(synthesised.outdir);
    expect(found.length).toBeGreaterThan(0);
    for (const { path, id, reason } of found) {
      expect(id, path).toMatch(/(AwsSolutions|NIST\.800\.53\.R5)-/);
      expect(reason.length, `${path} ${id}`).toBeGreaterThanOrEqual(40);
    }
  });

  it('refuses a public route nobody wrote a reason for', () => {
    const catalogue = functionCatalogue.map((entry) =>
      entry.id === 'statistics' && entry.trigger.kind === 'http'
        ? {
            ...entry,
            trigger: {
              ...entry.trigger,
              routes: [
                ...entry.trigger.routes,
                { method: 'GET' as const, path: '/statistics-open', access: 'public' as const },
              ],
            },
          }
        : entry,
    );
    expect(() => synthesiseServiceApp({ catalogue })).toThrow(/AwsSolutions-APIG4/);
  }, 120_000);

  it('refuses a function with neither reserved concurrency nor a written bound (NIST 800-53 rev 5)', () => {
    const catalogue = functionCatalogue.map((entry) =>
      entry.id === 'statistics' ? { ...entry, reservedConcurrency: undefined } : entry,
    );
    expect(() => synthesiseServiceApp({ catalogue })).toThrow(/NIST\.800\.53\.R5-LambdaConcurrency/);
  }, 120_000);
});
