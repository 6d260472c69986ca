// Sends notification mails through SES, once per (stream, version, recipient): claimed in the
// markers before sending, confirmed after, released when SES refuses so a retry sends it again.
import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { type MailContent } from './notification-content.js';
import { type NotificationKey, type NotificationMarkers } from './notification-markers.js';

export interface NotificationMailer {
  /** Sends the mail unless this notification was sent before; 'sent' or 'already-sent'. */
  send(key: NotificationKey, to: string, mail: MailContent): Promise<'sent' | 'already-sent'>;
}

export interface NotificationMailerDeps {
  ses: SESv2Client;
  markers: NotificationMarkers;
  from: string;
  configurationSet?: string | undefined;
  clock: () => Date;
}

export function createNotificationMailer(deps: NotificationMailerDeps): NotificationMailer {
  return {
    async send(key, to, mail) {
      if ((await deps.markers.claim(key, deps.clock())) === 'already-sent') return 'already-sent';
      try {
        await deps.ses.send(
          new SendEmailCommand({
            FromEmailAddress: deps.from,
            Destination: { ToAddresses: [to] },
            Content: { Simple: { Subject: { Data: mail.subject, Charset: 'UTF-8' }, Body: { Text: { Data: mail.text, Charset: 'UTF-8' } } } },
            ...(deps.configurationSet ? { ConfigurationSetName: deps.configurationSet } : {}),
          }),
        );
      } catch (error) {
        await deps.markers.release(key);
        throw error;
      }
      await deps.markers.confirm(key);
      return 'sent';
    },
  };
}
