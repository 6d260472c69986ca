// The destinations that get a queue: every onboarded organisation in the directory
// (data/directory/organisations.json) - the 43 police Prevent hubs, the three Vulnerability
// Support Hubs, national triage and the councils onboarded so far - and the nine regional Prevent
// hubs, which receive their region's referrals once the region is assessed by its hub (decision 0018). The queue names come from the
// directory (`queueName`), never restated here.
import { createHash } from 'node:crypto';
import organisations from '../data/directory/organisations.json' with { type: 'json' };
import { directorySchema, hasDestinationQueue, type Organisation } from '../domain/routing/directory.js';
import { deadLetterQueueNameFor } from '../functions/messaging/destination-queues.js';

export interface DestinationQueueNames {
  destinationId: string;
  kind: Organisation['kind'];
  queueName: string;
  deadLetterQueueName: string;
}

/**
 * Every destination queue name, deployed or still to be: the directory names them all
 * `prevent-<kind>-<code>.fifo` (domain/routing/directory.ts: queueNameFor; a test holds every
 * directory entry to it). GetQueueUrl is granted on this pattern, because the directory overlay
 * asks about the queue of a council onboarded since the last deployment, which does not exist yet
 * and so has no ARN to name; SQS answers "no such queue" rather than refusing.
 */
export const DESTINATION_QUEUE_NAME_PATTERN = 'prevent-*.fifo';

/** The router sends in batches (SendMessageBatch is authorised as sqs:SendMessage) and asks nothing else of these queues. */
export const SQS_SEND_ACTIONS = ['sqs:SendMessage'];
/** What the delivery function's event source mappings ask of the queues they consume. */
export const SQS_CONSUME_ACTIONS = [
  'sqs:ReceiveMessage',
  'sqs:DeleteMessage',
  'sqs:ChangeMessageVisibility',
  'sqs:GetQueueAttributes',
];

/** SQS's limit on a queue name, `.fifo` included. */
const MAX_QUEUE_NAME = 80;

export function onboardedDestinations(directory: unknown = organisations): DestinationQueueNames[] {
  return directorySchema
    .parse(directory)
    .organisations.filter(hasDestinationQueue)
    .map((organisation) => {
      const deadLetterQueueName = deadLetterQueueNameFor(organisation.queueName);
      if (deadLetterQueueName.length > MAX_QUEUE_NAME) {
        throw new Error(`the dead-letter queue name of ${organisation.id} would exceed ${MAX_QUEUE_NAME} characters`);
      }
      return {
        destinationId: organisation.id,
        kind: organisation.kind,
        queueName: organisation.queueName,
        deadLetterQueueName,
      };
    });
}

/**
 * Councils are spread over this many stacks by a hash of their id: with all 331 onboarded each
 * stack stays far below 500 resources, and onboarding one council never moves another's queue to
 * a different stack (which would delete and recreate it, losing its messages).
 */
export const COUNCIL_STACKS = 8;

/** The stack a destination's queues belong to, from its own id and kind alone. */
export function destinationStackKey(destination: Pick<DestinationQueueNames, 'destinationId' | 'kind'>): string {
  switch (destination.kind) {
    case 'police-prevent-hub':
      return 'police';
    case 'vulnerability-support-hub':
    case 'national-triage':
    case 'regional-prevent-hub':
      return 'hubs';
    case 'local-authority-prevent-team':
      return `councils-${(createHash('sha256').update(destination.destinationId).digest().readUInt32BE(0) % COUNCIL_STACKS) + 1}`;
  }
}

/** The destinations grouped by stack key, keys in a stable order. */
export function destinationsByStack(
  destinations: readonly DestinationQueueNames[],
): Map<string, DestinationQueueNames[]> {
  const groups = new Map<string, DestinationQueueNames[]>();
  for (const destination of destinations) {
    const key = destinationStackKey(destination);
    groups.set(key, [...(groups.get(key) ?? []), destination]);
  }
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })));
}
