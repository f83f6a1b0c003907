import type { Ballot, Bundle } from '../bundle/types';
import type { JsonObject } from '../json/types';
import { type ChainAccess, buildChain, verifyChain, withoutHash } from './chain';
import { canonicalizeWithout } from './jcs';

/** What the ballot chain hashes: the ballot exactly as stored, without its `hash` member. */
export function ballotContent(ballot: Ballot): JsonObject {
  return withoutHash(ballot as unknown as JsonObject);
}

const ballotAccess: ChainAccess<Ballot> = {
  content: ballotContent,
  canonical: (ballot) => canonicalizeWithout(ballot as unknown as JsonObject, 'hash'),
  storedHash: (ballot) => ballot.hash,
};

export type BallotChainFailure =
  | { readonly kind: 'hash_mismatch'; readonly index: number; readonly seq: number; readonly stored: string; readonly computed: string }
  | { readonly kind: 'chain_head_mismatch'; readonly declared: string; readonly computed: string }
  | { readonly kind: 'expected_head_mismatch'; readonly expected: string; readonly computed: string };

export type BallotChainCheck = { readonly ok: true; readonly head: string } | { readonly ok: false; readonly failure: BallotChainFailure };

/**
 * Verifies the ballot chain of a (validated) bundle: hash_i = SHA-256(hash_{i-1} ‖ "\n" ‖
 * JCS(ballot_i without "hash")), hash_0 = 64 × "0"; then that the chain ends at `chainHead`, and
 * at `expectedHead` (the head the platform published) when given.
 */
export function verifyBallotChain(bundle: Bundle, expectedHead?: string): BallotChainCheck {
  const check = verifyChain(bundle.ballots, bundle.chainHead, ballotAccess);
  if (!check.ok) {
    switch (check.kind) {
      case 'hash_mismatch': {
        const { index, stored, computed } = check;
        const seq = (bundle.ballots[index] as Ballot).seq;
        return { ok: false, failure: { kind: 'hash_mismatch', index, seq, stored, computed } };
      }
      case 'head_mismatch':
        return { ok: false, failure: { kind: 'chain_head_mismatch', declared: check.expected, computed: check.computed } };
    }
  }
  if (expectedHead !== undefined && expectedHead !== check.head) {
    return { ok: false, failure: { kind: 'expected_head_mismatch', expected: expectedHead, computed: check.head } };
  }
  return { ok: true, head: check.head };
}

/**
 * Computes the hashes of ballots in seq order, as an exporter does (any `hash` member present is
 * replaced); returns the sealed ballots and the chain head.
 */
export function sealBallots<B extends object>(ballots: readonly B[]): { ballots: (B & { hash: string })[]; chainHead: string } {
  const { hashes, head } = buildChain(ballots.map((b) => withoutHash(b as unknown as JsonObject)));
  return { ballots: ballots.map((b, i) => ({ ...b, hash: hashes[i] as string })), chainHead: head };
}
