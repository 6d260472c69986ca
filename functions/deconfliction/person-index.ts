// The person index the case projection keeps: the blind index of the person a submission is
// about, computed with the blind-index key, or null when the personal part is erased or gives
// nothing to match on.
import { type RecordedEvent, isErased } from '../../events/index.js';
import { type BlindIndexKeySource } from './blind-index-key.js';
import { personBlindIndex } from './person-blind-index.js';

export function createPersonIndex(
  keys: BlindIndexKeySource,
): (event: RecordedEvent<'ReferralSubmitted'>) => Promise<string | null> {
  return async (event) => (isErased(event.personal) ? null : personBlindIndex(await keys.key(), event.personal.person));
}
