// What a command is, bound to the id its caller chose for it (an Idempotency-Key, a message id),
// so that a retry can be told apart from another command sent under the same id.
//
// The id recorded on each event is the caller's id, "~", and a fingerprint of the command: a
// SHA-256 over its type and non-personal fields (canonical JSON, without `at` and `actor`, which a
// retry may change). Those fields are stored in the clear in the events anyway, so the fingerprint
// reveals nothing new, and it survives erasure without keeping anything personal. A command's
// personal part is compared with the personal parts of the events it recorded, as the store
// decrypts them, and so only while they can still be read.
import { createHash } from 'node:crypto';
import { isErased } from '../../events/envelope.js';
import { canonicalJson } from './canonical-json.js';

const SEPARATOR = '~';
const FINGERPRINT = /^[A-Za-z0-9_-]{22}$/;

export interface CommandIdentity {
  fingerprint: string;
  /** The command's personal part, if it has one. */
  personal: unknown;
}

export function commandIdentity(command: unknown): CommandIdentity {
  const { at: _at, actor: _actor, personal, ...rest } = command as Record<string, unknown>;
  return { fingerprint: createHash('sha256').update(canonicalJson(rest)).digest('base64url').slice(0, 22), personal };
}

/** The id recorded on the command's events. */
export function boundCommandId(commandId: string, identity: CommandIdentity): string {
  return `${commandId}${SEPARATOR}${identity.fingerprint}`;
}

/** The caller's id and the fingerprint of a recorded command id (none for ids recorded before commands were bound). */
export function unbindCommandId(recorded: string): { commandId: string; fingerprint?: string } {
  const at = recorded.lastIndexOf(SEPARATOR);
  const fingerprint = at < 0 ? undefined : recorded.slice(at + 1);
  return fingerprint && FINGERPRINT.test(fingerprint)
    ? { commandId: recorded.slice(0, at), fingerprint }
    : { commandId: recorded };
}

/**
 * Whether the events a command id recorded came from this very command: the same fingerprint
 * and, while the personal parts can be read, the same personal part. Events recorded before
 * commands were bound carry no fingerprint and are taken as the same command, as they were then.
 */
export function recordedBy(
  events: readonly { commandId: string; personal?: unknown }[],
  identity: CommandIdentity,
): boolean {
  for (const event of events) {
    const { fingerprint } = unbindCommandId(event.commandId);
    if (fingerprint !== undefined && fingerprint !== identity.fingerprint) return false;
  }
  if (identity.personal === undefined) return true; // the type, in the fingerprint, says there is no personal part
  const expected = canonicalJson(identity.personal);
  const readable = events.filter((event) => event.personal !== undefined && !isErased(event.personal));
  return readable.length === 0 || readable.some((event) => canonicalJson(event.personal) === expected);
}
