// Running a case command for a signed-in caseworker: the API's case command routes and the web
// pages both come through here, so both get the same checks, in the same order, on the state the
// command is decided on (access, then the version the caller saw, then the referral's rules), the
// same audit of refusals and the same idempotency (a caller's key becomes the command id, bound
// to the command it was first used for: another command under it is refused, never replayed).
// Erasure destroys the referral's data key after PersonalDataErased is recorded by this command.
import { type z } from 'zod';
import { type AccessDecision } from '../../../domain/access/index.js';
import { type ReferralCommand } from '../../../domain/referral/commands.js';
import { type ReferralDecider } from '../../../domain/referral/decider.js';
import { type ReferralError } from '../../../domain/referral/errors.js';
import { createCommandHandler } from '../../command-handler/command-handler.js';
import { CommandIdReusedError } from '../../event-store/errors.js';
import { type EventStore } from '../../event-store/event-store.js';
import { type AuthenticatedViewer } from '../../identity/identity.js';
import { type AccessGuard } from '../shared/access-guard.js';
import { type CaseCommandRoute } from './case-command-catalogue.js';
import { referralStreamId } from '../../../domain/referral/stream-id.js';
import { guardedReferralDecider } from '../shared/guarded-referral-decider.js';
import { scopedKey } from '../shared/idempotency-key.js';

export interface CaseCommandDeps {
  store: EventStore;
  decider: ReferralDecider;
  guard: AccessGuard;
  clock: () => Date;
  newId: () => string;
}

export interface CaseCommandRequest {
  spec: CaseCommandRoute;
  referralId: string;
  /** The command without type, at and actor (filled in here). */
  body: unknown;
  viewer: AuthenticatedViewer;
  /** The version of the case the caller decided on; 'any' only for the referrer's answer, which names its request. */
  expectedVersion: number | 'any';
  /** The caller's key for this attempt, kept across retries. */
  idempotencyKey?: string;
  correlationId: string;
}

export type CaseCommandOutcome =
  | { kind: 'recorded'; version: number; recordedEvents: number; replayed: boolean }
  | { kind: 'invalid'; error: z.ZodError }
  | { kind: 'access-refused'; decision: Extract<AccessDecision, { allowed: false }> }
  | { kind: 'stale'; currentVersion: number }
  /** The caller's key was already used for another command on this case: nothing ran. */
  | { kind: 'key-reused' }
  | { kind: 'refused'; error: ReferralError };

export interface CaseCommands {
  run(request: CaseCommandRequest): Promise<CaseCommandOutcome>;
}

export function createCaseCommands(deps: CaseCommandDeps): CaseCommands {
  return {
    async run({ spec, referralId, body, viewer, expectedVersion, idempotencyKey, correlationId }) {
      const actor = { organisation: viewer.organisation, user: viewer.user, role: viewer.role };
      const at = deps.clock().toISOString();
      const parsed = spec.command.safeParse({ ...(body as object), type: spec.commandType, at, actor });
      if (!parsed.success) return { kind: 'invalid', error: parsed.error };
      const streamId = referralStreamId(referralId);
      const commands = createCommandHandler({
        store: deps.store,
        decider: guardedReferralDecider(deps.decider, { viewer, action: spec.action, expectedVersion }),
      });
      let result;
      try {
        result = await commands.handle({
          streamId,
          commandId: `http:${idempotencyKey ? scopedKey(`${viewer.organisation}\n${viewer.user}`, idempotencyKey) : deps.newId()}`,
          command: parsed.data as ReferralCommand,
          correlationId,
        });
      } catch (error) {
        if (error instanceof CommandIdReusedError) return { kind: 'key-reused' };
        throw error;
      }
      if (!result.ok) {
        const refusal = result.error;
        if (refusal.kind === 'access') {
          await deps.guard.record({ viewer, action: spec.action, subject: streamId, correlationId }, refusal.decision);
          return { kind: 'access-refused', decision: refusal.decision };
        }
        if (refusal.kind === 'stale') return { kind: 'stale', currentVersion: refusal.currentVersion };
        // Erasure already recorded (a retry after a failure between recording and destroying the key): destroy it now.
        if (spec.commandType === 'ErasePersonalData' && refusal.error.code === 'personal-data-erased') {
          await deps.store.erase(streamId);
          return { kind: 'recorded', version: result.version, recordedEvents: 0, replayed: true };
        }
        return { kind: 'refused', error: refusal.error };
      }
      // Only when this command's own events (now, or on its first run when this is a retry) record the erasure.
      if (result.recordedTypes.includes('PersonalDataErased')) await deps.store.erase(streamId);
      return {
        kind: 'recorded',
        version: result.lastVersion,
        recordedEvents: result.eventCount,
        replayed: result.replayed,
      };
    },
  };
}
