import type { ImportRowErrorT } from '@gongzhi/contracts';
import type { AreaSource, HolderKind, UnitKind } from '@gongzhi/db';
import { hashIdNumber, isValidCreditCode, isValidResidentId, normalizeIdNumber } from '../privacy/id-number';
import { maskIdNumber, maskName } from '../privacy/mask';
import { importError, rowList, type ImportMessage } from './messages';
import type { ParsedRow } from './parse';
import {
  AREA_SOURCE_LABELS, COLUMNS, HOLDER_KIND_LABELS, LIST_JOINER, LIST_SEPARATORS, UNIT_KIND_LABELS, type ColumnKey,
} from './template';

/**
 * Validation of a parsed owner list: every bad row is reported (row, column, code, zh/en), and a
 * clean file becomes a plan — units keyed by 房号 and holders grouped as rules.md §1 says:
 *  - a person with several units is one holder (key: hash of the normalized ID number);
 *  - co-owners of a unit are one holder (key: their sorted ID hashes), also across units;
 *  - an organization is one holder (key: hash of its credit code);
 *  - all units of the builder, and every undelivered unit, are ONE builder holder.
 * ID numbers never leave this module in clear: only the keyed hash and the masked form.
 */

export interface CurrentOwner {
  name: string;
  idMasked: string;
}

/** A unit's current holder, for rows that carry masked ID numbers (a re-imported export). */
export interface CurrentHolder {
  groupKey: string;
  kind: HolderKind;
  name: string;
  owners: CurrentOwner[];
}

export interface ValidationContext {
  /** key of the ID-number hash */
  idKey: string;
  /** the estate's buildings; empty on its first import (then the file's buildings are created) */
  existingBuildings: Iterable<string>;
  /** let a later import create buildings that are not in the estate yet */
  allowNewBuildings?: boolean;
  /** the current holder of each existing unit, by unit number */
  currentHolders?: ReadonlyMap<string, CurrentHolder>;
  /** the file's own headers, for the column of each error */
  headers?: Partial<Record<ColumnKey, string>>;
  onProgress?: (processed: number, total: number) => void;
}

export interface PlanOwner {
  name: string;
  idHash: string;
  idMasked: string;
  /** null: not given (a stored phone is kept) */
  phone: string | null;
  isVoter: boolean;
}

export interface PlanHolder {
  /** holders.group_key */
  key: string;
  kind: HolderKind;
  name: string;
  owners: PlanOwner[];
  /**
   * true: an existing holder the file refers to without describing it (masked ID numbers of an
   * exported list, or the builder when no row names it): its name and owners are left as they are
   */
  keep: boolean;
}

export interface PlanUnit {
  row: number;
  building: string;
  entrance: string | null;
  number: string;
  floor: number | null;
  kind: UnitKind;
  areaCents: number;
  areaSource: AreaSource;
  delivered: boolean;
  holderKey: string;
  certificateNo: string | null;
  contractNo: string | null;
}

export interface ImportPlan {
  units: PlanUnit[];
  holders: PlanHolder[];
  /** building names in the order of the file */
  buildings: string[];
  entrances: Array<{ building: string; name: string }>;
  /** whether buildings not in the estate may be created */
  allowNewBuildings: boolean;
}

export interface ValidationResult {
  plan: ImportPlan;
  errors: ImportRowErrorT[];
}

export const BUILDER_KEY = 'builder';
export const DEFAULT_BUILDER_NAME = '建设单位';

const MAX = { building: 50, entrance: 50, number: 50, name: 100, orgName: 200, document: 100 } as const;

// ------------------------------------------------------------------ value parsers

/** "3 号楼" → "3号楼": whitespace dropped, dashes unified. Used for buildings, entrances, unit numbers. */
export function normalizeName(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '').replace(/[‐‑‒–—―−]/g, '-');
}

/** Unit numbers compare without whitespace, with ASCII dashes, upper case. */
export function normalizeUnitNumber(raw: string): string {
  return normalizeName(raw).toUpperCase();
}

export type AreaResult = { ok: true; cents: number } | { ok: false; code: 'ROW_BAD_AREA' | 'ROW_NEGATIVE_AREA' | 'ROW_AREA_DECIMALS' };

/**
 * A decimal area in m² to integer hundredths, exactly (no floating point): "89.37" → 8937,
 * "100" → 10000, "0.01" → 1. Trailing zeros are fine ("89.370"); a third significant decimal is
 * not ("99.999"). Units after the number (㎡, m2, 平方米) and thousands separators are tolerated.
 */
export function parseAreaCents(raw: string): AreaResult {
  let s = raw.normalize('NFKC').replace(/\s+/g, '').replace(/(m2|m²|平方米|平米)$/i, '');
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(s)) s = s.replace(/,/g, '');
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return { ok: false, code: 'ROW_BAD_AREA' };
  const sign = m[1];
  const whole = (m[2] ?? '').replace(/^0+(?=\d)/, '') || '0';
  const frac = (m[3] ?? '').replace(/0+$/, '');
  if (whole.length > 9) return { ok: false, code: 'ROW_BAD_AREA' };
  const cents = Number(whole) * 100 + Number(frac.slice(0, 2).padEnd(2, '0'));
  if (sign === '-' || (cents === 0 && frac.length <= 2)) return { ok: false, code: 'ROW_NEGATIVE_AREA' };
  if (frac.length > 2) return { ok: false, code: 'ROW_AREA_DECIMALS' };
  return { ok: true, cents };
}

/** "15", "15层", "15F" → 15; "-1", "B1", "地下1层", "负1" → -1. Zero and |floor| > 300 are not floors. */
export function parseFloor(raw: string): number | null {
  const s = raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  let m = /^(-|B|地下|负)(\d{1,3})(层|F|楼)?$/.exec(s);
  if (m) return -Number(m[2]);
  m = /^\+?(\d{1,3})(层|F|楼)?$/.exec(s);
  if (m) {
    const n = Number(m[1]);
    return n >= 1 && n <= 300 ? n : null;
  }
  return null;
}

function enumParser<T extends string>(labels: Readonly<Record<T, string>>, synonyms: Readonly<Record<string, T>>): (raw: string) => T | null {
  const map = new Map<string, T>();
  for (const [code, label] of Object.entries(labels) as Array<[T, string]>) {
    map.set(label, code);
    map.set(code.toLowerCase(), code);
  }
  for (const [word, code] of Object.entries(synonyms)) map.set(word.toLowerCase(), code);
  return (raw) => map.get(raw.normalize('NFKC').replace(/\s+/g, '').toLowerCase()) ?? null;
}

export const parseUnitKind = enumParser<UnitKind>(UNIT_KIND_LABELS, {
  住房: 'residence', 普通住宅: 'residence', 商业: 'shop', 商业用房: 'shop', 底商: 'shop', 商服: 'shop', 车库: 'parking', 停车位: 'parking', 其它: 'other',
});
export const parseAreaSource = enumParser<AreaSource>(AREA_SOURCE_LABELS, {
  登记: 'registry', 不动产登记簿: 'registry', 产权登记: 'registry', 实测面积: 'survey', 测绘: 'survey', 购房合同: 'contract', 合同约定: 'contract',
});
export const parseHolderKind = enumParser<HolderKind>(HOLDER_KIND_LABELS, {
  自然人: 'person', 共有人: 'co_owners', 'co-owners': 'co_owners', 法人: 'organization', 企业: 'organization', 开发商: 'builder', 开发企业: 'builder',
});
const DELIVERED: ReadonlyMap<string, boolean> = new Map([
  ['是', true], ['否', false], ['已交付', true], ['未交付', false], ['y', true], ['n', false], ['yes', true], ['no', false],
  ['true', true], ['false', false], ['1', true], ['0', false], ['√', true], ['×', false],
]);
export function parseDelivered(raw: string): boolean | null {
  return DELIVERED.get(raw.normalize('NFKC').replace(/\s+/g, '').toLowerCase()) ?? null;
}

/** An 11-digit mainland mobile number; +86 / 86 prefixes, spaces and dashes dropped. */
export function normalizePhone(raw: string): string | null {
  let s = raw.normalize('NFKC').replace(/[\s\-()]/g, '');
  if (/^(\+?86)1\d{10}$/.test(s)) s = s.replace(/^\+?86/, '');
  return /^1[3-9]\d{9}$/.test(s) ? s : null;
}

const isMasked = (s: string) => s.includes('*');

function splitList(raw: string | undefined, keepEmpty = false): string[] {
  if (raw === undefined) return [];
  const parts = raw.split(LIST_SEPARATORS).map((p) => p.trim());
  return keepEmpty ? parts : parts.filter((p) => p !== '');
}

// ------------------------------------------------------------------ validation

interface IdUse {
  name: string;
  rows: number[];
  conflict: boolean;
  masked: string;
}

/** one row being validated: its cells and its errors */
interface RowState {
  r: ParsedRow;
  errors: ImportRowErrorT[];
  number: string | null;
  delivered: boolean | null;
}

const ALLOWED_KINDS = Object.values(UNIT_KIND_LABELS).join('、');
const ALLOWED_SOURCES = Object.values(AREA_SOURCE_LABELS).join('、');
const ALLOWED_HOLDER_KINDS = Object.values(HOLDER_KIND_LABELS).join('、');

const charCount = (s: string) => (s.length <= 50 ? s.length : [...s].length);

class OwnerListValidator {
  readonly errors: ImportRowErrorT[] = [];
  readonly units: PlanUnit[] = [];
  readonly holders = new Map<string, PlanHolder>();
  readonly buildings: string[] = [];
  private readonly buildingSeen = new Set<string>();
  readonly entrances = new Map<string, { building: string; name: string }>();
  private readonly numberRows = new Map<string, number[]>();
  private readonly idUses = new Map<string, IdUse>();
  private readonly hashes = new Map<string, string>();
  private builderName: string | null = null;
  private builderOwner: PlanOwner | null = null;
  private readonly existing: Set<string>;
  readonly buildingsFixed: boolean;
  private readonly columnNames: Record<ColumnKey, string>;

  constructor(readonly context: ValidationContext) {
    this.existing = new Set([...context.existingBuildings].map(normalizeName));
    this.buildingsFixed = this.existing.size > 0 && !context.allowNewBuildings;
    const headers = context.headers ?? {};
    this.columnNames = Object.fromEntries(COLUMNS.map((c) => [c.key, headers[c.key] ?? c.header])) as Record<ColumnKey, string>;
  }

  col(key: ColumnKey): string {
    return this.columnNames[key];
  }

  private err(st: RowState, message: ImportMessage, key: ColumnKey, params: Record<string, string | number> = {}): void {
    st.errors.push(importError(message, st.r.row, this.col(key), params));
  }

  private required(st: RowState, key: ColumnKey): string | null {
    const v = st.r.cells[key];
    if (v === undefined || v === '') {
      this.err(st, 'ROW_MISSING_VALUE', key);
      return null;
    }
    return v;
  }

  private limited(st: RowState, key: ColumnKey, v: string | null, max: number): string | null {
    if (v !== null && charCount(v) > max) {
      this.err(st, 'ROW_VALUE_TOO_LONG', key, { max });
      return null;
    }
    return v;
  }

  private hash(normalizedId: string): string {
    let h = this.hashes.get(normalizedId);
    if (h === undefined) {
      h = hashIdNumber(this.context.idKey, normalizedId);
      this.hashes.set(normalizedId, h);
    }
    return h;
  }

  private useId(normalizedId: string, name: string, row: number): void {
    const n = normalizeName(name);
    const use = this.idUses.get(normalizedId);
    if (!use) {
      this.idUses.set(normalizedId, { name: n, rows: [row], conflict: false, masked: maskIdNumber(normalizedId) });
      return;
    }
    if (use.rows[use.rows.length - 1] !== row) use.rows.push(row);
    if (use.name !== n) use.conflict = true;
  }

  row(r: ParsedRow): void {
    const c = r.cells;
    const st: RowState = { r, errors: [], number: null, delivered: null };

    // the unit
    const buildingRaw = this.limited(st, 'building', this.required(st, 'building'), MAX.building);
    const building = buildingRaw === null ? null : normalizeName(buildingRaw);
    const entrance = c.entrance ? this.limited(st, 'entrance', normalizeName(c.entrance), MAX.entrance) : null;
    const numberRaw = this.limited(st, 'number', this.required(st, 'number'), MAX.number);
    const number = numberRaw === null ? null : normalizeUnitNumber(numberRaw);
    st.number = number;
    let floor: number | null = null;
    if (c.floor) {
      floor = parseFloor(c.floor);
      if (floor === null) this.err(st, 'ROW_BAD_FLOOR', 'floor', { value: c.floor });
    }
    const kindRaw = this.required(st, 'kind');
    const kind = kindRaw === null ? null : parseUnitKind(kindRaw);
    if (kindRaw !== null && kind === null) this.err(st, 'ROW_BAD_KIND', 'kind', { value: kindRaw, allowed: ALLOWED_KINDS });
    const areaRaw = this.required(st, 'area');
    let areaCents: number | null = null;
    if (areaRaw !== null) {
      const a = parseAreaCents(areaRaw);
      if (a.ok) areaCents = a.cents;
      else this.err(st, a.code, 'area', { value: areaRaw });
    }
    const sourceRaw = this.required(st, 'areaSource');
    const areaSource = sourceRaw === null ? null : parseAreaSource(sourceRaw);
    if (sourceRaw !== null && areaSource === null) this.err(st, 'ROW_BAD_SOURCE', 'areaSource', { value: sourceRaw, allowed: ALLOWED_SOURCES });
    const deliveredRaw = this.required(st, 'delivered');
    const delivered = deliveredRaw === null ? null : parseDelivered(deliveredRaw);
    if (deliveredRaw !== null && delivered === null) this.err(st, 'ROW_BAD_DELIVERED', 'delivered', { value: deliveredRaw });
    st.delivered = delivered;
    const certificateNo = c.certificateNo ? this.limited(st, 'certificateNo', c.certificateNo, MAX.document) : null;
    const contractNo = c.contractNo ? this.limited(st, 'contractNo', c.contractNo, MAX.document) : null;

    if (building !== null) {
      if (this.buildingsFixed && !this.existing.has(building)) this.err(st, 'ROW_UNKNOWN_BUILDING', 'building', { value: building });
      else if (!this.buildingSeen.has(building)) {
        this.buildingSeen.add(building);
        this.buildings.push(building);
      }
    }
    if (number !== null) {
      const seen = this.numberRows.get(number);
      if (seen) seen.push(r.row);
      else this.numberRows.set(number, [r.row]);
    }

    // the holder: undelivered units are the builder's, whoever the row names
    const holderKindRaw = this.required(st, 'holderKind');
    const holderKind = holderKindRaw === null ? null : parseHolderKind(holderKindRaw);
    if (holderKindRaw !== null && holderKind === null) this.err(st, 'ROW_BAD_HOLDER_KIND', 'holderKind', { value: holderKindRaw, allowed: ALLOWED_HOLDER_KINDS });
    const candidate = holderKind === null ? null : this.resolveHolder(st, holderKind);
    let holder: PlanHolder | null = null;
    if (candidate === 'builder' || (candidate !== null && delivered === false)) holder = this.builderHolder();
    else if (candidate !== null) holder = this.addHolder(candidate);

    if (st.errors.length > 0) {
      for (const e of st.errors) this.errors.push(e);
      return;
    }
    if (holder && building !== null && number !== null && kind && areaCents !== null && areaSource && delivered !== null) {
      if (entrance !== null) this.entrances.set(`${building}\u0000${entrance}`, { building, name: entrance });
      this.units.push({ row: r.row, building, entrance, number, floor, kind, areaCents, areaSource, delivered, holderKey: holder.key, certificateNo, contractNo });
    }
  }

  private phones(st: RowState): Array<string | null> {
    const out: Array<string | null> = [];
    let ok = true;
    for (const p of splitList(st.r.cells.phones, true)) {
      if (p === '' || isMasked(p)) {
        out.push(null);
        continue;
      }
      const n = normalizePhone(p);
      if (n === null) ok = false;
      out.push(n);
    }
    if (!ok) this.err(st, 'ROW_BAD_PHONE', 'phones');
    return out;
  }

  /** the row's holder, not yet added to the plan; 'builder' for the builder */
  private resolveHolder(st: RowState, kind: HolderKind): PlanHolder | 'builder' | null {
    const c = st.r.cells;
    const idNumberCell = st.r.numbers?.includes('idNumbers') ?? false;
    const phones = this.phones(st);

    if (kind === 'organization' || kind === 'builder') {
      const name = c.names ? this.limited(st, 'names', c.names, MAX.orgName) : null;
      if (kind === 'organization' && !c.names) this.err(st, 'ROW_MISSING_VALUE', 'names');
      if (phones.filter((p) => p !== null).length > 1) {
        this.err(st, 'ROW_CO_OWNER_MISMATCH', 'phones', { detailZh: '单位只能填写一个联系手机号', detailEn: 'An organization has one contact phone' });
      }
      const idRaw = c.idNumbers;
      let owner: PlanOwner | null = null;
      if (!idRaw) {
        if (kind === 'organization') this.err(st, 'ROW_MISSING_ID', 'idNumbers');
      } else if (!isMasked(idRaw)) {
        const code = normalizeIdNumber(idRaw);
        if (!isValidCreditCode(code)) this.err(st, idNumberCell ? 'ROW_BAD_ID_NUMBER_CELL' : 'ROW_BAD_CREDIT_CODE', 'idNumbers', { value: maskIdNumber(code) });
        else if (name !== null) {
          this.useId(code, name, st.r.row);
          owner = { name, idHash: this.hash(code), idMasked: maskIdNumber(code), phone: phones.find((p) => p !== null) ?? null, isVoter: true };
        }
      } else if (kind === 'organization' && st.delivered !== false) {
        return this.keptHolder(st, kind, name ? [name] : [], [idRaw]);
      }
      if (kind === 'builder') {
        if (this.builderName === null && name) this.builderName = name;
        if (this.builderOwner === null && owner) this.builderOwner = owner;
        return 'builder';
      }
      if (name === null || owner === null) return null;
      return { key: `org:${owner.idHash}`, kind: 'organization', name, owners: [owner], keep: false };
    }

    // a person or co-owners
    const names = splitList(c.names);
    const ids = splitList(c.idNumbers);
    if (names.length === 0) this.err(st, 'ROW_MISSING_VALUE', 'names');
    if (ids.length === 0) this.err(st, 'ROW_MISSING_ID', 'idNumbers');
    if (names.some((n) => charCount(n) > MAX.name)) this.err(st, 'ROW_VALUE_TOO_LONG', 'names', { max: MAX.name });
    if (kind === 'person' && names.length > 1) {
      this.err(st, 'ROW_CO_OWNER_MISMATCH', 'names', { detailZh: '“个人”只能填写一个姓名；多人共有请选择“共有”', detailEn: 'A person row has one name; choose 共有 (co-owners) for several' });
    } else if (kind === 'co_owners' && names.length === 1) {
      this.err(st, 'ROW_CO_OWNER_MISMATCH', 'names', { detailZh: '“共有”至少需要两名共有人，用“、”分隔', detailEn: 'Co-owners need at least two names, separated by 、' });
    }
    if (names.length > 0 && ids.length > 0 && names.length !== ids.length) {
      this.err(st, 'ROW_CO_OWNER_MISMATCH', 'idNumbers', {
        detailZh: `姓名有 ${names.length} 个，证件号码有 ${ids.length} 个，数量必须一致`,
        detailEn: `${names.length} names but ${ids.length} ID numbers; the counts must match`,
      });
    }
    if (phones.length > Math.max(names.length, 1)) {
      this.err(st, 'ROW_CO_OWNER_MISMATCH', 'phones', { detailZh: '手机号比姓名多', detailEn: 'More phone numbers than names' });
    }
    if (ids.some(isMasked)) return st.delivered === false ? 'builder' : this.keptHolder(st, kind, names, ids);

    const normalized: string[] = [];
    let idsOk = true;
    for (const raw of ids) {
      const id = normalizeIdNumber(raw);
      if (!isValidResidentId(id)) {
        idsOk = false;
        this.err(st, idNumberCell ? 'ROW_BAD_ID_NUMBER_CELL' : 'ROW_BAD_ID', 'idNumbers', { value: maskIdNumber(id) });
      }
      normalized.push(id);
    }
    if (new Set(normalized).size !== normalized.length) {
      idsOk = false;
      this.err(st, 'ROW_CO_OWNER_MISMATCH', 'idNumbers', { detailZh: '同一行内证件号码重复', detailEn: 'The same ID number twice in one row' });
    }
    if (!idsOk || names.length !== ids.length || names.length === 0) return null;
    if ((kind === 'person') !== (names.length === 1)) return null;
    const owners: PlanOwner[] = [];
    for (let k = 0; k < names.length; k++) {
      const id = normalized[k]!;
      this.useId(id, names[k]!, st.r.row);
      owners.push({ name: names[k]!, idHash: this.hash(id), idMasked: maskIdNumber(id), phone: phones[k] ?? null, isVoter: k === 0 });
    }
    if (kind === 'person') return { key: `person:${owners[0]!.idHash}`, kind, name: names[0]!, owners, keep: false };
    const key = `co:${owners.map((o) => o.idHash).sort().join(',')}`;
    return { key, kind: 'co_owners', name: names.join(LIST_JOINER), owners, keep: false };
  }

  /** masked ID numbers (an exported list): they may only name the unit's current holder */
  private keptHolder(st: RowState, kind: HolderKind, names: string[], ids: string[]): PlanHolder | null {
    const current = st.number === null ? undefined : this.context.currentHolders?.get(st.number);
    const ok = current !== undefined && current.kind === kind && ids.length === current.owners.length && ids.every((id, k) => {
      const masked = normalizeIdNumber(id);
      const name = names[k] === undefined ? null : normalizeName(names[k]!);
      return current.owners.some((o) => o.idMasked === masked && (name === null || name === normalizeName(o.name) || name === normalizeName(maskName(o.name))));
    });
    if (!ok || !current) {
      this.err(st, 'ROW_MASKED_ID', 'idNumbers');
      return null;
    }
    return { key: current.groupKey, kind: current.kind, name: current.name, owners: [], keep: true };
  }

  private builderHolder(): PlanHolder {
    let h = this.holders.get(BUILDER_KEY);
    if (!h) {
      h = { key: BUILDER_KEY, kind: 'builder', name: DEFAULT_BUILDER_NAME, owners: [], keep: false };
      this.holders.set(BUILDER_KEY, h);
    }
    return h;
  }

  private addHolder(h: PlanHolder): PlanHolder {
    const known = this.holders.get(h.key);
    if (!known) {
      this.holders.set(h.key, h);
      return h;
    }
    if (h.keep) return known;
    if (known.keep) {
      // the same holder with clear ID numbers elsewhere in the file: that row describes it
      known.keep = false;
      known.name = h.name;
      known.owners = h.owners;
      return known;
    }
    // a later row may give a phone the first one did not
    for (const o of h.owners) {
      const k = known.owners.find((x) => x.idHash === o.idHash);
      if (k && k.phone === null && o.phone !== null) k.phone = o.phone;
    }
    return known;
  }

  /** after the last row: the builder's name, duplicates and ID/name conflicts */
  finish(): void {
    const builder = this.holders.get(BUILDER_KEY);
    if (builder) {
      builder.name = this.builderName ?? DEFAULT_BUILDER_NAME;
      builder.owners = this.builderOwner ? [this.builderOwner] : [];
      // no row names the builder (only undelivered units): an existing builder holder stays as it is
      builder.keep = this.builderName === null && this.builderOwner === null;
    }
    // the same 房号 twice: every row of it
    for (const [number, rowsOf] of this.numberRows) {
      if (rowsOf.length < 2) continue;
      for (const row of rowsOf) this.errors.push(importError('ROW_DUPLICATE_UNIT', row, this.col('number'), { value: number, rows: rowList(rowsOf) }));
    }
    // the same ID number under different names: every row of it
    for (const use of this.idUses.values()) {
      if (!use.conflict) continue;
      for (const row of use.rows) this.errors.push(importError('ROW_ID_NAME_CONFLICT', row, this.col('idNumbers'), { value: use.masked, rows: rowList(use.rows) }));
    }
    const order = new Map(COLUMNS.map((c, i) => [this.col(c.key), i]));
    this.errors.sort((a, b) => a.row - b.row || (order.get(a.column) ?? 99) - (order.get(b.column) ?? 99));
  }
}

export function validateOwnerList(rows: readonly ParsedRow[], context: ValidationContext): ValidationResult {
  const v = new OwnerListValidator(context);
  const total = rows.length;
  for (let i = 0; i < total; i++) {
    v.row(rows[i]!);
    if ((i + 1) % 1000 === 0) context.onProgress?.(i + 1, total);
  }
  return result(v, total);
}

/** The same, giving the event loop a turn every 2,000 rows (a server stays responsive). */
export async function validateOwnerListAsync(rows: readonly ParsedRow[], context: ValidationContext): Promise<ValidationResult> {
  const v = new OwnerListValidator(context);
  const total = rows.length;
  for (let i = 0; i < total; i++) {
    v.row(rows[i]!);
    if ((i + 1) % 2000 === 0) {
      context.onProgress?.(i + 1, total);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  return result(v, total);
}

function result(v: OwnerListValidator, total: number): ValidationResult {
  v.finish();
  v.context.onProgress?.(total, total);
  const failed = v.errors.length > 0;
  return {
    plan: {
      units: failed ? [] : v.units,
      holders: failed ? [] : [...v.holders.values()],
      buildings: failed ? [] : v.buildings,
      entrances: failed ? [] : [...v.entrances.values()],
      allowNewBuildings: !v.buildingsFixed,
    },
    errors: v.errors,
  };
}
