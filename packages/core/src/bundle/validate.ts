import { isHashHex } from '../chain/sha256';
import { type Issue, issues } from './issues';
import { Reader } from './reader';
import { BUNDLE_FORMAT, type Bundle } from './types';
import { validateBallots } from './validate-ballots';
import { validateMotions } from './validate-motions';
import { validateRoll } from './validate-roll';

const ROOT_FIELDS = new Set(['format', 'estate', 'holders', 'units', 'motions', 'ballots', 'chainHead']);
const ESTATE_FIELDS = new Set(['id', 'name']);

export type BundleValidation =
  | { readonly ok: true; readonly bundle: Bundle }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/**
 * Checks untrusted JSON against the ballot-bundle format (shared/spec/ballot-bundle.md) and
 * returns every problem at once, each with its JSON path — never just the first. Runs in time
 * linear in the bundle. The hash chain is checked separately (verifyBallotChain), because a
 * broken chain is a different failure (exit 3) from a malformed bundle (exit 2).
 *
 * On success the input object itself is returned, typed: validation copies nothing.
 */
export function validateBundle(json: unknown): BundleValidation {
  const read = new Reader();
  const root = read.object(json, '$', ROOT_FIELDS);
  if (!root) return { ok: false, issues: read.problems };

  if (root['format'] !== BUNDLE_FORMAT) read.report(issues.badFormat('$.format', root['format'], BUNDLE_FORMAT));
  const estate = root['estate'];
  if (estate === undefined) read.report(issues.missingField('$.estate'));
  else {
    const e = read.object(estate, '$.estate', ESTATE_FIELDS);
    if (e) {
      read.id(e, 'id', '$.estate');
      read.string(e, 'name', '$.estate');
    }
  }

  const roll = validateRoll(root, read);
  const motions = validateMotions(root, roll, read);
  validateBallots(root, roll, motions, read);

  const head = root['chainHead'];
  if (head === undefined) read.report(issues.missingField('$.chainHead'));
  else if (!isHashHex(head)) read.report(issues.badHashFormat('$.chainHead', head));

  if (read.problems.length > 0) return { ok: false, issues: read.problems };
  return { ok: true, bundle: json as Bundle };
}
