import {
  type Ballot,
  type Bundle,
  type CandidateId,
  type Choice,
  type HolderKind,
  type MatterCode,
  type Motion,
  BUNDLE_FORMAT,
  sealBallots,
} from '../../src/index';

/** A holder and the areas of its units; units are named "<holder>-u<i>". */
export interface HolderSpec {
  readonly id: string;
  readonly kind?: HolderKind;
  readonly areas: readonly string[];
}

export type BallotSpec =
  | { readonly motion: string; readonly holder: string; readonly choice: Choice; readonly castAt?: string }
  | { readonly motion: string; readonly holder: string; readonly approve: readonly CandidateId[]; readonly castAt?: string };

export const OPENS = '2026-03-01T00:00:00+08:00';
export const CLOSES = '2026-03-16T20:00:00+08:00';
export const CAST = '2026-03-05T10:00:00+08:00';

export function resolution(id: string, matter: MatterCode = 'covenant', scope?: readonly string[]): Motion {
  return { id, title: `议题 ${id}`, matter, kind: 'resolution', opensAt: OPENS, closesAt: CLOSES, ...(scope ? { scope } : {}) };
}

export function election(id: string, seats: number, candidates: readonly string[], matter: MatterCode = 'committee_election'): Motion {
  return {
    id,
    title: `选举 ${id}`,
    matter,
    kind: 'election',
    opensAt: OPENS,
    closesAt: CLOSES,
    seats,
    candidates: candidates.map((c) => ({ id: c, name: `候选人 ${c}` })),
  };
}

/** A valid, sealed bundle (seq and hashes computed). */
export function makeBundle(spec: { holders: readonly HolderSpec[]; motions: readonly Motion[]; ballots: readonly BallotSpec[] }): Bundle {
  const unsealed = spec.ballots.map((b, i) => {
    const base = { seq: i + 1, motion: b.motion, holder: b.holder, channel: 'online' as const, castAt: b.castAt ?? CAST };
    return 'choice' in b ? { ...base, choice: b.choice } : { ...base, approve: [...b.approve] };
  });
  const { ballots, chainHead } = sealBallots(unsealed);
  return {
    format: BUNDLE_FORMAT,
    estate: { id: 'E1', name: '测试小区' },
    holders: spec.holders.map((h) => ({ id: h.id, kind: h.kind ?? 'person' })),
    units: spec.holders.flatMap((h) => h.areas.map((area, i) => ({ id: `${h.id}-u${i}`, holder: h.id, area }))),
    motions: [...spec.motions],
    ballots: ballots as Ballot[],
    chainHead,
  };
}

/** n holders "<prefix>0".."<prefix>n-1", each with one unit of `area`. */
export function holders(prefix: string, n: number, area: string): HolderSpec[] {
  return Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, areas: [area] }));
}

/** Re-seals a bundle whose ballots were changed or reordered: seq 1..n and fresh hashes. */
export function reseal(bundle: Bundle, ballots: readonly Ballot[]): Bundle {
  const renumbered = ballots.map((b, i) => {
    const { hash: _hash, ...rest } = b;
    return { ...rest, seq: i + 1 };
  });
  const sealed = sealBallots(renumbered);
  return { ...bundle, ballots: sealed.ballots as Ballot[], chainHead: sealed.chainHead };
}

/** A mutable deep copy, for tests that break a bundle on purpose. */
export function mutable(bundle: Bundle): Record<string, unknown> & { ballots: Record<string, unknown>[]; units: Record<string, unknown>[]; motions: Record<string, unknown>[]; holders: Record<string, unknown>[] } {
  return JSON.parse(JSON.stringify(bundle)) as ReturnType<typeof mutable>;
}
