import { describe, expect, it } from 'vitest';
import { displayPercent, isFinished, isImportFile, pageOf, progressStatus } from './importJob';

describe('import job helpers', () => {
  it('knows the final states', () => {
    expect(isFinished('succeeded')).toBe(true);
    expect(isFinished('failed')).toBe(true);
    expect(isFinished('validating')).toBe(false);
    expect(isFinished('queued')).toBe(false);
  });

  it('clamps and rounds the percentage, full when finished', () => {
    expect(displayPercent({ status: 'validating', percent: 12.345 })).toBe(12.3);
    expect(displayPercent({ status: 'importing', percent: 130 })).toBe(100);
    expect(displayPercent({ status: 'importing', percent: -1 })).toBe(0);
    expect(displayPercent({ status: 'importing', percent: Number.NaN })).toBe(0);
    expect(displayPercent({ status: 'failed', percent: 40 })).toBe(100);
    expect(progressStatus({ status: 'failed' })).toBe('exception');
    expect(progressStatus({ status: 'succeeded' })).toBe('success');
    expect(progressStatus({ status: 'importing' })).toBe('');
  });

  it('pages a long error list', () => {
    const errors = Array.from({ length: 2345 }, (_, i) => i + 2);
    expect(pageOf(errors, 1, 50)).toHaveLength(50);
    expect(pageOf(errors, 1, 50)[0]).toBe(2);
    expect(pageOf(errors, 47, 50)).toEqual(errors.slice(2300));
    expect(pageOf(errors, 48, 50)).toEqual([]);
  });

  it('accepts .xlsx and .csv only', () => {
    expect(isImportFile('业主名册.XLSX')).toBe(true);
    expect(isImportFile('owners.csv')).toBe(true);
    expect(isImportFile('owners.xls')).toBe(false);
    expect(isImportFile('owners.xlsx.exe')).toBe(false);
  });
});
