import { CoreError } from '../errors';
import type { JurisdictionProfile, Period } from '../profiles/types';
import { type CivilDate, addDays, addMonths, compareCivilDates, daysBetween, formatCivilDate } from '../time/civil-date';
import { chinaDateOf, chinaStartOfDay, triggerDay } from './china-time';
import { CN_MAINLAND_CALENDAR } from './cn-mainland';
import type { HolidayCalendar } from './holiday-calendar';

export type CalendarSource = JurisdictionProfile | HolidayCalendar;
export type DayKind = 'calendar' | 'working';

/** Where a statutory period ends (Civil Code arts. 201–203). */
export interface PeriodEnd {
  /** the last day of the period, China date "YYYY-MM-DD" */
  readonly lastDay: string;
  /** the last day before any holiday extension */
  readonly nominalLastDay: string;
  /** whether the last day fell on a 法定休假日 and moved to the next working day */
  readonly extended: boolean;
  /**
   * The end of the last day, 24:00 China time, given as the next day's 00:00 +08:00. The period
   * has run out at this instant: an act is in time when done strictly before it.
   */
  readonly endsAt: Date;
}

export function calendarOf(source: CalendarSource): HolidayCalendar {
  if (!('params' in source)) return source;
  const id = source.params.calendar.value.id;
  switch (id) {
    case 'cn-mainland':
      return CN_MAINLAND_CALENDAR;
  }
}

function checkAmount(amount: number): void {
  if (!Number.isSafeInteger(amount) || amount < 1) {
    throw new CoreError('BAD_PERIOD', `期间长度须为正整数，实为 ${amount}`, `a period must be a positive whole number, got ${amount}`);
  }
}

/**
 * The end of a period that starts the day after `trigger` (CC 201):
 * - days: the last day is trigger + n; months/years: the corresponding day of the final month, or
 *   its last day when there is none (CC 202);
 * - if that last day is a 法定休假日 (a holiday or a weekend day that is not an adjusted working
 *   day), the period runs to the end of the next working day (CC 203);
 * - working_days: the n-th working day after the trigger day (already a working day).
 * Throws CALENDAR_YEAR_UNKNOWN when a needed year has no holiday data.
 */
export function periodEnd(trigger: Date | string, period: Period, source: CalendarSource): PeriodEnd {
  checkAmount(period.amount);
  const calendar = calendarOf(source);
  const start = triggerDay(trigger);
  let nominal: CivilDate;
  switch (period.unit) {
    case 'days':
      nominal = addDays(start, period.amount);
      break;
    case 'months':
      nominal = addMonths(start, period.amount);
      break;
    case 'years':
      nominal = addMonths(start, period.amount * 12);
      break;
    case 'working_days': {
      let day = start;
      for (let counted = 0; counted < period.amount; ) {
        day = addDays(day, 1);
        if (calendar.isWorkingDay(day)) counted++;
      }
      nominal = day;
      break;
    }
  }
  let last = nominal;
  while (!calendar.isWorkingDay(last)) last = addDays(last, 1);
  return {
    lastDay: formatCivilDate(last),
    nominalLastDay: formatCivilDate(nominal),
    extended: compareCivilDates(last, nominal) !== 0,
    endsAt: chinaStartOfDay(addDays(last, 1)),
  };
}

function daysPeriod(days: number, kind: DayKind): Period {
  return { amount: days, unit: kind === 'working' ? 'working_days' : 'days' };
}

/**
 * The instant a period of `days` (calendar days by default, or working days) triggered by
 * `trigger` runs out: 24:00 China time of its last day, returned as the next day's 00:00 +08:00.
 */
export function deadline(trigger: Date | string, days: number, source: CalendarSource, options: { kind?: DayKind } = {}): Date {
  return periodEnd(trigger, daysPeriod(days, options.kind ?? 'calendar'), source).endsAt;
}

/** Whether the period has run out at `now` (now ≥ 24:00 of the last day). */
export function isOverdue(trigger: Date | string, days: number, now: Date, source: CalendarSource, options: { kind?: DayKind } = {}): boolean {
  return now.getTime() >= deadline(trigger, days, source, options).getTime();
}

/**
 * Whole China calendar days from today (the China date of `now`) to the last day of the period:
 * 0 = today is the last day (it ends at 24:00), 1 = tomorrow, negative = overdue by that many days.
 */
export function daysRemaining(trigger: Date | string, days: number, now: Date, source: CalendarSource, options: { kind?: DayKind } = {}): number {
  const end = periodEnd(trigger, daysPeriod(days, options.kind ?? 'calendar'), source);
  return daysBetween(chinaDateOf(now), chinaDateOf(new Date(end.endsAt.getTime() - 1)));
}

/**
 * The latest day to act when a rule says "this long before `day`" (e.g. start the re-election 3
 * months before the term ends). Counts backwards from `day` without holiday adjustment; for
 * working days the calendar is needed (and may throw CALENDAR_YEAR_UNKNOWN).
 */
export function periodBefore(day: Date | string, period: Period, source: CalendarSource): string {
  checkAmount(period.amount);
  const end = triggerDay(day);
  switch (period.unit) {
    case 'days':
      return formatCivilDate(addDays(end, -period.amount));
    case 'months':
      return formatCivilDate(addMonths(end, -period.amount));
    case 'years':
      return formatCivilDate(addMonths(end, -period.amount * 12));
    case 'working_days': {
      const calendar = calendarOf(source);
      let d = end;
      for (let counted = 0; counted < period.amount; ) {
        d = addDays(d, -1);
        if (calendar.isWorkingDay(d)) counted++;
      }
      return formatCivilDate(d);
    }
  }
}

/** The day by which the re-election must be started for a term ending on `termEnds` (profile's lead time). */
export function reelectionStartBy(termEnds: Date | string, profile: JurisdictionProfile): string {
  return periodBefore(termEnds, profile.params.reelectionLead.value, profile);
}

/** The last day of a committee term of `years` starting the day after `electedOn` (CC 202, no holiday shift). */
export function termEndDay(electedOn: Date | string, years: number): string {
  checkAmount(years);
  return formatCivilDate(addMonths(triggerDay(electedOn), years * 12));
}
