// Where a destination's messages and notifications go: its queue and its mailbox. An injected
// dependency, so an administrator's changes can later be laid over the directory file.
import { type Organisation } from '../../domain/routing/directory.js';

export type DestinationEntry = Pick<Organisation, 'id' | 'kind' | 'name' | 'queueName' | 'mailbox' | 'onboarded'> &
  Partial<Pick<Organisation, 'sharing'>>;

export interface DestinationDirectory {
  /** The destination with this id, or undefined when the directory has none. */
  find(destinationId: string): Promise<DestinationEntry | undefined>;
}

export class UnknownDestinationError extends Error {
  constructor(readonly destinationId: string) {
    super(`the directory has no destination ${destinationId}`);
    this.name = 'UnknownDestinationError';
  }
}

/** The directory as the project's data file holds it (data/directory/organisations.json). */
export function staticDestinationDirectory(
  organisations: ReadonlyMap<string, Organisation> | readonly Organisation[],
): DestinationDirectory {
  const byId = Array.isArray(organisations)
    ? new Map((organisations as readonly Organisation[]).map((organisation) => [organisation.id, organisation]))
    : (organisations as ReadonlyMap<string, Organisation>);
  return {
    find: async (destinationId) => byId.get(destinationId),
  };
}

/** The destination, or an error that says which one is missing (a routing to it must not be lost silently). */
export async function requireDestination(
  directory: DestinationDirectory,
  destinationId: string,
): Promise<DestinationEntry> {
  const entry = await directory.find(destinationId);
  if (!entry) throw new UnknownDestinationError(destinationId);
  return entry;
}
