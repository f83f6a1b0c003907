import { describe, expect, it } from 'vitest';
import {
  normalizePhone, parseAreaCents, parseFloor, validateOwnerList, validateOwnerListAsync, type CurrentHolder, type ValidationContext,
} from '../../../src/registry/validate';
import { hashIdNumber } from '../../../src/privacy/id-number';
import { maskIdNumber, maskName } from '../../../src/privacy/mask';
import type { ParsedRow } from '../../../src/registry/parse';
import { ID_KEY, cells, creditCode, id, rows } from './helpers';

const ctx = (over: Partial<ValidationContext> = {}): ValidationContext => ({ idKey: ID_KEY, existingBuildings: [], ...over });
const codes = (list: ParsedRow[], c = ctx()) => validateOwnerList(list, c).errors.map((e) => [e.row, e.column, e.code]);
const h = (n: number) => hashIdNumber(ID_KEY, id(n));

describe('areas', () => {
  it.each([
    ['89.37', 8937], ['0.01', 1], ['100', 10000], ['100.', 10000], ['.5', 50], ['89.370', 8937], ['007.10', 710], ['1,234.56', 123456],
    ['89.37㎡', 8937], ['89.37 m2', 8937], ['89.37平方米', 8937], ['８９．３７', 8937], ['+12.3', 1230], ['999999999.99', 99999999999],
  ])('"%s" is %i hundredths of a m², exactly', (raw, cents) => {
    expect(parseAreaCents(raw)).toEqual({ ok: true, cents });
  });
  it.each([
    ['99.999', 'ROW_AREA_DECIMALS'], ['0.001', 'ROW_AREA_DECIMALS'], ['89.3700000000001', 'ROW_AREA_DECIMALS'],
    ['-3', 'ROW_NEGATIVE_AREA'], ['0', 'ROW_NEGATIVE_AREA'], ['0.00', 'ROW_NEGATIVE_AREA'], ['-0.5', 'ROW_NEGATIVE_AREA'],
    ['abc', 'ROW_BAD_AREA'], ['', 'ROW_BAD_AREA'], ['.', 'ROW_BAD_AREA'], ['1e3', 'ROW_BAD_AREA'], ['89,37', 'ROW_BAD_AREA'], ['1.2.3', 'ROW_BAD_AREA'],
    ['1234567890', 'ROW_BAD_AREA'], ['1e-7', 'ROW_BAD_AREA'],
  ])('"%s" is %s', (raw, code) => {
    expect(parseAreaCents(raw)).toEqual({ ok: false, code });
  });
  it('never goes through floating point: 50,000 random two-decimal areas round-trip', () => {
    for (let i = 0; i < 50_000; i++) {
      const cents = Math.floor(Math.random() * 10_000_000) + 1;
      const text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
      expect(parseAreaCents(text)).toEqual({ ok: true, cents });
      // an exceljs number cell arrives as String(number): the shortest round-trip text
      expect(parseAreaCents(String(Number(text)))).toEqual({ ok: true, cents });
    }
  });
});

describe('small parsers', () => {
  it('floors', () => {
    expect([parseFloor('15'), parseFloor('15层'), parseFloor('15F'), parseFloor('-1'), parseFloor('B2'), parseFloor('地下1层'), parseFloor('负1')]).toEqual([15, 15, 15, -1, -2, -1, -1]);
    expect([parseFloor('0'), parseFloor('1.5'), parseFloor('三'), parseFloor('301'), parseFloor('')]).toEqual([null, null, null, null, null]);
  });
  it('phones', () => {
    expect(normalizePhone('138 0013-8000')).toBe('13800138000');
    expect(normalizePhone('+8613800138000')).toBe('13800138000');
    expect(normalizePhone('１３８００１３８０００')).toBe('13800138000');
    expect(normalizePhone('12800138000')).toBeNull();
    expect(normalizePhone('1380013800')).toBeNull();
    expect(normalizePhone('010-12345678')).toBeNull();
  });
});

describe('validateOwnerList', () => {
  it('turns a clean list into a plan', () => {
    const r = validateOwnerList(rows(cells(), cells({ number: '1-1-102', floor: 'B1', kind: '车位', area: '12.5', areaSource: '实测', phones: '' })), ctx());
    expect(r.errors).toEqual([]);
    expect(r.plan.units).toEqual([
      { row: 2, building: '1号楼', entrance: '1单元', number: '1-1-101', floor: 1, kind: 'residence', areaCents: 8937, areaSource: 'registry', delivered: true, holderKey: `person:${h(1)}`, certificateNo: null, contractNo: null },
      { row: 3, building: '1号楼', entrance: '1单元', number: '1-1-102', floor: -1, kind: 'parking', areaCents: 1250, areaSource: 'survey', delivered: true, holderKey: `person:${h(1)}`, certificateNo: null, contractNo: null },
    ]);
    expect(r.plan.holders).toEqual([
      { key: `person:${h(1)}`, kind: 'person', name: '张三', keep: false, owners: [{ name: '张三', idHash: h(1), idMasked: maskIdNumber(id(1)), phone: '13800138000', isVoter: true }] },
    ]);
    expect(r.plan.buildings).toEqual(['1号楼']);
    expect(r.plan.entrances).toEqual([{ building: '1号楼', name: '1单元' }]);
    // no ID number in clear anywhere in the plan
    expect(JSON.stringify(r.plan)).not.toContain(id(1));
  });

  it('groups a buyer\'s units into one holder by ID number, whatever the spelling of the number', () => {
    const lower = id(7).toLowerCase().replace(/^(\d{6})/, '$1 ');
    const r = validateOwnerList(rows(cells({ idNumbers: id(7) }), cells({ number: '1-1-102', idNumbers: lower }), cells({ number: '1-1-103', names: '李四', idNumbers: id(8) })), ctx());
    expect(r.errors).toEqual([]);
    expect(r.plan.holders.map((x) => x.key)).toEqual([`person:${h(7)}`, `person:${h(8)}`]);
    expect(r.plan.units.map((u) => u.holderKey)).toEqual([`person:${h(7)}`, `person:${h(7)}`, `person:${h(8)}`]);
  });

  it('makes all builder units and all undelivered units ONE builder holder', () => {
    const r = validateOwnerList(rows(
      cells({ holderKind: '建设单位', names: '示例置业有限公司', idNumbers: creditCode(1), delivered: '否' }),
      cells({ number: '1-1-102', holderKind: '建设单位', names: '', idNumbers: '', phones: '' }),
      cells({ number: '1-1-103', delivered: '否', idNumbers: id(3), names: '王五' }),
      cells({ number: '1-1-104', delivered: '否', holderKind: '共有', names: '赵六、钱七', idNumbers: `${id(4)}、${id(5)}`, phones: '' }),
    ), ctx());
    expect(r.errors).toEqual([]);
    expect(r.plan.units.map((u) => u.holderKey)).toEqual(['builder', 'builder', 'builder', 'builder']);
    expect(r.plan.holders).toHaveLength(1);
    expect(r.plan.holders[0]).toMatchObject({ key: 'builder', kind: 'builder', name: '示例置业有限公司', keep: false });
    expect(r.plan.holders[0]!.owners).toEqual([{ name: '示例置业有限公司', idHash: hashIdNumber(ID_KEY, creditCode(1)), idMasked: maskIdNumber(creditCode(1)), phone: '13800138000', isVoter: true }]);
  });

  it('makes co-owners of a unit one holder, the same set on two units one holder, and the first named the voter', () => {
    const r = validateOwnerList(rows(
      cells({ holderKind: '共有', names: '张三、李四', idNumbers: `${id(1)}、${id(2)}`, phones: '、13900139000' }),
      cells({ number: '1-1-102', holderKind: '共有', names: '李四，张三', idNumbers: `${id(2)},${id(1)}`, phones: ',13800138000' }),
      cells({ number: '1-1-103', holderKind: '共有', names: '张三；李四；王五', idNumbers: `${id(1)};${id(2)}；${id(3)}`, phones: '' }),
      cells({ number: '1-1-104', holderKind: '个人', names: '张三', idNumbers: id(1) }),
    ), ctx());
    expect(r.errors).toEqual([]);
    const pair = `co:${[h(1), h(2)].sort().join(',')}`;
    expect(r.plan.units.map((u) => u.holderKey)).toEqual([pair, pair, `co:${[h(1), h(2), h(3)].sort().join(',')}`, `person:${h(1)}`]);
    const co = r.plan.holders.find((x) => x.key === pair)!;
    expect(co).toMatchObject({ kind: 'co_owners', name: '张三、李四' });
    expect(co.owners.map((o) => [o.name, o.isVoter, o.phone])).toEqual([['张三', true, '13800138000'], ['李四', false, '13900139000']]);
    expect(r.plan.holders).toHaveLength(3);
  });

  it('groups an organization by its credit code', () => {
    const r = validateOwnerList(rows(
      cells({ holderKind: '单位', names: '北京某科技有限公司', idNumbers: creditCode(2), phones: '' }),
      cells({ number: '1-1-102', holderKind: '单位', names: '北京某科技有限公司', idNumbers: creditCode(2).toLowerCase(), phones: '' }),
    ), ctx());
    expect(r.errors).toEqual([]);
    expect(r.plan.holders).toEqual([expect.objectContaining({ key: `org:${hashIdNumber(ID_KEY, creditCode(2))}`, kind: 'organization', name: '北京某科技有限公司' })]);
  });

  it('reports a missing value of every required column', () => {
    for (const key of ['building', 'number', 'kind', 'area', 'areaSource', 'delivered', 'holderKind', 'names'] as const) {
      const r = validateOwnerList(rows(cells({ [key]: '' })), ctx());
      expect(r.errors.map((e) => e.code)).toContain('ROW_MISSING_VALUE');
      expect(r.plan.units).toEqual([]);
    }
    expect(codes(rows(cells({ idNumbers: '' })))).toEqual([[2, '证件号码', 'ROW_MISSING_ID']]);
    expect(codes(rows(cells({ holderKind: '单位', names: '某公司', idNumbers: '', phones: '' })))).toEqual([[2, '证件号码', 'ROW_MISSING_ID']]);
    // optional: entrance, floor, phones, certificate, contract; the builder's name and code
    expect(codes(rows(cells({ entrance: '', floor: '', phones: '' }), cells({ number: '2', holderKind: '建设单位', names: '', idNumbers: '' })))).toEqual([]);
  });

  it('reports bad areas, kinds, sources, delivery, holder kinds and floors with their column', () => {
    const list = rows(
      cells({ number: 'a', area: 'abc' }),
      cells({ number: 'b', area: '-3' }),
      cells({ number: 'c', area: '99.999' }),
      cells({ number: 'd', kind: '别墅' }),
      cells({ number: 'e', areaSource: '估算' }),
      cells({ number: 'f', delivered: '也许' }),
      cells({ number: 'g', holderKind: '租户' }),
      cells({ number: 'h', floor: '三楼' }),
      cells({ number: 'i', phones: '1380013800' }),
      cells({ number: 'j', area: '0' }),
    );
    expect(codes(list)).toEqual([
      [2, '专有部分面积(㎡)', 'ROW_BAD_AREA'],
      [3, '专有部分面积(㎡)', 'ROW_NEGATIVE_AREA'],
      [4, '专有部分面积(㎡)', 'ROW_AREA_DECIMALS'],
      [5, '房屋类型', 'ROW_BAD_KIND'],
      [6, '面积来源', 'ROW_BAD_SOURCE'],
      [7, '是否交付', 'ROW_BAD_DELIVERED'],
      [8, '权利人类型', 'ROW_BAD_HOLDER_KIND'],
      [9, '楼层', 'ROW_BAD_FLOOR'],
      [10, '手机号', 'ROW_BAD_PHONE'],
      [11, '专有部分面积(㎡)', 'ROW_NEGATIVE_AREA'],
    ]);
    const e = validateOwnerList(list, ctx()).errors;
    expect(e[3]!.messageZh).toBe('房屋类型「别墅」无效，应为：住宅、商铺、车位、其他');
    expect(e[3]!.messageEn).toBe('Unit kind "别墅" is invalid; use one of: 住宅、商铺、车位、其他');
    expect(e[8]!.messageZh).not.toContain('1380013800');
  });

  it('accepts synonyms and English codes of the enumerations', () => {
    expect(codes(rows(cells({ kind: 'residence', areaSource: '登记', delivered: '已交付', holderKind: 'person' }), cells({ number: '2', kind: '商业', areaSource: 'survey', delivered: 'Y' })))).toEqual([]);
  });

  it('reports bad ID numbers and credit codes, masked in the message', () => {
    const bad = `${id(1).slice(0, 17)}${id(1).endsWith('0') ? '1' : '0'}`;
    const r = validateOwnerList(rows(
      cells({ idNumbers: bad }),
      cells({ number: '2', idNumbers: '11010519800230123X' }),
      cells({ number: '3', holderKind: '单位', names: '某公司', idNumbers: '91110105MA01ABCD20', phones: '' }),
      cells({ number: '4', holderKind: '单位', names: '某公司', idNumbers: id(1), phones: '' }),
    ), ctx());
    expect(r.errors.map((e) => [e.row, e.code])).toEqual([[2, 'ROW_BAD_ID'], [3, 'ROW_BAD_ID'], [4, 'ROW_BAD_ID'], [5, 'ROW_BAD_ID']]);
    expect(r.errors[0]!.messageZh).toContain(maskIdNumber(bad));
    expect(r.errors[0]!.messageZh).not.toContain(bad);
    expect(r.errors[2]!.messageZh).toContain('统一社会信用代码');
  });

  it('explains an ID number Excel turned into a number', () => {
    const list: ParsedRow[] = [{ row: 2, cells: cells({ idNumbers: String(Number(id(1))) }), numbers: ['idNumbers'] }];
    const e = validateOwnerList(list, ctx()).errors;
    expect(e.map((x) => x.code)).toEqual(['ROW_BAD_ID']);
    expect(e[0]!.messageZh).toContain('文本');
  });

  it('reports co-owner mismatches', () => {
    expect(codes(rows(
      cells({ number: '1', holderKind: '共有', names: '张三、李四', idNumbers: id(1) }),
      cells({ number: '2', holderKind: '共有', names: '张三', idNumbers: id(1) }),
      cells({ number: '3', holderKind: '个人', names: '张三、李四', idNumbers: `${id(1)}、${id(2)}` }),
      cells({ number: '4', holderKind: '共有', names: '张三、李四', idNumbers: `${id(1)}、${id(1)}` }),
      cells({ number: '5', holderKind: '共有', names: '张三、李四', idNumbers: `${id(1)}、${id(2)}`, phones: '13800138000、13800138001、13800138002' }),
    ))).toEqual([
      [2, '证件号码', 'ROW_CO_OWNER_MISMATCH'],
      [3, '业主姓名', 'ROW_CO_OWNER_MISMATCH'],
      [4, '业主姓名', 'ROW_CO_OWNER_MISMATCH'],
      [5, '证件号码', 'ROW_CO_OWNER_MISMATCH'],
      [6, '手机号', 'ROW_CO_OWNER_MISMATCH'],
    ]);
  });

  it('reports BOTH rows of a unit number given twice', () => {
    const r = validateOwnerList(rows(cells({ number: '3-2-1501' }), cells({ number: '3-2-1502' }), cells({ number: ' 3－2－1501 ' })), ctx());
    expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([[2, '房号', 'ROW_DUPLICATE_UNIT'], [4, '房号', 'ROW_DUPLICATE_UNIT']]);
    expect(r.errors[0]!.messageZh).toBe('房号「3-2-1501」在文件中重复出现（第 2, 4 行）');
    expect(r.plan.units).toEqual([]);
  });

  it('reports every row of an ID number that carries different names', () => {
    expect(codes(rows(
      cells({ number: '1', names: '张三', idNumbers: id(1) }),
      cells({ number: '2', names: '张 三', idNumbers: id(1) }),
      cells({ number: '3', holderKind: '共有', names: '张山、李四', idNumbers: `${id(1)}、${id(2)}`, phones: '' }),
    ))).toEqual([[2, '证件号码', 'ROW_ID_NAME_CONFLICT'], [3, '证件号码', 'ROW_ID_NAME_CONFLICT'], [4, '证件号码', 'ROW_ID_NAME_CONFLICT']]);
  });

  it('fixes the building list after the first import, unless new buildings are allowed', () => {
    const list = rows(cells({ building: '1 号楼' }), cells({ number: '2', building: '9号楼' }));
    expect(codes(list, ctx({ existingBuildings: [] }))).toEqual([]);
    expect(codes(list, ctx({ existingBuildings: ['1号楼', '2号楼'] }))).toEqual([[3, '楼栋', 'ROW_UNKNOWN_BUILDING']]);
    const allowed = validateOwnerList(list, ctx({ existingBuildings: ['1号楼'], allowNewBuildings: true }));
    expect(allowed.errors).toEqual([]);
    expect(allowed.plan.buildings).toEqual(['1号楼', '9号楼']);
    expect(allowed.plan.allowNewBuildings).toBe(true);
  });

  it('reports EVERY bad row, several problems of one row each with its column, in row order', () => {
    const list = rows(
      cells({ number: '1', area: 'x', kind: 'y', idNumbers: '123' }),
      cells({ number: '2' }),
      cells({ number: '3', delivered: '', phones: 'abc' }),
    );
    const r = validateOwnerList(list, ctx({ headers: { area: '面积' } }));
    expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, '房屋类型', 'ROW_BAD_KIND'],
      [2, '面积', 'ROW_BAD_AREA'],
      [2, '证件号码', 'ROW_BAD_ID'],
      [4, '是否交付', 'ROW_MISSING_VALUE'],
      [4, '手机号', 'ROW_BAD_PHONE'],
    ]);
  });

  it('reports progress and gives the same answer asynchronously', async () => {
    const many = rows(...Array.from({ length: 4500 }, (_, i) => cells({ number: `1-${i}` })));
    const seen: number[] = [];
    const sync = validateOwnerList(many, ctx({ onProgress: (p) => seen.push(p) }));
    expect(seen).toEqual([1000, 2000, 3000, 4000, 4500]);
    const async = await validateOwnerListAsync(many, ctx());
    expect(async).toEqual(sync);
    expect(sync.plan.units).toHaveLength(4500);
    expect(sync.plan.holders).toHaveLength(1);
  });

  describe('masked ID numbers (a re-imported export)', () => {
    const current = new Map<string, CurrentHolder>([
      ['1-1-101', { groupKey: `person:${h(1)}`, kind: 'person', name: '张三', owners: [{ name: '张三', idMasked: maskIdNumber(id(1)) }] }],
      ['1-1-102', { groupKey: 'co:xyz', kind: 'co_owners', name: '李四、王五', owners: [{ name: '李四', idMasked: maskIdNumber(id(2)) }, { name: '王五', idMasked: maskIdNumber(id(3)) }] }],
    ]);
    it('keep the unit\'s current holder when they match it, names masked or not', () => {
      const r = validateOwnerList(rows(
        cells({ names: maskName('张三'), idNumbers: maskIdNumber(id(1)), phones: '138****8000' }),
        cells({ number: '1-1-102', holderKind: '共有', names: '王五、李*', idNumbers: `${maskIdNumber(id(3))}、${maskIdNumber(id(2))}`, phones: '' }),
      ), ctx({ currentHolders: current }));
      expect(r.errors).toEqual([]);
      expect(r.plan.units.map((u) => u.holderKey)).toEqual([`person:${h(1)}`, 'co:xyz']);
      expect(r.plan.holders.every((x) => x.keep && x.owners.length === 0)).toBe(true);
    });
    it('are an error on a new unit, for another owner, or another kind', () => {
      expect(codes(rows(
        cells({ number: '1-1-999', idNumbers: maskIdNumber(id(1)) }),
        cells({ names: '李四', idNumbers: maskIdNumber(id(2)) }),
        cells({ number: '1-1-102', idNumbers: maskIdNumber(id(2)), names: '李四' }),
      ), ctx({ currentHolders: current }))).toEqual([[2, '证件号码', 'ROW_MASKED_ID'], [3, '证件号码', 'ROW_MASKED_ID'], [4, '证件号码', 'ROW_MASKED_ID']]);
    });
    it('yield to clear ID numbers of the same holder elsewhere in the file', () => {
      const r = validateOwnerList(rows(
        cells({ idNumbers: maskIdNumber(id(1)) }),
        cells({ number: '1-1-105', idNumbers: id(1), phones: '13700137000' }),
      ), ctx({ currentHolders: current }));
      expect(r.errors).toEqual([]);
      expect(r.plan.holders).toEqual([expect.objectContaining({ key: `person:${h(1)}`, keep: false, owners: [expect.objectContaining({ phone: '13700137000' })] })]);
    });
  });
});
