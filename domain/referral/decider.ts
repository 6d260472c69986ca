// The referral decider: decide and evolve bound to a policy.
import { type DomainEvent } from '../../events/catalogue.js';
import { type Decider, type Decision } from '../decider.js';
import { type ReferralCommand } from './commands.js';
import { decide } from './decide.js';
import { type ReferralError } from './errors.js';
import { type ReferralEvent, evolve } from './evolve.js';
import { type ReferralPolicy, referralPolicy } from './policy.js';
import { type ReferralState, initialReferralState } from './state.js';

/** A referral decider. Its evolve also reads events as the store returns them (envelope, erased personal parts). */
export interface ReferralDecider extends Decider<ReferralCommand, ReferralState, DomainEvent, ReferralError> {
  readonly policy: ReferralPolicy;
  evolve(state: ReferralState, event: ReferralEvent): ReferralState;
}

export function createReferralDecider(policy: Partial<ReferralPolicy> = {}): ReferralDecider {
  const settled = referralPolicy(policy);
  return {
    policy: settled,
    initialState: initialReferralState,
    decide: (command: ReferralCommand, state: ReferralState): Decision<DomainEvent, ReferralError> =>
      decide(command, state, settled),
    evolve,
  };
}
