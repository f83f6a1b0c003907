import { type CivilDate, formatCivilDate, isWeekend } from '../time/civil-date';
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
 */
export class HolidayCalendar {
  readonly id: string;
  private readonly years: ReadonlySet<number>;
  private readonly daysOff: ReadonlySet<string>;
  private readonly workdays: ReadonlySet<string>;

  constructor(id: string, data: readonly HolidayYear[]) {
    this.id = id;
    this.years = new Set(data.map((y) => y.year));
    const daysOff = new Set<string>();
    const workdays = new Set<string>();
    for (const year of data) {
      const expanded = expandHolidayYear(year);
      expanded.daysOff.forEach((d) => daysOff.add(d));
      expanded.workdays.forEach((d) => workdays.add(d));
    }
    this.daysOff = daysOff;
    this.workdays = workdays;
  }

  get knownYears(): number[] {
    return [...this.years].sort((a, b) => a - b);
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
