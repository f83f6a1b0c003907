import { type CivilDate, formatCivilDate, isWeekend } from '../time/civil-date';
import { canonicalize } from '../chain/jcs';
import type { JsonObject } from '../json/types';
import { CoreError } from '../errors';
import { CalendarYearUnknownError } from './errors';
import { type HolidayYear, expandHolidayYear } from './holiday-data';

/**
 * Which days are working days in mainland China: Monday–Friday, minus the State Council's
 * holiday breaks, plus its adjusted working days (调休上班日). Weekends and holiday-break days
 * are 法定休假日 for Civil Code art. 203.
 *
 * A date is known only when the notice of its year is loaded. A notice can also move the last
 * days of the previous December (the 2019 notice made 2018-12-29 a working day and 12-30/31 days
 * off), so 29–31 December of year Y also need the notice of Y+1. Asking about an unknown date
 * throws CALENDAR_YEAR_UNKNOWN: the clock never guesses.
 *
 * The years a release ships come from calendar/holidays/; an operator adds a later year's notice
 * with `gongzhi calendar add` (stored in the database, loaded by the server: `addYear`). Adding a
 * year only turns CALENDAR_YEAR_UNKNOWN into answers; it never changes an answer already given,
 * and a year is never replaced by different data.
 */
export class HolidayCalendar {
  readonly id: string;
  private readonly years = new Map<number, HolidayYear>();
  private readonly daysOff = new Set<string>();
  private readonly workdays = new Set<string>();
  private readonly builtIn: ReadonlySet<number>;

  constructor(id: string, data: readonly HolidayYear[]) {
    this.id = id;
    for (const year of data) this.addYear(year);
    this.builtIn = new Set(data.map((y) => y.year));
  }

  /** True for a year the calendar was made with (a release's file), false for one added later. */
  isBuiltIn(year: number): boolean {
    return this.builtIn.has(year);
  }

  get knownYears(): number[] {
    return [...this.years.keys()].sort((a, b) => a - b);
  }

  /** The notice data of a known year. */
  year(year: number): HolidayYear | undefined {
    return this.years.get(year);
  }

  /**
   * Loads one year's notice. 'known': the same data was loaded already. A year loaded with
   * different data is refused (CALENDAR_YEAR_CONFLICT): the published arrangement of a year does
   * not change, and deadlines already computed with it must stay as they were.
   */
  addYear(data: HolidayYear): 'added' | 'known' {
    const had = this.years.get(data.year);
    if (had) {
      if (canonicalize(had as unknown as JsonObject) === canonicalize(data as unknown as JsonObject)) return 'known';
      throw new CoreError(
        'CALENDAR_YEAR_CONFLICT',
        `${data.year} 年的节假日安排已有不同的数据（${had.notice.source}），不能替换`,
        `the holiday arrangement of ${data.year} is already loaded with different data (${had.notice.source}); it cannot be replaced`,
      );
    }
    const expanded = expandHolidayYear(data);
    const clash = expanded.daysOff.find((d) => this.workdays.has(d)) ?? expanded.workdays.find((d) => this.daysOff.has(d));
    if (clash) throw new CoreError('CALENDAR_DATA_INVALID', `${data.year} 年数据与已有年份冲突：${clash}`, `holiday data for ${data.year} contradicts a loaded year on ${clash}`);
    this.years.set(data.year, data);
    expanded.daysOff.forEach((d) => this.daysOff.add(d));
    expanded.workdays.forEach((d) => this.workdays.add(d));
    return 'added';
  }

  /** Throws CALENDAR_YEAR_UNKNOWN unless the arrangement for this date is loaded. */
  assertKnown(date: CivilDate): void {
    const needed = date.month === 12 && date.day >= 29 ? [date.year, date.year + 1] : [date.year];
    for (const year of needed) {
      if (!this.years.has(year)) throw new CalendarYearUnknownError(year, this.knownYears, formatCivilDate(date));
    }
  }

  isWorkingDay(date: CivilDate): boolean {
    this.assertKnown(date);
    const key = formatCivilDate(date);
    if (this.workdays.has(key)) return true;
    if (this.daysOff.has(key)) return false;
    return !isWeekend(date);
  }

  /** A 法定休假日: a holiday-break day, or a weekend day that is not an adjusted working day. */
  isRestDay(date: CivilDate): boolean {
    return !this.isWorkingDay(date);
  }
}
