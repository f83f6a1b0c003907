import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AreaSource, HolderKind, UnitKind } from '@gongzhi/db';
import { residentIdWithCheck } from '../privacy/id-number';
import { seededRandom } from '@gongzhi/core';

/**
 * The owner list (业主清册) as the builder reports it: the one source of truth for its column
 * layout. The parser matches headers against it, the template, the writers and the export
 * write it, and docs/import.md describes it.
 */

export const OWNER_LIST_SHEET = '业主清册';
export const INSTRUCTIONS_SHEET = '填写说明';

export type ColumnKey =
  | 'building'
  | 'entrance'
  | 'number'
  | 'floor'
  | 'kind'
  | 'area'
  | 'areaSource'
  | 'delivered'
  | 'holderKind'
  | 'names'
  | 'idNumbers'
  | 'phones'
  | 'certificateNo'
  | 'contractNo';

export interface ColumnSpec {
  key: ColumnKey;
  /** the header as the template writes it */
  header: string;
  /** a file without this column is rejected (FILE_MISSING_COLUMN) */
  required: boolean;
  width: number;
  /** other headers accepted for this column (compared after normalizeHeader) */
  aliases: readonly string[];
  /** the allowed values of an enumerated column (the template's dropdown) */
  values?: readonly string[];
  zh: string;
  en: string;
}

export const UNIT_KIND_LABELS: Readonly<Record<UnitKind, string>> = { residence: '住宅', shop: '商铺', parking: '车位', other: '其他' };
/** in the order of rules.md §1: register › survey › sale contract */
export const AREA_SOURCE_LABELS: Readonly<Record<AreaSource, string>> = { registry: '不动产登记', survey: '实测', contract: '合同' };
export const HOLDER_KIND_LABELS: Readonly<Record<HolderKind, string>> = { person: '个人', co_owners: '共有', organization: '单位', builder: '建设单位' };
export const YES = '是';
export const NO = '否';

/** Co-owners of one unit share one row: names, ID numbers and phones separated by one of these. */
export const LIST_SEPARATORS = /[、,，;；]/;
export const LIST_JOINER = '、';

export const COLUMNS: readonly ColumnSpec[] = [
  {
    key: 'building', header: '楼栋', required: true, width: 10, aliases: ['楼号', '楼栋号', '栋号', '楼幢', '幢号', '栋'],
    zh: '楼栋名称，如“3号楼”。小区首次导入时按文件建立楼栋；此后楼栋清单固定，文件中出现新楼栋会报错（确需新增时选择“允许新增楼栋”）。',
    en: 'Building name, e.g. "3号楼". The first import of an estate creates its buildings; after that the list is fixed and an unknown building is an error (unless "allow new buildings" is chosen).',
  },
  {
    key: 'entrance', header: '单元', required: false, width: 8, aliases: ['单元号', '门洞'],
    zh: '单元名称，如“2单元”；商铺、车位可留空。', en: 'Entrance, e.g. "2单元"; may be empty for shops and parking spaces.',
  },
  {
    key: 'number', header: '房号', required: true, width: 14, aliases: ['房屋编号', '房间号', '房屋号', '户号', '房号(楼栋-单元-房号)'],
    zh: '房屋编号，在小区内唯一，建议“楼栋-单元-房号”，如 3-2-1501。再次导入时按房号更新。',
    en: 'Unit number, unique in the estate, preferably building-entrance-room, e.g. 3-2-1501. A re-import updates units by this number.',
  },
  {
    key: 'floor', header: '楼层', required: false, width: 6, aliases: ['所在楼层', '层', '层数'],
    zh: '整数楼层；地下层用负数（-1）或 B1。', en: 'Floor as an integer; basements negative (-1) or B1.',
  },
  {
    key: 'kind', header: '房屋类型', required: true, width: 10, aliases: ['类型', '房屋用途', '用途', '房屋性质'],
    values: Object.values(UNIT_KIND_LABELS),
    zh: '住宅、商铺、车位或其他。', en: 'One of 住宅 (residence), 商铺 (shop), 车位 (parking space), 其他 (other).',
  },
  {
    key: 'area', header: '专有部分面积(㎡)', required: true, width: 16, aliases: ['专有部分面积', '面积', '房屋面积', '建筑面积', '产权面积'],
    zh: '平方米，最多两位小数，大于 0，如 89.37。', en: 'Square metres, at most two decimals, above 0, e.g. 89.37.',
  },
  {
    key: 'areaSource', header: '面积来源', required: true, width: 12, aliases: ['面积依据'],
    values: Object.values(AREA_SOURCE_LABELS),
    zh: '不动产登记、实测或合同。依次优先采用：不动产登记簿记载面积 › 实测面积 › 购房合同面积。',
    en: 'One of 不动产登记 (property register), 实测 (survey), 合同 (sale contract), preferred in that order.',
  },
  {
    key: 'delivered', header: '是否交付', required: true, width: 9, aliases: ['已交付', '交付', '交付状态', '是否已交付'],
    values: [YES, NO],
    zh: '是或否。未交付的房屋一律计入建设单位（所有未出售或未交付的专有部分合计为一人）。',
    en: '是 (yes) or 否 (no). Undelivered units count for the builder (all its unsold or undelivered units together count as one person).',
  },
  {
    key: 'holderKind', header: '权利人类型', required: true, width: 11, aliases: ['业主类型', '产权人类型', '所有权人类型'],
    values: Object.values(HOLDER_KIND_LABELS),
    zh: '个人、共有、单位或建设单位。共有：一套房屋多人共有，在同一行填写全部共有人。',
    en: 'One of 个人 (person), 共有 (co-owners: all of them in one row), 单位 (organization), 建设单位 (builder).',
  },
  {
    key: 'names', header: '业主姓名', required: true, width: 16, aliases: ['姓名', '业主', '权利人', '权利人姓名', '业主名称', '产权人', '产权人姓名', '所有权人'],
    zh: '个人填姓名；共有人用“、”分隔（如“张三、李四”）；单位、建设单位填单位全称。',
    en: 'Person: the name; co-owners separated by 、 (e.g. 张三、李四); organization and builder: the full name.',
  },
  {
    key: 'idNumbers', header: '证件号码', required: true, width: 22, aliases: ['身份证号', '身份证号码', '证件号', '身份证', '证件号码/统一社会信用代码', '统一社会信用代码'],
    zh: '个人、共有：18 位居民身份证号码（共有人按姓名顺序用“、”分隔，数量与姓名一致）；单位：统一社会信用代码；建设单位可留空。请将本列设为文本格式。平台只保存其加密摘要与脱敏号码。',
    en: 'Person, co-owners: 18-character resident ID number (co-owners separated by 、, as many as names); organization: unified social credit code; builder: may be empty. Format the column as text. Only a keyed hash and a masked copy are stored.',
  },
  {
    key: 'phones', header: '手机号', required: false, width: 14, aliases: ['手机', '手机号码', '联系电话', '电话', '联系方式'],
    zh: '11 位手机号，可留空；共有人可按姓名顺序用“、”分隔。留空不会清除已登记的手机号。',
    en: '11-digit mobile number, optional; co-owners in name order separated by 、. An empty cell does not erase a stored phone.',
  },
  {
    key: 'certificateNo', header: '不动产权证号', required: false, width: 30, aliases: ['产权证号', '不动产权证书号', '房产证号', '不动产权证书号码', '权证号'],
    zh: '不动产权证书号，如 京(2023)朝阳区不动产权第0012345号，可留空。', en: 'Title certificate number, optional.',
  },
  {
    key: 'contractNo', header: '购房合同号', required: false, width: 18, aliases: ['合同号', '合同编号', '购房合同编号', '网签合同号'],
    zh: '商品房买卖合同编号，可留空。', en: 'Sale contract number, optional.',
  },
];

export const COLUMN_BY_KEY: Readonly<Record<ColumnKey, ColumnSpec>> = Object.fromEntries(COLUMNS.map((c) => [c.key, c])) as Record<ColumnKey, ColumnSpec>;
export const HEADERS: readonly string[] = COLUMNS.map((c) => c.header);
export const header = (key: ColumnKey): string => COLUMN_BY_KEY[key].header;

/**
 * A header as compared: NFKC (full-width parentheses and letters to ASCII, ㎡ to m2), no
 * whitespace, no required-marker asterisks, lower case, and the bracketed unit dropped
 * ("专有部分面积（平方米）" → "专有部分面积").
 */
export function normalizeHeader(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^\*+|\*+$/g, '')
    .replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】/g, '')
    .toLowerCase();
}

// ------------------------------------------------------------------ rows

/** One row of an owner list in domain terms. */
export interface OwnerListRow {
  building: string;
  entrance: string | null;
  /** 房号 */
  number: string;
  floor: number | null;
  kind: UnitKind;
  /** decimal square metres, "89.37" */
  area: string;
  areaSource: AreaSource;
  delivered: boolean;
  holderKind: HolderKind;
  /** one name; several for co-owners; the organization's or builder's name */
  names: string[];
  /** as many as names (may be empty for the builder) */
  idNumbers: string[];
  /** in the order of names; null where unknown */
  phones: (string | null)[];
  certificateNo: string | null;
  contractNo: string | null;
}

/** Raw cells in the column order of COLUMNS: for files with deliberately odd values. */
export type OwnerListCells = ReadonlyArray<string | number | boolean | null | undefined>;

export type CellValue = string | number | null;

/** A row's cells in the template's column order. Areas as numbers (Excel sums them) unless text is asked for. */
export function rowToCells(row: OwnerListRow | OwnerListCells, areaAs: 'number' | 'text' = 'number'): CellValue[] {
  if (isCells(row)) return COLUMNS.map((_, i) => toCell(row[i]));
  const phones = row.phones.some((p) => p) ? row.phones.map((p) => p ?? '').join(LIST_JOINER) : '';
  const area = areaAs === 'number' && /^\d+(\.\d+)?$/.test(row.area) ? Number(row.area) : row.area;
  return [
    row.building,
    row.entrance ?? '',
    row.number,
    row.floor ?? '',
    UNIT_KIND_LABELS[row.kind],
    area,
    AREA_SOURCE_LABELS[row.areaSource],
    row.delivered ? YES : NO,
    HOLDER_KIND_LABELS[row.holderKind],
    row.names.join(LIST_JOINER),
    row.idNumbers.join(LIST_JOINER),
    phones,
    row.certificateNo ?? '',
    row.contractNo ?? '',
  ].map(toCell);
}

function isCells(row: OwnerListRow | OwnerListCells): row is OwnerListCells {
  return Array.isArray(row);
}

function toCell(v: string | number | boolean | null | undefined): CellValue {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'boolean') return v ? YES : NO;
  return v;
}

// ------------------------------------------------------------------ writing .xlsx

export interface SheetSpec {
  name: string;
  /** the header row, bold and frozen */
  headers: readonly string[];
  widths?: readonly number[];
  rows: Iterable<readonly CellValue[]>;
  /** number formats by column index, e.g. { 5: '0.00' } */
  numFmts?: Readonly<Record<number, string>>;
  /** text columns by index: formatted "@" so that ID numbers stay text when edited in Excel */
  textColumns?: readonly number[];
  /** dropdowns: column index → allowed values */
  dropdowns?: Readonly<Record<number, readonly string[]>>;
  /** how many rows the dropdowns cover */
  dropdownRows?: number;
}

function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * Writes sheets with exceljs' streaming writer (memory stays flat for 50,000 rows) and returns
 * the .xlsx as one Buffer.
 */
export async function writeSheets(sheets: readonly SheetSpec[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  wb.creator = 'Gongzhi 共治';
  wb.created = new Date(0);
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = sheet.headers.map((h, i) => ({
      width: sheet.widths?.[i] ?? 14,
      ...(sheet.numFmts?.[i] ? { style: { numFmt: sheet.numFmts[i] } } : sheet.textColumns?.includes(i) ? { style: { numFmt: '@' } } : {}),
    }));
    if (sheet.dropdowns) {
      const last = (sheet.dropdownRows ?? 5000) + 1;
      const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
      for (const [col, values] of Object.entries(sheet.dropdowns)) {
        const letter = columnLetter(Number(col));
        validations.add(`${letter}2:${letter}${last}`, {
          type: 'list',
          allowBlank: true,
          formulae: [`"${values.join(',')}"`],
          showErrorMessage: true,
          errorStyle: 'stop',
          errorTitle: '取值无效 Invalid value',
          error: `请从下拉列表中选择：${values.join('、')}`,
        });
      }
    }
    const head = ws.addRow([...sheet.headers]);
    head.font = { bold: true };
    head.alignment = { vertical: 'middle' };
    head.commit();
    for (const cells of sheet.rows) {
      // cells take the column's style (number format) when created
      ws.addRow([...cells]).commit();
    }
    ws.commit();
  }
  await wb.commit();
  await finished;
  return Buffer.concat(chunks);
}

const AREA_COLUMN = COLUMNS.findIndex((c) => c.key === 'area');
const TEXT_COLUMNS = (['number', 'idNumbers', 'phones', 'certificateNo', 'contractNo'] as const).map((k) => COLUMNS.findIndex((c) => c.key === k));
const DROPDOWNS: Record<number, readonly string[]> = Object.fromEntries(
  COLUMNS.flatMap((c, i) => (c.values ? [[i, c.values] as const] : [])),
);

/** The owner-list sheet in the template's layout, for the writers and the export. */
export function ownerListSheet(rows: Iterable<OwnerListRow | OwnerListCells>, options: { dropdownRows?: number } = {}): SheetSpec {
  return {
    name: OWNER_LIST_SHEET,
    headers: HEADERS,
    widths: COLUMNS.map((c) => c.width),
    rows: mapIterable(rows, (r) => rowToCells(r)),
    numFmts: { [AREA_COLUMN]: '0.00' },
    textColumns: TEXT_COLUMNS,
    dropdowns: DROPDOWNS,
    dropdownRows: options.dropdownRows ?? 5000,
  };
}

function* mapIterable<T, U>(items: Iterable<T>, fn: (t: T) => U): Iterable<U> {
  for (const t of items) yield fn(t);
}

/** Rows in the template's layout as an .xlsx (sheet 业主清册). */
export function writeOwnerListXlsx(rows: ReadonlyArray<OwnerListRow | OwnerListCells>): Promise<Buffer> {
  return writeSheets([ownerListSheet(rows, { dropdownRows: Math.max(rows.length, 1000) })]);
}

function csvField(v: CellValue): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows in the template's layout as CSV: UTF-8 with a BOM (so that Excel reads Chinese), CRLF. */
export function writeOwnerListCsv(rows: ReadonlyArray<OwnerListRow | OwnerListCells>): string {
  const lines = [HEADERS.map(csvField).join(',')];
  for (const r of rows) lines.push(rowToCells(r, 'text').map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

// ------------------------------------------------------------------ credit codes

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A unified social credit code with its check character (GB 32100): for demo data and tests. */
export function creditCodeWithCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_ALPHABET.indexOf(first17[i]!) * CREDIT_WEIGHTS[i]!;
  return first17 + CREDIT_ALPHABET[(31 - (sum % 31)) % 31];
}

// ------------------------------------------------------------------ the template

export const TEMPLATE_EXAMPLES: readonly OwnerListRow[] = [
  {
    building: '3号楼', entrance: '2单元', number: '3-2-1501', floor: 15, kind: 'residence', area: '89.37', areaSource: 'registry', delivered: true,
    holderKind: 'co_owners', names: ['张伟', '李娜'], idNumbers: [residentIdWithCheck('11010519800101123'), residentIdWithCheck('11010819820315002')],
    phones: ['13800138000', null], certificateNo: '京(2023)朝阳区不动产权第0012345号', contractNo: 'HT2019000123',
  },
  {
    building: '3号楼', entrance: '2单元', number: '3-2-1502', floor: 15, kind: 'residence', area: '120.05', areaSource: 'survey', delivered: false,
    holderKind: 'builder', names: ['北京示例置业有限公司'], idNumbers: [creditCodeWithCheck('91110105MA01ABCD2')],
    phones: [null], certificateNo: null, contractNo: null,
  },
];

const GENERAL_NOTES: ReadonlyArray<readonly [string, string]> = [
  ['第 1 行为表头，请勿修改表头文字；数据从第 2 行开始，每套房屋（专有部分）一行。', 'Row 1 is the header; do not change it. Data starts in row 2, one row per unit (exclusive part).'],
  ['示例行（第 2、3 行）请替换为真实数据后再上传。', 'Replace the example rows (rows 2 and 3) with real data before uploading.'],
  ['文件有任何一行错误时，整个文件都不会导入；系统会列出所有错误（行号、列名、原因），改正后重新上传即可。', 'If any row has an error nothing is imported; every error is listed (row, column, reason). Fix them and upload again.'],
  ['同一证件号码的业主拥有多套房屋时计为一名表决权人；同一组共有人拥有多套房屋时也计为一名表决权人。', 'A person (same ID number) with several units is one holder; so is the same set of co-owners.'],
  ['建设单位所有未出售、未交付的房屋合计为一名表决权人。', 'All unsold or undelivered units of the builder together are one holder.'],
  ['再次导入按房号更新：面积、类型等变化会更新房屋；业主变化会结束原产权记录并新增一条（历史保留）。文件中没有的房屋保持不变。', 'A re-import updates units by number; a new holder closes the old ownership and opens a new one (history kept). Units missing from the file are left alone.'],
  ['也可以上传 UTF-8 或 GBK 编码的 CSV 文件，列与本表相同。', 'A CSV file (UTF-8 or GBK) with the same columns is accepted too.'],
];

/** The blank template: header row with dropdowns, two example rows, and the 填写说明 sheet. */
export function buildTemplate(): Promise<Buffer> {
  const instructions: CellValue[][] = [
    ...COLUMNS.map((c) => [c.header, c.required ? '必填 required' : '选填 optional', c.values ? c.values.join(' / ') : '', c.zh, c.en]),
    [null, null, null, null, null],
    ...GENERAL_NOTES.map(([zh, en]) => ['说明 note', null, null, zh, en]),
  ];
  return writeSheets([
    ownerListSheet(TEMPLATE_EXAMPLES, { dropdownRows: 5000 }),
    {
      name: INSTRUCTIONS_SHEET,
      headers: ['列名 Column', '是否必填 Required', '可选值 Values', '填写说明', 'Instructions'],
      widths: [18, 16, 28, 70, 70],
      rows: instructions,
    },
  ]);
}

// ------------------------------------------------------------------ realistic generated lists

export interface GenerateOptions {
  buildings: number;
  entrancesPerBuilding: number;
  floors: number;
  unitsPerFloor: number;
  seed: number;
  /** share of units held by the builder (unsold or undelivered), default 0.08 */
  builderShare?: number;
  /** share of units held by co-owners, default 0.25 */
  coOwnerShare?: number;
  /** share of personal (and co-owned) units whose buyers already hold another unit, default 0.08 */
  multiUnitShare?: number;
  /** share of units held by organizations, default 0.02 */
  organizationShare?: number;
  /** parking spaces with title per building (floor -1), default 0 */
  parkingPerBuilding?: number;
  /** shops per building (floor 1), default 0 */
  shopsPerBuilding?: number;
  /** the certificate's city prefix, default 京 */
  cityPrefix?: string;
}

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
export const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚华飞玲桂英建国志红秀兰文辉鹏宇浩然子涵梓轩欣怡思雨佳琪俊杰晨阳雪梅海燕玉兰德胜春生秋菊冬梅淑珍振华永强国庆'];
const REGIONS = ['110101', '110102', '110105', '110106', '110108', '110114', '120101', '130102', '310104', '320102', '330106', '370102', '410105', '420106', '440106', '510107', '610113'];
const DISTRICTS = ['朝阳区', '海淀区', '丰台区', '东城区', '西城区', '昌平区'];
const ORG_WORDS = ['华联', '远景', '恒信', '中科', '金桥', '瑞丰', '鼎盛', '宏达', '新元', '博雅'];
const ORG_TRADES = ['商业管理', '科技', '投资', '贸易', '文化传媒', '餐饮管理'];

interface Person {
  name: string;
  id: string;
  phone: string | null;
}

/**
 * A realistic owner list, the same for the same options: valid ID numbers and credit codes,
 * plausible names and phones, two-decimal areas, unit numbers like 3-2-1501, some builder units
 * (unsold, and sold but undelivered), co-owned units, buyers with several units, organizations,
 * shops and parking spaces, unique certificate and contract numbers.
 */
export function generateOwnerList(options: GenerateOptions): OwnerListRow[] {
  const o = { builderShare: 0.08, coOwnerShare: 0.25, multiUnitShare: 0.08, organizationShare: 0.02, ...options };
  const rand = seededRandom(o.seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const usedIds = new Set<string>();
  const usedPhones = new Set<string>();
  const pad = (n: number, w: number) => String(n).padStart(w, '0');

  const personName = () => (rand() < 0.02 ? pick(COMPOUND_SURNAMES) : pick(SURNAMES)) + pick(GIVEN) + (rand() < 0.7 ? pick(GIVEN) : '');
  const residentId = () => {
    for (;;) {
      const birth = new Date(Date.UTC(1950, 0, 1) + Math.floor(rand() * 52 * 365.25 * 86400000));
      const first17 = `${pick(REGIONS)}${birth.getUTCFullYear()}${pad(birth.getUTCMonth() + 1, 2)}${pad(birth.getUTCDate(), 2)}${pad(int(0, 999), 3)}`;
      const id = residentIdWithCheck(first17);
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  };
  const phone = () => {
    for (;;) {
      const p = `1${pick(['3', '5', '8'])}${int(0, 9)}${pad(int(0, 99999999), 8)}`;
      if (!usedPhones.has(p)) {
        usedPhones.add(p);
        return p;
      }
    }
  };
  const creditCode = () => {
    for (;;) {
      let body = '';
      for (let i = 0; i < 9; i++) body += CREDIT_ALPHABET[rand() < 0.8 ? int(0, 9) : int(10, 30)];
      const code = creditCodeWithCheck(`91${pick(REGIONS)}${body}`);
      if (!usedIds.has(code)) {
        usedIds.add(code);
        return code;
      }
    }
  };
  const newPerson = (): Person => ({ name: personName(), id: residentId(), phone: rand() < 0.9 ? phone() : null });

  const cityPrefix = o.cityPrefix ?? '京';
  const builder = { name: `北京${pick(ORG_WORDS)}置业有限公司`, id: creditCode() };
  const persons: Person[] = [];
  const coOwnerSets: Person[][] = [];
  const orgs: Array<{ name: string; id: string }> = [];
  let certSeq = int(10000, 500000);
  let contractSeq = int(1000, 90000);
  const certificate = () => `${cityPrefix}(${int(2015, 2024)})${pick(DISTRICTS)}不动产权第${pad(certSeq++, 7)}号`;
  const contract = () => `HT${int(2014, 2023)}${pad(contractSeq++, 6)}`;
  const sources: AreaSource[] = ['registry', 'registry', 'registry', 'registry', 'registry', 'registry', 'registry', 'registry', 'survey', 'contract'];

  type Holding = Pick<OwnerListRow, 'holderKind' | 'names' | 'idNumbers' | 'phones' | 'delivered' | 'certificateNo' | 'contractNo'>;
  const holding = (kind: UnitKind): Holding => {
    const r = rand();
    if (r < o.builderShare) {
      if (rand() < 0.3 && kind === 'residence') {
        // sold but not delivered yet: the buyer is listed, the unit still counts for the builder
        const p = newPerson();
        persons.push(p);
        return { holderKind: 'person', names: [p.name], idNumbers: [p.id], phones: [p.phone], delivered: false, certificateNo: null, contractNo: contract() };
      }
      return { holderKind: 'builder', names: [builder.name], idNumbers: [builder.id], phones: [null], delivered: false, certificateNo: null, contractNo: null };
    }
    const docs = { delivered: true, certificateNo: rand() < 0.85 ? certificate() : null, contractNo: contract() };
    if (r < o.builderShare + o.organizationShare) {
      let org = orgs.length > 0 && rand() < 0.4 ? pick(orgs) : undefined;
      if (!org) {
        org = { name: `北京${pick(ORG_WORDS)}${pick(ORG_TRADES)}有限公司`, id: creditCode() };
        orgs.push(org);
      }
      return { holderKind: 'organization', names: [org.name], idNumbers: [org.id], phones: [null], ...docs };
    }
    if (r < o.builderShare + o.organizationShare + o.coOwnerShare) {
      let set = coOwnerSets.length > 0 && rand() < o.multiUnitShare ? pick(coOwnerSets) : undefined;
      if (!set) {
        set = Array.from({ length: rand() < 0.85 ? 2 : 3 }, newPerson);
        coOwnerSets.push(set);
      }
      return { holderKind: 'co_owners', names: set.map((p) => p.name), idNumbers: set.map((p) => p.id), phones: set.map((p) => p.phone), ...docs };
    }
    let p = persons.length > 0 && rand() < o.multiUnitShare ? pick(persons) : undefined;
    if (!p) {
      p = newPerson();
      persons.push(p);
    }
    return { holderKind: 'person', names: [p.name], idNumbers: [p.id], phones: [p.phone], ...docs };
  };
  const area = (lo: number, hi: number) => {
    const cents = int(lo * 100, hi * 100);
    return `${Math.floor(cents / 100)}.${pad(cents % 100, 2)}`;
  };

  const rows: OwnerListRow[] = [];
  for (let b = 1; b <= o.buildings; b++) {
    const building = `${b}号楼`;
    for (let e = 1; e <= o.entrancesPerBuilding; e++) {
      // one floor plan per entrance: the same stack has the same area on every floor
      const plan = Array.from({ length: o.unitsPerFloor }, () => area(55, 180));
      for (let f = 1; f <= o.floors; f++) {
        for (let u = 1; u <= o.unitsPerFloor; u++) {
          rows.push({
            building, entrance: `${e}单元`, number: `${b}-${e}-${f}${pad(u, 2)}`, floor: f, kind: 'residence',
            area: plan[u - 1]!, areaSource: pick(sources), ...holding('residence'),
          });
        }
      }
    }
    for (let s = 1; s <= (o.shopsPerBuilding ?? 0); s++) {
      rows.push({ building, entrance: null, number: `${b}-S${pad(s, 2)}`, floor: 1, kind: 'shop', area: area(35, 220), areaSource: 'registry', ...holding('shop') });
    }
    for (let p = 1; p <= (o.parkingPerBuilding ?? 0); p++) {
      rows.push({ building, entrance: null, number: `${b}-P${pad(p, 3)}`, floor: -1, kind: 'parking', area: area(12, 16), areaSource: 'survey', ...holding('parking') });
    }
  }
  return rows;
}
