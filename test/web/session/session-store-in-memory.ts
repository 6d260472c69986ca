// A session store in memory for unit tests of sessions (the DynamoDB one is the same contract).
import { type SessionStore, type StoredSession } from '../../../web/session/session-store.js';

export function inMemorySessionStore(): SessionStore & { items: Map<string, StoredSession> } {
  const items = new Map<string, StoredSession>();
  return {
    items,
    find: async (id) => items.get(id) ?? null,
    async create(session) {
      if (items.has(session.id)) throw new Error('a session with this id exists');
      items.set(session.id, session);
    },
    async update(session) {
      if (!items.has(session.id)) return 'gone';
      items.set(session.id, session);
      return 'saved';
    },
    delete: async (id) => {
      items.delete(id);
    },
  };
}
