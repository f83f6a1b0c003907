import { describe, expect, it } from 'vitest';
import { createTestPlatform } from '../support/platform';

// The demo city's meetings (issue 4: one final, one voting now, one in its notice period) must
// come out so on whatever day the demo is loaded. With fixed offsets the voting meeting stayed a
// draft whenever the notice period's last day fell on a weekend (rules.md §1 moves it to the
// next working day) — e.g. when loaded on 2026-12-03.
describe('the demo meetings on any day', () => {
  for (const at of ['2026-12-03T20:36:00Z', '2026-03-02T10:00:00+08:00', '2026-09-30T09:00:00+08:00']) {
    it(`loaded at ${at}: final, voting, notice`, async () => {
      const p = await createTestPlatform({ seed: 'demo', config: { testClockStart: new Date(at), meetingClockSeconds: 0 } });
      try {
        const rows = await p.deps.db.selectFrom('meetings').select(['state', 'opens_at', 'closes_at']).orderBy('id').execute();
        expect(rows.map((r) => r.state)).toEqual(['final', 'voting', 'notice']);
        const now = new Date(at).getTime();
        // voting now: opened before the load (after the full notice period), closes after it
        expect(rows[1]!.opens_at.getTime()).toBeLessThan(now);
        expect(rows[1]!.closes_at.getTime()).toBeGreaterThan(now);
        expect(rows[2]!.opens_at.getTime()).toBeGreaterThan(now);
      } finally {
        await p.close();
      }
    }, 120_000);
  }
});
