// Who gets a notification mail for an event: each destination a referral is newly routed or
// transferred to, and the referrer once the referral is received. The mails themselves hold a
// reference and a link only (../messaging/notification-content.ts).
import { type RecordedEvent } from '../../events/catalogue.js';
import { isErased } from '../../events/envelope.js';
import { type ReferralState } from '../../domain/referral/state.js';
import { type DestinationDirectory, requireDestination } from '../messaging/destination-directory.js';
import {
  destinationNotification,
  escalationNotification,
  existenceNotification,
  type MailContent,
  moreInformationRequest,
  referrerAcknowledgement,
  sharedNotification,
} from '../messaging/notification-content.js';
import { referenceLists } from '../../events/reference-data.js';
import { sharingOf } from '../../domain/referral/sharing.js';
import { referralIdOf } from './referral-fanout.js';
import { type ReferrerLinks } from '../referrer-link/referrer-links.js';

export interface Notification {
  /** A destination id, or 'referrer'; with the stream and version it names the notification once. */
  recipient: string;
  to: string;
  mail: MailContent;
}

/** The recipient name of a request for more information mailed to the referrer (not held back by the acknowledgement limit). */
export const REFERRER_QUESTION_RECIPIENT = 'referrer-question';

/**
 * MoreInformationRequested: the referrer, at the address their referral gave (`history`: the
 * referral's stream, whose first event holds it), with a link only, never the question.
 * ReferralEscalated: every current destination again, marked urgent.
 * ReferralSubmitted: the referrer's acknowledgement. ReferralRouted: every destination when it is
 * submitted or transferred; on a hub assessment request, only destinations the referral did not
 * have before. Destinations that have since lost the referral are not told. A destination that
 * receives referrals after police deconfliction is told that one exists (reference, urgency, type
 * of concern); ReferralShared tells it the whole referral is there. `atCommand` is the state after
 * the event's command (a routing and the destinations it told only that it exists are one append).
 */
export async function notificationsFor(
  event: RecordedEvent,
  before: ReferralState,
  atCommand: ReferralState,
  now: ReferralState,
  directory: DestinationDirectory,
  publicBaseUrl: string,
  history: readonly RecordedEvent[] = [],
  /** Mints the referrer's links; without it their mails link to pages that need signing in. */
  links?: Pick<ReferrerLinks, 'statusLink' | 'questionLink'>,
): Promise<Notification[]> {
  const referralId = referralIdOf(event.streamId);
  if (referralId === null) return [];
  if (event.type === 'ReferralSubmitted') {
    if (isErased(event.personal)) return [];
    // Counted from the event, so a mail written again for it carries the same link.
    const link = await links?.statusLink(referralId, new Date(event.occurredAt));
    const mail = referrerAcknowledgement({
      reference: event.data.reference,
      referralId,
      publicBaseUrl,
      ...(link !== undefined ? { link } : {}),
    });
    return [{ recipient: 'referrer', to: event.personal.referrer.email, mail }];
  }
  if (event.type === 'MoreInformationRequested') {
    const submitted = history[0];
    // Nobody to tell once the case is closed or erased (the question can no longer be answered).
    if (submitted?.type !== 'ReferralSubmitted' || isErased(submitted.personal) || now.closure || now.erased) return [];
    const link = await links?.questionLink(referralId, event.data.requestNumber, new Date(event.occurredAt));
    const mail = moreInformationRequest({
      reference: submitted.data.reference,
      referralId,
      publicBaseUrl,
      ...(link !== undefined ? { link } : {}),
    });
    return [{ recipient: REFERRER_QUESTION_RECIPIENT, to: submitted.personal.referrer.email, mail }];
  }
  if (event.type === 'ReferralEscalated' && before.reference !== null) {
    const { reference } = before;
    // Every organisation that holds the case now is told again, and only those.
    return Promise.all(
      now.currentDestinations.map(async (id) => {
        const entry = await requireDestination(directory, id);
        const mail = escalationNotification({ reference, referralId, destinationName: entry.name, publicBaseUrl });
        return { recipient: id, to: entry.mailbox, mail };
      }),
    );
  }
  if (event.type === 'ReferralShared' && before.reference !== null) {
    const { reference } = before;
    const priority = atCommand.priority ?? 'standard';
    const recipients = event.data.destinationIds.filter((id) => now.currentDestinations.includes(id));
    return Promise.all(
      recipients.map(async (id) => {
        const entry = await requireDestination(directory, id);
        const mail = sharedNotification({
          reference,
          referralId,
          destinationName: entry.name,
          priority,
          publicBaseUrl,
        });
        return { recipient: id, to: entry.mailbox, mail };
      }),
    );
  }
  if (event.type !== 'ReferralRouted' || before.reference === null) return [];
  const { reference } = before;
  const { reason, priority } = event.data;
  const hadBefore = new Set(
    reason === 'hub-assessment-requested' || reason === 'moved-within-region' ? before.currentDestinations : [],
  );
  const recipients = event.data.destinations.filter(
    (destination) => !hadBefore.has(destination.id) && now.currentDestinations.includes(destination.id),
  );
  return Promise.all(
    recipients.map(async (destination) => {
      const entry = await requireDestination(directory, destination.id);
      if (sharingOf(atCommand).withheld.includes(destination.id)) {
        const typesOfConcern = atCommand.suspectedConcernTypes.map(
          (code) => referenceLists.typesOfConcern.items.find((item) => item.code === code)?.en ?? code,
        );
        const mail = existenceNotification({
          reference,
          referralId,
          destinationName: entry.name,
          priority,
          typesOfConcern,
          publicBaseUrl,
        });
        return { recipient: destination.id, to: entry.mailbox, mail };
      }
      const mail = destinationNotification({
        reference,
        referralId,
        destinationName: entry.name,
        reason,
        priority,
        publicBaseUrl,
      });
      return { recipient: destination.id, to: entry.mailbox, mail };
    }),
  );
}
