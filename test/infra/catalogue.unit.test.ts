// The function catalogue, the destinations and the deployment context: the data everything else
// is generated from.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Runtime, RuntimeFamily } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import organisations from '../../data/directory/organisations.json' with { type: 'json' };
import onboardedCouncils from '../../data/directory/onboarded-councils.json' with { type: 'json' };
import { preventTeamId } from '../../domain/routing/directory.js';
import { LAMBDA_RUNTIME } from '../../infra/bundling.js';
import { MissingEntryFilesError, requireEntryFiles } from '../../infra/constructs/service-function.js';
import { DeploymentContextError, readDeploymentSettings } from '../../infra/deployment-settings.js';
import {
  COUNCIL_STACKS,
  destinationStackKey,
  destinationsByStack,
  onboardedDestinations,
} from '../../infra/destinations.js';
import { CASE_COMMAND_PATHS, catalogueRoutes, functionCatalogue } from '../../infra/function-catalogue.js';
import { PUBLIC_ROUTE_REASONS } from '../../infra/stacks/service-stack.js';
import { tableDefinitions } from '../../functions/tables/table-definitions.js';
import { cdkJsonContext } from './synthesised-app.js';

describe('the function catalogue', () => {
  it("lists every handler once, each entry a .lambda.ts file in its own folder (the web pages' in web/)", () => {
    const ids = functionCatalogue.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual([
      'administration',
      'case-commands',
      'delivery',
      'directory-projection',
      'oversight',
      'platform',
      'projector',
      'referrals',
      'router',
      'statistics',
      'timers',
      'triage-queues',
      'web',
    ]);
    for (const entry of functionCatalogue)
      expect(entry.entry).toMatch(
        entry.id === 'web' ? /^web\/web\.lambda\.ts$/ : /^functions\/(api\/)?[a-z-]+\/[a-z-]+\.lambda\.ts$/,
      );
    // An API function's folder is named after it: "where is the code that answers POST /referrals?" is answered by the path.
    for (const entry of functionCatalogue.filter((candidate) => candidate.entry.startsWith('functions/api/')))
      expect(entry.entry).toBe(`functions/api/${entry.id}/${entry.id}.lambda.ts`);
  });

  it('routes each method and path to exactly one function, one route per case command', () => {
    const keys = catalogueRoutes().map(({ route }) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const command of CASE_COMMAND_PATHS) expect(keys).toContain(`POST /referrals/{referralId}/${command}`);
    expect(catalogueRoutes().filter(({ functionId }) => functionId === 'case-commands')).toHaveLength(23);
  });

  it("makes public only the form, health, the API description, the routing preview, the referrer's capability-link routes and the self-authenticating web pages", () => {
    const publicRoutes = catalogueRoutes()
      .filter(({ route }) => route.access === 'public')
      .map(({ route }) => `${route.method} ${route.path}`)
      .sort();
    expect(publicRoutes).toEqual([
      'ANY /',
      'ANY /{proxy+}',
      'GET /health',
      'GET /openapi.json',
      'GET /referrals/{referralId}/status',
      'GET /routing/preview',
      'POST /referrals',
      'POST /referrals/{referralId}/more-information/answer',
    ]);
    expect(Object.keys(PUBLIC_ROUTE_REASONS).sort()).toEqual(publicRoutes);
  });

  it('grants tables only from the shared definitions and indexes those tables declare', () => {
    for (const entry of functionCatalogue) {
      for (const grant of entry.tables) {
        expect(tableDefinitions).toContain(grant.table);
        const declared = (grant.table.globalIndexes ?? []).map((index) => index.indexName);
        for (const index of grant.indexes ?? []) expect(declared).toContain(index);
      }
    }
  });

  it('says what bounds the concurrency of every function without reserved concurrency', () => {
    for (const entry of functionCatalogue) {
      if (entry.reservedConcurrency === undefined) expect(entry.concurrencyBoundBy, entry.id).toMatch(/\w{10,}/);
      else expect(entry.reservedConcurrency).toBeGreaterThan(0);
    }
  });

  it('refuses to build while entry files are missing, naming every one of them', () => {
    const root = mkdtempSync(join(tmpdir(), 'prevent-entries-'));
    const [first, ...rest] = functionCatalogue;
    if (!first) throw new Error('empty catalogue');
    mkdirSync(dirname(join(root, first.entry)), { recursive: true });
    writeFileSync(join(root, first.entry), 'export const handler = async () => ({});\n');
    const attempt = () => requireEntryFiles(functionCatalogue, root);
    expect(attempt).toThrow(MissingEntryFilesError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      for (const entry of rest) expect(message).toContain(entry.entry);
      expect(message).not.toContain(first.entry);
    }
  });
});

describe('the Lambda runtime', () => {
  it('is the newest Node.js runtime this aws-cdk-lib offers', () => {
    const major = (runtime: Runtime) => Number(/^nodejs(\d+)\.x$/.exec(runtime.name)?.[1] ?? 0);
    const newest = Runtime.ALL.filter((runtime) => runtime.family === RuntimeFamily.NODEJS && !runtime.isVariable).sort(
      (a, b) => major(b) - major(a),
    )[0];
    expect(newest).toBeDefined();
    expect(LAMBDA_RUNTIME.name).toBe(newest?.name);
  });
});

describe('the destinations that get queues', () => {
  const destinations = onboardedDestinations();
  const kinds = (kind: string) => destinations.filter((destination) => destination.kind === kind).length;

  it('are the 43 police hubs, the 3 Vulnerability Support Hubs, national triage, the 9 regional hubs and the onboarded councils, named by the directory', () => {
    expect(kinds('police-prevent-hub')).toBe(43);
    // A regional hub's queue is deployed before its region is assessed by it (decision 0018).
    expect(kinds('regional-prevent-hub')).toBe(9);
    expect(kinds('vulnerability-support-hub')).toBe(3);
    expect(kinds('national-triage')).toBe(1);
    const councilIds = onboardedCouncils.onboarded.map((council) => preventTeamId(council.code)).sort();
    expect(councilIds.length).toBeGreaterThan(0);
    expect(
      destinations
        .filter((destination) => destination.kind === 'local-authority-prevent-team')
        .map((destination) => destination.destinationId)
        .sort(),
    ).toEqual(councilIds);
    const directoryQueues = new Map(
      organisations.organisations.map((organisation) => [organisation.id, organisation.queueName]),
    );
    for (const destination of destinations) {
      expect(destination.queueName).toBe(directoryQueues.get(destination.destinationId));
      expect(destination.deadLetterQueueName).toMatch(/^[a-z0-9-]+-dlq\.fifo$/);
      expect(destination.deadLetterQueueName.length).toBeLessThanOrEqual(80);
    }
  });

  it('leaves out councils that are not onboarded', () => {
    const notOnboarded = organisations.organisations
      .filter((organisation) => !organisation.onboarded && organisation.kind === 'local-authority-prevent-team')
      .map((organisation) => organisation.id);
    expect(notOnboarded.length).toBeGreaterThan(0);
    const ids = new Set(destinations.map((destination) => destination.destinationId));
    for (const id of notOnboarded) expect(ids.has(id)).toBe(false);
  });

  it('are placed in stacks by their own id alone, so onboarding a council never moves another queue', () => {
    const everyone = onboardedDestinations({
      ...organisations,
      organisations: organisations.organisations.map((organisation) => ({ ...organisation, onboarded: true })),
    });
    const placedAlone = new Map(
      everyone.map((destination) => [destination.destinationId, destinationStackKey(destination)]),
    );
    for (const [key, group] of destinationsByStack(everyone)) {
      for (const destination of group) expect(placedAlone.get(destination.destinationId)).toBe(key);
    }
    const councilStacks = [...destinationsByStack(everyone).keys()].filter((key) => key.startsWith('councils-'));
    expect(councilStacks).toHaveLength(COUNCIL_STACKS);
  });
});

describe('the deployment context', () => {
  it("reads cdk.json's stage, account, region and mail domain, production by default", () => {
    const context = cdkJsonContext();
    const settings = readDeploymentSettings((key) => context[key]);
    expect(settings).toMatchObject({
      stage: 'production',
      region: 'eu-west-2',
      isProduction: true,
      servicePrefix: 'prevent-production',
    });
    expect(settings.account).toMatch(/^\d{12}$/);
  });

  it('names every missing or malformed value', () => {
    expect(() => readDeploymentSettings((key) => ({ stage: 'Prod!', region: 'london' })[key])).toThrow(
      DeploymentContextError,
    );
    expect(() => readDeploymentSettings((key) => ({ stage: 'Prod!', region: 'london' })[key])).toThrow(
      /stage: .*account: .*region: .*mailDomain: .*signInDomainPrefix/,
    );
  });

  it('makes the sign-in domain from the prefix and the stage, and refuses a prefix Cognito would refuse', () => {
    const context = (signInDomainPrefix: string) => (key: string) =>
      ({
        stage: 'staging',
        account: '123456789012',
        region: 'eu-west-2',
        mailDomain: 'example.gov.uk',
        signInDomainPrefix,
      })[key];
    expect(readDeploymentSettings(context('prevent-example')).signInDomainPrefix).toBe('prevent-example-staging');
    expect(() => readDeploymentSettings(context('prevent-aws-example'))).toThrow(
      /signInDomainPrefix: .*aws, amazon or cognito/,
    );
    expect(() => readDeploymentSettings(context('Prevent_Example'))).toThrow(/signInDomainPrefix: .*lower-case/);
  });

  it('treats other stages as disposable', () => {
    const settings = readDeploymentSettings(
      (key) =>
        ({
          stage: 'staging',
          account: '123456789012',
          region: 'eu-west-2',
          mailDomain: 'example.gov.uk',
          signInDomainPrefix: 'prevent-example',
        })[key],
    );
    expect(settings.isProduction).toBe(false);
  });
});
