// The referrals a soak run drives: every police force's area, places outside England and Wales
// and unreadable ones, urgent referrals, hub requests, the same person referred twice, transfers
// while the first routing is in flight, and casework that closes a case before its deliveries
// are confirmed. Each is sent through the command handler with a fixed command id and retried on
// any error (a fault, an engine restarting): a retry records nothing twice.
import { createHash, randomBytes } from 'node:crypto';
import { type ReferralCommand } from '../../domain/referral/commands.js';
import { type ReferralError } from '../../domain/referral/errors.js';
import { type CommandHandler } from '../../functions/command-handler/command-handler.js';
import { districtForces, postcodesPerAuthority } from '../../test/domain/routing/source-tables.js';
import { submitReferral } from '../../test/functions/router/referral-history.js';
import { referralStreamId } from '../../domain/referral/stream-id.js';

export type Twist = 'plain' | 'urgent' | 'hub' | 'same-person' | 'transfer' | 'closed-early';

export interface PlannedReferral {
  index: number;
  referralId: string;
  streamId: string;
  postcode: string;
  twist: Twist;
  /** The postcode it is transferred to, for a transfer. */
  movesTo: string | null;
}

/** Postcodes outside England and Wales, or that cannot be placed: routed to national triage. */
const ELSEWHERE = ['EH1 1YZ', 'G2 1DY', 'BT1 5GS', 'JE2 4WE', 'GY1 1WR', 'IM1 1AG', 'ZZ9 9ZZ'];
const TWISTS: Twist[] = ['plain', 'plain', 'plain', 'urgent', 'hub', 'same-person', 'transfer', 'closed-early'];

/** One real postcode in every police force area of England and Wales (from the geography tables). */
export function postcodePerForce(): string[] {
  const forces = districtForces();
  const byForce = new Map<string, string>();
  for (const [district, postcodes] of postcodesPerAuthority()) {
    const force = forces.get(district);
    const postcode = postcodes[Math.floor(postcodes.length / 2)];
    if (force && postcode && !byForce.has(force)) byForce.set(force, postcode);
  }
  return [...byForce.values()];
}

export function planReferrals(count: number, seed: number): PlannedReferral[] {
  const inForces = postcodePerForce();
  const places = [...inForces, ...ELSEWHERE];
  const runTag = `${seed.toString(16)}${randomBytes(3).toString('hex')}`;
  return Array.from({ length: count }, (_, index) => {
    const twist = TWISTS[(index * 7 + seed) % TWISTS.length] as Twist;
    const postcode = places[index % places.length] as string;
    const referralId = `soak${runTag}x${index.toString(36)}`;
    return {
      index,
      referralId,
      streamId: referralStreamId(referralId),
      postcode,
      twist,
      movesTo: twist === 'transfer' ? (inForces[(index * 13 + 5) % inForces.length] as string) : null,
    };
  });
}

const POLICE = { organisation: 'system', user: 'soak-police-officer', role: 'police-prevent-officer' } as const;
const LOCAL_AUTHORITY = {
  organisation: 'system',
  user: 'soak-prevent-lead',
  role: 'local-authority-prevent-lead',
} as const;

export interface DriveOutcome {
  /** Commands that met at least one error (a fault, an engine restarting) before their answer. */
  retried: number;
  /** Commands that first waited for the referral's routing (a gateway assessment started early). */
  waited: number;
  /** Commands the referral refused for good (a transfer or closure that the case no longer allowed). */
  refused: Record<string, number>;
}

type Handler = CommandHandler<ReferralCommand, ReferralError>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs a command until it is recorded or refused for good; errors (faults, restarts) are retried with the same id. */
async function persist(
  handler: Handler,
  streamId: string,
  commandId: string,
  command: ReferralCommand,
  outcome: DriveOutcome,
  waitFor: readonly string[] = [],
): Promise<boolean> {
  let waits = 0;
  let errors = 0;
  for (;;) {
    try {
      const result = await handler.handle({
        streamId,
        commandId,
        command,
        correlationId: commandId.slice(0, 60),
      });
      if (!result.ok && waitFor.includes(result.error.code) && waits < 900) {
        waits += 1;
        await sleep(100);
        continue;
      }
      if (errors > 0) outcome.retried += 1;
      if (waits > 0) outcome.waited += 1;
      if (result.ok) return true;
      outcome.refused[`${command.type}: ${result.error.code}`] =
        (outcome.refused[`${command.type}: ${result.error.code}`] ?? 0) + 1;
      return false;
    } catch {
      errors += 1;
      if (errors >= 400) throw new Error(`${command.type} for a soak referral failed ${errors} times`);
      await sleep(Math.min(50 * errors, 1_000));
    }
  }
}

/** Submits one referral and carries out its twist. */
export async function driveReferral(handler: Handler, plan: PlannedReferral, outcome: DriveOutcome): Promise<void> {
  const at = () => new Date().toISOString();
  const submit = submitReferral(plan.postcode, {
    referralId: plan.referralId,
    reference: referenceOf(plan.referralId),
    at: at(),
    immediateRisk: plan.twist === 'urgent',
    vulnerabilitySupportHubRequested: plan.twist === 'hub',
  });
  if (plan.twist !== 'same-person' && submit.type === 'SubmitReferral') {
    // Everyone else is a different person (the blind index would flag them all otherwise).
    const person = { ...submit.personal.person, name: `Person ${plan.referralId}` };
    Object.assign(submit, { personal: { ...submit.personal, person } });
  }
  await persist(handler, plan.streamId, `submit:${plan.referralId}`, submit, outcome);
  if (plan.twist === 'transfer' && plan.movesTo) {
    const transfer: ReferralCommand = {
      type: 'TransferReferral',
      at: at(),
      actor: LOCAL_AUTHORITY,
      reason: 'person-moved',
      personal: { address: '2 New Road', postcode: plan.movesTo },
    };
    await persist(handler, plan.streamId, `transfer:${plan.referralId}`, transfer, outcome);
  }
  if (plan.twist === 'closed-early') {
    const waitForRouting = ['awaiting-routing', 'not-routed-to-police'];
    const started = await persist(
      handler,
      plan.streamId,
      `start:${plan.referralId}`,
      { type: 'StartGatewayAssessment', at: at(), actor: POLICE },
      outcome,
      waitForRouting,
    );
    if (!started) return;
    const completion: ReferralCommand = {
      type: 'CompleteGatewayAssessment',
      at: at(),
      actor: POLICE,
      outcome: 'no-further-action',
      confirmedConcernType: 'islamist',
      deconflicted: true,
      signpostedTo: [],
      personal: { rationale: 'No concern found.' },
    };
    await persist(handler, plan.streamId, `complete:${plan.referralId}`, completion, outcome);
    await persist(
      handler,
      plan.streamId,
      `close:${plan.referralId}`,
      { type: 'CloseReferral', at: at(), actor: POLICE, outcome: 'no-further-action' },
      outcome,
    );
  }
}

const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A reference for the referral (PRV-XXXX-XXXX from a hash of its id: 40 bits, no collision in practice). */
export function referenceOf(referralId: string): string {
  const bytes = createHash('sha256').update(referralId).digest();
  const symbols = [...bytes.subarray(0, 8)].map((byte) => REFERENCE_ALPHABET[byte % 32]).join('');
  return `PRV-${symbols.slice(0, 4)}-${symbols.slice(4)}`;
}
