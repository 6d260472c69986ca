// The directory as it stands: the static file (data/directory/organisations.json) with the
// changes administrators recorded laid over it. One object serves the router's
// DestinationDirectory (queues, mailboxes), the routing rules' organisations (which councils are
// destinations) and the administrators' list.
//
// A council onboarded here only becomes a routing destination once its queue exists: in the
// cloud the queues come from the deployment (infra/destinations.ts), so until the next deployment
// its district's referrals keep going to its police force, and nothing is sent to a queue that
// is not there. Councils onboarded in the static file already have theirs.
import {
  type Organisation,
  type SharingPolicy,
  gatewayAssessorOf,
  sharingPolicyOf,
} from '../../domain/routing/directory.js';
import { type ChannelPanel, type GatewayAssessor } from '../../events/organisation.js';
import { type DestinationDirectory, type DestinationEntry } from '../messaging/destination-directory.js';
import { type DirectoryChange, type DirectoryChanges } from './directory-changes.js';

export interface ListedOrganisation extends Organisation {
  /** Whether the organisation receives referrals now (onboarded, and its queue exists). */
  receivesReferrals: boolean;
  /** The organisation stream's version (0 when nothing was ever changed), and when it last changed. */
  version: number;
  changedAt: string | null;
  /** When it receives the whole referral, as in force now (decision 0016, part 1). */
  sharing: SharingPolicy;
  /** A regional Prevent hub: who assesses its region's referrals now ('force' for any other organisation). */
  assessedBy: GatewayAssessor;
  /** A council: its Channel panel as recorded here, or null while none is. */
  channelPanel: ChannelPanel | null;
}

export interface DirectoryOverlay extends DestinationDirectory {
  /** Live view for the routing rules: `onboarded` there means "receives referrals". */
  readonly organisations: ReadonlyMap<string, Organisation>;
  /** Reloads the recorded changes when the last load is older than the time to live (or always, with force). */
  refresh(options?: { force?: boolean }): Promise<void>;
  list(): Promise<ListedOrganisation[]>;
  get(organisationId: string): Promise<ListedOrganisation | undefined>;
}

export interface DirectoryOverlayDeps {
  /** The static directory, by id. */
  base: ReadonlyMap<string, Organisation>;
  changes: DirectoryChanges;
  /** Whether a destination's queue exists (SQS GetQueueUrl in the service). */
  queueExists(queueName: string): Promise<boolean>;
  /** How long loaded changes are used before they are read again (default 30 s). */
  ttlMs?: number;
  now?: () => number;
}

/** A ReadonlyMap that always reads the latest map it is given. */
function liveMap<K, V>(current: () => ReadonlyMap<K, V>): ReadonlyMap<K, V> {
  return {
    get: (key) => current().get(key),
    has: (key) => current().has(key),
    forEach: (callback, thisArg) => current().forEach(callback, thisArg),
    get size() {
      return current().size;
    },
    entries: () => current().entries(),
    keys: () => current().keys(),
    values: () => current().values(),
    [Symbol.iterator]: () => current()[Symbol.iterator](),
  };
}

export function createDirectoryOverlay(deps: DirectoryOverlayDeps): DirectoryOverlay {
  const ttlMs = deps.ttlMs ?? 30_000;
  const now = deps.now ?? (() => performance.now());
  let listed = new Map<string, ListedOrganisation>(
    [...deps.base.values()].map((organisation) => [
      organisation.id,
      {
        ...organisation,
        receivesReferrals: organisation.onboarded,
        version: 0,
        changedAt: null,
        sharing: sharingPolicyOf(organisation),
        assessedBy: gatewayAssessorOf(organisation),
        channelPanel: null,
      },
    ]),
  );
  let routing: ReadonlyMap<string, Organisation> = deps.base;
  let loadedAt: number | undefined;
  let loading: Promise<void> | undefined;

  async function receivesReferrals(organisation: Organisation, change: DirectoryChange): Promise<boolean> {
    if (!change.onboarded) return false;
    if (organisation.onboarded) return true; // onboarded in the deployed directory: its queue was deployed with it
    return deps.queueExists(organisation.queueName);
  }

  async function load(): Promise<void> {
    const [changes, sharingChanges, assessments, panels] = await Promise.all([
      deps.changes.all(),
      deps.changes.sharingPolicies(),
      deps.changes.assessments(),
      deps.changes.channelPanels(),
    ]);
    const nextListed = new Map(listed);
    const nextRouting = new Map(deps.base);
    for (const change of changes) {
      const organisation = deps.base.get(change.organisationId);
      if (!organisation) continue; // only organisations of the directory can be changed
      const receives = await receivesReferrals(organisation, change);
      nextListed.set(organisation.id, {
        ...organisation,
        mailbox: change.mailbox,
        onboarded: change.onboarded,
        receivesReferrals: receives,
        version: change.version,
        changedAt: change.changedAt,
        sharing: sharingPolicyOf(organisation),
        assessedBy: gatewayAssessorOf(organisation),
        channelPanel: null,
      });
      nextRouting.set(organisation.id, { ...organisation, mailbox: change.mailbox, onboarded: receives });
    }
    for (const change of sharingChanges) {
      const organisation = nextRouting.get(change.organisationId);
      const listedOrganisation = nextListed.get(change.organisationId);
      if (!organisation || !listedOrganisation) continue;
      const sharing = sharingPolicyOf({ kind: organisation.kind, sharing: change.sharing });
      nextRouting.set(organisation.id, { ...organisation, sharing });
      const later = listedOrganisation.version > change.version;
      nextListed.set(organisation.id, {
        ...listedOrganisation,
        sharing,
        version: Math.max(listedOrganisation.version, change.version),
        changedAt: later ? listedOrganisation.changedAt : change.changedAt,
      });
    }
    // A region assessed by its regional hub: the hub receives the region's referrals once its queue is there.
    for (const change of assessments) {
      const organisation = nextRouting.get(change.organisationId);
      const listedOrganisation = nextListed.get(change.organisationId);
      if (organisation?.kind !== 'regional-prevent-hub' || !listedOrganisation) continue;
      const receives = change.assessedBy === 'regional-hub' && (await deps.queueExists(organisation.queueName));
      nextRouting.set(organisation.id, { ...organisation, assessedBy: change.assessedBy, onboarded: receives });
      nextListed.set(organisation.id, {
        ...listedOrganisation,
        assessedBy: change.assessedBy,
        receivesReferrals: receives,
        ...later(listedOrganisation, change),
      });
    }
    for (const change of panels) {
      const listedOrganisation = nextListed.get(change.organisationId);
      if (listedOrganisation?.kind !== 'local-authority-prevent-team') continue;
      nextListed.set(change.organisationId, {
        ...listedOrganisation,
        channelPanel: change.panel,
        ...later(listedOrganisation, change),
      });
    }
    listed = nextListed;
    routing = nextRouting;
    loadedAt = now();
  }

  /** The stream version and time of whichever change is later. */
  function later(organisation: ListedOrganisation, change: { version: number; changedAt: string }) {
    return organisation.version > change.version
      ? { version: organisation.version, changedAt: organisation.changedAt }
      : { version: change.version, changedAt: change.changedAt };
  }

  async function refresh(options: { force?: boolean } = {}): Promise<void> {
    if (!options.force && loadedAt !== undefined && now() - loadedAt < ttlMs) return;
    loading ??= load().finally(() => {
      loading = undefined;
    });
    await loading;
  }

  return {
    organisations: liveMap(() => routing),
    refresh,
    async find(destinationId): Promise<DestinationEntry | undefined> {
      await refresh();
      return routing.get(destinationId);
    },
    async list() {
      await refresh();
      return [...listed.values()];
    },
    async get(organisationId) {
      await refresh();
      return listed.get(organisationId);
    },
  };
}
