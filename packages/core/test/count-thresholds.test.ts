import { describe, expect, it } from 'vitest';
import { NATIONAL_PROFILE, countBundle, type Bundle, type MotionCount, validateBundle } from '../src/index';
import { type BallotSpec, type HolderSpec, holders, makeBundle, resolution } from './helpers/bundle-factory';

function countOnly(bundle: Bundle): MotionCount {
  expect(validateBundle(bundle)).toMatchObject({ ok: true });
  const [motion] = countBundle(bundle, NATIONAL_PROFILE).motions;
  if (!motion) throw new Error('no motion counted');
  return motion;
}

/** Every listed holder votes `choice` on m1. */
function votes(ids: readonly HolderSpec[], choice: 'approve' | 'reject' | 'abstain' | 'invalid'): BallotSpec[] {
  return ids.map((h) => ({ motion: 'm1', holder: h.id, choice }));
}

describe('quorum (参与表决): ≥ 2/3 of area AND ≥ 2/3 of holders', () => {
  // Area at the boundary, heads comfortable (6 of 7 holders take part).
  const voters = (last: string): HolderSpec[] => [...holders('v', 5, '30'), { id: 'v5', areas: [last] }];
  it('passes at exactly 2/3 of the area (200.00 of 300.00 m²)', () => {
    const vs = voters('50');
    const m = countOnly(makeBundle({ holders: [...vs, { id: 'x', areas: ['100'] }], motions: [resolution('m1')], ballots: votes(vs, 'approve') }));
    expect(m.participated).toEqual({ area: 20000n, holders: 6 });
    expect(m.eligible).toEqual({ area: 30000n, holders: 7 });
    expect(m.quorum).toBe(true);
    expect(m.result).toBe('passed');
  });
  it('fails just below 2/3 of the area (199.99 of 300.00 m²)', () => {
    const vs = voters('49.99');
    const m = countOnly(makeBundle({ holders: [...vs, { id: 'x', areas: ['100.01'] }], motions: [resolution('m1')], ballots: votes(vs, 'approve') }));
    expect(m.participated.area).toBe(19999n);
    expect(m.eligible.area).toBe(30000n);
    expect(m.quorum).toBe(false);
    expect(m.result).toBe('no_quorum');
  });
  // Heads at the boundary, area comfortable (voters hold 100 m² each, the others 0.01 m²).
  it('passes at exactly 2/3 of the holders (200 of 300)', () => {
    const vs = holders('v', 200, '100');
    const m = countOnly(makeBundle({ holders: [...vs, ...holders('x', 100, '0.01')], motions: [resolution('m1')], ballots: votes(vs, 'approve') }));
    expect(m.participated.holders).toBe(200);
    expect(m.eligible.holders).toBe(300);
    expect(m.quorum).toBe(true);
  });
  it('fails just below 2/3 of the holders (199 of 300)', () => {
    const vs = holders('v', 199, '100');
    const m = countOnly(makeBundle({ holders: [...vs, ...holders('x', 101, '0.01')], motions: [resolution('m1')], ballots: votes(vs, 'approve') }));
    expect(m.participated.holders).toBe(199);
    expect(m.quorum).toBe(false);
    expect(m.result).toBe('no_quorum');
  });
  it('counts abstentions, invalid ballots and rejections as taking part', () => {
    const vs = holders('v', 4, '100');
    const m = countOnly(
      makeBundle({
        holders: [...vs, ...holders('x', 2, '100')],
        motions: [resolution('m1')],
        ballots: [...votes(vs.slice(0, 1), 'abstain'), ...votes(vs.slice(1, 2), 'invalid'), ...votes(vs.slice(2, 3), 'reject'), ...votes(vs.slice(3), 'approve')],
      }),
    );
    expect(m.quorum).toBe(true);
    expect(m.participated).toEqual({ area: 40000n, holders: 4 });
    expect(m.result).toBe('failed');
  });
});

describe('majority (双过半): > 1/2 of participating area AND > 1/2 of participating holders', () => {
  it('fails at exactly 1/2 of the area (150.00 of 300.00 m²) with 3 of 4 heads', () => {
    const yes = holders('y', 3, '50');
    const no = [{ id: 'n0', areas: ['150'] }];
    const m = countOnly(makeBundle({ holders: [...yes, ...no], motions: [resolution('m1')], ballots: [...votes(yes, 'approve'), ...votes(no, 'reject')] }));
    expect(m.kind === 'resolution' && m.tally.approve).toEqual({ area: 15000n, holders: 3 });
    expect(m.result).toBe('failed');
  });
  it('passes just above 1/2 of the area (150.01 of 300.00 m²)', () => {
    const yes = [...holders('y', 2, '50'), { id: 'y2', areas: ['50.01'] }];
    const no = [{ id: 'n0', areas: ['149.99'] }];
    const m = countOnly(makeBundle({ holders: [...yes, ...no], motions: [resolution('m1')], ballots: [...votes(yes, 'approve'), ...votes(no, 'reject')] }));
    expect(m.result).toBe('passed');
  });
  it('fails at exactly 1/2 of the holders (50 of 100) with most of the area', () => {
    const yes = holders('y', 50, '100');
    const no = holders('n', 50, '1');
    const m = countOnly(makeBundle({ holders: [...yes, ...no], motions: [resolution('m1')], ballots: [...votes(yes, 'approve'), ...votes(no, 'reject')] }));
    expect(m.kind === 'resolution' && m.tally.approve.holders).toBe(50);
    expect(m.result).toBe('failed');
  });
  it('passes just above 1/2 of the holders (51 of 100)', () => {
    const yes = holders('y', 51, '100');
    const no = holders('n', 49, '1');
    const m = countOnly(makeBundle({ holders: [...yes, ...no], motions: [resolution('m1')], ballots: [...votes(yes, 'approve'), ...votes(no, 'reject')] }));
    expect(m.result).toBe('passed');
  });
  it('counts abstentions in the denominator, not as approval', () => {
    const yes = holders('y', 2, '100');
    const abstain = holders('a', 2, '100');
    const m = countOnly(makeBundle({ holders: [...yes, ...abstain], motions: [resolution('m1')], ballots: [...votes(yes, 'approve'), ...votes(abstain, 'abstain')] }));
    expect(m.result).toBe('failed');
  });
});

describe('supermajority (双四分之三) for fund_raise, rebuild and common_use_change', () => {
  it.each(['fund_raise', 'rebuild', 'common_use_change'] as const)('%s needs the supermajority', (matter) => {
    const yes = holders('y', 2, '100');
    const no = holders('n', 1, '100');
    const m = countOnly(makeBundle({ holders: [...yes, ...no], motions: [resolution('m1', matter)], ballots: [...votes(yes, 'approve'), ...votes(no, 'reject')] }));
    expect(m.threshold).toBe('supermajority');
    expect(m.result).toBe('failed'); // 2/3 is a majority but not 3/4
  });
  it('passes at exactly 3/4 of the area (300.00 of 400.00 m²) with 4 of 5 heads', () => {
    const yes = holders('y', 4, '75');
    const no = [{ id: 'n0', areas: ['100'] }];
    const m = countOnly(makeBundle({ holders: [...yes, ...no], motions: [resolution('m1', 'fund_raise')], ballots: [...votes(yes, 'approve'), ...votes(no, 'reject')] }));
    expect(m.kind === 'resolution' && m.tally.approve).toEqual({ area: 30000n, holders: 4 });
    expect(m.result).toBe('passed');
  });
  it('fails just below 3/4 of the area (299.99 of 400.00 m²)', () => {
    const yes = [...holders('y', 3, '75'), { id: 'y3', areas: ['74.99'] }];
    const no = [{ id: 'n0', areas: ['100.01'] }];
    const m = countOnly(makeBundle({ holders: [...yes, ...no], motions: [resolution('m1', 'rebuild')], ballots: [...votes(yes, 'approve'), ...votes(no, 'reject')] }));
    expect(m.result).toBe('failed');
  });
  it('passes at exactly 3/4 of the holders (75 of 100) with most of the area', () => {
    const yes = holders('y', 75, '100');
    const no = holders('n', 25, '1');
    const m = countOnly(makeBundle({ holders: [...yes, ...no], motions: [resolution('m1', 'common_use_change')], ballots: [...votes(yes, 'approve'), ...votes(no, 'reject')] }));
    expect(m.result).toBe('passed');
  });
  it('fails just below 3/4 of the holders (74 of 100)', () => {
    const yes = holders('y', 74, '100');
    const no = holders('n', 26, '1');
    const m = countOnly(makeBundle({ holders: [...yes, ...no], motions: [resolution('m1', 'fund_raise')], ballots: [...votes(yes, 'approve'), ...votes(no, 'reject')] }));
    expect(m.result).toBe('failed');
  });
  it.each(['rules_of_procedure', 'covenant', 'committee_election', 'property_manager', 'fund_use', 'other_major'] as const)(
    '%s needs the majority',
    (matter) => {
      const b = makeBundle({ holders: holders('h', 1, '1'), motions: [resolution('m1', matter)], ballots: [{ motion: 'm1', holder: 'h0', choice: 'approve' }] });
      expect(countOnly(b).threshold).toBe('majority');
    },
  );
});
