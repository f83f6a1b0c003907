import { CoreError } from '../errors';
import { type CivilDate, addDays, compareCivilDates, daysBetween, formatCivilDate, parseCivilDate } from '../time/civil-date';

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
      if (d.year !== data.year && d.year !== data.year - 1) throw invalid(data.year, `${formatCivilDate(d)} is outside the year`);
      daysOff.push(formatCivilDate(d));
    }
  }
  const workdays = data.workdays.map((w) => {
    const d = date(w.date, data.year);
    if (d.year !== data.year && d.year !== data.year - 1) throw invalid(data.year, `${w.date} is outside the year`);
    return formatCivilDate(d);
  });
  const off = new Set(daysOff);
  for (const w of workdays) if (off.has(w)) throw invalid(data.year, `${w} is both a holiday and a working day`);
  return { daysOff, workdays };
}
