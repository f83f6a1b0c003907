import type { Choice } from '../bundle/types';
import type { AreaAndHolders } from '../profiles/types';
import { meetsBound } from '../ratio/ratio';
import { type Weight, WeightSum } from './types';

export interface ResolutionTally {
  readonly tally: { readonly [C in Choice]: Weight };
  readonly participated: Weight;
}

/** Sums each choice's area and heads; every ballot participates, whatever it says. */
export function tallyResolution(ballots: readonly { readonly holder: string; readonly choice: Choice }[], areaOf: (holder: string) => bigint): ResolutionTally {
  const sums = { approve: new WeightSum(), reject: new WeightSum(), abstain: new WeightSum(), invalid: new WeightSum() };
  const participated = new WeightSum();
  for (const ballot of ballots) {
    const area = areaOf(ballot.holder);
    sums[ballot.choice].add(area);
    participated.add(area);
  }
  return {
    tally: { approve: sums.approve.toWeight(), reject: sums.reject.toWeight(), abstain: sums.abstain.toWeight(), invalid: sums.invalid.toWeight() },
    participated: participated.toWeight(),
  };
}

/** Both dimensions must meet their bound: area AND holders. */
export function meetsBoth(part: Weight, whole: Weight, bounds: AreaAndHolders): boolean {
  return meetsBound(part.area, whole.area, bounds.area) && meetsBound(part.holders, whole.holders, bounds.holders);
}
