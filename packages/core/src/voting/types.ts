import type { AreaHundredths } from '../area/area';
import type { CandidateId, Choice, HolderId, MatterCode, MotionId } from '../bundle/types';
import type { ThresholdName } from '../profiles/voting-rules';

/** 投票权数: area (exact, 0.01 m²) and heads. */
export interface Weight {
  readonly area: AreaHundredths;
  readonly holders: number;
}

/** A running sum of weights while counting (mutable; results are plain Weights). */
export class WeightSum {
  area: AreaHundredths = 0n;
  holders = 0;

  add(area: AreaHundredths): void {
    this.area += area;
    this.holders += 1;
  }

  toWeight(): Weight {
    return { area: this.area, holders: this.holders };
  }
}

export type MotionResult = 'passed' | 'failed' | 'no_quorum';

/** The motion as the engine needs it (a bundle's motion is one). */
export type CountableMotion =
  | { readonly id: MotionId; readonly matter: MatterCode; readonly kind: 'resolution' }
  | {
      readonly id: MotionId;
      readonly matter: MatterCode;
      readonly kind: 'election';
      readonly seats: number;
      readonly candidates: readonly { readonly id: CandidateId }[];
    };

/** One holder's answer on one motion. */
export type CountableBallot =
  | { readonly holder: HolderId; readonly choice: Choice }
  | { readonly holder: HolderId; readonly approve: readonly CandidateId[] };

interface MotionCountBase {
  readonly id: MotionId;
  readonly threshold: ThresholdName;
  readonly eligible: Weight;
  readonly participated: Weight;
  readonly quorum: boolean;
  readonly result: MotionResult;
}

export interface ResolutionCount extends MotionCountBase {
  readonly kind: 'resolution';
  readonly tally: { readonly [C in Choice]: Weight };
}

export interface CandidateCount {
  readonly id: CandidateId;
  readonly approve: Weight;
  readonly qualified: boolean;
}

export interface ElectionCount extends MotionCountBase {
  readonly kind: 'election';
  /** in the motion's order */
  readonly candidates: readonly CandidateCount[];
  /** in rank order (approving holders, then area, descending; ties keep the motion's order) */
  readonly elected: readonly CandidateId[];
  /** candidates tied across the last seat, in the motion's order */
  readonly runoff: readonly CandidateId[];
  /** ballots that approve no one: blank ones, and invalid ones (too many, unknown or repeated candidates) */
  readonly blank: Weight;
  readonly invalid: Weight;
}

export type MotionCount = ResolutionCount | ElectionCount;

export interface BundleCount {
  readonly estate: string;
  readonly chainHead: string;
  readonly motions: readonly MotionCount[];
}
