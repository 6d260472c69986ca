// Sends notification mails through SES, once per (stream, version, recipient): claimed in the
// markers before sending, confirmed after, released when SES refuses so a retry sends it again.
// A send whose answer was lost (SES may have taken the mail) is never sent again: the marker says
// its outcome is unknown and a warning names the notification (ses-answer.ts says which is which).
// A send whose connection broke before any answer is sent once more, then counts as unknown.
// The referrer's acknowledgement goes to an address nobody has checked: with an
// `acknowledgementLimit`, one address receives at most so many in a window (the referral is
// recorded and routed all the same); a mail held back is marked done, so a replay does not count
// it again. Destinations' notifications are never held back.
import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { logger } from '../observability/logger.js';
import { type RateLimiter } from '../rate-limit/rate-limiter.js';
import { type MailContent } from './notification-content.js';
import { type NotificationKey, type NotificationMarkers, notificationMarkerId } from './notification-markers.js';
import { sesFailure } from './ses-answer.js';

/** The recipient name of the referrer's acknowledgement in notification keys. */
export const REFERRER_RECIPIENT = 'referrer';

export type MailOutcome = 'sent' | 'already-sent' | 'not-sent-limit-reached' | 'outcome-unknown';

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

/** Sends SES took (or may have taken) whose marker could not be written yet, by marker id (bounded, oldest forgotten first). */
const MAX_UNRECORDED = 10_000;
/** Tries of a send SES refused as throttled, with a doubling pause from the first. */
const THROTTLED_ATTEMPTS = 3;
const FIRST_PAUSE_MS = 100;
/** Tries of a send whose connection broke before any answer (ses-answer.ts): once more, no more. */
const BROKEN_CONNECTION_ATTEMPTS = 2;

export function createNotificationMailer(deps: NotificationMailerDeps): NotificationMailer {
  // A retry in this process (the stream record failed because writing the marker failed) records
  // what it already knows instead of sending again. Another process, after the lease, sends a mail
  // whose sender died before recording it: at least once.
  const unrecorded = new Map<string, 'sent' | 'outcome-unknown'>();
  const record = async (key: NotificationKey, outcome: 'sent' | 'outcome-unknown'): Promise<MailOutcome> => {
    const markerId = notificationMarkerId(key);
    unrecorded.delete(markerId);
    unrecorded.set(markerId, outcome);
    if (unrecorded.size > MAX_UNRECORDED) unrecorded.delete(unrecorded.keys().next().value as string);
    await (outcome === 'sent' ? deps.markers.confirm(key) : deps.markers.recordUnknown(key));
    unrecorded.delete(markerId);
    return outcome;
  };
  const sendEmail = async (to: string, mail: MailContent): Promise<void> => {
    let throttled = 0;
    let broken = 0;
    for (;;) {
      try {
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
        return;
      } catch (error) {
        const failure = sesFailure(error);
        if (failure === 'connection-broken' && ++broken < BROKEN_CONNECTION_ATTEMPTS) {
          logger.warn('notification send lost its connection before any answer; sending once more', {
            code: (error as { code?: unknown }).code,
          });
          continue;
        }
        if (failure !== 'throttled' || ++throttled >= THROTTLED_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, FIRST_PAUSE_MS * 2 ** (throttled - 1)));
      }
    }
  };
  return {
    async send(key, to, mail) {
      const claim = await deps.markers.claim(key, deps.clock());
      if (claim !== 'claimed') return claim;
      const known = unrecorded.get(notificationMarkerId(key));
      if (known) return record(key, known);
      if (key.recipient === REFERRER_RECIPIENT && deps.acknowledgementLimit) {
        const decision = await deps.acknowledgementLimit.take(to).catch(async (error: unknown) => {
          await deps.markers.release(key);
          throw error;
        });
        if (!decision.allowed) {
          logger.warn('acknowledgement not sent: its recipient has had as many as the limit allows', {
            streamId: key.streamId,
            version: key.version,
          });
          await deps.markers.confirm(key);
          return 'not-sent-limit-reached';
        }
      }
      try {
        await sendEmail(to, mail);
      } catch (error) {
        const failure = sesFailure(error);
        if (failure === 'refused' || failure === 'throttled') {
          await deps.markers.release(key);
          throw error;
        }
        // No answer, a 5xx, or a connection broken twice: SES may have taken the mail.
        logger.warn(
          'notification outcome unknown: SES may have taken the mail but its answer was lost; not sent again',
          {
            streamId: key.streamId,
            version: key.version,
            recipient: key.recipient,
            error: (error as Error).name,
            // A connection reset or 5xx says more than a name: the code, never the message (it may quote the request).
            code:
              (error as { code?: unknown }).code ??
              (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode,
          },
        );
        return record(key, 'outcome-unknown');
      }
      return record(key, 'sent');
    },
  };
}
