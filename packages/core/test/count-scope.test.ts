import { describe, expect, it } from 'vitest';
import { NATIONAL_PROFILE, countBundle, countMotion, buildElectorate, votingRulesOf, validateBundle } from '../src/index';
import { holders, makeBundle, mutable, resolution } from './helpers/bundle-factory';

describe('headcount and weight (SPC 9)', () => {
  it("counts all of the builder's units as one head, with their whole area", () => {
    const b = makeBundle({
      holders: [{ id: 'builder', kind: 'builder', areas: ['100', '100', '100', '100', '100', '100'] }, ...holders('o', 3, '100')],
      motions: [resolution('m1')],
      ballots: [
        { motion: 'm1', holder: 'builder', choice: 'reject' },
        { motion: 'm1', holder: 'o0', choice: 'approve' },
        { motion: 'm1', holder: 'o1', choice: 'approve' },
      ],
    });
    const [m] = countBundle(b, NATIONAL_PROFILE).motions;
    expect(m?.eligible).toEqual({ area: 90000n, holders: 4 });
    expect(m?.participated).toEqual({ area: 80000n, holders: 3 });
    // 2 of 3 heads approve, but 200 of 800 m²: fails on area
    expect(m?.result).toBe('failed');
  });

  it('counts a holder of several units once, adding the areas', () => {
    const b = makeBundle({
      holders: [{ id: 'multi', areas: ['80', '80', '80'] }, ...holders('o', 2, '80')],
      motions: [resolution('m1')],
      ballots: [
        { motion: 'm1', holder: 'multi', choice: 'approve' },
        { motion: 'm1', holder: 'o0', choice: 'reject' },
        { motion: 'm1', holder: 'o1', choice: 'reject' },
      ],
    });
    const [m] = countBundle(b, NATIONAL_PROFILE).motions;
    expect(m?.eligible).toEqual({ area: 40000n, holders: 3 });
    expect(m?.kind === 'resolution' && m.tally.approve).toEqual({ area: 24000n, holders: 1 });
    expect(m?.result).toBe('failed');
  });
});

describe('scoped motions (e.g. one building decides its lift repair)', () => {
  const hs = [{ id: 'a', areas: ['100', '50'] }, { id: 'b', areas: ['100'] }, { id: 'c', areas: ['100'] }, { id: 'd', areas: ['100'] }];
  const scope = ['a-u0', 'b-u0', 'c-u0']; // a's second unit and all of d are outside

  it('uses only the units in scope for the denominators and the weights', () => {
    const b = makeBundle({
      holders: hs,
      motions: [resolution('lift', 'fund_use', scope)],
      ballots: [
        { motion: 'lift', holder: 'a', choice: 'approve' },
        { motion: 'lift', holder: 'b', choice: 'approve' },
      ],
    });
    expect(validateBundle(b)).toMatchObject({ ok: true });
    const [m] = countBundle(b, NATIONAL_PROFILE).motions;
    expect(m?.eligible).toEqual({ area: 30000n, holders: 3 });
    expect(m?.participated).toEqual({ area: 20000n, holders: 2 });
    expect(m?.quorum).toBe(true);
    expect(m?.result).toBe('passed');
  });

  it('rejects a ballot from a holder outside the scope (validation error, and the engine refuses it)', () => {
    const b = makeBundle({
      holders: hs,
      motions: [resolution('lift', 'fund_use', scope)],
      ballots: [{ motion: 'lift', holder: 'd', choice: 'approve' }],
    });
    const v = validateBundle(b);
    expect(v.ok).toBe(false);
    expect(!v.ok && v.issues.map((i) => [i.code, i.path])).toEqual([['HOLDER_OUTSIDE_SCOPE', '$.ballots[0].holder']]);
    expect(() => countBundle(b, NATIONAL_PROFILE)).toThrow(/HOLDER_OUTSIDE_SCOPE/);
  });

  it('rejects a scope naming an unknown unit', () => {
    const raw = mutable(makeBundle({ holders: hs, motions: [resolution('lift', 'fund_use', [...scope, 'nope'])], ballots: [] }));
    const v = validateBundle(raw);
    expect(!v.ok && v.issues.map((i) => [i.code, i.path])).toEqual([['UNKNOWN_UNIT_IN_SCOPE', '$.motions[0].scope[3]']]);
  });
});

describe('countMotion (the lower-level API)', () => {
  const rules = votingRulesOf(NATIONAL_PROFILE);
  const electorate = buildElectorate([
    { holder: 'h1', area: 10000n },
    { holder: 'h2', area: 10000n },
    { holder: 'h3', area: 10000n },
  ]);

  it('counts plain data without a bundle', () => {
    const count = countMotion(
      {
        motion: { id: 'm', matter: 'covenant', kind: 'resolution' },
        electorate,
        ballots: [
          { holder: 'h1', choice: 'approve' },
          { holder: 'h2', choice: 'approve' },
        ],
      },
      rules,
    );
    expect(count).toMatchObject({ quorum: true, result: 'passed', participated: { area: 20000n, holders: 2 } });
  });

  it('refuses a second ballot of one holder and a ballot of the wrong kind', () => {
    const motion = { id: 'm', matter: 'covenant', kind: 'resolution' } as const;
    expect(() => countMotion({ motion, electorate, ballots: [{ holder: 'h1', choice: 'approve' }, { holder: 'h1', choice: 'reject' }] }, rules)).toThrow(
      /DUPLICATE_BALLOT/,
    );
    expect(() => countMotion({ motion, electorate, ballots: [{ holder: 'h1', approve: [] }] }, rules)).toThrow(/BALLOT_KIND_MISMATCH/);
    expect(() => countMotion({ motion, electorate, ballots: [{ holder: 'zz', choice: 'approve' }] }, rules)).toThrow(/HOLDER_OUTSIDE_SCOPE/);
  });
});
