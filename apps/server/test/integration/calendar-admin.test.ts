import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../support/platform';

// A platform administrator adds a year's holiday notice in the console (POST /api/calendar/years),
// as an operator does with `gongzhi calendar add`. Its own file: the core's calendar is per
// process, and this adds the 2027 test fixture to it (a fixture, not the published arrangement).
const fixtureText = readFileSync(new URL('../../../../packages/core/test/fixtures/calendar/2027-test-fixture.json', import.meta.url), 'utf8');
const fixture = () => JSON.parse(fixtureText) as { year: number; holidays: Array<{ name: string; days: number }> };
type ErrorReply = { error: { code: string; messageZh: string; messageEn: string } };

describe('POST /api/calendar/years', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await createTestPlatform({ config: { testClockStart: new Date('2026-12-04T10:00:00+08:00') } });
  });
  afterAll(async () => {
    await p?.close();
  });

  it('is refused without a session, and to anyone without a platform-wide grant (the district officer too)', async () => {
    const anonymous = await p.client().post<ErrorReply>('/api/calendar/years', fixture());
    expect(anonymous.status).toBe(401);
    for (const who of ['demo-district', 'demo-chair']) {
      const c = await p.client().demoLogin(who);
      const r = await c.post<ErrorReply>('/api/calendar/years', fixture());
      expect(r.status, who).toBe(403);
      expect(r.body.error.code).toBe('FORBIDDEN');
    }
    expect((await p.database.db.selectFrom('holiday_years').select('year').execute()).length).toBe(0);
  });

  it('refuses invalid data with the field named, in Chinese and English, and stores nothing', async () => {
    const admin = await p.client().demoLogin('demo-admin');
    const bad = fixture();
    bad.holidays[0]!.days += 1; // a range no longer its stated length
    const r = await admin.post<ErrorReply>('/api/calendar/years', bad);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('CALENDAR_DATA_INVALID');
    expect(r.body.error.messageZh).toContain('2027');
    expect(r.body.error.messageEn).toMatch(/holiday data for 2027 is invalid/);
    const notAYear = await admin.post<ErrorReply>('/api/calendar/years', ['not', 'a', 'year']);
    expect(notAYear.status).toBe(422);
    expect(notAYear.body.error.code).toBe('CALENDAR_DATA_INVALID');
    expect((await p.database.db.selectFrom('holiday_years').select('year').execute()).length).toBe(0);
    expect((await p.client().get<{ missingNextYear: number | null }>('/api/calendar')).body.missingNextYear).toBe(2027);
  });

  it('adds the year once (also when uploaded twice at once) with its audit record naming the administrator; the same again is known; other data for it is a conflict', async () => {
    const admin = await p.client().demoLogin('demo-admin');
    // two uploads at once (two administrators, or a double click): one stores it, the other finds it
    const both = await Promise.all([admin.post<{ year: number; outcome: string }>('/api/calendar/years', fixture()), admin.post<{ year: number; outcome: string }>('/api/calendar/years', fixture())]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect(both.map((r) => r.body.outcome).sort()).toEqual(['added', 'known']);
    expect(both.every((r) => r.body.year === 2027)).toBe(true);

    const status = await p.client().get<{ years: Array<{ year: number; origin: string; addedAt: string | null }>; missingNextYear: number | null }>('/api/calendar');
    expect(status.body.missingNextYear).toBeNull();
    expect(status.body.years.at(-1)).toMatchObject({ year: 2027, origin: 'added' });
    expect(status.body.years.at(-1)!.addedAt).not.toBeNull();

    const me = await admin.get<{ account: { id: number } }>('/api/auth/me');
    const audit = await p.database.db.selectFrom('audit_log').select(['actor_id', 'entity_id', 'after', 'request_id']).where('action', '=', 'calendar.year_add').execute();
    expect(audit).toHaveLength(1);
    expect(Number(audit[0]!.actor_id)).toBe(me.body.account.id);
    expect(audit[0]!.entity_id).toBe('cn-mainland:2027');
    expect(audit[0]!.request_id).toBeTruthy();
    const after = (typeof audit[0]!.after === 'string' ? JSON.parse(audit[0]!.after) : audit[0]!.after) as { via: string; year: number };
    expect(after).toMatchObject({ via: 'web', year: 2027 });

    const again = await admin.post<{ year: number; outcome: string }>('/api/calendar/years', fixture());
    expect(again.body).toEqual({ year: 2027, outcome: 'known' });

    const other = { ...fixture(), holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-01', days: 1 }] }; // valid, but not what is stored
    const conflict = await admin.post<ErrorReply>('/api/calendar/years', other);
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('CALENDAR_YEAR_CONFLICT');
    expect((await p.database.db.selectFrom('holiday_years').select('year').execute()).map((r) => r.year)).toEqual([2027]);
    expect(await p.database.db.selectFrom('audit_log').select('id').where('action', '=', 'calendar.year_add').execute()).toHaveLength(1);
  });
});
