// Synthesises the CDK app the way `npm run synth` does (cdk.json's context, cdk-nag on), but
// without bundling the functions (the `aws:cdk:bundling-stacks` context), once per test file.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll } from 'vitest';
import { type CloudAssembly } from 'aws-cdk-lib/cx-api';
import { createServiceApp, REPOSITORY_ROOT, type ServiceApp, type ServiceAppOptions } from '../../infra/service-app.js';

export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return cdkJson.context;
}

export interface SynthesisedApp extends ServiceApp {
  assembly: CloudAssembly;
  outdir: string;
  /** Templates by stack id (Data, Service, Monitoring, Destinations-police, ...). */
  templates: Map<string, Template>;
  template(stackId: string): Template;
}

export function synthesiseServiceApp(options: ServiceAppOptions = {}): SynthesisedApp {
  const outdir = mkdtempSync(join(tmpdir(), 'prevent-infra-'));
  const service = createServiceApp({
    ...options,
    outdir,
    context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...options.context },
  });
  const assembly = service.app.synth();
  const templates = new Map(
    assembly.stacks.map((stack) => [stack.id, Template.fromJSON(stack.template as Record<string, unknown>)]),
  );
  return {
    ...service,
    assembly,
    outdir,
    templates,
    template(stackId) {
      const template = templates.get(stackId);
      if (!template) throw new Error(`no stack ${stackId}; have ${[...templates.keys()].join(', ')}`);
      return template;
    },
  };
}

/** The app synthesised once for the calling test file, before its first test: call the answer inside a test. */
export function synthesisedForFile(options: ServiceAppOptions = {}): () => SynthesisedApp {
  let synthesised: SynthesisedApp | undefined;
  beforeAll(() => {
    synthesised = synthesiseServiceApp(options);
  }, 120_000);
  return () => {
    if (!synthesised) throw new Error('the app is synthesised before the first test');
    return synthesised;
  };
}

type Resources = Record<
  string,
  {
    Type: string;
    Properties?: Record<string, unknown>;
    DeletionPolicy?: string;
    UpdateReplacePolicy?: string;
    DependsOn?: unknown;
  }
>;

export function resourcesOf(template: Template, type?: string): Resources {
  const resources = (template.toJSON() as { Resources?: Resources }).Resources ?? {};
  return type
    ? Object.fromEntries(Object.entries(resources).filter(([, resource]) => resource.Type === type))
    : resources;
}

export interface PolicyStatementJson {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

export function asList<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
