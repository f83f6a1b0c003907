import { describe, expect, it } from 'vitest';
import { addMonths, compareInstants, daysBetween, formatCivilDate, instantToDate, parseRfc3339, weekday } from '../src/index';

const instant = (text: string) => {
  const parsed = parseRfc3339(text);
  if (!parsed) throw new Error(`not RFC 3339: ${text}`);
  return parsed;
};

describe('RFC 3339 timestamps', () => {
  it('compares instants across offsets exactly', () => {
    expect(compareInstants(instant('2026-03-16T20:00:00+08:00'), instant('2026-03-16T12:00:00Z'))).toBe(0);
    expect(compareInstants(instant('2026-03-16T12:00:00z'), instant('2026-03-16t12:00:00-00:00'))).toBe(0);
    expect(compareInstants(instant('2026-03-16T20:00:00+08:00'), instant('2026-03-16T07:00:00-05:00'))).toBe(0);
    expect(compareInstants(instant('2026-03-16T20:00:00+08:00'), instant('2026-03-16T07:00:01-05:00'))).toBeLessThan(0);
    expect(compareInstants(instant('2026-03-16T20:00:00+05:45'), instant('2026-03-16T14:15:00Z'))).toBe(0);
  });

  it('compares fractional seconds of any precision exactly', () => {
    expect(compareInstants(instant('2026-01-01T00:00:00.5Z'), instant('2026-01-01T00:00:00.500000000Z'))).toBe(0);
    expect(compareInstants(instant('2026-01-01T00:00:00.123456789Z'), instant('2026-01-01T00:00:00.12345678Z'))).toBeGreaterThan(0);
    expect(compareInstants(instant('2026-01-01T00:00:00.999999999999Z'), instant('2026-01-01T00:00:01Z'))).toBeLessThan(0);
    expect(compareInstants(instant('2026-01-01T00:00:00Z'), instant('2026-01-01T00:00:00.0000000001Z'))).toBeLessThan(0);
  });

  it('places a leap second between 23:59:59.999… and the next midnight', () => {
    const leap = instant('2016-12-31T23:59:60Z');
    expect(compareInstants(leap, instant('2016-12-31T23:59:59.999999Z'))).toBeGreaterThan(0);
    expect(compareInstants(leap, instant('2017-01-01T00:00:00Z'))).toBeLessThan(0);
    expect(compareInstants(instant('2017-01-01T07:59:60+08:00'), leap)).toBe(0);
    expect(parseRfc3339('2016-12-31T12:00:60Z')).toBeUndefined();
  });

  it.each([
    '2026-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-01-32T00:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T23:60:00Z',
    '2026-01-01T00:00:00',
    '2026-01-01T00:00:00+8:00',
    '2026-01-01T00:00:00+08',
    '2026-01-01T00:00:00+24:00',
    '2026-01-01T00:00:00.Z',
    '2026-01-01 00:00:00Z',
    '2026-01-01T00:00Z',
    '26-01-01T00:00:00Z',
    '2026-01-01T00:00:00Z ',
    '２０２６-01-01T00:00:00Z',
    'not a date',
  ])('rejects %j', (text) => {
    expect(parseRfc3339(text)).toBeUndefined();
  });

  it('accepts leap days and converts to Date', () => {
    expect(instantToDate(instant('2024-02-29T08:00:00.1239+08:00')).toISOString()).toBe('2024-02-29T00:00:00.123Z');
  });
});

describe('civil dates', () => {
  it('adds months per CC 202 and counts days', () => {
    expect(formatCivilDate(addMonths({ year: 2026, month: 1, day: 31 }, 1))).toBe('2026-02-28');
    expect(formatCivilDate(addMonths({ year: 2024, month: 1, day: 31 }, 1))).toBe('2024-02-29');
    expect(formatCivilDate(addMonths({ year: 2026, month: 11, day: 30 }, 3))).toBe('2027-02-28');
    expect(formatCivilDate(addMonths({ year: 2026, month: 3, day: 15 }, -15))).toBe('2024-12-15');
    expect(daysBetween({ year: 2026, month: 1, day: 1 }, { year: 2027, month: 1, day: 1 })).toBe(365);
    expect(weekday({ year: 2026, month: 10, day: 1 })).toBe(4); // Thursday
  });
});
