import type { CandidateId } from '../bundle/types';
import type { AreaAndHolders } from '../profiles/types';
import { meetsBoth } from './count-resolution';
import { type CandidateCount, type Weight, WeightSum } from './types';

export interface ElectionTally {
  readonly approvals: ReadonlyMap<CandidateId, Weight>;
  readonly participated: Weight;
  readonly blank: Weight;
  readonly invalid: Weight;
}

/**
 * A ballot approving more candidates than seats, an unknown candidate, or one candidate twice is
 * invalid: it participates and approves no one. An empty list is a blank ballot.
 */
export function tallyElection(
  candidates: readonly CandidateId[],
  seats: number,
  ballots: readonly { readonly holder: string; readonly approve: readonly CandidateId[] }[],
  areaOf: (holder: string) => bigint,
): ElectionTally {
  const sums = new Map<CandidateId, WeightSum>(candidates.map((id) => [id, new WeightSum()]));
  const participated = new WeightSum();
  const blank = new WeightSum();
  const invalid = new WeightSum();
  for (const ballot of ballots) {
    const area = areaOf(ballot.holder);
    participated.add(area);
    if (ballot.approve.length === 0) blank.add(area);
    else if (!isValidApproval(ballot.approve, sums, seats)) invalid.add(area);
    else for (const id of ballot.approve) sums.get(id)?.add(area);
  }
  const approvals = new Map<CandidateId, Weight>([...sums].map(([id, sum]) => [id, sum.toWeight()]));
  return { approvals, participated: participated.toWeight(), blank: blank.toWeight(), invalid: invalid.toWeight() };
}

function isValidApproval(approve: readonly CandidateId[], known: ReadonlyMap<CandidateId, unknown>, seats: number): boolean {
  if (approve.length > seats) return false;
  for (const id of approve) if (!known.has(id)) return false;
  // Repeated ids: a short list is scanned directly, a long one through a set (no quadratic case).
  if (approve.length <= 16) return approve.every((id, i) => approve.indexOf(id) === i);
  return new Set(approve).size === approve.length;
}

/** A candidate qualifies when its approving area and holders each pass the threshold against the participants. */
export function qualifyCandidates(
  candidates: readonly CandidateId[],
  tally: ElectionTally,
  bounds: AreaAndHolders,
): CandidateCount[] {
  return candidates.map((id) => {
    const approve = tally.approvals.get(id) ?? { area: 0n, holders: 0 };
    return { id, approve, qualified: meetsBoth(approve, tally.participated, bounds) };
  });
}

/**
 * Ranks qualified candidates by approving holders, then approving area, both descending (ties keep
 * the motion's order). The first `seats` are elected; if candidates tied on both figures straddle
 * the last seat, none of the tied is elected and all of them go to the runoff.
 */
export function allocateSeats(candidates: readonly CandidateCount[], seats: number): { elected: CandidateId[]; runoff: CandidateId[] } {
  const ranked = candidates.filter((c) => c.qualified).sort(byRank);
  if (ranked.length <= seats) return { elected: ranked.map((c) => c.id), runoff: [] };
  const last = ranked[seats - 1] as CandidateCount;
  const next = ranked[seats] as CandidateCount;
  if (byRank(last, next) !== 0) return { elected: ranked.slice(0, seats).map((c) => c.id), runoff: [] };
  const tied = (c: CandidateCount): boolean => byRank(c, last) === 0;
  const elected = ranked.slice(0, seats).filter((c) => !tied(c)).map((c) => c.id);
  const runoff = candidates.filter((c) => c.qualified && tied(c)).map((c) => c.id);
  return { elected, runoff };
}

function byRank(a: CandidateCount, b: CandidateCount): number {
  if (a.approve.holders !== b.approve.holders) return b.approve.holders - a.approve.holders;
  if (a.approve.area !== b.approve.area) return a.approve.area > b.approve.area ? -1 : 1;
  return 0;
}
