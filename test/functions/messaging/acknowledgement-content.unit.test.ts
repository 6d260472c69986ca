// The acknowledgement goes to an address nobody has checked, so it must carry nothing the sender
// chose: only the service's words, the reference the service made and a fixed link. A referral
// whose every free-text answer (and the address itself) holds links, markup and chosen words
// produces a mail with none of them.
import { describe, expect, it } from 'vitest';
import { type ReferralCommand } from '../../../domain/referral/commands.js';
import { loadGeography } from '../../../functions/geography/load-geography.js';
import { staticDestinationDirectory } from '../../../functions/messaging/destination-directory.js';
import { referrerAcknowledgement } from '../../../functions/messaging/notification-content.js';
import { notificationsFor } from '../../../functions/router/routing-notifications.js';
import { ReferralHistory, decider, submitReferral } from '../router/referral-history.js';

const BASE = 'https://prevent.example.gov.uk';
const directory = staticDestinationDirectory(loadGeography().organisations);

/** Chosen text for one field: a link, markup and words, each marked with the field's name. */
const chosen = (field: string) =>
  `WIN-${field} https://evil.example/${field} <a href="https://evil.example/${field}">Claim-${field}</a>`;

function hostileSubmission(): ReferralCommand {
  const command = submitReferral('CV1 5FB') as Extract<ReferralCommand, { type: 'SubmitReferral' }>;
  return {
    ...command,
    referrer: {
      ...command.referrer,
      organisation: chosen('organisation').slice(0, 200),
      role: chosen('role').slice(0, 200),
    },
    personal: {
      referrer: {
        name: chosen('referrerName'),
        email: 'click.https.evil.example.WIN-email@evil.example',
        phone: '024 7600 0000',
      },
      person: {
        ...command.personal.person,
        name: chosen('personName'),
        address: chosen('address'),
        languages: [chosen('language')],
      },
      concern: {
        ...command.personal.concern,
        description: chosen('description'),
        howItCameToLight: chosen('howItCameToLight'),
        accessToWeaponsOrTravelPlans: chosen('weapons'),
        otherAgencies: [{ agency: chosen('agency'), contact: chosen('contact') }],
      },
    },
  };
}

describe('the referrer’s acknowledgement', () => {
  it('carries none of the referral’s free text, links or markup: only the reference and a fixed link', async () => {
    const history = new ReferralHistory('referral-abc123def456');
    const command = hostileSubmission();
    expect(decider.decide(command, history.state).ok).toBe(true);
    const [submitted] = history.run(command);
    const notifications = await notificationsFor(
      submitted!,
      decider.initialState,
      history.state,
      history.state,
      directory,
      BASE,
    );
    expect(notifications).toHaveLength(1);
    const [acknowledgement] = notifications;
    expect(acknowledgement?.recipient).toBe('referrer');
    const mail = `${acknowledgement?.mail.subject}\n${acknowledgement?.mail.text}`;
    for (const forbidden of ['WIN-', 'evil.example', 'Claim-', '<', '>', 'href', 'click'])
      expect(mail).not.toContain(forbidden);
    expect(acknowledgement?.mail).toEqual(
      referrerAcknowledgement({ reference: 'PRV-7K3M-Q9TX', referralId: 'abc123def456', publicBaseUrl: BASE }),
    );
    // Every link in it is the service's own, to the referral's status by its id.
    expect([...mail.matchAll(/https?:\/\/\S+/g)].map((match) => match[0])).toEqual([
      `${BASE}/referral-status/abc123def456`,
    ]);
  });

  it('is the same words whatever was referred: only the reference differs', () => {
    const one = referrerAcknowledgement({
      reference: 'PRV-7K3M-Q9TX',
      referralId: 'abc123def456',
      publicBaseUrl: BASE,
    });
    const other = referrerAcknowledgement({
      reference: 'PRV-AAAA-BBBB',
      referralId: 'abc123def456',
      publicBaseUrl: BASE,
    });
    expect(other.text.replaceAll('PRV-AAAA-BBBB', 'PRV-7K3M-Q9TX')).toBe(one.text);
    expect(other.subject.replaceAll('PRV-AAAA-BBBB', 'PRV-7K3M-Q9TX')).toBe(one.subject);
  });
});
