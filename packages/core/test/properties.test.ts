import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Ballot,
  type Bundle,
  CHOICES,
  type Choice,
  MATTER_CODES,
  type MatterCode,
  NATIONAL_PROFILE,
  countBundle,
  formatArea,
  validateBundle,
  verifyBallotChain,
} from '../src/index';
import { type BallotSpec, type HolderSpec, election, makeBundle, reseal, resolution } from './helpers/bundle-factory';

interface Scenario {
  holders: HolderSpec[];
  matter: MatterCode;
  votes: (Choice | null)[];
  seats: number;
  candidates: string[];
  approvals: (string[] | null)[];
}

const scenarioWith = (vote: fc.Arbitrary<Choice | null>): fc.Arbitrary<Scenario> => fc
  .integer({ min: 1, max: 12 })
  .chain((n) =>
    fc.record({
      holders: fc.tuple(
        ...Array.from({ length: n }, (_, i) =>
          fc.array(fc.integer({ min: 1, max: 60_000 }), { minLength: 1, maxLength: 3 }).map((areas) => ({
            id: `h${i}`,
            kind: i === 0 ? ('builder' as const) : ('person' as const),
            areas: areas.map((a) => formatArea(BigInt(a))),
          })),
        ),
      ),
      matter: fc.constantFrom(...MATTER_CODES),
      votes: fc.array(vote, { minLength: n, maxLength: n }),
      seats: fc.integer({ min: 1, max: 3 }),
      candidates: fc.constant(['c1', 'c2', 'c3', 'c4']),
      approvals: fc.array(fc.option(fc.subarray(['c1', 'c2', 'c3', 'c4', 'zz']), { freq: 3 }), { minLength: n, maxLength: n }),
    }),
  );

const scenario = scenarioWith(fc.option(fc.constantFrom(...CHOICES), { freq: 3 }));
/** Mostly approving, so that passed resolutions are common. */
const approving = scenarioWith(fc.option(fc.constantFrom<Choice>('approve', 'approve', 'approve', 'approve', 'reject', 'abstain', 'invalid'), { freq: 6 }));

function build(s: Scenario): Bundle {
  const ballots: BallotSpec[] = [];
  s.holders.forEach((h, i) => {
    const choice = s.votes[i];
    if (choice) ballots.push({ motion: 'm1', holder: h.id, choice });
    const approve = s.approvals[i];
    if (approve) ballots.push({ motion: 'e1', holder: h.id, approve });
  });
  return makeBundle({ holders: s.holders, motions: [resolution('m1', s.matter), election('e1', s.seats, s.candidates)], ballots });
}

const motions = (b: Bundle) => countBundle(b, NATIONAL_PROFILE).motions;

describe('properties of the count', { timeout: 60_000 }, () => {
  it('does not depend on the order of the ballots (re-chained after shuffling)', () => {
    fc.assert(
      fc.property(scenario, fc.array(fc.double({ noNaN: true }), { minLength: 30, maxLength: 30 }), (s, keys) => {
        const b = build(s);
        const order = b.ballots.map((ballot, i) => ({ ballot, key: keys[i % keys.length] ?? 0, i }));
        order.sort((x, y) => x.key - y.key || x.i - y.i);
        const shuffled = reseal(b, order.map((o) => o.ballot));
        expect(validateBundle(shuffled).ok).toBe(true);
        expect(verifyBallotChain(shuffled).ok).toBe(true);
        expect(motions(shuffled)).toEqual(motions(b));
      }),
      { numRuns: 150 },
    );
  });

  it('never turns a passed resolution into a failed one when one more holder approves', () => {
    fc.assert(
      fc.property(approving, (s) => {
        const b = build(s);
        const [before] = motions(b);
        const voted = new Set(b.ballots.filter((x) => x.motion === 'm1').map((x) => x.holder));
        const newcomer = s.holders.find((h) => !voted.has(h.id));
        fc.pre(before?.result === 'passed' && newcomer !== undefined);
        if (!newcomer) return;
        const extra = { seq: 0, motion: 'm1', holder: newcomer.id, channel: 'online', castAt: b.ballots[0]?.castAt ?? '2026-03-05T10:00:00+08:00', choice: 'approve', hash: '' } as Ballot;
        const [after] = motions(reseal(b, [...b.ballots, extra]));
        expect(after?.result).toBe('passed');
      }),
      { numRuns: 300 },
    );
  });

  it('never turns a passed resolution into a failed one when a voter switches to approve', () => {
    fc.assert(
      fc.property(approving, fc.nat(), (s, pick) => {
        const b = build(s);
        const [before] = motions(b);
        const others = b.ballots.filter((x) => x.motion === 'm1' && 'choice' in x && x.choice !== 'approve');
        fc.pre(before?.result === 'passed' && others.length > 0);
        const target = others[pick % others.length];
        const switched = b.ballots.map((x) => (x === target ? { ...x, choice: 'approve' as const } : x));
        expect(motions(reseal(b, switched))[0]?.result).toBe('passed');
      }),
      { numRuns: 300 },
    );
  });

  it("does not change when a holder's area is split across several units", () => {
    fc.assert(
      fc.property(scenario, fc.nat(), fc.integer({ min: 2, max: 4 }), (s, pick, parts) => {
        const b = build(s);
        const index = pick % s.holders.length;
        const holder = s.holders[index] as HolderSpec;
        const hundredths = holder.areas.map((a) => BigInt(a.replace('.', '')));
        const total = hundredths.reduce((x, y) => x + y, 0n);
        fc.pre(total >= BigInt(parts));
        const share = total / BigInt(parts);
        const pieces = Array.from({ length: parts }, (_, k) => (k === parts - 1 ? total - share * BigInt(parts - 1) : share));
        const split: HolderSpec[] = s.holders.map((h, i) => (i === index ? { ...h, areas: pieces.map(formatArea) } : h));
        const splitBundle = { ...b, units: makeBundle({ holders: split, motions: [], ballots: [] }).units };
        expect(validateBundle(splitBundle).ok).toBe(true);
        expect(motions(splitBundle)).toEqual(motions(b));
      }),
      { numRuns: 200 },
    );
  });

  it('round-trips every accepted bundle through JSON unchanged', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const b = build(s);
        expect(validateBundle(b).ok).toBe(true);
        const copy = JSON.parse(JSON.stringify(b)) as Bundle;
        expect(copy).toEqual(b);
        expect(validateBundle(copy).ok).toBe(true);
        expect(verifyBallotChain(copy)).toEqual(verifyBallotChain(b));
        expect(motions(copy)).toEqual(motions(b));
      }),
      { numRuns: 150 },
    );
  });

  it('keeps every count within its bounds: tally sums to participation, participation within eligibility', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        for (const m of motions(build(s))) {
          expect(m.participated.area <= m.eligible.area && m.participated.holders <= m.eligible.holders).toBe(true);
          if (m.kind === 'resolution') {
            const t = Object.values(m.tally);
            expect(t.reduce((x, w) => x + w.area, 0n)).toBe(m.participated.area);
            expect(t.reduce((x, w) => x + w.holders, 0)).toBe(m.participated.holders);
          } else {
            expect(m.elected.length).toBeLessThanOrEqual(s.seats);
            for (const id of [...m.elected, ...m.runoff]) expect(m.candidates.find((c) => c.id === id)?.qualified).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
