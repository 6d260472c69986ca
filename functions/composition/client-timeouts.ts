// How long an AWS SDK client waits before it gives a request up: a connection timeout (the TCP and
// TLS handshake) and a request timeout (from sending until the whole answer is in), per client,
// so that no request can hang for ever. Without them an SDK v3 client waits as long as the
// socket stays open: in Lambda only the function's own timeout ended a hung request, and locally
// a hung request stalled a poller for good. A timed-out request is a TimeoutError, which the
// SDK's retry strategy retries like any transient error (the mailer's SES client makes one
// attempt only: functions/messaging/ses-answer.ts records a timed-out send as outcome unknown).
//
// Note for @smithy/node-http-handler 4.x: `requestTimeout` only logs a warning unless
// `throwOnRequestTimeout` is set (it used to be a socket idle timeout); every client here sets it.
//
// The values are configuration (functions/composition/service-config.ts reads them from the
// environment; these are the defaults), chosen per client (docs/decisions/0020-sdk-timeouts.md):
// - connection: an in-region endpoint answers a handshake in milliseconds; 2 s means the network
//   or the endpoint is broken, and a retry on a new connection is the better bet. Not shorter:
//   locally a busy event loop can fire the timer late, after the connection was in fact made.
// - DynamoDB: a request answers in milliseconds (a transaction or a 1 MB page in a few hundred);
//   3 s is a third of the shortest function's timeout (10 s), so a hung attempt leaves room for a
//   retry, which the event store makes safe (appends are idempotent by command id).
// - SQS sends, deletes and visibility changes: 5 s. A long poll (ReceiveMessage with
//   WaitTimeSeconds, at most 20 s) waits on purpose: the long-polling client's request timeout is
//   the longest wait SQS allows plus the SQS request timeout, so no wait is ever cut short.
// - SES: 10 s. A send that times out may have been taken by SES (the outcome is unknown and an
//   operator must look: docs/runbook.md), so the bound is generous to keep those rare.
// - KMS (a data key made or opened): 3 s, like a DynamoDB request it sits on a command's path.
// - Cognito (the people pages' user pool calls): 5 s.

export const sdkTimeoutDefaults = {
  SDK_CONNECTION_TIMEOUT_MS: 2_000,
  DYNAMODB_REQUEST_TIMEOUT_MS: 3_000,
  SQS_REQUEST_TIMEOUT_MS: 5_000,
  SES_REQUEST_TIMEOUT_MS: 10_000,
  KMS_REQUEST_TIMEOUT_MS: 3_000,
  COGNITO_REQUEST_TIMEOUT_MS: 5_000,
} as const;

export type SdkTimeouts = { [Name in keyof typeof sdkTimeoutDefaults]: number };

/** The longest ReceiveMessage wait SQS allows (WaitTimeSeconds 20). */
export const SQS_LONGEST_WAIT_MS = 20_000;

export type TimedClient = 'dynamodb' | 'sqs' | 'sqs-long-poll' | 'ses' | 'kms' | 'cognito';

/** The part of a client's `requestHandler` options (@smithy/node-http-handler's NodeHttpHandlerOptions) set here. */
export interface ClientTimeouts {
  connectionTimeout: number;
  requestTimeout: number;
  throwOnRequestTimeout: true;
}

/** The request timeout of one kind of client, from the configuration (defaults where unset). */
export function requestTimeoutOf(client: TimedClient, timeouts: Partial<SdkTimeouts> = {}): number {
  const value = { ...sdkTimeoutDefaults, ...definedOnly(timeouts) };
  switch (client) {
    case 'dynamodb':
      return value.DYNAMODB_REQUEST_TIMEOUT_MS;
    case 'sqs':
      return value.SQS_REQUEST_TIMEOUT_MS;
    case 'sqs-long-poll':
      return SQS_LONGEST_WAIT_MS + value.SQS_REQUEST_TIMEOUT_MS;
    case 'ses':
      return value.SES_REQUEST_TIMEOUT_MS;
    case 'kms':
      return value.KMS_REQUEST_TIMEOUT_MS;
    case 'cognito':
      return value.COGNITO_REQUEST_TIMEOUT_MS;
  }
}

/** The NodeHttpHandler options (`requestHandler`) that bound a client's connections and requests. */
export function timeoutsFor(client: TimedClient, timeouts: Partial<SdkTimeouts> = {}): ClientTimeouts {
  return {
    connectionTimeout: timeouts.SDK_CONNECTION_TIMEOUT_MS ?? sdkTimeoutDefaults.SDK_CONNECTION_TIMEOUT_MS,
    requestTimeout: requestTimeoutOf(client, timeouts),
    throwOnRequestTimeout: true,
  };
}

function definedOnly(timeouts: Partial<SdkTimeouts>): Partial<SdkTimeouts> {
  return Object.fromEntries(Object.entries(timeouts).filter(([, value]) => value !== undefined));
}
