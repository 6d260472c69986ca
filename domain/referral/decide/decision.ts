// Building decisions: events accepted, nothing to do, or a refusal.
import { type DomainEvent, type EventType } from '../../../events/catalogue.js';
import { type Decision } from '../../decider.js';
import { type ReferralError, type ReferralErrorCode, referralError } from '../errors.js';

export type ReferralDecision = Decision<DomainEvent, ReferralError>;

export function accept<T extends EventType>(...events: DomainEvent<T>[]): ReferralDecision {
  return { ok: true, events };
}

/** Nothing to record: the fact is already known (a repeated delivery, a timer that fired twice). */
export function nothingToRecord(): ReferralDecision {
  return { ok: true, events: [] };
}

export function reject(code: ReferralErrorCode, detail?: string): ReferralDecision {
  return { ok: false, error: referralError(code, detail) };
}

interface CommandBase {
  type: string;
  at: string;
  actor: unknown;
}

/** The data of an event that carries no personal part, taken from the command that causes it. */
export function dataOf<Command extends CommandBase>(command: Command): { data: Omit<Command, keyof CommandBase> } {
  const { type: _type, at: _at, actor: _actor, ...data } = command;
  return { data };
}

/** The data and personal parts of an event, taken from the command that causes it. */
export function payloadOf<Command extends CommandBase & { personal: unknown }>(
  command: Command,
): { data: Omit<Command, keyof CommandBase | 'personal'>; personal: Command['personal'] } {
  const { type: _type, at: _at, actor: _actor, personal, ...data } = command;
  return { data, personal };
}
