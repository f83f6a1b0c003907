import { type AreaHundredths, tryParseArea } from '../area/area';
import { issues } from './issues';
import type { Reader } from './reader';
import { HOLDER_KINDS, type HolderId, type UnitId } from './types';

const HOLDER_FIELDS = new Set(['id', 'kind']);
const UNIT_FIELDS = new Set(['id', 'holder', 'area']);

export interface RollIndex {
  /** holder id → path of its entry */
  readonly holders: ReadonlyMap<HolderId, string>;
  /**
   * unit id → its holder and exact area, for units whose holder exists; a unit with a bad area
   * (already reported) weighs 0 here, so that it does not cause follow-on problems.
   */
  readonly units: ReadonlyMap<UnitId, { readonly holder: HolderId; readonly area: AreaHundredths }>;
}

/** Checks holders and units (the voting roll) and indexes them. */
export function validateRoll(root: Record<string, unknown>, read: Reader): RollIndex {
  const holders = new Map<HolderId, string>();
  const holderList = read.array(root, 'holders', '$');
  holderList?.forEach((raw, i) => {
    const path = `$.holders[${i}]`;
    const holder = read.object(raw, path, HOLDER_FIELDS);
    if (!holder) return;
    const id = read.id(holder, 'id', path);
    read.oneOf(holder, 'kind', path, HOLDER_KINDS);
    if (id === undefined) return;
    const first = holders.get(id);
    if (first !== undefined) read.report(issues.duplicateId(`${path}.id`, id, first));
    else holders.set(id, path);
  });

  const units = new Map<UnitId, { holder: HolderId; area: AreaHundredths }>();
  const unitPaths = new Map<UnitId, string>();
  const unitList = read.array(root, 'units', '$');
  unitList?.forEach((raw, i) => {
    const path = `$.units[${i}]`;
    const unit = read.object(raw, path, UNIT_FIELDS);
    if (!unit) return;
    const id = read.id(unit, 'id', path);
    const holder = read.id(unit, 'holder', path);
    if (holder !== undefined && holderList !== undefined && !holders.has(holder)) {
      read.report(issues.unknownHolder(`${path}.holder`, holder));
    }
    const area = readArea(unit, path, read);
    if (id === undefined) return;
    const first = unitPaths.get(id);
    if (first !== undefined) {
      read.report(issues.duplicateId(`${path}.id`, id, first));
      return;
    }
    unitPaths.set(id, path);
    if (holder !== undefined && holders.has(holder)) units.set(id, { holder, area: area ?? 0n });
  });

  return { holders, units };
}

function readArea(unit: Record<string, unknown>, path: string, read: Reader): AreaHundredths | undefined {
  const raw = unit['area'];
  if (raw === undefined) {
    read.report(issues.missingField(`${path}.area`));
    return undefined;
  }
  const parsed = tryParseArea(raw);
  if (parsed.ok) return parsed.area;
  read.report(issues.badArea(`${path}.area`, raw));
  return undefined;
}
