import { formatArea } from '../area/area';
import type { CandidateId, Choice, MotionId } from '../bundle/types';
import type { ThresholdName } from '../profiles/voting-rules';
import { assertNever } from '../errors';
import type { BundleCount, MotionCount, MotionResult, Weight } from './types';

/** The JSON `gongzhi recount --json` prints: format "gongzhi.recount/1" (shared/spec/ballot-bundle.md). */
export const RECOUNT_FORMAT = 'gongzhi.recount/1';

export interface WeightJson {
  /** m², exactly two decimals */
  readonly area: string;
  readonly holders: number;
}

interface MotionJsonBase {
  readonly id: MotionId;
  readonly threshold: ThresholdName;
  readonly eligible: WeightJson;
  readonly participated: WeightJson;
  readonly quorum: boolean;
  readonly result: MotionResult;
}

export interface ResolutionJson extends MotionJsonBase {
  readonly tally: { readonly [C in Choice]: WeightJson };
}

export interface ElectionJson extends MotionJsonBase {
  readonly candidates: readonly { readonly id: CandidateId; readonly approve: WeightJson; readonly qualified: boolean }[];
  readonly elected: readonly CandidateId[];
  readonly runoff: readonly CandidateId[];
}

export type MotionJson = ResolutionJson | ElectionJson;

export interface RecountJson {
  readonly format: typeof RECOUNT_FORMAT;
  readonly estate: string;
  readonly chainHead: string;
  readonly motions: readonly MotionJson[];
}

export function weightJson(weight: Weight): WeightJson {
  return { area: formatArea(weight.area), holders: weight.holders };
}

export function motionJson(count: MotionCount): MotionJson {
  const base = {
    id: count.id,
    threshold: count.threshold,
    eligible: weightJson(count.eligible),
    participated: weightJson(count.participated),
    quorum: count.quorum,
    result: count.result,
  };
  switch (count.kind) {
    case 'resolution':
      return {
        ...base,
        tally: {
          approve: weightJson(count.tally.approve),
          reject: weightJson(count.tally.reject),
          abstain: weightJson(count.tally.abstain),
          invalid: weightJson(count.tally.invalid),
        },
      };
    case 'election':
      return {
        ...base,
        candidates: count.candidates.map((c) => ({ id: c.id, approve: weightJson(c.approve), qualified: c.qualified })),
        elected: [...count.elected],
        runoff: [...count.runoff],
      };
    default:
      return assertNever(count, 'motion kind');
  }
}

/** The exact count as recount JSON (areas as decimal strings). */
export function toRecountJson(count: BundleCount): RecountJson {
  return { format: RECOUNT_FORMAT, estate: count.estate, chainHead: count.chainHead, motions: count.motions.map(motionJson) };
}
