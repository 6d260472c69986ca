// Sends notification mails through SES, once per (stream, version, recipient): claimed in the
// markers before sending, confirmed after, released when SES refuses so a retry sends it again.
// The referrer's acknowledgement goes to an address nobody has checked: with an
// `acknowledgementLimit`, one address receives at most so many in a window (the referral is
// recorded and routed all the same); a mail held back is marked done, so a replay does not count
// it again. Destinations' notifications are never held back.
import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { logger } from '../observability/logger.js';
import { type RateLimiter } from '../rate-limit/rate-limiter.js';
import { type MailContent } from './notification-content.js';
import { type NotificationKey, type NotificationMarkers, notificationMarkerId } from './notification-markers.js';

/** The recipient name of the referrer's acknowledgement in notification keys. */
export const REFERRER_RECIPIENT = 'referrer';

export type MailOutcome = 'sent' | 'already-sent' | 'not-sent-limit-reached';

export interface NotificationMailer {
  /** Sends the mail unless this notification was sent (or held back) before, or the recipient's acknowledgement limit is reached. */
  send(key: NotificationKey, to: string, mail: MailContent): Promise<MailOutcome>;
}

export interface NotificationMailerDeps {
  ses: SESv2Client;
  markers: NotificationMarkers;
  from: string;
  configurationSet?: string | undefined;
  clock: () => Date;
  /** Acknowledgements per recipient address (rate-limit/rate-limit-composition.ts); none when absent. */
  acknowledgementLimit?: RateLimiter;
}

/** Mails SES accepted whose marker could not be confirmed yet, by marker id (bounded, oldest forgotten first). */
const MAX_UNCONFIRMED = 10_000;

export function createNotificationMailer(deps: NotificationMailerDeps): NotificationMailer {
  // A retry in this process (the stream record failed because confirming failed) confirms a mail
  // it already sent instead of sending it again. Another process, after the lease, sends it again:
  // at least once.
  const sentUnconfirmed = new Set<string>();
  const confirm = async (key: NotificationKey): Promise<void> => {
    await deps.markers.confirm(key);
    sentUnconfirmed.delete(notificationMarkerId(key));
  };
  return {
    async send(key, to, mail) {
      if ((await deps.markers.claim(key, deps.clock())) === 'already-sent') return 'already-sent';
      const markerId = notificationMarkerId(key);
      if (sentUnconfirmed.has(markerId)) {
        await confirm(key);
        return 'sent';
      }
      try {
        if (key.recipient === REFERRER_RECIPIENT && deps.acknowledgementLimit) {
          const decision = await deps.acknowledgementLimit.take(to);
          if (!decision.allowed) {
            logger.warn('acknowledgement not sent: its recipient has had as many as the limit allows', {
              streamId: key.streamId,
              version: key.version,
            });
            await deps.markers.confirm(key);
            return 'not-sent-limit-reached';
          }
        }
        await deps.ses.send(
          new SendEmailCommand({
            FromEmailAddress: deps.from,
            Destination: { ToAddresses: [to] },
            Content: {
              Simple: {
                Subject: { Data: mail.subject, Charset: 'UTF-8' },
                Body: { Text: { Data: mail.text, Charset: 'UTF-8' } },
              },
            },
            ...(deps.configurationSet ? { ConfigurationSetName: deps.configurationSet } : {}),
          }),
        );
      } catch (error) {
        await deps.markers.release(key);
        throw error;
      }
      sentUnconfirmed.add(markerId);
      if (sentUnconfirmed.size > MAX_UNCONFIRMED)
        sentUnconfirmed.delete(sentUnconfirmed.values().next().value as string);
      await confirm(key);
      return 'sent';
    },
  };
}
