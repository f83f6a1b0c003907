import type { Issue } from '../bundle/issues';
import type { Bundle } from '../bundle/types';
import { validateBundle } from '../bundle/validate';
import { type BallotChainFailure, verifyBallotChain } from '../chain/ballot-chain';
import type { JurisdictionProfile } from '../profiles/types';
import { countBundle } from './count-bundle';
import { type RecountJson, toRecountJson } from './present';
import type { BundleCount } from './types';

export type RecountOutcome =
  | { readonly status: 'counted'; readonly bundle: Bundle; readonly count: BundleCount; readonly json: RecountJson }
  | { readonly status: 'invalid'; readonly issues: readonly Issue[] }
  | { readonly status: 'chain_broken'; readonly failure: BallotChainFailure };

/**
 * The whole independent recount of parsed bundle JSON: validate (every problem, nothing counted),
 * verify the hash chain (and the published head, when given), then count under the profile.
 */
export function recountBundle(json: unknown, profile: JurisdictionProfile, options: { expectHead?: string } = {}): RecountOutcome {
  const validation = validateBundle(json);
  if (!validation.ok) return { status: 'invalid', issues: validation.issues };
  const chain = verifyBallotChain(validation.bundle, options.expectHead);
  if (!chain.ok) return { status: 'chain_broken', failure: chain.failure };
  const count = countBundle(validation.bundle, profile);
  return { status: 'counted', bundle: validation.bundle, count, json: toRecountJson(count) };
}
