import ExcelJS from 'exceljs';
import { HEADERS, type ColumnKey } from '../../../src/registry/template';
import type { ParsedRow } from '../../../src/registry/parse';
import { residentIdWithCheck } from '../../../src/privacy/id-number';
import { creditCodeWithCheck } from '../../../src/registry/template';

export const ID_KEY = 'unit-test-id-key-0123456789abcdef0123456789';

/** valid resident ID numbers: id(1), id(2)… */
export const id = (n: number) => residentIdWithCheck(`11010519800101${String(n).padStart(3, '0')}`);
export const creditCode = (n: number) => creditCodeWithCheck(`91110105MA0${String(n).padStart(6, '0')}`);

/** the cells of a good row by header, overridable */
export function cells(over: Partial<Record<ColumnKey, string>> = {}): Partial<Record<ColumnKey, string>> {
  const base: Partial<Record<ColumnKey, string>> = {
    building: '1号楼', entrance: '1单元', number: '1-1-101', floor: '1', kind: '住宅', area: '89.37', areaSource: '不动产登记',
    delivered: '是', holderKind: '个人', names: '张三', idNumbers: id(1), phones: '13800138000',
  };
  const out = { ...base, ...over };
  for (const k of Object.keys(out) as ColumnKey[]) if (out[k] === '') delete out[k];
  return out;
}

/** parsed rows, numbered from row 2 as under a header */
export function rows(...list: Array<Partial<Record<ColumnKey, string>>>): ParsedRow[] {
  return list.map((c, i) => ({ row: i + 2, cells: c }));
}

/** an .xlsx written cell by cell with exceljs' ordinary writer, for odd cell types */
export async function xlsxOf(sheets: Array<{ name: string; rows: unknown[][] }>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const r of s.rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const header = () => [...HEADERS];

/**
 * GB18030 / GBK bytes of a text, from the inverse of TextDecoder('gb18030') over the two-byte
 * range (enough for Chinese text; ASCII stays one byte).
 */
let gbTable: Map<string, number[]> | null = null;
export function encodeGb18030(text: string): Buffer {
  if (!gbTable) {
    gbTable = new Map();
    const d = new TextDecoder('gb18030');
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = d.decode(new Uint8Array([a, b]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbTable.has(ch)) gbTable.set(ch, [a, b]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = gbTable.get(ch);
      if (!bytes) throw new Error(`no GB18030 two-byte code for ${ch}`);
      out.push(...bytes);
    }
  }
  return Buffer.from(out);
}
