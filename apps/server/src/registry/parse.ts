import { posix } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import type { ImportRowErrorT } from '@gongzhi/contracts';
import { AppError } from '../errors';
import { COLUMNS, COLUMN_BY_KEY, OWNER_LIST_SHEET, normalizeHeader, type ColumnKey } from './template';
import { fileError } from './messages';
import { ZipReader } from './zip';

/**
 * Reading an owner list (.xlsx or .csv) into rows of normalized cell text. Nothing here judges
 * the values (validate.ts does); this finds the sheet, the header row and the columns, and turns
 * every cell into trimmed NFKC text the same way whatever the cell's type.
 */

export interface ParsedRow {
  /** the row number as the spreadsheet shows it (header is row 1 in the template) */
  row: number;
  /** normalized text of the known columns; absent when empty */
  cells: Partial<Record<ColumnKey, string>>;
  /** columns whose cell was a number in the .xlsx (an ID number typed as a number loses digits) */
  numbers?: ColumnKey[];
}

export interface ParsedOwnerList {
  fileName: string;
  format: 'xlsx' | 'csv';
  /** the sheet read (xlsx) */
  sheetName: string | null;
  headerRow: number;
  /** the header of each found column as written in the file */
  headers: Partial<Record<ColumnKey, string>>;
  rows: ParsedRow[];
  /** problems with the file as a whole (missing columns, unreadable…); row errors come from validate */
  errors: ImportRowErrorT[];
}

export interface ParseOptions {
  /** more data rows than this is an error (FILE_TOO_MANY_ROWS); default 200,000 */
  maxRows?: number;
  /** called every 1,000 rows read */
  onProgress?: (rowsRead: number) => void;
}

export const MAX_ROWS = 200_000;
/** the header is looked for in the first rows (a title row above it is common) */
const HEADER_SEARCH_ROWS = 10;

export function fileFormat(fileName: string): 'xlsx' | 'csv' | null {
  const m = /\.([a-z0-9]+)$/i.exec(fileName.trim());
  const ext = m?.[1]?.toLowerCase();
  return ext === 'xlsx' ? 'xlsx' : ext === 'csv' ? 'csv' : null;
}

/** Reads an .xlsx or .csv owner list. Throws AppError('UNSUPPORTED_FILE') for other file names. */
export async function parseOwnerList(buffer: Buffer | Uint8Array, fileName: string, options: ParseOptions = {}): Promise<ParsedOwnerList> {
  const format = fileFormat(fileName);
  if (!format) throw new AppError('UNSUPPORTED_FILE');
  const buf = Buffer.isBuffer(buffer) ? buffer : Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const builder = new RowCollector(fileName, format, options);
  if (buf.length === 0) return builder.fail('FILE_EMPTY');
  if (format === 'xlsx') {
    if (buf[0] !== 0x50 || buf[1] !== 0x4b) return builder.fail(isOleFile(buf) ? 'FILE_XLS' : 'FILE_UNREADABLE');
    try {
      await readXlsx(buf, builder);
    } catch (err) {
      if (err instanceof ExceljsInternalsChanged) throw err;
      return builder.fail('FILE_UNREADABLE');
    }
  } else {
    if (buf[0] === 0x50 && buf[1] === 0x4b) return builder.fail('FILE_UNREADABLE');
    let records: string[][];
    try {
      const text = decodeText(buf);
      records = parseCsv(text, {
        delimiter: guessDelimiter(text),
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: false,
        bom: true,
      }) as string[][];
    } catch {
      return builder.fail('FILE_UNREADABLE');
    }
    for (let i = 0; i < records.length && !builder.stopped; i++) builder.push(i + 1, records[i]!.map((v) => ({ text: cleanText(v), number: false })));
    records = [];
  }
  return builder.finish();
}

const isOleFile = (b: Buffer) => b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

// ------------------------------------------------------------------ cell text

/** NFKC (full-width digits, letters and punctuation to ASCII), whitespace trimmed and collapsed. */
export function cleanText(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s\u200b\ufeff]+/g, ' ').trim();
}

interface CellText {
  text: string;
  number: boolean;
}

/**
 * Any exceljs cell value as text. A number becomes its shortest round-trip decimal string
 * (String(89.37) === "89.37"), so that areas parse exactly; rich text is joined; a formula
 * gives its cached result; a hyperlink its text.
 */
export function cellToText(value: unknown): CellText {
  if (value === null || value === undefined) return { text: '', number: false };
  if (typeof value === 'number') return { text: Number.isFinite(value) ? String(value) : '', number: true };
  if (typeof value === 'string') return { text: cleanText(value), number: false };
  if (typeof value === 'boolean') return { text: value ? '是' : '否', number: false };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), number: false };
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) {
      return { text: cleanText((v.richText as Array<{ text?: unknown }>).map((r) => (typeof r.text === 'string' ? r.text : '')).join('')), number: false };
    }
    if ('formula' in v || 'sharedFormula' in v) return cellToText(v.result);
    if ('result' in v) return cellToText(v.result);
    if (typeof v.text === 'string' || Array.isArray((v.text as { richText?: unknown } | undefined)?.richText)) return cellToText(v.text);
    if (typeof v.error === 'string') return { text: v.error, number: false };
  }
  return { text: cleanText(String(value)), number: false };
}

// ------------------------------------------------------------------ xlsx

/** Decodes UTF-8 across chunk boundaries (a character split between two chunks stays whole). */
async function* decodeUtf8(source: AsyncIterable<Buffer | string> | Iterable<Buffer>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of source) {
    const s = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (s) yield s;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

function* chunks(buf: Buffer, size: number): Generator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

class ExceljsInternalsChanged extends Error {}

interface ReaderInternals {
  workbookRels?: Array<{ Id: string; Target: string }>;
  model?: { sheets?: Array<{ name: string; rId: string }> };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<string>, sheetNo: string): Generator<{ eventType: string; value: unknown }>;
}

/**
 * The rows of one worksheet of an .xlsx, read with exceljs' streaming worksheet reader but
 * without its zip loop (WorkbookReader.parse), which loses entries: unzipper's Parse emits 'end'
 * on 'finish' while entries still wait in its buffer, so when a worksheet comes before
 * xl/sharedStrings.xml (as exceljs and others write them) and parking the sheet in a temp file
 * is slow, the loop ends early and every text cell reads as {sharedString: n} (exceljs #683;
 * seen here as a demo import failing with FILE_MISSING_COLUMN under load). Here the zip's central
 * directory is read first (zip.ts), so the workbook, its relations and the shared strings are
 * complete before a worksheet is read, whatever the order of the entries.
 *
 * Two more fixes: exceljs decodes every inflated chunk of XML on its own
 * (lib/utils/parse-sax.js), so a Chinese character split between two chunks turned into U+FFFD
 * — about one cell in a thousand of a real owner list; its parsers are handed already-decoded
 * text. And the sheet is chosen by the workbook's tab order, not by where it lies in the zip.
 */
async function openXlsx(buf: Buffer): Promise<{ sheets: Array<{ name: string; rows: () => AsyncIterable<ExcelJS.Row> }> }> {
  const zip = new ZipReader(buf);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const internals = reader as unknown as ReaderInternals;
  for (const method of ['_parseRels', '_parseWorkbook', '_parseSharedStrings', '_parseWorksheet'] as const) {
    if (typeof internals[method] !== 'function') throw new ExceljsInternalsChanged('exceljs internals changed: review openXlsx in registry/parse.ts');
  }
  // in pieces: exceljs' SAX wrapper collects the events of a whole chunk before handing them on
  const text = (path: string): Readable | null => {
    const part = zip.read(path);
    return part ? Readable.from(decodeUtf8(chunks(part, 64 * 1024))) : null;
  };
  const rels = text('xl/_rels/workbook.xml.rels');
  const workbook = text('xl/workbook.xml');
  if (!rels || !workbook) throw new Error('not a workbook');
  await internals._parseRels(rels);
  await internals._parseWorkbook(workbook);
  const sharedStrings = text('xl/sharedStrings.xml');
  if (sharedStrings) for await (const _ of internals._parseSharedStrings(sharedStrings)) void _;

  const sheets: Array<{ name: string; rows: () => AsyncIterable<ExcelJS.Row> }> = [];
  for (const sheet of internals.model?.sheets ?? []) {
    const target = internals.workbookRels?.find((r) => r.Id === sheet.rId)?.Target;
    if (!target) continue;
    const path = target.startsWith('/') ? target.slice(1) : posix.normalize(`xl/${target}`);
    const sheetNo = /sheet(\d+)\.xml$/i.exec(path)?.[1];
    if (!zip.has(path) || !sheetNo) continue;
    sheets.push({
      name: sheet.name,
      rows: () => {
        const xml = decodeUtf8(zip.stream(path) as AsyncIterable<Buffer>);
        const emitted = internals._parseWorksheet(xml, sheetNo).next();
        if (emitted.done) throw new ExceljsInternalsChanged('exceljs internals changed: _parseWorksheet emitted no worksheet');
        return emitted.value.value as AsyncIterable<ExcelJS.Row>;
      },
    });
  }
  return { sheets };
}

async function readXlsx(buf: Buffer, out: RowCollector): Promise<void> {
  const { sheets } = await openXlsx(buf);
  // the sheet named 业主清册, else the first sheet
  const sheet = sheets.find((s) => cleanText(s.name) === OWNER_LIST_SHEET) ?? sheets[0];
  if (!sheet) throw new Error('no worksheet');
  out.reset(sheet.name);
  for await (const row of sheet.rows()) {
    if (out.stopped) break;
    const values = row.values as unknown[];
    const cells: CellText[] = [];
    for (let c = 1; c < values.length; c++) cells.push(cellToText(values[c]));
    out.push(row.number, cells);
  }
}

// ------------------------------------------------------------------ csv

/**
 * CSV text: UTF-8 (with or without BOM), UTF-16 with a BOM, and otherwise GB18030 (a superset of
 * GBK and GB2312, what Chinese Excel writes by default) when the bytes are not valid UTF-8.
 */
export function decodeText(buf: Buffer): string {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return new TextDecoder('utf-8').decode(buf.subarray(3));
  if (buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}

/** Comma unless the first line has more tabs than commas (Excel's "Unicode text" export). */
function guessDelimiter(text: string): string {
  const end = text.indexOf('\n');
  const first = end < 0 ? text : text.slice(0, end);
  const tabs = first.split('\t').length - 1;
  const commas = first.split(',').length - 1;
  return tabs > commas ? '\t' : ',';
}

// ------------------------------------------------------------------ header and rows

const HEADER_KEYS: ReadonlyMap<string, ColumnKey> = new Map(
  COLUMNS.flatMap((c) => [c.header, ...c.aliases].map((h) => [normalizeHeader(h), c.key] as const)),
);

export function headerKey(raw: string): ColumnKey | undefined {
  return HEADER_KEYS.get(normalizeHeader(raw));
}

class RowCollector {
  private sheetName: string | null = null;
  private headerRow = 0;
  private columns: Array<ColumnKey | undefined> = [];
  private headers: Partial<Record<ColumnKey, string>> = {};
  private rows: ParsedRow[] = [];
  private errors: ImportRowErrorT[] = [];
  /** rows seen before the header was found */
  private pending: Array<{ row: number; cells: CellText[] }> = [];
  private seen = 0;
  stopped = false;
  private readonly maxRows: number;

  constructor(
    private readonly fileName: string,
    private readonly format: 'xlsx' | 'csv',
    private readonly options: ParseOptions,
  ) {
    this.maxRows = options.maxRows ?? MAX_ROWS;
  }

  reset(sheetName: string | null): void {
    this.sheetName = sheetName;
    this.headerRow = 0;
    this.columns = [];
    this.headers = {};
    this.rows = [];
    this.errors = [];
    this.pending = [];
    this.seen = 0;
    this.stopped = false;
  }

  push(rowNumber: number, cells: CellText[]): void {
    if (this.stopped) return;
    if (cells.every((c) => c.text === '')) return;
    if (this.headerRow === 0) {
      if (matchCount(cells) >= 3) {
        this.setHeader(rowNumber, cells);
      } else {
        this.pending.push({ row: rowNumber, cells });
        if (this.pending.length >= HEADER_SEARCH_ROWS) this.fallbackHeader();
      }
      return;
    }
    this.addData(rowNumber, cells);
  }

  private fallbackHeader(): void {
    // No row looks like the header: take the first one, so that the missing columns are named.
    const pending = this.pending;
    this.pending = [];
    const first = pending.shift();
    if (!first) return;
    this.setHeader(first.row, first.cells);
    for (const p of pending) this.addData(p.row, p.cells);
  }

  private setHeader(rowNumber: number, cells: CellText[]): void {
    this.headerRow = rowNumber;
    this.pending = [];
    cells.forEach((c, i) => {
      const key = c.text ? headerKey(c.text) : undefined;
      if (!key) return;
      if (this.headers[key] !== undefined) {
        this.errors.push(fileError('FILE_DUPLICATE_COLUMN', rowNumber, c.text));
        return;
      }
      // the template's header when it is the same column (the NFKC text would show ㎡ as m2)
      const template = COLUMN_BY_KEY[key].header;
      this.headers[key] = normalizeHeader(c.text) === normalizeHeader(template) ? template : c.text;
      this.columns[i] = key;
    });
    for (const col of COLUMNS) if (col.required && this.headers[col.key] === undefined) this.errors.push(fileError('FILE_MISSING_COLUMN', rowNumber, col.header));
  }

  private addData(rowNumber: number, cells: CellText[]): void {
    const parsed: ParsedRow = { row: rowNumber, cells: {} };
    let any = false;
    for (let i = 0; i < cells.length; i++) {
      const key = this.columns[i];
      const cell = cells[i]!;
      if (!key || cell.text === '') continue;
      parsed.cells[key] = cell.text;
      if (cell.number) (parsed.numbers ??= []).push(key);
      any = true;
    }
    if (!any) return;
    if (this.rows.length >= this.maxRows) {
      this.errors.push(fileError('FILE_TOO_MANY_ROWS', rowNumber, '', { max: this.maxRows }));
      this.stopped = true;
      this.rows = [];
      return;
    }
    this.rows.push(parsed);
    if (++this.seen % 1000 === 0) this.options.onProgress?.(this.seen);
  }

  fail(code: 'FILE_EMPTY' | 'FILE_UNREADABLE' | 'FILE_XLS'): ParsedOwnerList {
    return { ...this.result(), rows: [], errors: [fileError(code, 0, '')] };
  }

  finish(): ParsedOwnerList {
    if (this.headerRow === 0) this.fallbackHeader();
    if (this.headerRow === 0) return this.fail('FILE_EMPTY');
    if (this.rows.length === 0 && this.errors.length === 0) this.errors.push(fileError('FILE_NO_ROWS', this.headerRow, ''));
    return this.result();
  }

  private result(): ParsedOwnerList {
    return {
      fileName: this.fileName,
      format: this.format,
      sheetName: this.sheetName,
      headerRow: this.headerRow,
      headers: this.headers,
      rows: this.errors.some((e) => e.code === 'FILE_MISSING_COLUMN' || e.code === 'FILE_DUPLICATE_COLUMN' || e.code === 'FILE_TOO_MANY_ROWS') ? [] : this.rows,
      errors: this.errors,
    };
  }
}

function matchCount(cells: CellText[]): number {
  const keys = new Set<ColumnKey>();
  for (const c of cells) {
    const k = c.text ? headerKey(c.text) : undefined;
    if (k) keys.add(k);
  }
  return keys.size;
}
