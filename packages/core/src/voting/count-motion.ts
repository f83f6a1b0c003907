import type { HolderId } from '../bundle/types';
import { CoreError } from '../errors';
import { type VotingRules, approvalBounds, thresholdOf } from '../profiles/voting-rules';
import { allocateSeats, qualifyCandidates, tallyElection } from './count-election';
import { meetsBoth, tallyResolution } from './count-resolution';
import type { Electorate } from './electorate';
import type { CountableBallot, CountableMotion, ElectionCount, MotionCount, ResolutionCount, Weight } from './types';

export interface MotionCountInput {
  readonly motion: CountableMotion;
  /** the eligible holders and their area in the motion's scope */
  readonly electorate: Electorate;
  /** at most one per holder, each from a holder of the electorate */
  readonly ballots: readonly CountableBallot[];
}

/**
 * Counts one motion exactly as the ballot-bundle spec says: eligible and participated area and
 * holders, quorum, then the resolution's tally and result, or the election's candidates, elected
 * and runoff. Thresholds come from `rules` (a jurisdiction profile); all arithmetic is bigint.
 *
 * The input must be consistent (validateBundle guarantees it for bundles); a ballot from outside
 * the electorate, a second ballot of one holder, or a ballot of the wrong kind throws.
 */
export function countMotion(input: MotionCountInput, rules: VotingRules): MotionCount {
  const { motion, electorate } = input;
  const areaOf = weigher(input);
  const eligible: Weight = { area: electorate.area, holders: electorate.holders };
  const threshold = thresholdOf(motion.matter, rules);
  const bounds = approvalBounds(threshold, rules);

  switch (motion.kind) {
    case 'resolution': {
      const ballots = input.ballots.map((ballot) => {
        if (!('choice' in ballot)) throw wrongKind(motion.id, ballot.holder);
        return ballot;
      });
      const { tally, participated } = tallyResolution(ballots, areaOf);
      const quorum = meetsBoth(participated, eligible, rules.quorum);
      const result = !quorum ? 'no_quorum' : meetsBoth(tally.approve, participated, bounds) ? 'passed' : 'failed';
      const count: ResolutionCount = { id: motion.id, kind: 'resolution', threshold, eligible, participated, quorum, result, tally };
      return count;
    }
    case 'election': {
      const candidateIds = motion.candidates.map((c) => c.id);
      const ballots = input.ballots.map((ballot) => {
        if (!('approve' in ballot)) throw wrongKind(motion.id, ballot.holder);
        return ballot;
      });
      const tally = tallyElection(candidateIds, motion.seats, ballots, areaOf);
      const participated = tally.participated;
      const quorum = meetsBoth(participated, eligible, rules.quorum);
      const candidates = qualifyCandidates(candidateIds, tally, bounds);
      const { elected, runoff } = quorum ? allocateSeats(candidates, motion.seats) : { elected: [], runoff: [] };
      const result = !quorum ? 'no_quorum' : elected.length === motion.seats ? 'passed' : 'failed';
      const count: ElectionCount = {
        id: motion.id,
        kind: 'election',
        threshold,
        eligible,
        participated,
        quorum,
        result,
        candidates,
        elected,
        runoff,
        blank: tally.blank,
        invalid: tally.invalid,
      };
      return count;
    }
  }
}

/** A ballot's area in the motion's scope, refusing holders outside it and second ballots. */
function weigher(input: MotionCountInput): (holder: HolderId) => bigint {
  const seen = new Set<HolderId>();
  return (holder) => {
    const area = input.electorate.weights.get(holder);
    if (area === undefined) {
      throw new CoreError(
        'HOLDER_OUTSIDE_SCOPE',
        `表决权人 ${holder} 在事项 ${input.motion.id} 的表决范围内没有专有部分`,
        `holder ${holder} has no unit in the scope of motion ${input.motion.id}`,
      );
    }
    if (seen.has(holder)) {
      throw new CoreError('DUPLICATE_BALLOT', `表决权人 ${holder} 对事项 ${input.motion.id} 有两张选票`, `holder ${holder} has two ballots on motion ${input.motion.id}`);
    }
    seen.add(holder);
    return area;
  };
}

function wrongKind(motion: string, holder: string): CoreError {
  return new CoreError(
    'BALLOT_KIND_MISMATCH',
    `表决权人 ${holder} 对事项 ${motion} 的选票类型与事项类型不符`,
    `the ballot of holder ${holder} on motion ${motion} does not match the motion's kind`,
  );
}
