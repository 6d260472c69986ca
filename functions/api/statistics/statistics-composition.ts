// The statistics group (function `statistics`): read models only, no event store. The reader
// (live own-organisation figures and the dated extracts) is what the web pages' statistics run on too.
import { type Organisation, regionOfRegionalHub } from '../../../domain/routing/directory.js';
import { regionalHubOf } from '../../../domain/routing/regions.js';
import { loadOrganisations } from '../../geography/load-geography.js';
import { type RouteDefinition } from '../../http/route.js';
import { createStatisticsExtracts } from '../../read-models/statistics-extracts.js';
import { type StatisticsReader, createStatisticsReader } from '../../read-models/statistics-reader.js';
import { type ExtractRevisions, createExtractRevisions } from '../../read-models/statistics-revisions.js';
import { readModelTable } from '../../tables/table-definitions.js';
import { accessGuard } from '../shared/access-composition.js';
import { type CompositionContext } from '../shared/composition-context.js';
import { projectionVersions } from '../shared/projection-versions-composition.js';
import { createStatisticsRoutes } from './statistics-routes.js';

/** An organisation's own referrals: its own, or a regional Prevent hub's forces' (decision 0018). */
export function ownReferralsOf(
  organisations: () => ReadonlyMap<string, Organisation>,
): (organisation: string) => readonly string[] {
  return (organisation) => {
    const region = regionOfRegionalHub(organisation);
    if (region === null) return [organisation];
    return regionalHubOf(organisations(), region)?.forces.map((force) => force.id) ?? [];
  };
}

function statisticsExtracts(ctx: CompositionContext) {
  return ctx.once('statistics-extracts', () =>
    createStatisticsExtracts({
      client: ctx.clients.dynamo,
      tableName: ctx.table(readModelTable),
      versions: projectionVersions(ctx),
    }),
  );
}

export function statisticsReader(ctx: CompositionContext): StatisticsReader {
  return ctx.once('statistics-reader', () =>
    createStatisticsReader({
      client: ctx.clients.dynamo,
      tableName: ctx.table(readModelTable),
      versions: projectionVersions(ctx),
      extracts: statisticsExtracts(ctx),
      ownReferralsOf: ownReferralsOf(loadOrganisations),
    }),
  );
}

/** Extracts taken on request, and what a revision changed. */
export function extractRevisions(ctx: CompositionContext): ExtractRevisions {
  return ctx.once('statistics-revisions', () => createExtractRevisions({ extracts: statisticsExtracts(ctx) }));
}

export function composeStatisticsRoutes(ctx: CompositionContext): RouteDefinition[] {
  return createStatisticsRoutes({
    guard: accessGuard(ctx),
    statistics: statisticsReader(ctx),
    revisions: extractRevisions(ctx),
    clock: ctx.clock,
  });
}
