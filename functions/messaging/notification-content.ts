// The words of the notification mails. Data protection: a mail carries a reference and a link,
// never a name, the concern, an address or a postcode; whoever follows the link signs in and the
// read is audited. Organisation names and the priority are not personal data.
import { type Priority } from '../../events/routing.js';

export interface MailContent {
  subject: string;
  text: string;
}

export type RoutingReason = 'submitted' | 'transferred' | 'hub-assessment-requested' | 'moved-within-region';

/** Where a destination opens the case. */
export function caseLink(publicBaseUrl: string, referralId: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/cases/${encodeURIComponent(referralId)}`;
}

/** The query parameter that carries the referrer's link (functions/referrer-link): the capability, never personal data. */
export const REFERRER_LINK_PARAMETER = 'link';

function withReferrerLink(url: string, link: string | undefined): string {
  return link === undefined ? url : `${url}?${REFERRER_LINK_PARAMETER}=${encodeURIComponent(link)}`;
}

/**
 * Where a referrer follows their referral: keyed by the referral's id (random, what the service
 * keys on), not by its reference, which people quote. With `link` (the referrer's link, minted by
 * the router) anyone holding the mail opens it without signing in; without, only the referrer who
 * made it, signed in.
 */
export function referralStatusLink(publicBaseUrl: string, referralId: string, link?: string): string {
  return withReferrerLink(
    `${publicBaseUrl.replace(/\/+$/, '')}/referral-status/${encodeURIComponent(referralId)}`,
    link,
  );
}

/** Where the referrer reads the question waiting for their answer and answers it. */
export function moreInformationLink(publicBaseUrl: string, referralId: string, link?: string): string {
  return withReferrerLink(`${referralStatusLink(publicBaseUrl, referralId)}/more-information`, link);
}

/** The referrer's mails hold a link that opens the page without signing in: it is theirs alone. */
const REFERRER_FOOTER = [
  'This message deliberately contains no personal information. The link is yours alone: do not forward this message.',
  'Do not reply to this message.',
];

const FOOTER = [
  'This message deliberately contains no personal information. Sign in to see the referral; every view is recorded.',
  'Do not reply to this message.',
];

export interface DestinationNotificationInput {
  reference: string;
  referralId: string;
  destinationName: string;
  reason: RoutingReason;
  priority: Priority;
  publicBaseUrl: string;
}

/** The mail to a destination's mailbox when a referral is routed (or transferred) to it. */
export function destinationNotification(input: DestinationNotificationInput): MailContent {
  // A case a regional Prevent hub moved to another force of its region reaches that force as a transfer does.
  const transferred = input.reason === 'transferred' || input.reason === 'moved-within-region';
  const subject = transferred
    ? `Prevent referral ${input.reference} transferred to you`
    : `New Prevent referral ${input.reference}`;
  const opening = transferred
    ? `A Prevent referral has been transferred to ${input.destinationName}.`
    : input.reason === 'hub-assessment-requested'
      ? `A Vulnerability Support Hub assessment was requested: a Prevent referral has been routed to ${input.destinationName}.`
      : `A new Prevent referral has been routed to ${input.destinationName}.`;
  const priority =
    input.priority === 'urgent'
      ? 'Priority: URGENT. The referrer reported an immediate risk. Please look at it now.'
      : 'Priority: standard.';
  const text = [
    opening,
    '',
    `Reference: ${input.reference}`,
    priority,
    '',
    `Open the referral: ${caseLink(input.publicBaseUrl, input.referralId)}`,
    '',
    ...FOOTER,
  ].join('\n');
  return { subject, text };
}

export interface ExistenceNotificationInput {
  reference: string;
  referralId: string;
  destinationName: string;
  priority: Priority;
  /** English labels of the suspected types of concern: categories, never the concern itself. */
  typesOfConcern: string[];
  publicBaseUrl: string;
}

/**
 * The mail to a destination that receives referrals after police deconfliction: a referral exists
 * in its area (reference, urgency, type of concern). The whole referral follows once the police
 * have deconflicted it and it involves the destination.
 */
export function existenceNotification(input: ExistenceNotificationInput): MailContent {
  const text = [
    `A Prevent referral has been made in the area of ${input.destinationName}.`,
    'The police are checking it against live investigations (deconfliction). You will receive the whole referral if it then involves you.',
    '',
    `Reference: ${input.reference}`,
    input.priority === 'urgent' ? 'Priority: URGENT.' : 'Priority: standard.',
    `Type of concern: ${input.typesOfConcern.join(', ')}`,
    '',
    `See what is known so far: ${caseLink(input.publicBaseUrl, input.referralId)}`,
    '',
    ...FOOTER,
  ].join('\n');
  return { subject: `Prevent referral ${input.reference} in your area: awaiting police deconfliction`, text };
}

/** The mail to a destination when the whole referral is shared with it after deconfliction. */
export function sharedNotification(input: Omit<ExistenceNotificationInput, 'typesOfConcern'>): MailContent {
  const text = [
    `The police have deconflicted Prevent referral ${input.reference} and shared the whole referral with ${input.destinationName}.`,
    '',
    `Reference: ${input.reference}`,
    input.priority === 'urgent' ? 'Priority: URGENT. Please look at it now.' : 'Priority: standard.',
    '',
    `Open the referral: ${caseLink(input.publicBaseUrl, input.referralId)}`,
    '',
    ...FOOTER,
  ].join('\n');
  return { subject: `Prevent referral ${input.reference} shared with you`, text };
}

export interface EscalationNotificationInput {
  reference: string;
  referralId: string;
  destinationName: string;
  publicBaseUrl: string;
}

/** The mail to each destination that holds a case when it is raised to urgent: no reason, no name. */
export function escalationNotification(input: EscalationNotificationInput): MailContent {
  const text = [
    `A Prevent referral held by ${input.destinationName} has been raised to urgent.`,
    '',
    `Reference: ${input.reference}`,
    'Priority: URGENT. An immediate risk has been reported since the referral was made. Please look at it now.',
    '',
    `Open the referral: ${caseLink(input.publicBaseUrl, input.referralId)}`,
    '',
    ...FOOTER,
  ].join('\n');
  return { subject: `URGENT: Prevent referral ${input.reference} raised to urgent`, text };
}

export interface ReferrerAcknowledgementInput {
  reference: string;
  referralId: string;
  publicBaseUrl: string;
  /** The referrer's status link (functions/referrer-link); without it the page asks them to sign in. */
  link?: string;
}

/** The acknowledgement to the person who made the referral: its reference and where to follow it. */
export function referrerAcknowledgement(input: ReferrerAcknowledgementInput): MailContent {
  const text = [
    'Thank you. Your Prevent referral has been received and is being sent to the right teams.',
    '',
    `Your reference: ${input.reference}`,
    `Follow your referral: ${referralStatusLink(input.publicBaseUrl, input.referralId, input.link)}`,
    '',
    'If you think someone is in immediate danger, call 999.',
    '',
    ...(input.link === undefined ? FOOTER : REFERRER_FOOTER),
  ].join('\n');
  return { subject: `Your Prevent referral ${input.reference} has been received`, text };
}

export interface MoreInformationRequestInput {
  reference: string;
  referralId: string;
  publicBaseUrl: string;
  /** The referrer's question link (functions/referrer-link); without it the page asks them to sign in. */
  link?: string;
}

/**
 * To the referrer when the police ask them for more information: the reference and the link
 * only. The question is personal data: the referrer reads it on the page the link opens.
 */
export function moreInformationRequest(input: MoreInformationRequestInput): MailContent {
  const text = [
    'The police Prevent team have a question about the referral you made.',
    '',
    `Your reference: ${input.reference}`,
    `Read the question and answer it: ${moreInformationLink(input.publicBaseUrl, input.referralId, input.link)}`,
    '',
    'If you think someone is in immediate danger, call 999.',
    '',
    ...(input.link === undefined ? FOOTER : REFERRER_FOOTER),
  ].join('\n');
  return { subject: `Prevent referral ${input.reference}: more information requested`, text };
}
