// The mailer's path to SES when the connection breaks, against the SES stand-in behind a small TCP
// proxy that breaks connections as a real network and server can: a kept-alive connection the
// server closes as the next request arrives (the 1000-referral soak's seven lost notices), a
// connection reset before the request was read, and one reset after SES took the mail.
import { type Server, type Socket, createConnection, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ses as serviceSesClient } from '../../../functions/composition/clients.js';
import { createNotificationMailer } from '../../../functions/messaging/notification-mailer.js';
import { createNotificationMarkers } from '../../../functions/messaging/notification-markers.js';
import { type SesStandIn, startSesStandIn } from '../../../local/ses-stand-in.js';
import { dynamoClientForTests, tableNamesForTests, uniqueStreamId } from '../../engines/local-engines.js';

type Breakage =
  /** A connection that already carried a request is reset when the next arrives (a kept-alive connection the server closed). */
  | 'reset-reused'
  /** The next request's connection is reset before the request is passed on. */
  | 'reset-before-request'
  /** The next request reaches SES, and the connection is reset before its answer comes back. */
  | 'reset-after-answer'
  /** Every request's connection is reset before the request is passed on. */
  | 'reset-always'
  | 'none';

interface BreakingProxy {
  endpoint: string;
  breakage: Breakage;
  connections: number;
  resets: number;
  close(): Promise<void>;
}

async function startBreakingProxy(target: string): Promise<BreakingProxy> {
  const { port: targetPort } = new URL(target);
  const sockets = new Set<Socket>();
  const proxy: BreakingProxy = { endpoint: '', breakage: 'none', connections: 0, resets: 0, close: async () => {} };
  const reset = (socket: Socket) => {
    proxy.resets += 1;
    socket.resetAndDestroy();
  };
  const server: Server = createServer((client) => {
    proxy.connections += 1;
    sockets.add(client);
    let requests = 0;
    let upstream: Socket | null = null;
    client.on('error', () => undefined);
    client.on('close', () => {
      sockets.delete(client);
      upstream?.destroy();
    });
    client.on('data', (chunk) => {
      const startsRequest = /^[A-Z]+ \S+ HTTP\/1\.1\r\n/.test(chunk.toString('latin1', 0, 64));
      if (startsRequest) {
        requests += 1;
        const breakage = proxy.breakage;
        if (
          breakage === 'reset-always' ||
          breakage === 'reset-before-request' ||
          (breakage === 'reset-reused' && requests > 1)
        ) {
          if (breakage === 'reset-before-request') proxy.breakage = 'none';
          reset(client);
          return;
        }
        if (breakage === 'reset-after-answer') {
          proxy.breakage = 'none';
          const taken = createConnection({ host: '127.0.0.1', port: Number(targetPort) });
          taken.on('error', () => undefined);
          taken.once('data', () => {
            taken.destroy();
            reset(client);
          });
          taken.write(chunk);
          return;
        }
      }
      if (!upstream) {
        upstream = createConnection({ host: '127.0.0.1', port: Number(targetPort) });
        upstream.on('error', () => client.destroy());
        upstream.on('data', (answer) => client.write(answer));
        upstream.on('close', () => client.end());
      }
      upstream.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  proxy.endpoint = `http://127.0.0.1:${port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return proxy;
}

const dynamo = dynamoClientForTests();
const markers = createNotificationMarkers({ dynamo, tableName: tableNamesForTests().idempotency, leaseSeconds: 60 });
let standIn: SesStandIn;
let proxy: BreakingProxy;

beforeAll(async () => {
  standIn = await startSesStandIn();
  proxy = await startBreakingProxy(standIn.endpoint);
});

afterAll(async () => {
  await proxy.close();
  await standIn.stop();
  dynamo.destroy();
});

/** The mailer as the service composes it: the service's own SES client (functions/composition/clients.ts). */
function serviceMailer() {
  return createNotificationMailer({
    ses: serviceSesClient({ AWS_REGION: 'eu-west-2', SES_ENDPOINT: proxy.endpoint }),
    markers,
    from: 'no-reply@prevent.localhost',
    clock: () => new Date(),
  });
}

async function mailsAbout(subject: string) {
  return (await standIn.mails()).filter((mail) => mail.subject === subject);
}

function notice(label: string) {
  const subject = `New Prevent referral ${label}-${uniqueStreamId()}`;
  return { subject, text: 'Reference in the subject' };
}

describe('the notification mailer when the connection to SES breaks', () => {
  it('loses no notice to a kept-alive connection closed as the next send goes out: each send has a connection of its own', async () => {
    proxy.breakage = 'reset-reused';
    const mailer = serviceMailer();
    const mails = [notice('a'), notice('b'), notice('c')];
    const before = { connections: proxy.connections, resets: proxy.resets };
    for (const mail of mails) {
      const key = { streamId: uniqueStreamId(), version: 2, recipient: 'police:E23000014' };
      expect(await mailer.send(key, 'prevent.e23000014@mailbox.invalid', mail)).toBe('sent');
    }
    for (const mail of mails) expect(await mailsAbout(mail.subject)).toHaveLength(1);
    expect(proxy.resets - before.resets).toBe(0);
    expect(proxy.connections - before.connections).toBe(3);
    proxy.breakage = 'none';
  });

  it('sends once more, and once only, a notice whose connection was reset before SES read it', async () => {
    proxy.breakage = 'reset-before-request';
    const mail = notice('d');
    const key = { streamId: uniqueStreamId(), version: 2, recipient: 'police:E23000014' };
    const resets = proxy.resets;
    expect(await serviceMailer().send(key, 'prevent.e23000014@mailbox.invalid', mail)).toBe('sent');
    expect(proxy.resets - resets).toBe(1);
    expect(await mailsAbout(mail.subject)).toHaveLength(1);
  });

  it('tells the destination twice rather than never when the reset came after SES took the notice (the trade chosen)', async () => {
    proxy.breakage = 'reset-after-answer';
    const mail = notice('e');
    const key = { streamId: uniqueStreamId(), version: 2, recipient: 'police:E23000014' };
    expect(await serviceMailer().send(key, 'prevent.e23000014@mailbox.invalid', mail)).toBe('sent');
    expect(await mailsAbout(mail.subject)).toHaveLength(2);
  });

  it('records the outcome as unknown when the connection breaks twice, and never sends a third time', async () => {
    proxy.breakage = 'reset-always';
    const mail = notice('f');
    const key = { streamId: uniqueStreamId(), version: 2, recipient: 'police:E23000014' };
    const resets = proxy.resets;
    const mailer = serviceMailer();
    expect(await mailer.send(key, 'prevent.e23000014@mailbox.invalid', mail)).toBe('outcome-unknown');
    expect(proxy.resets - resets).toBe(2);
    proxy.breakage = 'none';
    expect(await mailer.send(key, 'prevent.e23000014@mailbox.invalid', mail)).toBe('outcome-unknown');
    expect(await serviceMailer().send(key, 'prevent.e23000014@mailbox.invalid', mail)).toBe('outcome-unknown');
    expect(await mailsAbout(mail.subject)).toHaveLength(0);
  });
});
