import { describe, expect, it } from 'vitest';
import {
  BEIJING,
  CN_MAINLAND_CALENDAR,
  CalendarYearUnknownError,
  HolidayCalendar,
  NATIONAL_PROFILE,
  SHANDONG,
  SHANGHAI,
  daysRemaining,
  deadline,
  isOverdue,
  parseCivilDate,
  periodEnd,
  reelectionStartBy,
  termEndDay,
} from '../src/index';
import y2025 from '../src/calendar/holidays/2025.json';

const day = (text: string) => {
  const d = parseCivilDate(text);
  if (!d) throw new Error(`bad date ${text}`);
  return d;
};
const at = (text: string) => new Date(text);

describe('the mainland calendar', () => {
  it.each([
    ['2026-10-01', false],
    ['2026-10-07', false],
    ['2026-10-08', true],
    ['2026-10-10', true], // Saturday, adjusted working day
    ['2026-09-20', true], // Sunday, adjusted working day
    ['2026-09-27', false], // Sunday within the Mid-Autumn break
    ['2026-02-14', true], // Saturday, adjusted working day before Spring Festival
    ['2026-02-23', false],
    ['2026-03-07', false], // ordinary Saturday
    ['2026-03-09', true],
    ['2025-10-08', false],
    ['2025-10-11', true],
  ])('%s is a working day: %s', (date, working) => {
    expect(CN_MAINLAND_CALENDAR.isWorkingDay(day(date))).toBe(working);
  });
});

describe('periods (Civil Code arts. 201–203)', () => {
  it('starts the day after the trigger and ends at 24:00 China time of the last day', () => {
    // 15-day notice triggered on Tue 2026-09-15: last day Wed 2026-09-30, the day before National Day.
    const end = periodEnd('2026-09-15', { amount: 15, unit: 'days' }, NATIONAL_PROFILE);
    expect(end).toEqual({ lastDay: '2026-09-30', nominalLastDay: '2026-09-30', extended: false, endsAt: at('2026-10-01T00:00:00+08:00') });
    expect(deadline('2026-09-15', 15, NATIONAL_PROFILE).toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(isOverdue('2026-09-15', 15, at('2026-09-30T23:59:59.999+08:00'), NATIONAL_PROFILE)).toBe(false);
    expect(isOverdue('2026-09-15', 15, at('2026-10-01T00:00:00+08:00'), NATIONAL_PROFILE)).toBe(true);
  });

  it('runs past the National Day week 2026 to the next working day', () => {
    const end = periodEnd('2026-09-16', { amount: 15, unit: 'days' }, NATIONAL_PROFILE);
    expect(end).toMatchObject({ nominalLastDay: '2026-10-01', lastDay: '2026-10-08', extended: true });
    expect(end.endsAt).toEqual(at('2026-10-09T00:00:00+08:00'));
    expect(isOverdue('2026-09-16', 15, at('2026-10-05T12:00:00+08:00'), NATIONAL_PROFILE)).toBe(false);
  });

  it('does not extend a period ending on an adjusted working day (Sat 2026-10-10, Sun 2026-09-20)', () => {
    expect(periodEnd('2026-09-25', { amount: 15, unit: 'days' }, NATIONAL_PROFILE)).toMatchObject({ lastDay: '2026-10-10', extended: false });
    expect(periodEnd('2026-09-05', { amount: 15, unit: 'days' }, NATIONAL_PROFILE)).toMatchObject({ lastDay: '2026-09-20', extended: false });
  });

  it('runs past the Spring Festival 2026 break (Feb 15–23) and keeps its adjusted Saturday', () => {
    expect(periodEnd('2026-02-01', { amount: 15, unit: 'days' }, NATIONAL_PROFILE)).toMatchObject({ nominalLastDay: '2026-02-16', lastDay: '2026-02-24' });
    expect(periodEnd('2026-01-30', { amount: 15, unit: 'days' }, NATIONAL_PROFILE)).toMatchObject({ lastDay: '2026-02-14', extended: false });
  });

  it('runs past the 2025 National Day and Mid-Autumn break (Oct 1–8)', () => {
    expect(periodEnd('2025-09-16', { amount: 15, unit: 'days' }, NATIONAL_PROFILE)).toMatchObject({ lastDay: '2025-10-09' });
  });

  it('moves a period ending on an ordinary weekend to Monday', () => {
    expect(periodEnd('2026-02-20', { amount: 15, unit: 'days' }, NATIONAL_PROFILE)).toMatchObject({
      nominalLastDay: '2026-03-07',
      lastDay: '2026-03-09',
      extended: true,
    });
  });

  it('takes the trigger day in China time', () => {
    // 16:30 UTC on Sep 15 is 00:30 on Sep 16 in China: the period counts from Sep 17.
    expect(periodEnd('2026-09-15T16:30:00Z', { amount: 15, unit: 'days' }, NATIONAL_PROFILE).lastDay).toBe('2026-10-08');
    expect(periodEnd(at('2026-09-15T23:59:59+08:00'), { amount: 15, unit: 'days' }, NATIONAL_PROFILE).lastDay).toBe('2026-09-30');
  });

  it('counts working days across the National Day week (BJ 57: posted for 10 working days)', () => {
    // From Mon 2026-09-28: Sep 29, 30, Oct 8, 9, 10 (adjusted Sat), 12, 13, 14, 15, 16.
    expect(periodEnd('2026-09-28', { amount: 10, unit: 'working_days' }, NATIONAL_PROFILE).lastDay).toBe('2026-10-16');
    expect(deadline('2026-09-28', 10, NATIONAL_PROFILE, { kind: 'working' })).toEqual(at('2026-10-17T00:00:00+08:00'));
  });

  it('counts months to the corresponding day, or the month end (CC 202), then applies holidays', () => {
    // Jan 31 + 1 month = Feb 28 2026, a Saturday that is an adjusted working day.
    expect(periodEnd('2026-01-31', { amount: 1, unit: 'months' }, NATIONAL_PROFILE)).toMatchObject({ lastDay: '2026-02-28', extended: false });
    expect(periodEnd('2025-08-31', { amount: 1, unit: 'months' }, NATIONAL_PROFILE).lastDay).toBe('2025-09-30');
    expect(periodEnd('2025-03-31', { amount: 1, unit: 'years' }, NATIONAL_PROFILE).lastDay).toBe('2026-03-31');
  });

  it('tells the days remaining (0 on the last day, negative when overdue)', () => {
    expect(daysRemaining('2026-09-16', 15, at('2026-09-30T10:00:00+08:00'), NATIONAL_PROFILE)).toBe(8);
    expect(daysRemaining('2026-09-16', 15, at('2026-10-07T23:00:00+08:00'), NATIONAL_PROFILE)).toBe(1);
    expect(daysRemaining('2026-09-16', 15, at('2026-10-08T23:59:59+08:00'), NATIONAL_PROFILE)).toBe(0);
    expect(daysRemaining('2026-09-16', 15, at('2026-10-09T01:00:00+08:00'), NATIONAL_PROFILE)).toBe(-1);
  });

  it('throws CALENDAR_YEAR_UNKNOWN, naming the year, when the last day needs a year without data', () => {
    let error: unknown;
    try {
      deadline('2026-12-20', 15, NATIONAL_PROFILE);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CalendarYearUnknownError);
    expect(error).toMatchObject({ code: 'CALENDAR_YEAR_UNKNOWN', year: 2027 });
    expect((error as CalendarYearUnknownError).message_zh).toContain('2027');
    expect((error as CalendarYearUnknownError).message_en).toContain('2027');
  });

  it('needs next year\'s notice for 29–31 December, which it may move', () => {
    expect(periodEnd('2026-12-13', { amount: 15, unit: 'days' }, NATIONAL_PROFILE).lastDay).toBe('2026-12-28');
    expect(() => periodEnd('2026-12-16', { amount: 15, unit: 'days' }, NATIONAL_PROFILE)).toThrow(/CALENDAR_YEAR_UNKNOWN.*2027/);
    expect(periodEnd('2025-12-16', { amount: 15, unit: 'days' }, NATIONAL_PROFILE).lastDay).toBe('2025-12-31');
  });

  it('works with any calendar, and refuses years it lacks', () => {
    const only2025 = new HolidayCalendar('test', [y2025]);
    expect(periodEnd('2025-09-16', { amount: 15, unit: 'days' }, only2025).lastDay).toBe('2025-10-09');
    expect(() => deadline('2026-03-01', 15, only2025)).toThrow(CalendarYearUnknownError);
    expect(only2025.knownYears).toEqual([2025]);
  });

  it('rejects periods that are not positive whole numbers and triggers that are not dates', () => {
    expect(() => deadline('2026-03-01', 0, NATIONAL_PROFILE)).toThrow(/BAD_PERIOD/);
    expect(() => deadline('2026-03-01', 1.5, NATIONAL_PROFILE)).toThrow(/BAD_PERIOD/);
    expect(() => deadline('next monday', 15, NATIONAL_PROFILE)).toThrow(/BAD_TIMESTAMP/);
    expect(() => deadline(new Date(Number.NaN), 15, NATIONAL_PROFILE)).toThrow(/BAD_TIMESTAMP/);
  });
});

describe('terms and lead times', () => {
  it('starts the re-election by the profile\'s lead time before the term ends', () => {
    expect(reelectionStartBy('2029-06-30', NATIONAL_PROFILE)).toBe('2029-03-30'); // 3 months
    expect(reelectionStartBy('2029-06-30', SHANGHAI)).toBe('2029-01-30'); // 5 months
    expect(reelectionStartBy('2029-06-30', BEIJING)).toBe('2028-12-30'); // 6 months
    expect(reelectionStartBy('2029-06-30', SHANDONG)).toBe('2029-04-01'); // 90 days
    expect(reelectionStartBy('2029-08-31', NATIONAL_PROFILE)).toBe('2029-05-31');
    expect(reelectionStartBy('2029-05-31', NATIONAL_PROFILE)).toBe('2029-02-28'); // month end
  });

  it('ends a term on the corresponding day', () => {
    expect(termEndDay('2026-03-16', 5)).toBe('2031-03-16');
    expect(termEndDay('2024-02-29', 1)).toBe('2025-02-28');
  });
});
