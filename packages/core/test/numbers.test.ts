import { describe, expect, it } from 'vitest';
import { atLeast, formatArea, formatPercent, meetsBound, moreThan, parseArea, tryParseArea } from '../src/index';

describe('areas in hundredths of a square metre', () => {
  it.each([
    ['120', 12000n],
    ['89.37', 8937n],
    ['0.5', 50n],
    ['0.01', 1n],
    ['100.10', 10010n],
    ['98765432109876543210.99', 9876543210987654321099n],
  ])('parses %j exactly', (text, hundredths) => {
    expect(parseArea(text)).toBe(hundredths);
  });

  it.each([
    ['0', 'not_positive'],
    ['0.00', 'not_positive'],
    ['-1', 'syntax'],
    ['+1', 'syntax'],
    ['1e3', 'syntax'],
    ['1E3', 'syntax'],
    ['12.345', 'too_many_decimals'],
    ['.5', 'syntax'],
    ['5.', 'syntax'],
    ['05', 'syntax'],
    ['1,5', 'syntax'],
    ['', 'syntax'],
    [' 1', 'syntax'],
    ['Infinity', 'syntax'],
    ['0x10', 'syntax'],
    ['１２', 'syntax'],
  ])('rejects %j (%s)', (text, reason) => {
    expect(tryParseArea(text)).toEqual({ ok: false, reason });
    expect(() => parseArea(text)).toThrow(/BAD_AREA/);
  });

  it('rejects non-strings', () => {
    expect(tryParseArea(120)).toEqual({ ok: false, reason: 'not_a_string' });
    expect(tryParseArea(null)).toEqual({ ok: false, reason: 'not_a_string' });
  });

  it('formats with exactly two decimals', () => {
    expect(formatArea(0n)).toBe('0.00');
    expect(formatArea(5n)).toBe('0.05');
    expect(formatArea(8937n)).toBe('89.37');
    expect(formatArea(123456789012345678901234n)).toBe('1234567890123456789012.34');
    expect(formatArea(-150n)).toBe('-1.50');
  });
});

describe('bounds by cross-multiplication', () => {
  it('distinguishes inclusive and exclusive bounds exactly at the boundary', () => {
    expect(meetsBound(2n, 3n, atLeast(2, 3))).toBe(true);
    expect(meetsBound(2n, 3n, moreThan(2, 3))).toBe(false);
    expect(meetsBound(1, 2, moreThan(1, 2))).toBe(false);
    expect(meetsBound(1, 2, atLeast(1, 2))).toBe(true);
  });

  it('stays exact where floating point would not', () => {
    // 0.1 + 0.2 > 0.3 in floating point; in hundredths 10 + 20 = 30 exactly.
    expect(meetsBound(10n + 20n, 90n, atLeast(1, 3))).toBe(true);
    expect(meetsBound(10n + 20n, 90n, moreThan(1, 3))).toBe(false);
    const huge = 10n ** 30n;
    expect(meetsBound(huge * 2n, huge * 3n, atLeast(2, 3))).toBe(true);
    expect(meetsBound(huge * 2n - 1n, huge * 3n, atLeast(2, 3))).toBe(false);
  });

  it('never meets a bound of an empty whole', () => {
    expect(meetsBound(0, 0, atLeast(0, 1))).toBe(false);
  });

  it('formats percentages with integer rounding', () => {
    expect(formatPercent(2, 3)).toBe('66.67');
    expect(formatPercent(1, 3)).toBe('33.33');
    expect(formatPercent(1, 8)).toBe('12.50');
    expect(formatPercent(1, 200000)).toBe('0.00');
    expect(formatPercent(1, 20000)).toBe('0.01'); // 0.005 rounds half up
    expect(formatPercent(3, 3)).toBe('100.00');
    expect(formatPercent(1, 0)).toBe('—');
  });
});
