import type { CandidateId } from '../bundle/types';
import type { AreaAndHolders } from '../profiles/types';
import { meetsBoth } from './count-resolution';
import { type CandidateCount, type Weight, ZERO_WEIGHT, addWeight } from './types';

export interface ElectionBallotInput {
  readonly area: bigint;
  readonly approve: readonly CandidateId[];
}

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
  ballots: Iterable<ElectionBallotInput>,
): ElectionTally {
  const known = new Set(candidates);
  const approvals = new Map<CandidateId, Weight>(candidates.map((id) => [id, ZERO_WEIGHT]));
  let participated = ZERO_WEIGHT;
  let blank = ZERO_WEIGHT;
  let invalid = ZERO_WEIGHT;
  for (const ballot of ballots) {
    participated = addWeight(participated, ballot.area);
    if (ballot.approve.length === 0) {
      blank = addWeight(blank, ballot.area);
      continue;
    }
    if (!isValidApproval(ballot.approve, known, seats)) {
      invalid = addWeight(invalid, ballot.area);
      continue;
    }
    for (const id of ballot.approve) approvals.set(id, addWeight(approvals.get(id) ?? ZERO_WEIGHT, ballot.area));
  }
  return { approvals, participated, blank, invalid };
}

function isValidApproval(approve: readonly CandidateId[], known: ReadonlySet<CandidateId>, seats: number): boolean {
  if (approve.length > seats) return false;
  const seen = new Set<CandidateId>();
  for (const id of approve) {
    if (!known.has(id) || seen.has(id)) return false;
    seen.add(id);
  }
  return true;
}

/** A candidate qualifies when its approving area and holders each pass the threshold against the participants. */
export function qualifyCandidates(
  candidates: readonly CandidateId[],
  tally: ElectionTally,
  bounds: AreaAndHolders,
): CandidateCount[] {
  return candidates.map((id) => {
    const approve = tally.approvals.get(id) ?? ZERO_WEIGHT;
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
