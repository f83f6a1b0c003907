import { describe, expect, it } from 'vitest';
import { areaToHundredths, formatArea, formatDate, formatDateTime, hundredthsToArea, percentOf } from './format';

describe('areas', () => {
  it('parses decimal strings into integer hundredths without float error', () => {
    expect(areaToHundredths('89.37')).toBe(8937);
    expect(areaToHundredths('0.10')).toBe(10);
    expect(areaToHundredths('100')).toBe(10000);
    expect(areaToHundredths('1.5')).toBe(150);
    expect(areaToHundredths('abc')).toBe(0);
    // 0.1 + 0.2 style trap: the sum stays exact
    expect(areaToHundredths('0.10') + areaToHundredths('0.20')).toBe(30);
  });

  it('formats back with two decimals and grouping', () => {
    expect(hundredthsToArea(8937)).toBe('89.37');
    expect(hundredthsToArea(5)).toBe('0.05');
    expect(formatArea('1234567.80')).toBe('1,234,567.80');
    expect(formatArea('89.37')).toBe('89.37');
  });

  it('computes a share with one decimal', () => {
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(2, 3)).toBe(66.7);
    expect(percentOf(5, 0)).toBe(0);
  });
});

describe('dates', () => {
  it('shows instants in China time, whatever the zone of the machine, in one form for both languages', () => {
    // 18:00 UTC on 1 September is 02:00 on 2 September in China
    expect(formatDateTime('2026-09-01T18:00:00.000Z', 'en')).toBe('2026-09-02 02:00');
    expect(formatDateTime('2026-09-01T18:00:00.000Z', 'zh-CN')).toBe('2026-09-02 02:00');
    expect(formatDate('2026-09-01T18:00:00.000Z', 'en')).toBe('2026-09-02');
    expect(formatDate('2026-09-01T15:59:59.000Z', 'zh-CN')).toBe('2026-09-01');
    expect(formatDate('2026-09-01T16:00:00.000Z', 'zh-CN')).toBe('2026-09-02');
    expect(formatDateTime(null, 'en')).toBe('—');
    expect(formatDate('not a date', 'en')).toBe('not a date');
  });
});
