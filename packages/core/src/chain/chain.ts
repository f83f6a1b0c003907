import { CoreError } from '../errors';
import type { JsonObject, JsonValue } from '../json/types';
import { canonicalize, canonicalizeWithout } from './jcs';
import { isHashHex, sha256Hex } from './sha256';

/** hash_0 of every chain: 64 "0" characters. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * One link of a hash chain: SHA-256( prevHex ‖ "\n" ‖ JCS(content) ) as lowercase hex, where ‖
 * concatenates the UTF-8 texts. Ballots, filings and ledger entries all chain this way.
 */
export function chainHash(prevHex: string, content: JsonValue): string {
  if (!isHashHex(prevHex)) {
    throw new CoreError(
      'BAD_HASH_FORMAT',
      `前一哈希必须是 64 位小写十六进制：${JSON.stringify(prevHex)}`,
      `the previous hash must be 64 lowercase hex characters: ${JSON.stringify(prevHex)}`,
    );
  }
  return sha256Hex(`${prevHex}\n${canonicalize(content)}`);
}

/** Hashes a sequence of record contents; `hashes[i]` belongs to `contents[i]`. */
export function buildChain(contents: readonly JsonValue[], genesis: string = GENESIS_HASH): { hashes: string[]; head: string } {
  const hashes: string[] = [];
  let prev = genesis;
  for (const content of contents) {
    prev = chainHash(prev, content);
    hashes.push(prev);
  }
  return { hashes, head: prev };
}

/** How to read a stored record: what is hashed, and the hash stored with it. */
export interface ChainAccess<R> {
  content(record: R): JsonValue;
  storedHash(record: R): string;
  /** JCS(content(record)), when it can be written faster than canonicalize(content(record)) */
  canonical?(record: R): string;
  genesis?: string;
}

export type ChainCheck =
  | { readonly ok: true; readonly head: string; readonly length: number }
  | {
      readonly ok: false;
      /** the link's stored hash differs from the recomputed one */
      readonly kind: 'hash_mismatch';
      /** index of the first record whose hash is wrong */
      readonly index: number;
      readonly stored: string;
      readonly computed: string;
    }
  | {
      readonly ok: false;
      /** every link holds, but the chain does not end at the expected head */
      readonly kind: 'head_mismatch';
      /** index of the last record (-1 for an empty chain) */
      readonly index: number;
      readonly expected: string;
      readonly computed: string;
    };

/** Records that store their own hash in a `hash` member; the content is everything else. */
export const hashFieldAccess: ChainAccess<JsonObject> = {
  content: withoutHash,
  canonical: (record) => canonicalizeWithout(record, 'hash'),
  storedHash(record) {
    const hash = record['hash'];
    return typeof hash === 'string' ? hash : '';
  },
};

/** A copy of the object without its `hash` member. */
export function withoutHash(record: JsonObject): JsonObject {
  const copy: Record<string, JsonValue> = {};
  for (const key of Object.keys(record)) {
    if (key !== 'hash') copy[key] = record[key] as JsonValue;
  }
  return copy;
}

/**
 * Recomputes the chain and returns the first bad record: the first whose stored hash differs
 * from SHA-256(previous stored hash ‖ "\n" ‖ JCS(content)); then, when `expectedHead` is given,
 * whether the chain ends there.
 */
export function verifyChain(records: readonly JsonObject[], expectedHead?: string): ChainCheck;
export function verifyChain<R>(records: readonly R[], expectedHead: string | undefined, access: ChainAccess<R>): ChainCheck;
export function verifyChain<R>(
  records: readonly R[],
  expectedHead: string | undefined,
  access?: ChainAccess<R>,
): ChainCheck {
  const read = access ?? (hashFieldAccess as unknown as ChainAccess<R>);
  let prev = read.genesis ?? GENESIS_HASH;
  for (let index = 0; index < records.length; index++) {
    const record = records[index] as R;
    const computed = read.canonical ? sha256Hex(`${prev}\n${read.canonical(record)}`) : chainHash(prev, read.content(record));
    const stored = read.storedHash(record);
    if (stored !== computed) return { ok: false, kind: 'hash_mismatch', index, stored, computed };
    prev = stored;
  }
  if (expectedHead !== undefined && expectedHead !== prev) {
    return { ok: false, kind: 'head_mismatch', index: records.length - 1, expected: expectedHead, computed: prev };
  }
  return { ok: true, head: prev, length: records.length };
}
