// Event ids: ULIDs (48-bit millisecond time + 80 random bits, Crockford base32), so ids sort by
// the time the store recorded them and never collide in practice.
import { randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

// Random bytes drawn 4 KB at a time (as crypto.randomUUID does): one call to the system's
// generator per 409 ids instead of one per id. Each byte is handed out once.
const pool = new Uint8Array(4096);
let poolUsed = pool.byteLength;

function pooledRandomBytes(bytes: number): Uint8Array {
  if (poolUsed + bytes > pool.byteLength) {
    randomFillSync(pool);
    poolUsed = 0;
  }
  poolUsed += bytes;
  return pool.subarray(poolUsed - bytes, poolUsed);
}

export function newEventId(at: Date, random: (bytes: number) => Uint8Array = pooledRandomBytes): string {
  const bytes = random(10);
  // 80 random bits as two 40-bit halves, each exact in a double: 8 characters of 5 bits each.
  return base32(at.getTime(), 10) + base32(fortyBits(bytes, 0), 8) + base32(fortyBits(bytes, 5), 8);
}

function fortyBits(bytes: Uint8Array, from: number): number {
  const low =
    (((bytes[from + 1] ?? 0) << 24) |
      ((bytes[from + 2] ?? 0) << 16) |
      ((bytes[from + 3] ?? 0) << 8) |
      (bytes[from + 4] ?? 0)) >>>
    0;
  return (bytes[from] ?? 0) * 2 ** 32 + low;
}

/** The last `length` base32 digits of a whole number, most significant first. */
function base32(value: number, length: number): string {
  let text = '';
  let rest = value;
  for (let i = 0; i < length; i += 1) {
    text = ALPHABET[rest % 32] + text;
    rest = Math.floor(rest / 32);
  }
  return text;
}
