import { randomBytes, randomFillSync } from 'node:crypto';

/**
 * Random bytes for the hot paths (receipts, device cookies), drawn from the CSPRNG a few
 * kilobytes at a time, as Node itself does for `randomUUID`. Each `randomBytes` call creates a
 * native job object that the garbage collector must finalize through a weak handle; on the
 * casting path those finalizers were milliseconds of every scavenge's pause (docs/benchmarks.md,
 * eighth pass). Bytes handed out are zeroed in the pool, so it never holds a value given away.
 */
const POOL_BYTES = 16384;
const pool = Buffer.alloc(POOL_BYTES);
let at = POOL_BYTES;

/** `bytes` random bytes as lowercase hex (2 × bytes characters). */
export function randomHex(bytes: number): string {
  if (!Number.isInteger(bytes) || bytes < 0) throw new Error(`randomHex: bad length ${bytes}`);
  if (bytes === 0) return '';
  if (bytes > POOL_BYTES / 4) return randomBytes(bytes).toString('hex');
  if (at + bytes > POOL_BYTES) {
    randomFillSync(pool);
    at = 0;
  }
  const hex = pool.toString('hex', at, at + bytes);
  pool.fill(0, at, at + bytes);
  at += bytes;
  return hex;
}
