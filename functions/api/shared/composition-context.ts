// What every route group's composition starts from: the configuration, the AWS clients, the
// clock, the id maker and a memo, so that each piece is built once per context however many
// groups ask for it (the local server and the web pages share one context across every group; a
// Lambda builds only its own group). Imports nothing heavy: each piece lives in its own
// composition file, so a function's bundle carries only the pieces its group uses.
import { randomUUID } from 'node:crypto';
import { type AwsClients } from '../../composition/clients.js';
import { type ServiceConfig } from '../../composition/service-config.js';
import { type TableDefinition, tableName } from '../../tables/table-definitions.js';
import { type PeopleDirectory } from '../../people/people-directory.js';

export interface ApiOptions {
  clock?: () => Date;
  newId?: () => string;
  /** How long the directory overlay keeps what it read (default 30 s). */
  directoryTtlMs?: number;
  /** Each organisation's people, where not the Cognito user pool (the demo identity locally). */
  people?: PeopleDirectory;
}

export interface CompositionContext {
  config: ServiceConfig;
  clients: AwsClients;
  clock: () => Date;
  newId: () => string;
  options: ApiOptions;
  /** The deployed name of a table. */
  table(definition: TableDefinition): string;
  /** The piece named `key`, made on first use and the same object afterwards. */
  once<T>(key: string, make: () => T): T;
}

export function createCompositionContext(
  config: ServiceConfig,
  clients: AwsClients,
  options: ApiOptions = {},
): CompositionContext {
  const made = new Map<string, unknown>();
  return {
    config,
    clients,
    clock: options.clock ?? (() => new Date()),
    newId: options.newId ?? randomUUID,
    options,
    table: (definition) => tableName(config.SERVICE_PREFIX, definition),
    once<T>(key: string, make: () => T): T {
      if (!made.has(key)) made.set(key, make());
      return made.get(key) as T;
    },
  };
}
