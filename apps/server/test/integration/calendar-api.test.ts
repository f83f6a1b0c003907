import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { HolidayYear } from '@gongzhi/core';
import { addHolidayYear } from '../../src/calendar';
import { createTestPlatform } from '../support/platform';

// The calendar as officials' consoles read it. Its own file: the core's calendar is per process,
// and other files add the 2027 fixture to it. (A test fixture, not the published arrangement.)
const fixture = JSON.parse(readFileSync(new URL('../../../../packages/core/test/fixtures/calendar/2027-test-fixture.json', import.meta.url), 'utf8')) as HolidayYear;

describe('GET /api/calendar', () => {
  it('lists the known years and, from 1 November, names a missing next year until it is added', async () => {
    const p = await createTestPlatform({ seed: 'none', config: { testClockStart: new Date('2026-10-31T20:00:00+08:00') } });
    try {
      type Status = { today: string; years: Array<{ year: number; origin: string }>; missingNextYear: number | null };
      const before = await p.client().get<Status>('/api/calendar');
      expect(before.status).toBe(200);
      expect(before.body.today).toBe('2026-10-31');
      expect(before.body.years.map((y) => [y.year, y.origin])).toEqual([[2024, 'release'], [2025, 'release'], [2026, 'release']]);
      expect(before.body.missingNextYear).toBeNull();
      p.deps.assembly.clock.advance(4 * 3600_000); // 2026-11-01 00:00 in China
      const november = await p.client().get<Status>('/api/calendar');
      expect(november.body.today).toBe('2026-11-01');
      expect(november.body.missingNextYear).toBe(2027);
      expect((await addHolidayYear(p.deps.db, fixture)).outcome).toBe('added');
      const after = await p.client().get<Status>('/api/calendar');
      expect(after.body.missingNextYear).toBeNull();
      expect(after.body.years.at(-1)).toMatchObject({ year: 2027, origin: 'added' });
    } finally {
      await p.close();
    }
  });
});
