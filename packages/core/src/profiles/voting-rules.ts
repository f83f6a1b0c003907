import type { MatterCode } from '../bundle/types';
import type { AreaAndHolders, JurisdictionProfile } from './types';

export type ThresholdName = 'majority' | 'supermajority';

/** The parameters the counting engine reads, taken from a jurisdiction profile. */
export interface VotingRules {
  readonly quorum: AreaAndHolders;
  readonly majority: AreaAndHolders;
  readonly supermajority: AreaAndHolders;
  readonly supermajorityMatters: ReadonlySet<MatterCode>;
}

export function votingRulesOf(profile: JurisdictionProfile): VotingRules {
  const p = profile.params;
  return {
    quorum: p.quorum.value,
    majority: p.majority.value,
    supermajority: p.supermajority.value,
    supermajorityMatters: new Set(p.supermajorityMatters.value),
  };
}

/** Which approval threshold a matter needs (CC 278(2)). */
export function thresholdOf(matter: MatterCode, rules: VotingRules): ThresholdName {
  return rules.supermajorityMatters.has(matter) ? 'supermajority' : 'majority';
}

export function approvalBounds(threshold: ThresholdName, rules: VotingRules): AreaAndHolders {
  switch (threshold) {
    case 'majority':
      return rules.majority;
    case 'supermajority':
      return rules.supermajority;
  }
}
