import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CoreError, HolidayCalendar, type HolidayYear, deadline, parseHolidayYear, periodEnd } from '../src/index';
import y2026 from '../src/calendar/holidays/2026.json';

// A year added after the release (gongzhi calendar add). The 2027 data is a test fixture, not the
// State Council's arrangement: its source says so.
const fixture = (): Record<string, unknown> => JSON.parse(readFileSync(new URL('./fixtures/calendar/2027-test-fixture.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const release = (): HolidayCalendar => new HolidayCalendar('cn-mainland', [y2026 as HolidayYear]);

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof CoreError) return `${e.code}: ${e.message_en}`;
    throw e;
  }
  return 'no error';
}

describe('parseHolidayYear (a year file from outside the release)', () => {
  it('accepts a well-formed notice and returns exactly its data', () => {
    expect(parseHolidayYear(fixture())).toEqual(fixture());
    // the shipped files pass the same check
    expect(parseHolidayYear(y2026)).toEqual(y2026);
  });

  it('refuses what is wrong, naming it', () => {
    const cases: Array<[string, (d: Record<string, unknown>) => unknown, RegExp]> = [
      ['not an object', () => [], /the file must be an object/],
      ['year', (d) => ({ ...d, year: 'next' }), /year must be a whole number/],
      ['title of another year', (d) => ({ ...d, notice: { ...(d.notice as object), title: '国务院办公厅关于2028年部分节假日安排的通知' } }), /notice.title must be/],
      ['no source', (d) => ({ ...d, notice: { ...(d.notice as object), source: ' ' } }), /notice.source must be a non-empty text/],
      ['issued long before', (d) => ({ ...d, notice: { ...(d.notice as object), issued: '2020-01-01' } }), /notice.issued must fall/],
      ['a break of the wrong length', (d) => ({ ...d, holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03', days: 2 }] }), /元旦: 2027-01-01…2027-01-03 is not 2 days/],
      ['no breaks', (d) => ({ ...d, holidays: [] }), /holidays must list the breaks/],
      ['a working day on a weekday', (d) => ({ ...d, workdays: [{ date: '2027-01-04', weekday: '星期一', for: '元旦' }] }), /2027-01-04 is not a weekend day/],
      ['the wrong weekday', (d) => ({ ...d, workdays: [{ date: '2027-01-31', weekday: '星期六', for: '春节' }] }), /2027-01-31 is a 星期日, not a 星期六/],
      ['a day both off and worked', (d) => ({ ...d, workdays: [{ date: '2027-01-02', weekday: '星期六', for: '元旦' }] }), /2027-01-02 is both a holiday and a working day/],
      ['a day of the year before other than 29–31 December', (d) => ({ ...d, holidays: [{ name: '元旦', from: '2026-12-28', to: '2027-01-03', days: 7 }] }), /2026-12-28 is outside the year \(of the year before, only 29–31 December\)/],
      ['a bad date', (d) => ({ ...d, holidays: [{ name: '元旦', from: '2027-02-30', to: '2027-03-01', days: 1 }] }), /bad date/],
    ];
    for (const [what, change, message] of cases) {
      const result = code(() => parseHolidayYear(change(fixture())));
      expect(result, what).toMatch(/^CALENDAR_DATA_INVALID: /);
      expect(result, what).toMatch(message);
    }
  });
});

describe('HolidayCalendar.addYear', () => {
  it('turns CALENDAR_YEAR_UNKNOWN into answers, 29–31 December of the year before included', () => {
    const cal = release();
    expect(code(() => deadline('2026-12-20', 15, cal))).toMatch(/^CALENDAR_YEAR_UNKNOWN/);
    expect(code(() => periodEnd('2026-12-16', { amount: 15, unit: 'days' }, cal))).toMatch(/^CALENDAR_YEAR_UNKNOWN/);
    expect(cal.addYear(parseHolidayYear(fixture()))).toBe('added');
    expect(cal.knownYears).toEqual([2026, 2027]);
    expect([cal.isBuiltIn(2026), cal.isBuiltIn(2027)]).toEqual([true, false]);
    // 2026-12-20 + 15 days = 2027-01-04, a Monday and a working day of the fixture
    expect(periodEnd('2026-12-20', { amount: 15, unit: 'days' }, cal).lastDay).toBe('2027-01-04');
    // 2026-12-16 + 15 = 2026-12-31, a Thursday: known now that 2027 is loaded
    expect(periodEnd('2026-12-16', { amount: 15, unit: 'days' }, cal).lastDay).toBe('2026-12-31');
    // a last day in the fixture's Spring Festival break moves to the next working day
    expect(periodEnd('2027-01-22', { amount: 15, unit: 'days' }, cal).lastDay).toBe('2027-02-15');
  });

  it('never changes an answer already given, and never replaces a year with other data', () => {
    const cal = release();
    const before = periodEnd('2026-09-16', { amount: 15, unit: 'days' }, cal).lastDay;
    cal.addYear(parseHolidayYear(fixture()));
    expect(periodEnd('2026-09-16', { amount: 15, unit: 'days' }, cal).lastDay).toBe(before);
    // the same data again: nothing to do
    expect(cal.addYear(parseHolidayYear(fixture()))).toBe('known');
    expect(cal.addYear(y2026 as HolidayYear)).toBe('known');
    // other data for a known year: refused, and the calendar is as it was
    const other = parseHolidayYear({ ...fixture(), holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-01', days: 1 }] });
    expect(code(() => cal.addYear(other))).toMatch(/^CALENDAR_YEAR_CONFLICT: the holiday arrangement of 2027 is already loaded/);
    expect(cal.isWorkingDay({ year: 2027, month: 1, day: 2 })).toBe(false);
    expect(code(() => cal.addYear({ ...(y2026 as HolidayYear), workdays: [] }))).toMatch(/^CALENDAR_YEAR_CONFLICT/);
  });
});
