// A referral's stream in the event store: "referral-<referral id>". Organisation streams and any
// other category have their own prefixes; this is the one place the referral's is spelled.
export const REFERRAL_STREAM_CATEGORY = 'referral-';

export function referralStreamId(referralId: string): string {
  return `${REFERRAL_STREAM_CATEGORY}${referralId}`;
}

/** The referral id in a referral stream id, or null for other streams. */
export function referralIdOf(streamId: string): string | null {
  return streamId.startsWith(REFERRAL_STREAM_CATEGORY) ? streamId.slice(REFERRAL_STREAM_CATEGORY.length) : null;
}
