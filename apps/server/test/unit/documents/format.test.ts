import { existsSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { fontPaths, loadFonts } from '../../../src/documents/fonts';
import { areaHundredths, chinaDate, chinaDateTime, chinaWindow, civilDay, percentOf } from '../../../src/documents/format';
import { meetingNoticeTitle, thresholdWithText } from '../../../src/documents/meeting-notice';
import { resultLabel, resultNoticeTitle } from '../../../src/documents/result-notice';
import { unitsLabel } from '../../../src/documents/ballots';

describe('China time', () => {
  it('prints instants in UTC+8', () => {
    expect(chinaDateTime('2026-12-07T16:00:00Z')).toBe('2026年12月8日 00:00');
    expect(chinaDateTime('2026-12-08T01:30:00Z')).toBe('2026年12月8日 09:30');
    expect(chinaDateTime('2026-12-08T09:30:00+08:00')).toBe('2026年12月8日 09:30');
    expect(chinaDateTime('2026-12-08T01:30:15.000Z')).toBe('2026年12月8日 09:30:15');
    expect(chinaDate('2026-12-31T16:00:00Z')).toBe('2027年1月1日');
    expect(chinaDate('2026-12-31T15:59:59Z')).toBe('2026年12月31日');
  });

  it('writes the midnight that ends a period as 24:00 of the day before', () => {
    expect(chinaDateTime('2026-12-20T16:00:00Z', true)).toBe('2026年12月20日 24:00');
    expect(chinaDateTime('2026-12-31T16:00:00Z', true)).toBe('2026年12月31日 24:00');
    expect(chinaDateTime('2026-12-20T15:59:00Z', true)).toBe('2026年12月20日 23:59');
    expect(chinaWindow('2026-12-07T16:00:00Z', '2026-12-20T16:00:00Z')).toBe('2026年12月8日 00:00 至 2026年12月20日 24:00');
  });

  it('prints a China calendar day and refuses nonsense', () => {
    expect(civilDay('2027-01-05')).toBe('2027年1月5日');
    expect(() => civilDay('2027-1-5')).toThrow(/invalid date/);
    expect(() => chinaDateTime('yesterday')).toThrow(/invalid timestamp/);
  });
});

describe('percentages', () => {
  it('are exact to two decimals, rounded half up', () => {
    expect(percentOf('59131.20', '86420.13')).toBe('68.42%');
    expect(percentOf(2, 3)).toBe('66.67%');
    expect(percentOf(1, 8)).toBe('12.50%');
    expect(percentOf(1, 800)).toBe('0.13%'); // 0.125 → 0.13
    expect(percentOf('0.00', '10')).toBe('0.00%');
    expect(percentOf('10', '10.00')).toBe('100.00%');
    // 1/3 of an area too large for a double to hold in hundredths exactly
    expect(percentOf('30000000000000000.01', '90000000000000000.03')).toBe('33.33%');
  });

  it('print a dash over nothing', () => {
    expect(percentOf('0.00', '0.00')).toBe('—');
    expect(percentOf(0, 0)).toBe('—');
  });

  it('read areas exactly and refuse malformed ones', () => {
    expect(areaHundredths('89.37')).toBe(8937n);
    expect(areaHundredths('0')).toBe(0n);
    expect(() => areaHundredths('89.375')).toThrow(/invalid area/);
    expect(() => areaHundredths('-1')).toThrow(/invalid area/);
  });
});

describe('labels', () => {
  it('title the notice without doubling 业主大会会议', () => {
    expect(meetingNoticeTitle('选聘物业服务企业')).toBe('关于召开《选聘物业服务企业》业主大会会议的通知');
    expect(meetingNoticeTitle('2026年第一次业主大会会议')).toBe('关于召开《2026年第一次业主大会会议》的通知');
  });

  it('explain the two thresholds and leave others alone', () => {
    expect(thresholdWithText('双过半')).toContain('过半数');
    expect(thresholdWithText('双四分之三')).toContain('四分之三以上');
    expect(thresholdWithText('三分之二')).toBe('三分之二');
  });

  it('name stages and results', () => {
    expect(resultNoticeTitle('preliminary')).toBe('表决结果公告（初步）');
    expect(resultNoticeTitle('final')).toBe('表决结果公告（最终）');
    expect(resultLabel('passed')).toBe('通过');
    expect(resultLabel('failed')).toBe('未通过');
    expect(resultLabel('no_quorum')).toBe('未达到参与表决人数要求');
  });

  it('shorten the unit list of a holder of many units', () => {
    expect(unitsLabel(['1-1-101', '1-1-102'])).toBe('1-1-101、1-1-102');
    const many = Array.from({ length: 40 }, (_, i) => `B-${i + 1}`);
    expect(unitsLabel(many)).toMatch(/^B-1、B-2、.*B-12 等 40 个$/);
  });
});

describe('fonts', () => {
  it('come from the npm package and are read once', () => {
    const paths = fontPaths();
    expect(paths.regular).toMatch(/noto-sans-sc[/\\]400Regular[/\\]NotoSansSC_400Regular\.ttf$/);
    expect(existsSync(paths.regular) && existsSync(paths.bold)).toBe(true);
    const fonts = loadFonts();
    expect(fonts.regular.length).toBeGreaterThan(1_000_000);
    expect(fonts.regular.subarray(0, 4)).toEqual(Buffer.from([0, 1, 0, 0])); // TrueType
    expect(loadFonts()).toBe(fonts);
  });
});

describe('fonts when the package is missing', () => {
  it('fail with a message in Chinese and English', async () => {
    vi.resetModules();
    vi.doMock('node:module', () => ({
      createRequire: () => ({
        resolve: () => {
          throw new Error("Cannot find module '@expo-google-fonts/noto-sans-sc/package.json'");
        },
      }),
    }));
    try {
      const fresh = await import('../../../src/documents/fonts');
      expect(() => fresh.loadFonts()).toThrow(/找不到中文字体 Noto Sans SC.*npm ci.*was not found.*Run npm ci/s);
    } finally {
      vi.doUnmock('node:module');
      vi.resetModules();
    }
  });
});
