import { isHashHex } from '../chain/sha256';
import { compareInstants } from '../time/rfc3339';
import { issues } from './issues';
import type { Reader } from './reader';
import { CHANNELS, CHOICES, type HolderId, type MotionId } from './types';
import type { MotionIndexEntry } from './validate-motions';
import type { RollIndex } from './validate-roll';

const BALLOT_FIELDS = new Set(['seq', 'motion', 'holder', 'channel', 'castAt', 'choice', 'approve', 'hash']);

/** Checks every ballot in one pass: shape, references, scope, duplicates, window and seq. */
export function validateBallots(
  root: Record<string, unknown>,
  roll: RollIndex,
  motions: ReadonlyMap<MotionId, MotionIndexEntry>,
  read: Reader,
): void {
  const list = read.array(root, 'ballots', '$');
  if (!list) return;
  const holdersValid = Array.isArray(root['holders']);
  const motionsValid = Array.isArray(root['motions']);
  const cast = new Map<MotionId, Map<HolderId, number>>(); // motion → holder → index of its first ballot
  let previousSeq = 0; // the seq of the previous ballot, or NaN when it had none

  for (let i = 0; i < list.length; i++) {
    const path = `$.ballots[${i}]`;
    const ballot = read.object(list[i], path, BALLOT_FIELDS);
    if (!ballot) {
      previousSeq = Number.NaN;
      continue;
    }
    previousSeq = checkSeq(ballot['seq'], `${path}.seq`, i, previousSeq, read);

    const motionId = read.id(ballot, 'motion', path);
    const holderId = read.id(ballot, 'holder', path);
    read.oneOf(ballot, 'channel', path, CHANNELS);
    const castAt = read.timestamp(ballot, 'castAt', path);
    const hash = ballot['hash'];
    if (hash === undefined) read.report(issues.missingField(`${path}.hash`));
    else if (!isHashHex(hash)) read.report(issues.badHashFormat(`${path}.hash`, hash));

    const motion = motionId === undefined ? undefined : motions.get(motionId);
    if (motionId !== undefined && !motion && motionsValid) read.report(issues.unknownMotion(`${path}.motion`, motionId));
    const holderKnown = holderId !== undefined && roll.holders.has(holderId);
    if (holderId !== undefined && !holderKnown && holdersValid) read.report(issues.unknownHolder(`${path}.holder`, holderId));

    checkAnswer(ballot, path, motion, read);

    if (!motion || holderId === undefined || motionId === undefined) continue;
    if (holderKnown && motion.electorate && !motion.electorate.weights.has(holderId)) {
      read.report(issues.holderOutsideScope(`${path}.holder`, holderId, motionId));
    }
    checkDuplicate(cast, motionId, holderId, i, read);
    if (castAt && motion.opensAt && motion.closesAt) {
      if (compareInstants(castAt, motion.opensAt) < 0 || compareInstants(castAt, motion.closesAt) > 0) {
        read.report(issues.ballotOutsideWindow(`${path}.castAt`, String(ballot['castAt']), motion.opensAtText, motion.closesAtText));
      }
    }
  }
}

/**
 * seq must be index + 1. A ballot that continues the previous one's seq is not reported again, so
 * one missing ballot is one problem (where the gap is), not one per ballot after it.
 */
function checkSeq(seq: unknown, path: string, index: number, previous: number, read: Reader): number {
  if (seq === undefined) {
    read.report(issues.missingField(path));
    return Number.NaN;
  }
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) {
    read.report(issues.badSeq(path, seq));
    return Number.NaN;
  }
  if (seq !== index + 1 && seq !== previous + 1) read.report(issues.seqGap(path, index + 1, seq));
  return seq;
}

/** A resolution ballot has a choice; an election ballot has an approve list of ids. */
function checkAnswer(ballot: Record<string, unknown>, path: string, motion: MotionIndexEntry | undefined, read: Reader): void {
  const hasChoice = ballot['choice'] !== undefined;
  const hasApprove = ballot['approve'] !== undefined;
  const kind = motion?.kind;
  if (kind === 'election' && hasChoice) read.report(issues.choiceOnElection(`${path}.choice`));
  if (kind === 'resolution' && hasApprove) read.report(issues.approveOnResolution(`${path}.approve`));
  if (hasChoice && kind !== 'election') read.oneOf(ballot, 'choice', path, CHOICES);
  if (hasApprove && kind !== 'resolution') checkApproveList(ballot['approve'], `${path}.approve`, read);
  if (kind === 'resolution' && !hasChoice) read.report(issues.missingField(`${path}.choice`));
  if (kind === 'election' && !hasApprove) read.report(issues.missingField(`${path}.approve`));
  if (kind === undefined && !hasChoice && !hasApprove) read.report(issues.missingField(`${path}.choice`));
}

/** Candidate ids must be strings; unknown, repeated or too many ids make the ballot invalid, not the bundle. */
function checkApproveList(approve: unknown, path: string, read: Reader): void {
  if (!Array.isArray(approve)) {
    read.report(issues.badType(path, 'array', approve));
    return;
  }
  approve.forEach((id: unknown, k) => {
    if (typeof id !== 'string') read.report(issues.badType(`${path}[${k}]`, 'string', id));
  });
}

function checkDuplicate(cast: Map<MotionId, Map<HolderId, number>>, motion: MotionId, holder: HolderId, index: number, read: Reader): void {
  let byHolder = cast.get(motion);
  if (!byHolder) cast.set(motion, (byHolder = new Map()));
  const first = byHolder.get(holder);
  if (first !== undefined) read.report(issues.duplicateBallot(`$.ballots[${index}].holder`, holder, motion, `$.ballots[${first}]`));
  else byHolder.set(holder, index);
}
