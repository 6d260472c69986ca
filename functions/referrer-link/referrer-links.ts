// The referrer's links with the service's key: minted by the router where it writes the
// acknowledgement and the question mails, checked by the referrer's pages and API routes. The key
// is a service key (../event-store/service-key.ts): generated once by the key provider (KMS, or the
// local master key), kept only wrapped in the keys table, unwrapped on first use. How long a link
// lasts is configuration (REFERRER_STATUS_LINK_DAYS, REFERRER_QUESTION_LINK_DAYS), counted from
// the event the mail is written for, so a mail written again for the same event carries the same link.
import { type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type KeyProvider } from '../event-store/key-provider.js';
import { type ServiceKey, createServiceKey } from '../event-store/service-key.js';
import { type ReferrerLinkCheck } from '../../domain/access/referrer-link.js';
import { checkReferrerLink, mintReferrerLink } from './referrer-link.js';

/** The key's item id in the keys table. */
export const REFERRER_LINK_KEY_ID = 'referrer-link-key#capabilities';

const DAY_MS = 86_400_000;

export interface ReferrerLinkLifetimes {
  /** Days the acknowledgement's status link lasts (default 90). */
  statusDays: number;
  /** Days a question's link lasts at most (default 30); it grants nothing once the question is answered. */
  questionDays: number;
}

export interface ReferrerLinks {
  /** The status link's value for the referral, counted from when it was submitted. */
  statusLink(referralId: string, submittedAt: Date): Promise<string>;
  /** The question link's value for the request, counted from when it was asked. */
  questionLink(referralId: string, requestNumber: number, askedAt: Date): Promise<string>;
  /** Whether a link's value holds for this referral now. */
  check(referralId: string, link: string): Promise<ReferrerLinkCheck>;
}

export function createReferrerLinkKey(deps: {
  client: DynamoDBClient;
  tableName: string;
  keyProvider: KeyProvider;
}): ServiceKey {
  return createServiceKey({
    ...deps,
    keyId: REFERRER_LINK_KEY_ID,
    binding: 'referrer-link-capabilities',
    name: "referrer links' key",
  });
}

export function createReferrerLinks(deps: {
  key: ServiceKey;
  lifetimes: ReferrerLinkLifetimes;
  clock: () => Date;
}): ReferrerLinks {
  return {
    async statusLink(referralId, submittedAt) {
      const expiresAt = new Date(submittedAt.getTime() + deps.lifetimes.statusDays * DAY_MS);
      return mintReferrerLink(await deps.key.key(), { purpose: 'status', referralId }, expiresAt);
    },
    async questionLink(referralId, requestNumber, askedAt) {
      const expiresAt = new Date(askedAt.getTime() + deps.lifetimes.questionDays * DAY_MS);
      return mintReferrerLink(await deps.key.key(), { purpose: 'question', referralId, requestNumber }, expiresAt);
    },
    async check(referralId, link) {
      return checkReferrerLink(await deps.key.key(), referralId, link, deps.clock());
    },
  };
}
