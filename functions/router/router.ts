// The router: a DynamoDB Streams consumer of the event store. For each new event of a referral:
//  1. a submission, a transfer or a hub assessment request is routed: RecordRouting is run
//     through the command handler with the command id `route:<stream>:<version>`, so replaying
//     the record records nothing new;
//  2. notification mails go out (the referrer's acknowledgement, each new destination's notice),
//     each at most once per (stream, version, recipient);
//  3. the event is sent on to each current destination's FIFO queue, without its personal part.
// Records of one referral are handled in order; a failure fails the rest of that referral in the
// batch (partial batch response) and the event source mapping retries them; records that still
// fail go to its on-failure destination. Urgent referrals are handled first within a batch.
import { type DynamoDBBatchResponse, type DynamoDBRecord, type DynamoDBStreamEvent } from 'aws-lambda';
import { type EventType, type RecordedEvent } from '../../events/catalogue.js';
import { type ReferralDecider } from '../../domain/referral/decider.js';
import { type ReferralState } from '../../domain/referral/state.js';
import { sharingOf } from '../../domain/referral/sharing.js';
import { type Geography } from '../../domain/routing/geography.js';
import { logger } from '../observability/logger.js';
import { type DestinationDirectory } from '../messaging/destination-directory.js';
import { type NotificationMailer } from '../messaging/notification-mailer.js';
import { INTERNAL_EVENT_TYPES } from '../messaging/destination-message.js';
import { type QueuePublisher } from '../messaging/queue-publisher.js';
import { SystemCommandRefused, type SystemCommands } from '../command-handler/system-commands.js';
import { isKeyItem } from '../event-store/data-keys.js';
import { messagesFor, referralIdOf } from './referral-fanout.js';
import { routingCommandFor, routingCommandId, withSharingPolicies } from './routing-command.js';
import { notificationsFor } from './routing-notifications.js';
import { type ReferrerLinks } from '../referrer-link/referrer-links.js';
import { batchResponse, groupByStream, inPool, type StreamGroup } from './stream-batch.js';

/** A stream record's new image, as the Lambda event carries it. */
export type StreamImage = NonNullable<NonNullable<DynamoDBRecord['dynamodb']>['NewImage']>;

export interface RouterDeps {
  /** Reads a referral's whole stream (decrypted, upcast) from the event store. */
  readStream(streamId: string): Promise<RecordedEvent[]>;
  /** Turns a stream record's new image into the recorded event (the store's codec); throws when it cannot. */
  decodeImage(image: StreamImage): Promise<RecordedEvent>;
  commands: SystemCommands;
  publisher: QueuePublisher;
  mailer: NotificationMailer;
  directory: DestinationDirectory;
  geography: Geography;
  decider: Pick<ReferralDecider, 'initialState' | 'evolve'>;
  clock: () => Date;
  publicBaseUrl: string;
  /** Mints the referrer's links for their mails (functions/referrer-link). */
  referrerLinks?: Pick<ReferrerLinks, 'statusLink' | 'questionLink'>;
  /** Referrals handled at the same time within one batch (default 16). */
  concurrency?: number;
}

export type Router = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;

/** Refusals that mean the routing is no longer called for (already recorded, superseded, closed, erased). */
const NOTHING_TO_ROUTE = new Set(['out-of-order', 'case-closed', 'personal-data-erased']);

export class StreamBehindError extends Error {
  constructor(streamId: string, version: number) {
    super(`the event store returned ${streamId} without version ${version}, which the stream record announced`);
    this.name = 'StreamBehindError';
  }
}

/** A referral's stream as read once for the batch, with its state after each event. */
interface LoadedReferral {
  group: StreamGroup & { streamId: string };
  history: RecordedEvent[];
  states: ReferralState[];
  now: ReferralState;
}

/**
 * Delivery bookkeeping is neither routed, mailed nor forwarded: such records are decoded (a record
 * that cannot be read is still a failure) but need no read of the referral's stream.
 */
function needsTheReferral(image: StreamImage | undefined): boolean {
  const type = image?.type?.S;
  return type === undefined || !INTERNAL_EVENT_TYPES.has(type as EventType);
}

export function createRouter(deps: RouterDeps): Router {
  const concurrency = deps.concurrency ?? 16;

  async function load(group: StreamGroup & { streamId: string }): Promise<LoadedReferral> {
    const history = await deps.readStream(group.streamId);
    const states: ReferralState[] = [];
    let state = deps.decider.initialState;
    for (const event of history) {
      state = deps.decider.evolve(state, event);
      states.push(state);
    }
    return { group, history, states, now: state };
  }

  async function route(referral: LoadedReferral, event: RecordedEvent, after: ReferralState): Promise<void> {
    const at = deps.clock().toISOString();
    const routing = routingCommandFor(event, referral.history, after, deps.geography, at);
    if (routing === null) return;
    const command = await withSharingPolicies(routing, deps.directory);
    try {
      const { recorded } = await deps.commands.run(event.streamId, command, {
        commandId: routingCommandId(event.streamId, event.version),
        correlationId: event.correlationId,
        causationId: event.eventId,
      });
      logger.info('referral routed', {
        streamId: event.streamId,
        sourceVersion: event.version,
        reason: command.reason,
        destinations: command.destinations.map((d) => d.id),
        recorded,
      });
    } catch (error) {
      if (error instanceof SystemCommandRefused && NOTHING_TO_ROUTE.has(error.code)) {
        logger.info('nothing to route', { streamId: event.streamId, sourceVersion: event.version, code: error.code });
        return;
      }
      throw error;
    }
  }

  async function handleRecord(referral: LoadedReferral, record: DynamoDBRecord): Promise<void> {
    // Only new events: an event is never changed in place (erasure takes away the data key that
    // rides on a first event, a MODIFY), and a stream's key item (version 0) is not an event.
    if (record.eventName !== 'INSERT' || isKeyItem(record.dynamodb?.NewImage)) return;
    const image = record.dynamodb?.NewImage;
    if (image === undefined) throw new Error('the stream record has no new image: the table must stream NEW_IMAGE');
    const event = await deps.decodeImage(image);
    if (INTERNAL_EVENT_TYPES.has(event.type)) return;
    if (event.streamId !== referral.group.streamId)
      throw new Error(`the image's stream id does not match the record's key ${referral.group.streamId}`);
    const index = referral.history.findIndex((recorded) => recorded.version === event.version);
    if (index === -1) throw new StreamBehindError(event.streamId, event.version);
    const before = index === 0 ? deps.decider.initialState : (referral.states[index - 1] as ReferralState);
    const after = referral.states[index] as ReferralState;
    // What the event's whole command decided (a routing and the destinations it told only that the
    // referral exists are one append): who was waiting for the referral when it happened.
    const { afterCommand, waiting } = commandAround(referral, index);

    await route(referral, event, after);
    for (const notification of await notificationsFor(
      event,
      before,
      afterCommand,
      referral.now,
      deps.directory,
      deps.publicBaseUrl,
      referral.history,
      deps.referrerLinks,
    )) {
      await deps.mailer.send(
        { streamId: event.streamId, version: event.version, recipient: notification.recipient },
        notification.to,
        notification.mail,
      );
    }
    const messages = messagesFor(event, afterCommand, referral.now, waiting);
    if (messages.length > 0) await deps.publisher.publish(messages);
  }

  async function handleGroup(referral: LoadedReferral, failed: DynamoDBRecord[]): Promise<void> {
    const { records } = referral.group;
    for (let index = 0; index < records.length; index += 1) {
      try {
        await handleRecord(referral, records[index] as DynamoDBRecord);
      } catch (error) {
        logger.error('stream record not handled; the rest of its referral waits', {
          streamId: referral.group.streamId,
          sequenceNumber: records[index]?.dynamodb?.SequenceNumber,
          error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        });
        failed.push(...records.slice(index));
        return;
      }
    }
  }

  return async (event) => {
    const failed: DynamoDBRecord[] = [];
    const referrals: LoadedReferral[] = [];
    const groups = groupByStream(event.Records);
    await inPool(groups, concurrency, async (group) => {
      if (group.streamId === null) {
        logger.error('stream record without a stream id key', {
          sequenceNumber: group.records[0]?.dynamodb?.SequenceNumber,
        });
        failed.push(...group.records);
        return;
      }
      if (referralIdOf(group.streamId) === null) return; // not a referral's stream: nothing to route
      const keyed = { ...group, streamId: group.streamId };
      try {
        const needed = group.records.some(
          (record) =>
            record.eventName === 'INSERT' &&
            !isKeyItem(record.dynamodb?.NewImage) &&
            needsTheReferral(record.dynamodb?.NewImage),
        );
        referrals.push(
          needed ? await load(keyed) : { group: keyed, history: [], states: [], now: deps.decider.initialState },
        );
      } catch (error) {
        logger.error('referral stream could not be read', {
          streamId: group.streamId,
          error: error instanceof Error ? error.name : 'unknown',
        });
        failed.push(...group.records);
      }
    });
    // Priority delivery: urgent referrals first, then in the order their records arrived.
    const order = new Map(groups.map((group, index) => [group.streamId, index]));
    referrals.sort(
      (a, b) =>
        urgency(a.now) - urgency(b.now) || (order.get(a.group.streamId) ?? 0) - (order.get(b.group.streamId) ?? 0),
    );
    await inPool(referrals, concurrency, (referral) => handleGroup(referral, failed));
    return batchResponse(failed);
  };
}

/**
 * The command that appended the event at `index`: the state after its last event, and who waited
 * for the referral before or after it (a routing defers sharing with its last events; a share is
 * the last event of the outcome that makes it due, whose other events the waiting do not receive).
 */
function commandAround(referral: LoadedReferral, index: number): { afterCommand: ReferralState; waiting: string[] } {
  const { commandId } = referral.history[index] as RecordedEvent;
  let first = index;
  while (first > 0 && referral.history[first - 1]?.commandId === commandId) first -= 1;
  let last = index;
  while (last + 1 < referral.history.length && referral.history[last + 1]?.commandId === commandId) last += 1;
  const afterCommand = referral.states[last] as ReferralState;
  const beforeCommand = first === 0 ? null : (referral.states[first - 1] as ReferralState);
  const waiting = new Set([
    ...(beforeCommand ? sharingOf(beforeCommand).withheld : []),
    ...sharingOf(afterCommand).withheld,
  ]);
  return { afterCommand, waiting: [...waiting] };
}

function urgency(state: ReferralState): number {
  return state.priority === 'urgent' ? 0 : 1;
}
