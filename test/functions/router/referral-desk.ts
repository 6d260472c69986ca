// Submitting referrals into a local stack through the real command handler, and watching their
// streams until each destination has confirmed delivery. Shared by the router tests and the bench.
import { randomBytes } from 'node:crypto';
import { type RecordedEvent } from '../../../events/catalogue.js';
import { type ReferralCommand } from '../../../domain/referral/commands.js';
import { createReferralDecider } from '../../../domain/referral/decider.js';
import { type ReferralError } from '../../../domain/referral/errors.js';
import { type CommandHandler, createCommandHandler } from '../../../functions/command-handler/command-handler.js';
import { createServiceEventStore } from '../../../functions/composition/event-store.js';
import { type EventStore } from '../../../functions/event-store/event-store.js';
import { type LocalStack } from '../../../local/local-stack.js';
import { submitReferral } from './referral-history.js';

const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newReference(): string {
  const symbols = [...randomBytes(8)].map((byte) => REFERENCE_ALPHABET[byte % 32]).join('');
  return `PRV-${symbols.slice(0, 4)}-${symbols.slice(4)}`;
}

export interface Submitted {
  streamId: string;
  referralId: string;
  reference: string;
  /** Wall-clock time just before the command was handed to the command handler (ms since epoch). */
  submittedAtMs: number;
}

export interface ReferralDesk {
  store: EventStore;
  commands: CommandHandler<ReferralCommand, ReferralError>;
  submit(
    postcode: string,
    options?: { immediateRisk?: boolean; vulnerabilitySupportHubRequested?: boolean },
  ): Promise<Submitted>;
  /** The stream once every current destination has a ReferralDelivered for the latest routing. */
  untilDelivered(streamId: string, timeoutMs?: number): Promise<RecordedEvent[]>;
}

export function openReferralDesk(stack: LocalStack): ReferralDesk {
  const store = createServiceEventStore(stack.config, stack.clients);
  const commands = createCommandHandler({ store, decider: createReferralDecider() });
  return {
    store,
    commands,
    async submit(postcode, options = {}) {
      const referralId = randomBytes(10).toString('hex');
      const reference = newReference();
      const streamId = `referral-${referralId}`;
      const submittedAtMs = Date.now();
      const command = submitReferral(postcode, {
        ...options,
        referralId,
        reference,
        at: new Date(submittedAtMs).toISOString(),
      });
      const result = await commands.handle({
        streamId,
        commandId: `submit:${referralId}`,
        command,
        correlationId: referralId,
      });
      if (!result.ok) throw new Error(`the test referral was refused: ${result.error.code}`);
      return { streamId, referralId, reference, submittedAtMs };
    },
    async untilDelivered(streamId, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const events = await store.read(streamId);
        if (allDelivered(events)) return events;
        if (Date.now() > deadline)
          throw new Error(
            `${streamId} was not delivered within ${timeoutMs} ms: ${events.map((event) => event.type).join(', ')}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}

export function allDelivered(events: readonly RecordedEvent[]): boolean {
  const routed = events.filter((event) => event.type === 'ReferralRouted').at(-1);
  if (!routed || routed.type !== 'ReferralRouted') return false;
  const delivered = new Set(
    events.flatMap((event) =>
      event.type === 'ReferralDelivered' && event.data.routedVersion === routed.version
        ? [event.data.destinationId]
        : [],
    ),
  );
  return routed.data.destinations.every((destination) => delivered.has(destination.id));
}
