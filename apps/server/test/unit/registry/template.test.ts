import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  COLUMNS, HEADERS, INSTRUCTIONS_SHEET, OWNER_LIST_SHEET, TEMPLATE_EXAMPLES, buildTemplate, creditCodeWithCheck, generateOwnerList, normalizeHeader,
  writeOwnerListCsv, writeOwnerListXlsx,
} from '../../../src/registry/template';
import { parseOwnerList } from '../../../src/registry/parse';
import { validateOwnerList } from '../../../src/registry/validate';
import { isValidCreditCode, isValidResidentId } from '../../../src/privacy/id-number';
import { ID_KEY } from './helpers';

async function load(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

describe('the template', () => {
  it('has the columns in order, a bold frozen header, widths, dropdowns and the 填写说明 sheet', async () => {
    expect(HEADERS).toEqual(['楼栋', '单元', '房号', '楼层', '房屋类型', '专有部分面积(㎡)', '面积来源', '是否交付', '权利人类型', '业主姓名', '证件号码', '手机号', '不动产权证号', '购房合同号']);
    const wb = await load(await buildTemplate());
    expect(wb.worksheets.map((w) => w.name)).toEqual([OWNER_LIST_SHEET, INSTRUCTIONS_SHEET]);
    const ws = wb.getWorksheet(OWNER_LIST_SHEET)!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(11).width).toBe(22);
    const validations = (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations.model;
    const lists = Object.entries(validations).map(([range, v]) => [range.split(':')[0], v.type, v.formulae[0]]);
    expect(lists).toEqual(expect.arrayContaining([
      ['E2', 'list', '"住宅,商铺,车位,其他"'],
      ['G2', 'list', '"不动产登记,实测,合同"'],
      ['H2', 'list', '"是,否"'],
      ['I2', 'list', '"个人,共有,单位,建设单位"'],
    ]));
    const help = wb.getWorksheet(INSTRUCTIONS_SHEET)!;
    const firstColumn = help.getColumn(1).values as unknown[];
    for (const h of HEADERS) expect(firstColumn).toContain(h);
    const text = JSON.stringify(help.getSheetValues());
    expect(text).toContain('共有人');
    expect(text).toContain('co-owners');
    expect(text).toContain('建设单位');
  });

  it('round-trips: its example rows parse and validate without a single error', async () => {
    const p = await parseOwnerList(await buildTemplate(), '业主清册模板.xlsx');
    expect(p.errors).toEqual([]);
    expect(p.rows).toHaveLength(TEMPLATE_EXAMPLES.length);
    const v = validateOwnerList(p.rows, { idKey: ID_KEY, existingBuildings: [], headers: p.headers });
    expect(v.errors).toEqual([]);
    expect(v.plan.units.map((u) => [u.row, u.number, u.areaCents, u.holderKey.split(':')[0]])).toEqual([
      [2, '3-2-1501', 8937, 'co'],
      [3, '3-2-1502', 12005, 'builder'],
    ]);
  });

  it('accepts every header of the template and its aliases (one column each)', () => {
    const seen = new Map<string, string>();
    for (const c of COLUMNS) {
      for (const h of [c.header, ...c.aliases]) {
        const n = normalizeHeader(h);
        expect(seen.get(n) ?? c.key).toBe(c.key);
        seen.set(n, c.key);
      }
    }
    expect(normalizeHeader(' 专有部分面积（平方米） ')).toBe(normalizeHeader('专有部分面积(㎡)'));
    expect(normalizeHeader('*房号')).toBe('房号');
  });
});

describe('the writers', () => {
  const rows = generateOwnerList({ buildings: 2, entrancesPerBuilding: 2, floors: 6, unitsPerFloor: 4, shopsPerBuilding: 1, parkingPerBuilding: 3, seed: 11 });

  it('write .xlsx and .csv that parse back to the same cells', async () => {
    const x = await parseOwnerList(await writeOwnerListXlsx(rows), 'a.xlsx');
    const csv = writeOwnerListCsv(rows);
    expect(csv.startsWith('\uFEFF楼栋,单元,房号')).toBe(true);
    expect(csv).toContain('\r\n');
    const c = await parseOwnerList(Buffer.from(csv, 'utf8'), 'a.csv');
    expect(x.errors).toEqual([]);
    expect(c.errors).toEqual([]);
    const v = validateOwnerList(x.rows, { idKey: ID_KEY, existingBuildings: [] });
    const w = validateOwnerList(c.rows, { idKey: ID_KEY, existingBuildings: [] });
    expect(v.errors).toEqual([]);
    expect(w.plan).toEqual(v.plan);
    expect(v.plan.units.map((u) => u.number)).toEqual(rows.map((r) => r.number));
    expect(v.plan.units.map((u) => u.areaCents)).toEqual(rows.map((r) => Math.round(Number(r.area) * 100)));
  });

  it('write raw cells as given (for files with odd values)', async () => {
    const p = await parseOwnerList(await writeOwnerListXlsx([['1号楼', null, '1-1-101', 3, '住宅', '89.371', '合同', true, '个人', '张三', '110105198001011234', '', '', '']]), 'a.xlsx');
    expect(p.rows[0]!.cells).toMatchObject({ area: '89.371', delivered: '是', floor: '3' });
    expect(p.rows[0]!.cells.entrance).toBeUndefined();
  });
});

describe('generateOwnerList', () => {
  const options = { buildings: 3, entrancesPerBuilding: 2, floors: 20, unitsPerFloor: 8, seed: 5, builderShare: 0.1, coOwnerShare: 0.3, multiUnitShare: 0.2, organizationShare: 0.05, parkingPerBuilding: 10, shopsPerBuilding: 2 };
  const rows = generateOwnerList(options);

  it('is deterministic', () => {
    expect(generateOwnerList(options)).toEqual(rows);
    expect(generateOwnerList({ ...options, seed: 6 })).not.toEqual(rows);
  });

  it('makes realistic rows', () => {
    expect(rows).toHaveLength(3 * 2 * 20 * 8 + 3 * 12);
    expect(rows[0]!.number).toBe('1-1-101');
    expect(rows.find((r) => r.floor === 15)!.number).toMatch(/^\d+-\d+-15\d\d$/);
    expect(new Set(rows.map((r) => r.number)).size).toBe(rows.length);
    for (const r of rows) {
      expect(r.area).toMatch(/^\d+\.\d\d$/);
      expect(r.names.length).toBe(r.idNumbers.length);
      for (const p of r.phones) if (p) expect(p).toMatch(/^1[358]\d{9}$/);
      for (const idn of r.idNumbers) {
        if (r.holderKind === 'person' || r.holderKind === 'co_owners') expect(isValidResidentId(idn)).toBe(true);
        else expect(isValidCreditCode(idn)).toBe(true);
      }
      if (r.certificateNo) expect(r.certificateNo).toMatch(/^京\(20\d\d\)\S+区不动产权第\d{7}号$/);
    }
    const certs = rows.flatMap((r) => (r.certificateNo ? [r.certificateNo] : []));
    expect(new Set(certs).size).toBe(certs.length);
    const contracts = rows.flatMap((r) => (r.contractNo ? [r.contractNo] : []));
    expect(new Set(contracts).size).toBe(contracts.length);
    const kinds = new Set(rows.map((r) => r.kind));
    expect([...kinds].sort()).toEqual(['parking', 'residence', 'shop']);
    const holderKinds = new Set(rows.map((r) => r.holderKind));
    expect([...holderKinds].sort()).toEqual(['builder', 'co_owners', 'organization', 'person']);
    expect(rows.some((r) => !r.delivered)).toBe(true);
    const perId = new Map<string, number>();
    for (const r of rows) if (r.holderKind === 'person' && r.delivered) perId.set(r.idNumbers[0]!, (perId.get(r.idNumbers[0]!) ?? 0) + 1);
    expect([...perId.values()].some((n) => n > 1)).toBe(true);
    // the same ID number always has the same name
    const names = new Map<string, string>();
    for (const r of rows) r.idNumbers.forEach((idn, i) => {
      expect(names.get(idn) ?? r.names[i]).toBe(r.names[i]);
      names.set(idn, r.names[i]!);
    });
  });

  it('validates clean', () => {
    const v = validateOwnerList(
      rows.map((r, i) => ({ row: i + 2, cells: {
        building: r.building, ...(r.entrance ? { entrance: r.entrance } : {}), number: r.number, floor: String(r.floor), kind: { residence: '住宅', shop: '商铺', parking: '车位', other: '其他' }[r.kind],
        area: r.area, areaSource: { registry: '不动产登记', survey: '实测', contract: '合同' }[r.areaSource], delivered: r.delivered ? '是' : '否',
        holderKind: { person: '个人', co_owners: '共有', organization: '单位', builder: '建设单位' }[r.holderKind], names: r.names.join('、'), idNumbers: r.idNumbers.join('、'),
      } })),
      { idKey: ID_KEY, existingBuildings: [] },
    );
    expect(v.errors).toEqual([]);
  });

  it('computes credit-code check characters', () => {
    expect(isValidCreditCode(creditCodeWithCheck('91110105MA01ABCD2'))).toBe(true);
    expect(isValidCreditCode(creditCodeWithCheck('91350100M000100Y4'))).toBe(true);
  });
});
