import type { ImportRowErrorT } from '@gongzhi/contracts';

/**
 * Every problem an owner-list import reports, with a stable code (clients match on it) and its
 * message in zh-CN and en. `{name}` placeholders are filled from the params. Messages never
 * carry an ID number in clear (only masked); phones and names are not repeated either.
 */
export const importErrorCatalog = {
  FILE_EMPTY: { zh: '文件为空', en: 'The file is empty' },
  FILE_UNREADABLE: { zh: '无法读取文件，请确认是有效的 .xlsx 或 .csv 文件', en: 'The file cannot be read; check that it is a valid .xlsx or .csv file' },
  FILE_XLS: { zh: '这是旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后上传', en: 'This is an old .xls file; save it as .xlsx in Excel and upload again' },
  FILE_MISSING_COLUMN: { zh: '缺少必填列「{column}」', en: 'The required column "{column}" is missing' },
  FILE_DUPLICATE_COLUMN: { zh: '列「{column}」出现了不止一次', en: 'The column "{column}" appears more than once' },
  FILE_TOO_MANY_ROWS: { zh: '数据行超过上限 {max} 行，请拆分文件', en: 'More than {max} data rows; split the file' },
  FILE_NO_ROWS: { zh: '表头下没有数据行', en: 'There are no data rows below the header' },

  ROW_MISSING_VALUE: { zh: '「{column}」不能为空', en: '"{column}" must not be empty' },
  ROW_VALUE_TOO_LONG: { zh: '「{column}」过长（最多 {max} 个字符）', en: '"{column}" is too long (at most {max} characters)' },
  ROW_DUPLICATE_UNIT: { zh: '房号「{value}」在文件中重复出现（第 {rows} 行）', en: 'Unit number "{value}" appears more than once (rows {rows})' },
  ROW_BAD_AREA: { zh: '面积「{value}」不是有效的数字', en: 'Area "{value}" is not a number' },
  ROW_NEGATIVE_AREA: { zh: '面积必须大于 0（当前为 {value}）', en: 'The area must be above 0 (it is {value})' },
  ROW_AREA_DECIMALS: { zh: '面积最多保留两位小数（当前为 {value}）', en: 'The area may have at most two decimals (it is {value})' },
  ROW_MISSING_ID: { zh: '缺少证件号码', en: 'The ID number is missing' },
  ROW_BAD_ID: { zh: '证件号码 {value} 不是有效的居民身份证号码（GB 11643 校验未通过）', en: 'ID number {value} is not a valid resident ID number (GB 11643 check failed)' },
  ROW_BAD_ID_NUMBER_CELL: { code: 'ROW_BAD_ID', zh: '证件号码被 Excel 存成了数字，末几位已丢失；请把该列设为“文本”格式后重新填写', en: 'The ID number was stored as a number by Excel and lost its last digits; format the column as text and enter it again' },
  ROW_BAD_CREDIT_CODE: { code: 'ROW_BAD_ID', zh: '统一社会信用代码 {value} 无效（GB 32100 校验未通过）', en: 'Unified social credit code {value} is invalid (GB 32100 check failed)' },
  ROW_MASKED_ID: { zh: '证件号码是脱敏号码，只能用于保留该房屋现有业主，但与现有登记不符；请填写完整证件号码', en: 'A masked ID number can only keep the unit\'s current owner, and it does not match; enter the full ID number' },
  ROW_BAD_PHONE: { zh: '手机号格式不正确（应为 11 位手机号）', en: 'The mobile number is malformed (11 digits expected)' },
  ROW_BAD_KIND: { zh: '房屋类型「{value}」无效，应为：{allowed}', en: 'Unit kind "{value}" is invalid; use one of: {allowed}' },
  ROW_BAD_SOURCE: { zh: '面积来源「{value}」无效，应为：{allowed}', en: 'Area source "{value}" is invalid; use one of: {allowed}' },
  ROW_BAD_DELIVERED: { zh: '是否交付「{value}」无效，应为：是、否', en: 'Delivered "{value}" is invalid; use 是 (yes) or 否 (no)' },
  ROW_BAD_HOLDER_KIND: { zh: '权利人类型「{value}」无效，应为：{allowed}', en: 'Holder kind "{value}" is invalid; use one of: {allowed}' },
  ROW_CO_OWNER_MISMATCH: { zh: '{detailZh}', en: '{detailEn}' },
  ROW_UNKNOWN_BUILDING: {
    zh: '楼栋「{value}」不在本小区已有的楼栋中（首次导入后楼栋清单固定；确需新增楼栋，请在导入时选择“允许新增楼栋”）',
    en: 'Building "{value}" is not one of the estate\'s buildings (the list is fixed after the first import; to add one, import with "allow new buildings")',
  },
  ROW_ID_NAME_CONFLICT: { zh: '同一证件号码 {value} 对应了不同的姓名（第 {rows} 行）', en: 'The same ID number {value} has different names (rows {rows})' },
  ROW_BAD_FLOOR: { zh: '楼层「{value}」不是有效的整数楼层', en: 'Floor "{value}" is not a whole floor number' },

  IMPORT_INTERRUPTED: { zh: '导入因服务器重启而中断，未导入任何数据，请重新上传', en: 'The import was interrupted by a server restart; nothing was imported. Upload the file again' },
  IMPORT_FAILED: { zh: '导入时发生内部错误，未导入任何数据，请稍后重试', en: 'An internal error stopped the import; nothing was imported. Try again later' },
} as const satisfies Record<string, { zh: string; en: string; code?: string }>;

/** a message of the catalog; its code is the key unless the entry names another (variants of ROW_BAD_ID) */
export type ImportMessage = keyof typeof importErrorCatalog;
/** the stable codes an import reports */
export type ImportErrorCode = Exclude<ImportMessage, 'ROW_BAD_ID_NUMBER_CELL' | 'ROW_BAD_CREDIT_CODE'>;

type Params = Record<string, string | number>;

function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (params[k] === undefined ? m : String(params[k])));
}

export function importError(message: ImportMessage, row: number, column: string, params: Params = {}): ImportRowErrorT {
  const entry: { zh: string; en: string; code?: string } = importErrorCatalog[message];
  const all = { column, ...params };
  return { row, column, code: entry.code ?? message, messageZh: fill(entry.zh, all), messageEn: fill(entry.en, all) };
}

export const fileError = importError;

/** "3, 7, 12" (at most 10 rows named, then "…") */
export function rowList(rows: readonly number[]): string {
  return rows.length > 10 ? `${rows.slice(0, 10).join(', ')}, …` : rows.join(', ');
}
