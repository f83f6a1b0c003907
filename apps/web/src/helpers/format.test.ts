import { describe, expect, it } from 'vitest';
import { areaToHundredths, formatArea, hundredthsToArea, percentOf } from './format';

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
