import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CN_MAINLAND_CALENDAR, type HolidayYear, parseCivilDate, weekday } from '../src/index';

const dir = new URL('../src/calendar/holidays/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const WEEKDAY_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

describe('holiday data files', () => {
  it('ships 2024, 2025 and 2026 (2027 was not published in a source we could check)', () => {
    expect(files.sort()).toEqual(['2024.json', '2025.json', '2026.json']);
    expect(CN_MAINLAND_CALENDAR.knownYears).toEqual([2024, 2025, 2026]);
  });

  describe.each(files)('%s', (file) => {
    const data = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as HolidayYear;

    it('is the notice for the year in its name, with its source', () => {
      expect(`${data.year}.json`).toBe(file);
      expect(data.notice.title).toBe(`国务院办公厅关于${data.year}年部分节假日安排的通知`);
      expect(data.notice.source.length).toBeGreaterThan(0);
    });

    it('lists adjusted working days only on weekends, with the weekday the notice states', () => {
      for (const w of data.workdays) {
        const d = parseCivilDate(w.date);
        expect(d, w.date).toBeDefined();
        if (!d) continue;
        expect(WEEKDAY_ZH[weekday(d)], w.date).toBe(w.weekday);
        expect([0, 6]).toContain(weekday(d));
        expect(CN_MAINLAND_CALENDAR.isWorkingDay(d)).toBe(true);
      }
    });

    it('makes every day of every break a rest day', () => {
      for (const h of data.holidays) {
        const from = parseCivilDate(h.from);
        expect(from, h.from).toBeDefined();
        if (!from) continue;
        for (let i = 0; i < h.days; i++) {
          const d = new Date(Date.UTC(from.year, from.month - 1, from.day + i));
          expect(CN_MAINLAND_CALENDAR.isWorkingDay({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() })).toBe(false);
        }
      }
    });
  });

  it('matches the 2026 notice for National Day: Oct 1–7 off, Sep 20 (Sun) and Oct 10 (Sat) worked', () => {
    const data = JSON.parse(readFileSync(new URL('2026.json', dir), 'utf8')) as HolidayYear;
    expect(data.holidays.find((h) => h.name === '国庆节')).toEqual({ name: '国庆节', from: '2026-10-01', to: '2026-10-07', days: 7 });
    expect(data.workdays.filter((w) => w.for === '国庆节').map((w) => w.date)).toEqual(['2026-09-20', '2026-10-10']);
  });
});
