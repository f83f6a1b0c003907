import type { AreaHundredths } from '../area/area';
import type { HolderId } from '../bundle/types';

/**
 * The eligible voters of one motion (the denominators): each holder with at least one unit in
 * the motion's scope, weighted by the summed area of those units. A holder counts once however
 * many units it holds (SPC art. 9): the builder's unsold units are one holder, and so is a buyer
 * of several units.
 */
export interface Electorate {
  /** area in scope of each eligible holder */
  readonly weights: ReadonlyMap<HolderId, AreaHundredths>;
  /** total area in scope */
  readonly area: AreaHundredths;
  /** number of eligible holders */
  readonly holders: number;
}

export interface WeightedUnit {
  readonly holder: HolderId;
  readonly area: AreaHundredths;
}

export function buildElectorate(units: Iterable<WeightedUnit>): Electorate {
  const weights = new Map<HolderId, AreaHundredths>();
  let area = 0n;
  for (const unit of units) {
    weights.set(unit.holder, (weights.get(unit.holder) ?? 0n) + unit.area);
    area += unit.area;
  }
  return { weights, area, holders: weights.size };
}
