// The local engines hold referrals (DynamoDB Local) and mails (the SES stand-in) and take commands
// (the SQS stand-in) with no authentication at all: they must listen on the loopback interface
// only, never on every interface of the machine. Read from the kernel's own table of listening
// sockets (Linux /proc/net/tcp and tcp6), so it is what the process bound, not what it says.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSesStandIn, type SesStandIn } from '../../local/ses-stand-in.js';
import { startSqsStandIn, type SqsStandIn } from '../../local/sqs-stand-in.js';
import { dynamoEndpointForTests } from '../engines/local-engines.js';

const LISTEN = '0A';

function ipv4(hex: string): string {
  return [3, 2, 1, 0].map((index) => parseInt(hex.slice(index * 2, index * 2 + 2), 16)).join('.');
}

function ipv6(hex: string): string {
  // Four little-endian 32-bit words.
  const words = [0, 1, 2, 3].map(
    (word) =>
      hex
        .slice(word * 8, word * 8 + 8)
        .match(/../g)
        ?.reverse()
        .join('') ?? '',
  );
  const groups = words.join('').match(/..../g) ?? [];
  const text = groups.map((group) => parseInt(group, 16).toString(16)).join(':');
  if (text === '0:0:0:0:0:0:0:0') return '::';
  if (text === '0:0:0:0:0:0:0:1') return '::1';
  if (text.startsWith('0:0:0:0:0:ffff:')) return `::ffff:${ipv4(words[3]?.match(/../g)?.reverse().join('') ?? '')}`;
  return text;
}

/** The local addresses sockets listening on `port` are bound to. */
function listeningAddresses(port: number): string[] {
  const out: string[] = [];
  for (const [file, decode] of [
    ['/proc/net/tcp', ipv4],
    ['/proc/net/tcp6', ipv6],
  ] as const) {
    const lines = readFileSync(file, 'utf8').trim().split('\n').slice(1);
    for (const line of lines) {
      const [, local, , state] = line.trim().split(/\s+/);
      const [address, portHex] = (local ?? '').split(':');
      if (state === LISTEN && parseInt(portHex ?? '', 16) === port) out.push(decode(address ?? ''));
    }
  }
  return out;
}

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

let sqs: SqsStandIn;
let ses: SesStandIn;
beforeAll(async () => {
  sqs = await startSqsStandIn();
  ses = await startSesStandIn();
});
afterAll(async () => {
  await sqs?.stop();
  await ses?.stop();
});

describe.runIf(process.platform === 'linux')('local engines', () => {
  it('DynamoDB Local listens on the loopback interface only', () => {
    const addresses = listeningAddresses(Number(new URL(dynamoEndpointForTests()).port));
    expect(addresses.length).toBeGreaterThan(0);
    expect(addresses.filter((address) => !loopback.has(address))).toEqual([]);
  });

  it('the SQS stand-in listens on the loopback interface only', () => {
    const addresses = listeningAddresses(Number(new URL(sqs.endpoint).port));
    expect(addresses.length).toBeGreaterThan(0);
    expect(addresses.filter((address) => !loopback.has(address))).toEqual([]);
    expect(new URL(sqs.endpoint).hostname).toBe('127.0.0.1');
  });

  it('the SES stand-in listens on the loopback interface only', () => {
    const addresses = listeningAddresses(Number(new URL(ses.endpoint).port));
    expect(addresses.length).toBeGreaterThan(0);
    expect(addresses.filter((address) => !loopback.has(address))).toEqual([]);
  });
});
