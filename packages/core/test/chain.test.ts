import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type Bundle,
  GENESIS_HASH,
  buildChain,
  canonicalize,
  chainHash,
  type JsonObject,
  validateBundle,
  verifyBallotChain,
  verifyChain,
} from '../src/index';
import { holders, makeBundle, mutable, resolution } from './helpers/bundle-factory';

const sha = (text: string) => createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');

describe('chainHash', () => {
  it('is SHA-256 over prev hex ‖ "\\n" ‖ JCS(content), as lowercase hex', () => {
    const content = { b: 1, a: '共治' };
    expect(chainHash(GENESIS_HASH, content)).toBe(sha(`${'0'.repeat(64)}\n{"a":"共治","b":1}`));
    expect(chainHash(GENESIS_HASH, content)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reproduces the first hash of the spec example', () => {
    const bundle = JSON.parse(readFileSync(new URL('./fixtures/spec-examples/simple_pass.json', import.meta.url), 'utf8')) as Bundle;
    const [first] = bundle.ballots;
    if (!first) throw new Error('example has no ballot');
    const { hash, ...content } = first;
    expect(canonicalize(content)).toBe('{"castAt":"2026-03-05T10:00:00+08:00","channel":"online","choice":"approve","holder":"h1","motion":"m1","seq":1}');
    expect(chainHash(GENESIS_HASH, content)).toBe(hash);
  });

  it('rejects a malformed previous hash', () => {
    expect(() => chainHash('abc', {})).toThrow(/BAD_HASH_FORMAT/);
  });
});

describe('buildChain / verifyChain (general: filings, fund ledgers)', () => {
  const entries: JsonObject[] = [
    { kind: 'income', amount: '1200.00', memo: '停车费' },
    { kind: 'expense', amount: '300.50', memo: '电梯维保' },
    { kind: 'income', amount: '88.00', memo: '广告位' },
  ];
  const { hashes, head } = buildChain(entries);
  const stored = entries.map((e, i) => ({ ...e, hash: hashes[i] as string }));

  it('links every record to the previous one', () => {
    expect(hashes).toHaveLength(3);
    expect(hashes[0]).toBe(chainHash(GENESIS_HASH, entries[0] as JsonObject));
    expect(hashes[2]).toBe(chainHash(hashes[1] as string, entries[2] as JsonObject));
    expect(head).toBe(hashes[2]);
    expect(buildChain([])).toEqual({ hashes: [], head: GENESIS_HASH });
  });

  it('verifies records that store their own hash, and their head', () => {
    expect(verifyChain(stored)).toEqual({ ok: true, head, length: 3 });
    expect(verifyChain(stored, head)).toMatchObject({ ok: true });
    expect(verifyChain([], GENESIS_HASH)).toEqual({ ok: true, head: GENESIS_HASH, length: 0 });
  });

  it('returns the first bad index when a record was changed', () => {
    const tampered = stored.map((r, i) => (i === 1 ? { ...r, amount: '3000.50' } : r));
    expect(verifyChain(tampered)).toMatchObject({ ok: false, kind: 'hash_mismatch', index: 1, stored: hashes[1] });
  });

  it('returns the first bad index when records were swapped or one was removed', () => {
    expect(verifyChain([stored[1], stored[0], stored[2]] as JsonObject[])).toMatchObject({ ok: false, index: 0 });
    expect(verifyChain([stored[0], stored[2]] as JsonObject[])).toMatchObject({ ok: false, index: 1 });
  });

  it('reports a chain that does not end at the expected head (truncation)', () => {
    expect(verifyChain(stored.slice(0, 2), head)).toEqual({ ok: false, kind: 'head_mismatch', index: 1, expected: head, computed: hashes[1] });
  });

  it('works with any record shape through accessors', () => {
    const rows = entries.map((content, i) => ({ content, digest: hashes[i] as string }));
    expect(verifyChain(rows, head, { content: (r) => r.content, storedHash: (r) => r.digest })).toMatchObject({ ok: true, head });
    const custom = buildChain(entries, 'f'.repeat(64));
    expect(custom.head).not.toBe(head);
    const ledger = entries.map((entry, i) => ({ entry, hash: custom.hashes[i] as string }));
    expect(verifyChain(ledger, custom.head, { content: (r) => r.entry, storedHash: (r) => r.hash, genesis: 'f'.repeat(64) })).toMatchObject({ ok: true });
    expect(verifyChain(ledger, custom.head, { content: (r) => r.entry, storedHash: (r) => r.hash })).toMatchObject({ ok: false, index: 0 });
  });
});

describe('verifyBallotChain', () => {
  const bundle = makeBundle({
    holders: holders('h', 5, '100'),
    motions: [resolution('m1')],
    ballots: ['h0', 'h1', 'h2', 'h3'].map((holder) => ({ motion: 'm1', holder, choice: 'approve' as const })),
  });

  it('accepts an intact chain ending at chainHead and at the published head', () => {
    expect(verifyBallotChain(bundle)).toEqual({ ok: true, head: bundle.chainHead });
    expect(verifyBallotChain(bundle, bundle.chainHead)).toEqual({ ok: true, head: bundle.chainHead });
  });

  it('names the first changed ballot by seq and index when a choice is changed after hashing', () => {
    const raw = mutable(bundle);
    (raw.ballots[2] as Record<string, unknown>)['choice'] = 'reject';
    const tampered = raw as unknown as Bundle;
    expect(validateBundle(tampered).ok).toBe(true); // still well formed
    expect(verifyBallotChain(tampered)).toMatchObject({ ok: false, failure: { kind: 'hash_mismatch', index: 2, seq: 3 } });
  });

  it('reports a chainHead that is not the last hash, and a differing published head', () => {
    const raw = mutable(bundle);
    raw['chainHead'] = (raw.ballots[2] as { hash: string }).hash;
    expect(verifyBallotChain(raw as unknown as Bundle)).toMatchObject({ ok: false, failure: { kind: 'chain_head_mismatch' } });
    expect(verifyBallotChain(bundle, 'a'.repeat(64))).toEqual({
      ok: false,
      failure: { kind: 'expected_head_mismatch', expected: 'a'.repeat(64), computed: bundle.chainHead },
    });
  });

  it('expects 64 zeros as the head of a bundle without ballots', () => {
    const empty = makeBundle({ holders: holders('h', 1, '1'), motions: [resolution('m1')], ballots: [] });
    expect(empty.chainHead).toBe(GENESIS_HASH);
    expect(verifyBallotChain(empty)).toEqual({ ok: true, head: GENESIS_HASH });
  });
});
