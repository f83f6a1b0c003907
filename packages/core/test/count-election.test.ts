import { describe, expect, it } from 'vitest';
import { NATIONAL_PROFILE, countBundle, type ElectionCount, type Bundle, validateBundle } from '../src/index';
import { type BallotSpec, election, holders, makeBundle } from './helpers/bundle-factory';

function countElection(bundle: Bundle): ElectionCount {
  expect(validateBundle(bundle)).toMatchObject({ ok: true });
  const [motion] = countBundle(bundle, NATIONAL_PROFILE).motions;
  if (motion?.kind !== 'election') throw new Error('expected an election');
  return motion;
}

/** Ballots from holders h0, h1, … approving the given lists in turn. */
function approvals(lists: readonly (readonly string[])[]): BallotSpec[] {
  return lists.map((approve, i) => ({ motion: 'e1', holder: `h${i}`, approve }));
}

describe('elections', () => {
  it('elects the top candidates in rank order when nobody ties across the last seat', () => {
    // c3 7 votes, c1 and c2 tied at 5 (inside the seats), c4 4 votes, 10 voters of 10.
    const lists = [
      ['c3', 'c1', 'c2'], ['c3', 'c1', 'c2'], ['c3', 'c1', 'c2'], ['c3', 'c1', 'c2'], ['c3', 'c1', 'c2'],
      ['c3', 'c4'], ['c3', 'c4'], ['c4'], ['c4'], [],
    ];
    const m = countElection(makeBundle({ holders: holders('h', 10, '100'), motions: [election('e1', 3, ['c1', 'c2', 'c3', 'c4'])], ballots: approvals(lists) }));
    expect(m.candidates.map((c) => [c.id, c.approve.holders, c.qualified])).toEqual([
      ['c1', 5, false], // exactly 1/2 is not more than half
      ['c2', 5, false],
      ['c3', 7, true],
      ['c4', 4, false],
    ]);
    expect(m.elected).toEqual(['c3']);
    expect(m.runoff).toEqual([]);
    expect(m.result).toBe('failed'); // 1 elected for 3 seats
    expect(m.blank).toEqual({ area: 10000n, holders: 1 });
  });

  it('keeps candidates tied inside the seats elected, and orders the elected by rank', () => {
    const lists = [['c2', 'c3'], ['c2', 'c3'], ['c2', 'c3'], ['c2', 'c3'], ['c2', 'c3', 'c1'], ['c1', 'c2', 'c3'], ['c1'], ['c1']];
    const m = countElection(makeBundle({ holders: holders('h', 8, '100'), motions: [election('e1', 3, ['c1', 'c2', 'c3'])], ballots: approvals(lists) }));
    // c2 and c3: 6 each; c1: 4 (not > 1/2 of 8)
    expect(m.elected).toEqual(['c2', 'c3']);
    expect(m.runoff).toEqual([]);
    expect(m.result).toBe('failed');
  });

  it('passes when exactly `seats` are elected, listing them by rank rather than by motion order', () => {
    const lists = [['c1', 'c2'], ['c1', 'c2'], ['c2'], ['c2', 'c3'], ['c1']];
    const m = countElection(makeBundle({ holders: holders('h', 5, '100'), motions: [election('e1', 2, ['c1', 'c2', 'c3'])], ballots: approvals(lists) }));
    // c2: 4 holders, c1: 3 holders (both > 1/2 of 5), c3: 1
    expect(m.elected).toEqual(['c2', 'c1']);
    expect(m.runoff).toEqual([]);
    expect(m.result).toBe('passed');
  });

  it('sends candidates tied across the last seat to a runoff and elects none of them', () => {
    const lists = [['c1', 'c2'], ['c1', 'c3'], ['c1', 'c2'], ['c1', 'c3'], ['c2', 'c3'], ['c1']];
    const m = countElection(makeBundle({ holders: holders('h', 6, '100'), motions: [election('e1', 2, ['c1', 'c2', 'c3'])], ballots: approvals(lists) }));
    // c1 5, c2 3, c3 3 — but 3 of 6 is exactly 1/2: not qualified. Use 7 voters instead below.
    expect(m.candidates.filter((c) => c.qualified).map((c) => c.id)).toEqual(['c1']);
    expect(m.elected).toEqual(['c1']);
    expect(m.runoff).toEqual([]);

    const lists7 = [['c1', 'c2'], ['c1', 'c3'], ['c1', 'c2'], ['c1', 'c3'], ['c2', 'c3'], ['c1', 'c2'], ['c3', 'c1']];
    const t = countElection(makeBundle({ holders: holders('h', 7, '100'), motions: [election('e1', 2, ['c1', 'c2', 'c3'])], ballots: approvals(lists7) }));
    // c1 6, c2 4, c3 4 (each 400.00 m²): c2 and c3 straddle seat 2
    expect(t.elected).toEqual(['c1']);
    expect(t.runoff).toEqual(['c2', 'c3']);
    expect(t.result).toBe('failed');
  });

  it('breaks a tie in holders by approving area', () => {
    const hs = [
      { id: 'h0', areas: ['100'] },
      { id: 'h1', areas: ['100'] },
      { id: 'h2', areas: ['100.01'] },
      { id: 'h3', areas: ['100'] },
    ];
    const lists = [['c1', 'c2'], ['c1', 'c2'], ['c1'], ['c2']];
    const m = countElection(makeBundle({ holders: hs, motions: [election('e1', 1, ['c1', 'c2'])], ballots: lists.map((approve, i) => ({ motion: 'e1', holder: `h${i}`, approve: approve.slice(0, 1) })) }));
    // each ballot approves only its first candidate: c1 from h0,h1,h2 (300.01), c2 from h3
    expect(m.elected).toEqual(['c1']);
    const tie = countElection(
      makeBundle({
        holders: [...hs, { id: 'h4', areas: ['1'] }],
        motions: [election('e1', 1, ['c1', 'c2'])],
        ballots: [
          { motion: 'e1', holder: 'h0', approve: ['c1'] },
          { motion: 'e1', holder: 'h1', approve: ['c1'] },
          { motion: 'e1', holder: 'h2', approve: ['c2'] },
          { motion: 'e1', holder: 'h3', approve: ['c2'] },
          { motion: 'e1', holder: 'h4', approve: [] },
        ],
      }),
    );
    // c1 2 holders 200.00; c2 2 holders 200.01: neither has > 1/2 of 5 holders
    expect(tie.candidates.map((c) => c.qualified)).toEqual([false, false]);
    expect(tie.elected).toEqual([]);
  });

  it('treats too many approvals, unknown and repeated candidates as invalid ballots that still take part', () => {
    const lists = [['c1', 'c2', 'c3'], ['zz'], ['c1', 'c1'], ['c1'], ['c1'], ['c1']];
    const m = countElection(makeBundle({ holders: holders('h', 6, '100'), motions: [election('e1', 2, ['c1', 'c2', 'c3'])], ballots: approvals(lists) }));
    expect(m.participated).toEqual({ area: 60000n, holders: 6 });
    expect(m.invalid).toEqual({ area: 30000n, holders: 3 });
    expect(m.candidates.map((c) => c.approve.holders)).toEqual([3, 0, 0]);
    // 3 of 6 approving holders is exactly 1/2: not qualified
    expect(m.candidates[0]?.qualified).toBe(false);
    expect(m.result).toBe('failed');
  });

  it('without quorum elects nobody and lists no runoff, but still computes who qualified', () => {
    const lists = [['c1'], ['c1'], ['c2']];
    const m = countElection(makeBundle({ holders: holders('h', 10, '100'), motions: [election('e1', 1, ['c1', 'c2'])], ballots: approvals(lists) }));
    expect(m.quorum).toBe(false);
    expect(m.result).toBe('no_quorum');
    expect(m.elected).toEqual([]);
    expect(m.runoff).toEqual([]);
    expect(m.candidates.map((c) => c.qualified)).toEqual([true, false]);
  });

  it('uses the supermajority for a candidate when the matter needs it', () => {
    const lists = [['c1'], ['c1'], ['c1'], ['c2']];
    const m = countElection(makeBundle({ holders: holders('h', 4, '100'), motions: [election('e1', 1, ['c1', 'c2'], 'common_use_change')], ballots: approvals(lists) }));
    expect(m.threshold).toBe('supermajority');
    expect(m.candidates.map((c) => c.qualified)).toEqual([true, false]); // 3/4 exactly qualifies
    expect(m.elected).toEqual(['c1']);
    expect(m.result).toBe('passed');
  });
});
