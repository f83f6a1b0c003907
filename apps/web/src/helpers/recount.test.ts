import { describe, expect, it } from 'vitest';
import { recountMotions } from './recount';

describe('recountMotions', () => {
  it('reads resolutions and elections of gongzhi.recount/1', () => {
    const w = (area: string, holders: number) => ({ area, holders });
    const motions = recountMotions({
      format: 'gongzhi.recount/1',
      motions: [
        {
          id: 'm1',
          threshold: 'supermajority',
          eligible: w('1000.00', 10),
          participated: w('800.00', 8),
          quorum: true,
          result: 'passed',
          tally: { approve: w('700.00', 7), reject: w('100.00', 1), abstain: w('0.00', 0), invalid: w('0.00', 0) },
        },
        { id: 'm2', threshold: 'majority', eligible: w('1000.00', 10), participated: w('300.00', 3), quorum: false, result: 'no_quorum', candidates: [{ id: 'c1', approve: w('300.00', 3), qualified: true }], elected: [], runoff: [] },
        'junk',
      ],
    });
    expect(motions).toHaveLength(2);
    expect(motions[0]).toMatchObject({ id: 'm1', quorum: true, result: 'passed', candidates: null });
    expect(motions[0]?.tally?.approve).toEqual({ area: '700.00', holders: 7 });
    expect(motions[1]).toMatchObject({ id: 'm2', quorum: false, result: 'no_quorum', tally: null, elected: [], runoff: [] });
    expect(motions[1]?.candidates).toEqual([{ id: 'c1', approve: { area: '300.00', holders: 3 }, qualified: true }]);
    expect(recountMotions({})).toEqual([]);
  });
});
