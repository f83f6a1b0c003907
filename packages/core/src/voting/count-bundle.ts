import { parseArea } from '../area/area';
import type { Bundle, Motion, MotionId, UnitId } from '../bundle/types';
import { CoreError } from '../errors';
import type { JurisdictionProfile } from '../profiles/types';
import { votingRulesOf } from '../profiles/voting-rules';
import { countMotion } from './count-motion';
import { type Electorate, type WeightedUnit, buildElectorate } from './electorate';
import type { BundleCount, CountableBallot } from './types';

/**
 * Counts every motion of a bundle under a jurisdiction profile. The bundle should come from
 * validateBundle (and its chain from verifyBallotChain); inconsistencies that would change the
 * count throw a CoreError instead of being counted.
 */
export function countBundle(bundle: Bundle, profile: JurisdictionProfile): BundleCount {
  const rules = votingRulesOf(profile);
  const units = new Map<UnitId, WeightedUnit>();
  for (const unit of bundle.units) units.set(unit.id, { holder: unit.holder, area: parseArea(unit.area) });

  const ballotsByMotion = new Map<MotionId, CountableBallot[]>(bundle.motions.map((m) => [m.id, []]));
  for (const ballot of bundle.ballots) {
    const list = ballotsByMotion.get(ballot.motion);
    if (!list) {
      throw new CoreError('UNKNOWN_MOTION', `选票指向未知的表决事项 ${ballot.motion}`, `a ballot names unknown motion ${ballot.motion}`);
    }
    list.push(ballot);
  }

  let wholeRoll: Electorate | undefined;
  const motions = bundle.motions.map((motion) => {
    const electorate = motion.scope ? electorateOfScope(motion, units) : (wholeRoll ??= buildElectorate(units.values()));
    return countMotion({ motion, electorate, ballots: ballotsByMotion.get(motion.id) ?? [] }, rules);
  });
  return { estate: bundle.estate.id, chainHead: bundle.chainHead, motions };
}

function electorateOfScope(motion: Motion, units: ReadonlyMap<UnitId, WeightedUnit>): Electorate {
  const scoped = (motion.scope ?? []).map((id) => {
    const unit = units.get(id);
    if (!unit) {
      throw new CoreError('UNKNOWN_UNIT_IN_SCOPE', `事项 ${motion.id} 的表决范围含未知专有部分 ${id}`, `motion ${motion.id} scopes unknown unit ${id}`);
    }
    return unit;
  });
  return buildElectorate(scoped);
}
