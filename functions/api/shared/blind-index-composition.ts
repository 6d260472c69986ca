// The person blind index's key for the API (finding a case by a person, subject access requests):
// the same service key the projector indexes people with.
import { createKeyProvider } from '../../composition/event-store.js';
import { type BlindIndexKeySource, createBlindIndexKeySource } from '../../deconfliction/blind-index-key.js';
import { keyTable } from '../../tables/table-definitions.js';
import { type CompositionContext } from './composition-context.js';

export function blindIndexKey(ctx: CompositionContext): BlindIndexKeySource {
  return ctx.once('blind-index-key', () =>
    createBlindIndexKeySource({
      client: ctx.clients.dynamo,
      tableName: ctx.table(keyTable),
      keyProvider: createKeyProvider(ctx.config, ctx.clients),
    }),
  );
}
