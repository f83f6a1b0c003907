import { CoreError } from '../errors';
import { type CivilDate, addDays, compareCivilDates, daysBetween, formatCivilDate, parseCivilDate, weekday } from '../time/civil-date';

/**
 * One year's official arrangement (国务院办公厅关于某年部分节假日安排的通知), as stored in
 * calendar/holidays/<year>.json: the holiday breaks (放假调休, every day off listed as a range)
 * and the adjusted working days (调休上班日, weekend days that are working days).
 */
export interface HolidayYear {
  readonly year: number;
  readonly notice: { readonly title: string; readonly number: string | null; readonly issued: string; readonly source: string };
  readonly holidays: readonly { readonly name: string; readonly from: string; readonly to: string; readonly days: number }[];
  readonly workdays: readonly { readonly date: string; readonly weekday: string; readonly for: string }[];
}

const invalid = (year: unknown, what: string): CoreError =>
  new CoreError('CALENDAR_DATA_INVALID', `${String(year)} 年节假日数据无效：${what}`, `holiday data for ${String(year)} is invalid: ${what}`);

function date(text: unknown, year: unknown): CivilDate {
  const parsed = typeof text === 'string' ? parseCivilDate(text) : undefined;
  if (!parsed) throw invalid(year, `bad date ${JSON.stringify(text)}`);
  return parsed;
}

/**
 * The days a notice for `year` may arrange: its own, and 29–31 December of the year before (the
 * 2019 notice moved 2018-12-29…31). The calendar asks for year Y + 1 only for those three days of
 * Y (HolidayCalendar.assertKnown), so loading a year never changes an answer about an earlier day.
 */
const withinNotice = (d: CivilDate, year: number): boolean => d.year === year || (d.year === year - 1 && d.month === 12 && d.day >= 29);

/**
 * Checks a year file and expands it into day sets. Every range must hold exactly its stated
 * number of days; days may fall in the previous year's last days (a notice can move them).
 */
export function expandHolidayYear(data: HolidayYear): { daysOff: string[]; workdays: string[] } {
  if (!Number.isInteger(data.year)) throw invalid(data.year, 'year');
  const daysOff: string[] = [];
  for (const range of data.holidays) {
    const from = date(range.from, data.year);
    const to = date(range.to, data.year);
    const length = daysBetween(from, to) + 1;
    if (length !== range.days || length < 1) throw invalid(data.year, `${range.name}: ${range.from}…${range.to} is not ${range.days} days`);
    for (let d = from; compareCivilDates(d, to) <= 0; d = addDays(d, 1)) {
      if (!withinNotice(d, data.year)) throw invalid(data.year, `${formatCivilDate(d)} is outside the year (of the year before, only 29–31 December)`);
      daysOff.push(formatCivilDate(d));
    }
  }
  const workdays = data.workdays.map((w) => {
    const d = date(w.date, data.year);
    if (!withinNotice(d, data.year)) throw invalid(data.year, `${w.date} is outside the year (of the year before, only 29–31 December)`);
    return formatCivilDate(d);
  });
  const off = new Set(daysOff);
  for (const w of workdays) if (off.has(w)) throw invalid(data.year, `${w} is both a holiday and a working day`);
  return { daysOff, workdays };
}

const WEEKDAY_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

/**
 * A year file from outside the release (`gongzhi calendar add`, or stored by it), checked field by
 * field: the notice's title, date issued and source; every break with its days; every adjusted
 * working day on a weekend, with the weekday the notice states. Returns the year, or throws
 * CALENDAR_DATA_INVALID naming what is wrong.
 */
export function parseHolidayYear(json: unknown): HolidayYear {
  let year: unknown = (json as { year?: unknown } | null)?.year;
  const obj = (v: unknown, what: string): Record<string, unknown> => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalid(year, `${what} must be an object`);
    return v as Record<string, unknown>;
  };
  const text = (v: unknown, what: string): string => {
    if (typeof v !== 'string' || v.trim() === '') throw invalid(year, `${what} must be a non-empty text`);
    return v;
  };
  const list = (v: unknown, what: string): unknown[] => {
    if (!Array.isArray(v)) throw invalid(year, `${what} must be a list`);
    return v;
  };
  const top = obj(json, 'the file');
  if (!Number.isInteger(top.year) || (top.year as number) < 2000 || (top.year as number) > 2200) throw invalid(year, 'year must be a whole number between 2000 and 2200');
  year = top.year;
  const y = top.year as number;
  const notice = obj(top.notice, 'notice');
  const title = text(notice.title, 'notice.title');
  if (title !== `国务院办公厅关于${y}年部分节假日安排的通知`) throw invalid(y, `notice.title must be 国务院办公厅关于${y}年部分节假日安排的通知`);
  if (notice.number !== undefined && notice.number !== null && typeof notice.number !== 'string') throw invalid(y, 'notice.number must be a text or null');
  const issued = date(text(notice.issued, 'notice.issued'), y);
  if (issued.year !== y - 1 && issued.year !== y) throw invalid(y, 'notice.issued must fall in the year before or the year itself');
  const source = text(notice.source, 'notice.source');
  const holidays = list(top.holidays, 'holidays').map((h, i) => {
    const o = obj(h, `holidays[${i}]`);
    if (!Number.isInteger(o.days) || (o.days as number) < 1) throw invalid(y, `holidays[${i}].days must be a positive whole number`);
    return { name: text(o.name, `holidays[${i}].name`), from: text(o.from, `holidays[${i}].from`), to: text(o.to, `holidays[${i}].to`), days: o.days as number };
  });
  if (holidays.length === 0) throw invalid(y, 'holidays must list the breaks of the notice');
  const workdays = list(top.workdays, 'workdays').map((w, i) => {
    const o = obj(w, `workdays[${i}]`);
    const d = date(text(o.date, `workdays[${i}].date`), y);
    const label = text(o.weekday, `workdays[${i}].weekday`);
    if (WEEKDAY_ZH[weekday(d)] !== label) throw invalid(y, `workdays[${i}]: ${formatCivilDate(d)} is a ${WEEKDAY_ZH[weekday(d)]}, not a ${label}`);
    if (weekday(d) !== 0 && weekday(d) !== 6) throw invalid(y, `workdays[${i}]: ${formatCivilDate(d)} is not a weekend day`);
    return { date: text(o.date, `workdays[${i}].date`), weekday: label, for: text(o.for, `workdays[${i}].for`) };
  });
  const parsed: HolidayYear = { year: y, notice: { title, number: (notice.number as string | null | undefined) ?? null, issued: text(notice.issued, 'notice.issued'), source }, holidays, workdays };
  expandHolidayYear(parsed);
  return parsed;
}
