// What a failed SES send says about the mail. SES's SendEmail takes no idempotency token, so a
// send is never repeated unless SES is known not to have taken the mail: it answered with a
// refusal (4xx, throttling among them), or the request never left this machine (no connection).
// Anything else (a timeout, a connection lost mid-request, a 5xx) may have come after SES took
// the mail: sending again could send it twice.

type SdkError = {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
};

/** Errors of a connection that was never made: the request was not sent. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
const THROTTLING = new Set(['TooManyRequestsException', 'ThrottlingException', 'LimitExceededException']);

export type SesFailure = 'refused' | 'throttled' | 'outcome-unknown';

export function sesFailure(error: unknown): SesFailure {
  const failure = (error ?? {}) as SdkError;
  const status = failure.$metadata?.httpStatusCode;
  if (typeof status === 'number' && status < 500) {
    const throttled = failure.$retryable?.throttling === true || status === 429 || THROTTLING.has(failure.name ?? '');
    return throttled ? 'throttled' : 'refused';
  }
  if (status === undefined && NEVER_SENT.has(failure.code ?? failure.name ?? '')) return 'refused';
  return 'outcome-unknown';
}
