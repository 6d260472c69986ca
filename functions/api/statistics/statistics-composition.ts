// The statistics group (function `statistics`): read models only, no event store. The reader
// (live own-organisation figures and the dated extracts) is what the web pages' statistics run on too.
import { type RouteDefinition } from '../../http/route.js';
import { createStatisticsExtracts } from '../../read-models/statistics-extracts.js';
import { type StatisticsReader, createStatisticsReader } from '../../read-models/statistics-reader.js';
import { readModelTable } from '../../tables/table-definitions.js';
import { accessGuard } from '../shared/access-composition.js';
import { type CompositionContext } from '../shared/composition-context.js';
import { projectionVersions } from '../shared/projection-versions-composition.js';
import { createStatisticsRoutes } from './statistics-routes.js';
import { loadOrganisations } from '../../geography/load-geography.js';
import { type Organisation, regionOfRegionalHub } from '../../../domain/routing/directory.js';
import { regionalHubOf } from '../../../domain/routing/regions.js';

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

export function statisticsReader(ctx: CompositionContext): StatisticsReader {
  return ctx.once('statistics-reader', () => {
    const deps = {
      client: ctx.clients.dynamo,
      tableName: ctx.table(readModelTable),
      versions: projectionVersions(ctx),
    };
    return createStatisticsReader({
      ...deps,
      extracts: createStatisticsExtracts(deps),
      ownReferralsOf: ownReferralsOf(loadOrganisations),
    });
  });
}

export function composeStatisticsRoutes(ctx: CompositionContext): RouteDefinition[] {
  return createStatisticsRoutes({ guard: accessGuard(ctx), statistics: statisticsReader(ctx), clock: ctx.clock });
}
