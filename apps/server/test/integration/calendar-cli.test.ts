import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CN_MAINLAND_CALENDAR, HolidayCalendar, NATIONAL_PROFILE, deadline, type HolidayYear } from '@gongzhi/core';
import { calendarCommand } from '../../../cli/src/commands/calendar';
import type { CliIO } from '../../../cli/src/io';
import { loadConfig } from '../../src/config';
import { openPlatformDatabase } from '../../src/platform';
import { loadHolidayYears } from '../../src/calendar';
import { meetingClocks } from '../../src/assembly/clocks';
import type { MeetingRow } from '../../src/assembly/meeting';
import { freshDatabase } from '../support/database';

// `gongzhi calendar` on the platform's database (PGlite here, PostgreSQL with DATABASE_URL): an
// operator adds a year's holiday notice that the release does not ship; it is checked, stored
// with its audit record, never replaced by other data, and loaded by every process that opens
// the database. The 2027 data is a test fixture, not the State Council's arrangement.
let dir: string;
let env: NodeJS.ProcessEnv;
const fixturePath = new URL('../../../../packages/core/test/fixtures/calendar/2027-test-fixture.json', import.meta.url);
const fixture = JSON.parse(readFileSync(fixturePath, 'utf8')) as HolidayYear;

function io(): CliIO & { stdout: string; stderr: string } {
  const o = { stdout: '', stderr: '', env, cwd: dir, out: (t: string) => void (o.stdout += t), err: (t: string) => void (o.stderr += t) };
  return o;
}
function write(name: string, data: unknown): string {
  writeFileSync(path.join(dir, name), typeof data === 'string' ? data : JSON.stringify(data));
  return name;
}
async function withDb<T>(f: (db: Awaited<ReturnType<typeof openPlatformDatabase>>['db']) => Promise<T>): Promise<T> {
  const database = await openPlatformDatabase(loadConfig(env));
  try {
    return await f(database.db);
  } finally {
    await database.close();
  }
}

let pgDatabase: Awaited<ReturnType<typeof freshDatabase>> | null = null;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'gongzhi-calendar-cli-'));
  env = { GONGZHI_DATA_DIR: path.join(dir, 'data'), GONGZHI_LOG_LEVEL: 'silent' };
  // the PostgreSQL run: a database of this file's own, which the CLI opens by its URL
  if (process.env.DATABASE_URL) {
    pgDatabase = await freshDatabase();
    env.DATABASE_URL = pgDatabase.databaseUrl;
  }
});
afterAll(async () => {
  await pgDatabase?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('gongzhi calendar', () => {
  it('lists the years of the release', async () => {
    const o = io();
    expect(await calendarCommand.run(['list', '--json'], o)).toBe(0);
    const years = JSON.parse(o.stdout) as Array<{ year: number; origin: string; title: string }>;
    expect(years.filter((y) => y.origin === 'release').map((y) => y.year)).toEqual([2024, 2025, 2026]);
    expect(years.find((y) => y.year === 2026)!.title).toBe('国务院办公厅关于2026年部分节假日安排的通知');
  });

  it('without the next year, a draft whose notice period reaches it is blocked, naming the year', () => {
    const draft = { state: 'draft', notice_published_at: null, closed_at: null, finalized_at: null } as unknown as MeetingRow;
    const c = meetingClocks(draft, NATIONAL_PROFILE, new Date('2026-12-20T10:00:00+08:00'));
    expect(c.earliestOpen).toBeNull();
    expect(c.problems.map((p) => p.code)).toEqual(['CALENDAR_YEAR_UNKNOWN']);
    expect(c.problems[0]!.messageZh).toContain('gongzhi calendar add');
  });

  it('refuses invalid files and writes nothing', async () => {
    const bad = io();
    expect(await calendarCommand.run(['add', write('bad.json', { ...fixture, workdays: [{ date: '2027-01-04', weekday: '星期一', for: '元旦' }] })], bad)).toBe(1);
    expect(bad.stderr).toContain('CALENDAR_DATA_INVALID');
    expect(bad.stderr).toContain('2027-01-04 is not a weekend day');
    const notJson = io();
    expect(await calendarCommand.run(['add', write('not.json', '{ "year": 2027,')], notJson)).toBe(1);
    expect(notJson.stderr).toContain('cannot read the JSON file');
    const usage = io();
    expect(await calendarCommand.run(['add'], usage)).toBe(2);
    expect(usage.stderr).toContain('add needs one FILE');
    expect(await withDb((db) => db.selectFrom('holiday_years').select('year').execute())).toEqual([]);
  });

  it('adds a year with its audit record; the same again changes nothing; other data is refused', async () => {
    const o = io();
    expect(await calendarCommand.run(['add', write('2027.json', fixture)], o)).toBe(0);
    expect(o.stdout).toContain('added the holiday arrangement of 2027');
    // this process's calendar has it now: the clock computes across the new year
    expect(CN_MAINLAND_CALENDAR.knownYears).toContain(2027);
    expect(deadline('2026-12-20T10:00:00+08:00', 15, NATIONAL_PROFILE).toISOString()).toBe('2027-01-04T16:00:00.000Z');

    const again = io();
    expect(await calendarCommand.run(['add', '2027.json'], again)).toBe(0);
    expect(again.stdout).toContain('already there with the same data');

    const conflict = io();
    expect(await calendarCommand.run(['add', write('other.json', { ...fixture, holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-01', days: 1 }] })], conflict)).toBe(1);
    expect(conflict.stderr).toContain('CALENDAR_YEAR_CONFLICT');
    const shipped = io();
    expect(await calendarCommand.run(['add', write('2026.json', { ...(CN_MAINLAND_CALENDAR.year(2026) as HolidayYear), workdays: [] })], shipped)).toBe(1);
    expect(shipped.stderr).toContain('CALENDAR_YEAR_CONFLICT');

    const stored = await withDb(async (db) => ({
      rows: await db.selectFrom('holiday_years').select(['calendar_id', 'year']).execute(),
      audit: await db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', '=', 'calendar.year_add').execute(),
    }));
    expect(stored.rows).toEqual([{ calendar_id: 'cn-mainland', year: 2027 }]);
    expect(stored.audit).toEqual([{ action: 'calendar.year_add', entity_id: 'cn-mainland:2027' }]);

    const list = io();
    expect(await calendarCommand.run(['--json'], list)).toBe(0);
    const y2027 = (JSON.parse(list.stdout) as Array<{ year: number; origin: string; source: string; addedAt: string | null }>).find((y) => y.year === 2027)!;
    expect(y2027.origin).toBe('added');
    expect(y2027.source).toContain('test fixture');
    expect(y2027.addedAt).not.toBeNull();
  });

  it('another process opening the database loads the stored year (as the server does at start)', async () => {
    // a calendar with only the release's years stands for a fresh process
    const fresh = new HolidayCalendar('cn-mainland', [2024, 2025, 2026].map((y) => CN_MAINLAND_CALENDAR.year(y)!));
    expect(() => deadline('2026-12-20', 15, fresh)).toThrow(/CALENDAR_YEAR_UNKNOWN/);
    expect(await withDb((db) => loadHolidayYears(db, fresh))).toEqual([2027]);
    expect(deadline('2026-12-20T10:00:00+08:00', 15, fresh).toISOString()).toBe('2027-01-04T16:00:00.000Z');
    expect(await withDb((db) => loadHolidayYears(db, fresh))).toEqual([]);
  });
});
