import type { Choice } from '../bundle/types';
import { CHOICES } from '../bundle/types';
import { meetsBound } from '../ratio/ratio';
import type { AreaAndHolders } from '../profiles/types';
import { type Weight, ZERO_WEIGHT, addWeight } from './types';

export interface ResolutionTally {
  readonly tally: { [C in Choice]: Weight };
  readonly participated: Weight;
}

/** Sums each choice's area and heads; every ballot participates, whatever it says. */
export function tallyResolution(ballots: Iterable<{ readonly area: bigint; readonly choice: Choice }>): ResolutionTally {
  const tally = Object.fromEntries(CHOICES.map((c) => [c, ZERO_WEIGHT])) as { [C in Choice]: Weight };
  let participated = ZERO_WEIGHT;
  for (const ballot of ballots) {
    tally[ballot.choice] = addWeight(tally[ballot.choice], ballot.area);
    participated = addWeight(participated, ballot.area);
  }
  return { tally, participated };
}

/** Both dimensions must meet their bound: area AND holders. */
export function meetsBoth(part: Weight, whole: Weight, bounds: AreaAndHolders): boolean {
  return meetsBound(part.area, whole.area, bounds.area) && meetsBound(part.holders, whole.holders, bounds.holders);
}
