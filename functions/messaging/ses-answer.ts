// What a failed SES send says about the mail. SES's SendEmail takes no idempotency token, so a
// send is repeated only when SES most likely did not take the mail:
// - 'refused' / 'throttled': SES answered with a refusal (4xx, throttling among them), or the
//   request never left this machine (no connection, refused or not made within the client's
//   connection timeout: functions/composition/client-timeouts.ts): sent again, as often as the
//   caller retries;
// - 'connection-broken': the connection was reset or broken (ECONNRESET, EPIPE) before any byte
//   of an answer. The 1000-referral soak's seven lost notices were this: a kept-alive connection
//   the server closed as the request arrived, so the request was never read. A reset can also come
//   after the server read the request, so the mailer sends once more, not again and again: a
//   destination never told of a referral is worse than one told twice, and a notice carries no
//   personal data (docs/decisions/0019-mail-outcomes-and-redelivery.md);
// - 'outcome-unknown': anything else (no answer in time, a 5xx, a reset after an answer began)
//   may have come after SES took the mail: recorded as unknown, never sent again.

type SdkError = {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
};

/** Errors of a connection that was never made: the request was not sent. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
/** Errors of a connection broken under the request (the SDK names them TimeoutError, with the code kept). */
const BROKEN = new Set(['ECONNRESET', 'EPIPE']);
/** The SDK's connection timeout (@smithy/node-http-handler): no connection, so no byte of the request went out. */
const NOT_CONNECTED_IN_TIME = 'did not establish a connection with the server';
const THROTTLING = new Set(['TooManyRequestsException', 'ThrottlingException', 'LimitExceededException']);

export type SesFailure = 'refused' | 'throttled' | 'connection-broken' | 'outcome-unknown';

export function sesFailure(error: unknown): SesFailure {
  const failure = (error ?? {}) as SdkError;
  const status = failure.$metadata?.httpStatusCode;
  if (typeof status === 'number' && status < 500) {
    const throttled = failure.$retryable?.throttling === true || status === 429 || THROTTLING.has(failure.name ?? '');
    return throttled ? 'throttled' : 'refused';
  }
  if (status === undefined && NEVER_SENT.has(failure.code ?? failure.name ?? '')) return 'refused';
  if (status === undefined && failure.name === 'TimeoutError' && failure.message?.includes(NOT_CONNECTED_IN_TIME))
    return 'refused';
  if (status === undefined && BROKEN.has(failure.code ?? '')) return 'connection-broken';
  return 'outcome-unknown';
}
