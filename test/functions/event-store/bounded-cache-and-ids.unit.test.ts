// The data-key cache's bounds (least recently used goes first; entries expire) and event ids.
import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../../../functions/event-store/bounded-cache.js';
import { newEventId } from '../../../functions/event-store/event-ids.js';
import { valueSizeBytes } from '../../../functions/event-store/item-size.js';

describe('bounded cache', () => {
  it('drops the least recently used entry beyond its size', () => {
    const cache = new BoundedCache<string, number>({ maxEntries: 2, ttlMs: 1_000, now: () => 0 });
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
    expect(cache.size).toBe(2);
  });

  it('forgets entries after their time to live', () => {
    let now = 0;
    const cache = new BoundedCache<string, number>({ maxEntries: 10, ttlMs: 100, now: () => now });
    cache.set('a', 1);
    now = 99;
    expect(cache.get('a')).toBe(1);
    now = 100;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});

describe('event ids', () => {
  it('are 26 Crockford base32 characters that sort by time', () => {
    const early = newEventId(new Date('2025-01-06T09:00:00.000Z'), () => new Uint8Array(10).fill(255));
    const later = newEventId(new Date('2025-01-06T09:00:00.001Z'), () => new Uint8Array(10));
    expect(early).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(early < later).toBe(true);
    expect(later.slice(10)).toBe('0'.repeat(16));
  });

  it('spell the time and all 80 random bits in Crockford base32, most significant first', () => {
    const at = new Date('2025-01-06T09:00:00.000Z');
    // Expected values worked out bit by bit from the ULID layout (48-bit time, 80-bit randomness).
    expect(newEventId(at, () => Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))).toBe('01JGXDFAM0041061050R3GG28A');
    expect(newEventId(at, () => Uint8Array.from([0xff, 0, 0xff, 0, 0x80, 0x7f, 1, 0xfe, 0x10, 0xef]))).toBe(
      '01JGXDFAM0ZW0FY040FW0ZW47F',
    );
  });
});

describe('item size', () => {
  it('counts numbers by significant digits and containers with their overhead', () => {
    expect(valueSizeBytes({ N: '1' })).toBe(2);
    expect(valueSizeBytes({ N: '123456' })).toBe(4);
    expect(valueSizeBytes({ M: { ab: { S: 'xyz' } } })).toBe(3 + 1 + 2 + 3);
    expect(valueSizeBytes({ L: [{ BOOL: true }, { NULL: true }] })).toBe(3 + 2 + 2);
    expect(valueSizeBytes({ S: 'é' })).toBe(2);
  });
});
