import type { Instant } from '../time/rfc3339';
import { compareInstants } from '../time/rfc3339';
import { type Electorate, type WeightedUnit, buildElectorate } from '../voting/electorate';
import { issues } from './issues';
import type { Reader } from './reader';
import { MATTER_CODES, MOTION_KINDS, type CandidateId, type MotionId, type MotionKind } from './types';
import type { RollIndex } from './validate-roll';

const MOTION_FIELDS = new Set(['id', 'title', 'matter', 'kind', 'opensAt', 'closesAt', 'scope', 'seats', 'candidates']);
const CANDIDATE_FIELDS = new Set(['id', 'name']);

/** What the ballot checks need to know of a motion. */
export interface MotionIndexEntry {
  readonly kind: MotionKind | undefined;
  readonly opensAt: Instant | undefined;
  readonly closesAt: Instant | undefined;
  readonly opensAtText: string;
  readonly closesAtText: string;
  /** eligible holders, or undefined when the scope itself is broken */
  readonly electorate: Electorate | undefined;
}

/** Checks the motions against the roll and indexes them by id. */
export function validateMotions(root: Record<string, unknown>, roll: RollIndex, read: Reader): ReadonlyMap<MotionId, MotionIndexEntry> {
  const motions = new Map<MotionId, MotionIndexEntry>();
  const motionPaths = new Map<MotionId, string>();
  let wholeRoll: Electorate | undefined;
  const electorateOfAllUnits = (): Electorate => (wholeRoll ??= buildElectorate(roll.units.values()));

  read.array(root, 'motions', '$')?.forEach((raw, i) => {
    const path = `$.motions[${i}]`;
    const motion = read.object(raw, path, MOTION_FIELDS);
    if (!motion) return;
    const id = read.id(motion, 'id', path);
    read.string(motion, 'title', path);
    read.oneOf(motion, 'matter', path, MATTER_CODES);
    const kind = read.oneOf(motion, 'kind', path, MOTION_KINDS);
    const opensAt = read.timestamp(motion, 'opensAt', path);
    const closesAt = read.timestamp(motion, 'closesAt', path);
    if (opensAt && closesAt && compareInstants(opensAt, closesAt) > 0) {
      read.report(issues.badWindow(`${path}.closesAt`, String(motion['opensAt']), String(motion['closesAt'])));
    }
    const electorate = motion['scope'] === undefined ? electorateOfAllUnits() : readScope(motion['scope'], `${path}.scope`, roll, read);
    if (kind === 'election') readElection(motion, path, read);
    if (kind === 'resolution') {
      if (motion['seats'] !== undefined) read.report(issues.electionFieldOnResolution(`${path}.seats`));
      if (motion['candidates'] !== undefined) read.report(issues.electionFieldOnResolution(`${path}.candidates`));
    }
    if (id === undefined) return;
    const first = motionPaths.get(id);
    if (first !== undefined) {
      read.report(issues.duplicateId(`${path}.id`, id, first));
      return;
    }
    motionPaths.set(id, path);
    motions.set(id, {
      kind,
      opensAt,
      closesAt,
      opensAtText: String(motion['opensAt']),
      closesAtText: String(motion['closesAt']),
      electorate,
    });
  });
  return motions;
}

function readScope(raw: unknown, path: string, roll: RollIndex, read: Reader): Electorate | undefined {
  if (!Array.isArray(raw)) {
    read.report(issues.badType(path, 'array', raw));
    return undefined;
  }
  if (raw.length === 0) {
    read.report(issues.emptyScope(path));
    return undefined;
  }
  const seen = new Set<string>();
  const units: WeightedUnit[] = [];
  let broken = false;
  raw.forEach((unitId: unknown, j) => {
    const itemPath = `${path}[${j}]`;
    if (typeof unitId !== 'string') {
      read.report(issues.badType(itemPath, 'string', unitId));
      broken = true;
      return;
    }
    if (seen.has(unitId)) {
      read.report(issues.duplicateUnitInScope(itemPath, unitId));
      broken = true;
      return;
    }
    seen.add(unitId);
    const unit = roll.units.get(unitId);
    if (unit) units.push(unit);
    else {
      read.report(issues.unknownUnitInScope(itemPath, unitId));
      broken = true;
    }
  });
  return broken ? undefined : buildElectorate(units);
}

/** seats ≥ 1, and a non-empty candidate list with unique ids. */
function readElection(motion: Record<string, unknown>, path: string, read: Reader): void {
  const seats = motion['seats'];
  if (seats === undefined) read.report(issues.missingField(`${path}.seats`));
  else if (typeof seats !== 'number' || !Number.isSafeInteger(seats) || seats < 1) read.report(issues.badSeats(`${path}.seats`, seats));

  const firstPaths = new Map<CandidateId, string>();
  const list = read.array(motion, 'candidates', path);
  if (list && list.length === 0) read.report(issues.noCandidates(`${path}.candidates`));
  list?.forEach((raw, k) => {
    const candidatePath = `${path}.candidates[${k}]`;
    const candidate = read.object(raw, candidatePath, CANDIDATE_FIELDS);
    if (!candidate) return;
    const id = read.id(candidate, 'id', candidatePath);
    read.string(candidate, 'name', candidatePath);
    if (id === undefined) return;
    const first = firstPaths.get(id);
    if (first !== undefined) read.report(issues.duplicateId(`${candidatePath}.id`, id, first));
    else firstPaths.set(id, candidatePath);
  });
}
