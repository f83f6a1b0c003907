import { createRequire } from 'node:module';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { cellToText, decodeText, parseOwnerList } from '../../../src/registry/parse';
import { generateOwnerList, writeOwnerListCsv, writeOwnerListXlsx } from '../../../src/registry/template';
import { AppError } from '../../../src/errors';
import { encodeGb18030, header, id, xlsxOf } from './helpers';

const good: unknown[] = ['3号楼', '2单元', '3-2-1501', 15, '住宅', 89.37, '不动产登记', '是', '个人', '张三', id(1), 13800138000, '京(2023)朝阳区不动产权第0012345号', 'HT2019000123'];

describe('parseOwnerList: .xlsx', () => {
  it('reads typed cells as text: numbers by their shortest round-trip, IDs as text, phones typed as numbers', async () => {
    const buf = await xlsxOf([{ name: '业主清册', rows: [header(), good, ['3号楼', '2单元', '3-2-1502', 15, '住宅', '120.5', '实测', '否', '建设单位', '某置业有限公司', '', '', '', '']] }]);
    const p = await parseOwnerList(buf, 'list.xlsx');
    expect(p.errors).toEqual([]);
    expect(p.format).toBe('xlsx');
    expect(p.sheetName).toBe('业主清册');
    expect(p.headerRow).toBe(1);
    expect(p.rows).toHaveLength(2);
    expect(p.rows[0]).toEqual({
      row: 2,
      cells: {
        building: '3号楼', entrance: '2单元', number: '3-2-1501', floor: '15', kind: '住宅', area: '89.37', areaSource: '不动产登记', delivered: '是',
        holderKind: '个人', names: '张三', idNumbers: id(1), phones: '13800138000', certificateNo: '京(2023)朝阳区不动产权第0012345号', contractNo: 'HT2019000123',
      },
      numbers: ['floor', 'area', 'phones'],
    });
    expect(p.rows[1]!.cells.area).toBe('120.5');
    expect(p.rows[1]!.cells.idNumbers).toBeUndefined();
  });

  it('reads rich text, formula results, hyperlinks, spaces and full-width characters', async () => {
    const row = [...good];
    row[0] = { richText: [{ text: '3号', font: { bold: true } }, { text: '楼' }] };
    row[2] = '  3-2-1501 ';
    row[5] = { formula: '89+0.37', result: 89.37 };
    row[9] = { text: '张三', hyperlink: 'mailto:x@example.com' };
    row[10] = `  ${id(1).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))}  `;
    row[11] = '１３８ ００１３ ８０００';
    row[12] = '京（2023）朝阳区不动产权第0012345号';
    const buf = await xlsxOf([{ name: '业主清册', rows: [header(), row] }]);
    const p = await parseOwnerList(buf, 'list.XLSX');
    expect(p.errors).toEqual([]);
    expect(p.rows[0]!.cells).toMatchObject({
      building: '3号楼', number: '3-2-1501', area: '89.37', names: '张三', idNumbers: id(1), phones: '138 0013 8000', certificateNo: '京(2023)朝阳区不动产权第0012345号',
    });
  });

  it('reads the 业主清册 sheet, else the first sheet', async () => {
    const other = [header(), ['x']];
    const two = await xlsxOf([{ name: '封面', rows: other }, { name: '业主清册', rows: [header(), good] }]);
    const p = await parseOwnerList(two, 'a.xlsx');
    expect(p.sheetName).toBe('业主清册');
    expect(p.rows).toHaveLength(1);
    const first = await xlsxOf([{ name: 'Sheet1', rows: [header(), good, good] }, { name: '说明', rows: [['说明']] }]);
    const q = await parseOwnerList(first, 'b.xlsx');
    expect(q.sheetName).toBe('Sheet1');
    expect(q.rows).toHaveLength(2);
  });

  it('finds the header under a title row, matches header variants, skips empty rows and keeps the sheet\'s row numbers', async () => {
    const h = header().map((x) => x.replace('专有部分面积(㎡)', '专有部分面积（平方米）').replace('楼栋', ' 楼 栋 ').replace('证件号码', '身份证号'));
    const buf = await xlsxOf([{ name: 'Sheet1', rows: [['阳光花园业主清册（2024 年 3 月）'], h, good, [], [null, null], good.map((v, i) => (i === 2 ? '3-2-1502' : v))] }]);
    const p = await parseOwnerList(buf, 'a.xlsx');
    expect(p.errors).toEqual([]);
    expect(p.headerRow).toBe(2);
    expect(p.rows.map((r) => r.row)).toEqual([3, 6]);
    expect(p.headers.area).toBe('专有部分面积(㎡)'); // the same column: named as in the template
    expect(p.headers.idNumbers).toBe('身份证号');
    expect(p.headers.building).toBe('楼栋');
  });

  it('reports missing required columns and a column given twice', async () => {
    const h = header().filter((x) => x !== '房号' && x !== '面积来源');
    h.push('楼栋号');
    const p = await parseOwnerList(await xlsxOf([{ name: '业主清册', rows: [h, ['1']] }]), 'a.xlsx');
    expect(p.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [1, '楼栋号', 'FILE_DUPLICATE_COLUMN'],
      [1, '房号', 'FILE_MISSING_COLUMN'],
      [1, '面积来源', 'FILE_MISSING_COLUMN'],
    ]);
    expect(p.errors[1]!.messageZh).toContain('房号');
    expect(p.errors[1]!.messageEn).toContain('房号');
    expect(p.rows).toEqual([]);
  });

  it('reports an empty sheet, a header without rows, an old .xls and a broken file', async () => {
    expect((await parseOwnerList(Buffer.alloc(0), 'a.xlsx')).errors[0]!.code).toBe('FILE_EMPTY');
    expect((await parseOwnerList(await xlsxOf([{ name: '业主清册', rows: [] }]), 'a.xlsx')).errors[0]!.code).toBe('FILE_EMPTY');
    expect((await parseOwnerList(await xlsxOf([{ name: '业主清册', rows: [header()] }]), 'a.xlsx')).errors[0]!.code).toBe('FILE_NO_ROWS');
    expect((await parseOwnerList(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'a.xlsx')).errors[0]!.code).toBe('FILE_XLS');
    expect((await parseOwnerList(Buffer.from('PK\u0003\u0004 not really a zip'), 'a.xlsx')).errors[0]!.code).toBe('FILE_UNREADABLE');
  });

  it('refuses other file types', async () => {
    await expect(parseOwnerList(Buffer.from('x'), 'list.xls')).rejects.toBeInstanceOf(AppError);
    await expect(parseOwnerList(Buffer.from('x'), 'list.pdf')).rejects.toMatchObject({ code: 'UNSUPPORTED_FILE' });
    await expect(parseOwnerList(Buffer.from('x'), 'list')).rejects.toMatchObject({ code: 'UNSUPPORTED_FILE' });
  });

  it('stops at the row limit', async () => {
    const rows = [header(), ...Array.from({ length: 6 }, (_, i) => good.map((v, k) => (k === 2 ? `1-1-${i}` : v)))];
    const p = await parseOwnerList(await xlsxOf([{ name: '业主清册', rows }]), 'a.xlsx', { maxRows: 5 });
    expect(p.errors.map((e) => e.code)).toEqual(['FILE_TOO_MANY_ROWS']);
    expect(p.rows).toEqual([]);
  });

  it('keeps Chinese text whole across the reader\'s chunk boundaries (exceljs decodes each chunk alone)', async () => {
    const list = generateOwnerList({ buildings: 2, entrancesPerBuilding: 2, floors: 25, unitsPerFloor: 20, seed: 3 });
    const [x, c] = await Promise.all([
      parseOwnerList(await writeOwnerListXlsx(list), 'a.xlsx'),
      parseOwnerList(Buffer.from(writeOwnerListCsv(list)), 'a.csv'),
    ]);
    expect(x.rows).toHaveLength(2000);
    const strip = (r: (typeof x.rows)[number]) => ({ ...r.cells, area: String(Number(r.cells.area)) });
    expect(x.rows.map(strip)).toEqual(c.rows.map(strip));
    expect(JSON.stringify(x.rows)).not.toContain('\ufffd');
  });
  it('loses no shared strings when the temp directory is slow (exceljs #683: its zip loop ended before xl/sharedStrings.xml)', async () => {
    // exceljs' own reader parks a worksheet that comes before the shared strings in a temp file;
    // when that was slow, its loop ended early and every text cell read as {sharedString: n}
    const tmp = createRequire(createRequire(import.meta.url).resolve('exceljs'))('tmp') as { file: (cb: unknown) => void };
    const file = tmp.file;
    tmp.file = (cb) => void setTimeout(() => file.call(tmp, cb), 50);
    try {
      const list = generateOwnerList({ buildings: 1, entrancesPerBuilding: 1, floors: 3, unitsPerFloor: 2, seed: 5 });
      const p = await parseOwnerList(await writeOwnerListXlsx(list), 'a.xlsx');
      expect(p.errors).toEqual([]);
      expect(p.rows).toHaveLength(6);
    } finally {
      tmp.file = file;
    }
  });

  it('reads an .xlsx whatever the order of its parts in the zip, choosing the first sheet by tab order', async () => {
    const buf = await xlsxOf([{ name: 'Sheet1', rows: [header(), good] }, { name: '说明', rows: [['说明']] }]);
    const zip = await JSZip.loadAsync(buf);
    const reordered = new JSZip();
    // the second tab's sheet first, then the first's, the shared strings, the rest, the workbook and its relations last
    const last = ['xl/sharedStrings.xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels'];
    const rest = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir && !n.startsWith('xl/worksheets/') && !last.includes(n));
    const names = ['xl/worksheets/sheet2.xml', 'xl/worksheets/sheet1.xml', ...rest, ...last];
    for (const n of names) reordered.file(n, await zip.file(n)!.async('nodebuffer'));
    const p = await parseOwnerList(await reordered.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), 'a.xlsx');
    expect(p.errors).toEqual([]);
    expect(p.sheetName).toBe('Sheet1');
    expect(p.rows.map((r) => r.cells.number)).toEqual(['3-2-1501']);
  });
});

describe('parseOwnerList: .csv', () => {
  const line = ['3号楼', '2单元', '3-2-1501', '15', '住宅', '89.37', '不动产登记', '是', '共有', '张三、李四', `${id(1)}、${id(2)}`, '', '', ''].join(',');
  const text = `${header().join(',')}\r\n${line}\r\n,,,,\r\n\r\n${line.replace('3-2-1501', '3-2-1502')}\r\n`;
  const expected = { building: '3号楼', number: '3-2-1501', area: '89.37', names: '张三、李四', idNumbers: `${id(1)}、${id(2)}` };

  it('reads UTF-8 with and without a BOM, skipping empty rows', async () => {
    for (const buf of [Buffer.from(`\uFEFF${text}`), Buffer.from(text)]) {
      const p = await parseOwnerList(buf, 'a.csv');
      expect(p.errors).toEqual([]);
      expect(p.format).toBe('csv');
      expect(p.rows.map((r) => r.row)).toEqual([2, 5]);
      expect(p.rows[0]!.cells).toMatchObject(expected);
      expect(p.rows[0]!.numbers).toBeUndefined();
    }
  });

  it('reads GBK / GB18030 files as Chinese Excel saves them', async () => {
    const gbk = encodeGb18030(text);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    const p = await parseOwnerList(gbk, 'a.CSV');
    expect(p.errors).toEqual([]);
    expect(p.rows[0]!.cells).toMatchObject(expected);
    expect(p.headers.area).toBe('专有部分面积(㎡)');
  });

  it('reads UTF-16 tab-separated text (Excel\'s "Unicode text")', async () => {
    const tsv = text.replace(/,/g, '\t');
    const p = await parseOwnerList(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, 'utf16le')]), 'a.csv');
    expect(p.errors).toEqual([]);
    expect(p.rows[0]!.cells).toMatchObject(expected);
  });

  it('reads quoted cells with commas and line breaks', async () => {
    const quoted = `${header().join(',')}\n3号楼,,"3-2-1501",15,住宅,89.37,合同,是,共有,"张三,李四","${id(1)},${id(2)}","13800138000\n",,\n`;
    const p = await parseOwnerList(Buffer.from(quoted), 'a.csv');
    expect(p.errors).toEqual([]);
    expect(p.rows[0]!.cells).toMatchObject({ names: '张三,李四', phones: '13800138000' });
  });

  it('refuses an .xlsx renamed to .csv', async () => {
    const p = await parseOwnerList(await xlsxOf([{ name: 'x', rows: [header()] }]), 'a.csv');
    expect(p.errors[0]!.code).toBe('FILE_UNREADABLE');
  });
});

describe('cell text', () => {
  it('turns every exceljs value into trimmed NFKC text', () => {
    expect(cellToText(89.37)).toEqual({ text: '89.37', number: true });
    expect(cellToText(0.1 + 0.2)).toEqual({ text: '0.30000000000000004', number: true });
    expect(cellToText(13800138000).text).toBe('13800138000');
    expect(cellToText(110105198001011230).text).toBe('110105198001011230');
    expect(cellToText('　ＡＢ　１２　').text).toBe('AB 12');
    expect(cellToText({ formula: 'A1', result: 'x ' }).text).toBe('x');
    expect(cellToText({ sharedFormula: 'A1', result: 7 })).toEqual({ text: '7', number: true });
    expect(cellToText({ error: '#N/A' }).text).toBe('#N/A');
    expect(cellToText(true).text).toBe('是');
    expect(cellToText(null).text).toBe('');
  });

  it('decodes UTF-8, UTF-16 and GB18030', () => {
    expect(decodeText(Buffer.from('\uFEFF张三'))).toBe('张三');
    expect(decodeText(Buffer.from('张三'))).toBe('张三');
    expect(decodeText(encodeGb18030('张三、李四'))).toBe('张三、李四');
  });
});
