// What a failed SES send says about the mail, with the error shapes the SDK really throws.
import { describe, expect, it } from 'vitest';
import { sesFailure } from '../../../functions/messaging/ses-answer.js';

/**
 * The seven "outcome unknown" sends the 1000-referral soak found beyond its injected faults: the
 * SDK names a connection reset a TimeoutError (@smithy/node-http-handler: ECONNRESET, EPIPE and
 * ETIMEDOUT all are), keeps the code and gives no HTTP status. Captured from SESv2Client
 * (maxAttempts 1) against a server that resets the connection on the request.
 */
const connectionReset = () =>
  Object.assign(new Error('read ECONNRESET'), {
    errno: -104,
    code: 'ECONNRESET',
    syscall: 'read',
    name: 'TimeoutError',
    $metadata: { attempts: 1, totalRetryDelay: 0 },
  });

describe('sesFailure', () => {
  it('calls a connection reset before any answer a broken connection (sent once more), not an unknown outcome', () => {
    expect(sesFailure(connectionReset())).toBe('connection-broken');
    expect(sesFailure(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET', name: 'TimeoutError' }))).toBe(
      'connection-broken',
    );
    expect(
      sesFailure(Object.assign(new Error('write EPIPE'), { code: 'EPIPE', name: 'TimeoutError', $metadata: {} })),
    ).toBe('connection-broken');
  });

  it('keeps a lost answer (no answer in time, no code) and a server error unknown: SES may have taken the mail', () => {
    // The soak's injected ses-answer-lost, and the SDK's own socket timeout.
    expect(sesFailure(Object.assign(new Error('answer lost'), { name: 'TimeoutError', $metadata: {} }))).toBe(
      'outcome-unknown',
    );
    expect(
      sesFailure(
        Object.assign(new Error('the request socket timed out after 30000 ms of inactivity'), { name: 'TimeoutError' }),
      ),
    ).toBe('outcome-unknown');
    expect(sesFailure(Object.assign(new Error('read ETIMEDOUT'), { code: 'ETIMEDOUT', name: 'TimeoutError' }))).toBe(
      'outcome-unknown',
    );
    expect(
      sesFailure(Object.assign(new Error('internal'), { name: 'InternalFailure', $metadata: { httpStatusCode: 500 } })),
    ).toBe('outcome-unknown');
    // A reset after an answer began (a status came back) is not a connection broken before any answer.
    expect(
      sesFailure(Object.assign(new Error('aborted'), { code: 'ECONNRESET', $metadata: { httpStatusCode: 502 } })),
    ).toBe('outcome-unknown');
    expect(sesFailure(undefined)).toBe('outcome-unknown');
  });

  it('refuses what SES refused or never received, and throttles what it throttled', () => {
    expect(
      sesFailure(Object.assign(new Error('bad'), { name: 'BadRequestException', $metadata: { httpStatusCode: 400 } })),
    ).toBe('refused');
    expect(
      sesFailure(
        Object.assign(new Error('slow down'), {
          name: 'TooManyRequestsException',
          $metadata: { httpStatusCode: 429 },
        }),
      ),
    ).toBe('throttled');
    expect(sesFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', $metadata: {} }))).toBe(
      'refused',
    );
  });

  it("calls the client's connection timeout never sent (no connection, no byte of the request), and its request timeout unknown", () => {
    // The two messages @smithy/node-http-handler 4.x gives (test/functions/composition/client-timeouts.int.test.ts gets them from real sockets).
    expect(
      sesFailure(
        Object.assign(
          new Error(
            '@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of 2000 ms.',
          ),
          { name: 'TimeoutError', $metadata: { attempts: 1 } },
        ),
      ),
    ).toBe('refused');
    expect(
      sesFailure(
        Object.assign(
          new Error(
            '@smithy/node-http-handler - [ERROR] a request has exceeded the configured 10000 ms requestTimeout.',
          ),
          { name: 'TimeoutError', code: 'ETIMEDOUT', $metadata: { attempts: 1 } },
        ),
      ),
    ).toBe('outcome-unknown');
  });
});
