import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { randomHex } from '../../../src/random';
import { newReceipts } from '../../../src/assembly/chain';
import { deviceRef } from '../../../src/assembly/ballots';
import { sha256 } from '../../../src/auth/sessions';

describe('randomHex (pooled random bytes of the hot paths)', () => {
  it('gives lowercase hex of twice the length asked, and an empty string for 0', () => {
    for (const n of [1, 16, 100, 4096, 5000]) expect(randomHex(n)).toMatch(new RegExp(`^[0-9a-f]{${2 * n}}$`));
    expect(randomHex(0)).toBe('');
  });

  it('never repeats a value across refills of the pool', () => {
    const seen = new Set<string>();
    // 16-byte values across several refills of the 16 KiB pool (and the odd sizes that straddle its end)
    for (let i = 0; i < 5000; i++) {
      seen.add(randomHex(16));
      if (i % 97 === 0) randomHex(13);
    }
    expect(seen.size).toBe(5000);
  });

  it('looks uniform: each hex digit about 1/16 of a large sample', () => {
    const s = Array.from({ length: 2000 }, () => randomHex(32)).join('');
    const counts = new Map<string, number>();
    for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(16);
    for (const n of counts.values()) expect(Math.abs(n / s.length - 1 / 16)).toBeLessThan(0.01);
  });

  it('refuses a negative or fractional length', () => {
    expect(() => randomHex(-1)).toThrow(/bad length/);
    expect(() => randomHex(1.5)).toThrow(/bad length/);
  });
});

describe('receipts and hashes of the casting path', () => {
  it('newReceipts: one 128-bit receipt per answer, all distinct, also for a request without answers', () => {
    const r = newReceipts([2, 0, 3, 1]);
    expect(r.map((x) => x.length)).toEqual([2, 0, 3, 1]);
    const flat = r.flat();
    for (const x of flat) expect(x).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(flat).size).toBe(6);
    expect(newReceipts([0, 0])).toEqual([[], []]);
  });

  it('sha256 and deviceRef give the same digests as a streaming hash', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256('业委会')).toBe(createHash('sha256').update('业委会').digest('hex'));
    expect(deviceRef('cookie-1')).toBe(createHash('sha256').update('gz-device:cookie-1').digest('hex').slice(0, 24));
    expect(deviceRef(undefined)).toBeNull();
  });
});
