import { describe, expect, it } from 'vitest';
import { type Issue, validateBundle } from '../src/index';
import { election, holders, makeBundle, mutable, resolution } from './helpers/bundle-factory';

const valid = () =>
  makeBundle({
    holders: holders('h', 4, '100'),
    motions: [resolution('m1'), election('e1', 1, ['c1', 'c2'])],
    ballots: [
      { motion: 'm1', holder: 'h0', choice: 'approve' },
      { motion: 'm1', holder: 'h1', choice: 'reject' },
      { motion: 'e1', holder: 'h0', approve: ['c1'] },
    ],
  });

function problems(json: unknown): [string, string][] {
  const v = validateBundle(json);
  if (v.ok) return [];
  return v.issues.map((i: Issue) => [i.code, i.path]);
}

describe('validateBundle', () => {
  it('accepts a valid bundle and returns it typed, uncopied', () => {
    const b = valid();
    const v = validateBundle(b);
    expect(v).toEqual({ ok: true, bundle: b });
    expect(v.ok && v.bundle).toBe(b);
  });

  it('reports every problem at once, each with its JSON path and both languages', () => {
    const b = mutable(valid());
    b['format'] = 'gongzhi.ballot-bundle/2';
    (b.units[1] as Record<string, unknown>)['area'] = '12.345';
    (b.units[2] as Record<string, unknown>)['holder'] = 'ghost';
    (b.ballots[1] as Record<string, unknown>)['holder'] = 'nobody';
    (b.ballots[2] as Record<string, unknown>)['motion'] = 'm9';
    (b.ballots[0] as Record<string, unknown>)['castAt'] = '2026-03-20T10:00:00+08:00';
    const v = validateBundle(b);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.issues.map((i) => [i.code, i.path])).toEqual([
      ['BAD_FORMAT', '$.format'],
      ['BAD_AREA', '$.units[1].area'],
      ['UNKNOWN_HOLDER', '$.units[2].holder'],
      ['BALLOT_OUTSIDE_WINDOW', '$.ballots[0].castAt'],
      ['UNKNOWN_HOLDER', '$.ballots[1].holder'],
      ['UNKNOWN_MOTION', '$.ballots[2].motion'],
    ]);
    for (const issue of v.issues) {
      expect(issue.message_zh.length).toBeGreaterThan(0);
      expect(issue.message_en.length).toBeGreaterThan(0);
    }
  });

  it.each([
    ['not an object', [], [['BAD_TYPE', '$']]],
    ['null', null, [['BAD_TYPE', '$']]],
  ] as const)('rejects %s', (_label, json, expected) => {
    expect(problems(json)).toEqual(expected);
  });

  it('reports missing sections and unknown fields', () => {
    expect(problems({ format: 'gongzhi.ballot-bundle/1', extra: 1 })).toEqual([
      ['UNKNOWN_FIELD', '$.extra'],
      ['MISSING_FIELD', '$.estate'],
      ['MISSING_FIELD', '$.holders'],
      ['MISSING_FIELD', '$.units'],
      ['MISSING_FIELD', '$.motions'],
      ['MISSING_FIELD', '$.ballots'],
      ['MISSING_FIELD', '$.chainHead'],
    ]);
  });

  it('reports duplicate ids of holders, units, motions and candidates', () => {
    const b = mutable(valid());
    b.holders.push({ id: 'h0', kind: 'person' });
    b.units.push({ id: 'h1-u0', holder: 'h1', area: '1' });
    b.motions.push({ ...b.motions[0], id: 'e1' });
    (b.motions[1] as { candidates: unknown[] }).candidates.push({ id: 'c1', name: 'again' });
    expect(problems(b)).toEqual([
      ['DUPLICATE_ID', '$.holders[4].id'],
      ['DUPLICATE_ID', '$.units[4].id'],
      ['DUPLICATE_ID', '$.motions[1].candidates[2].id'],
      ['DUPLICATE_ID', '$.motions[2].id'],
    ]);
  });

  it.each([
    ['0', 'BAD_AREA'],
    ['0.00', 'BAD_AREA'],
    ['-5', 'BAD_AREA'],
    ['1e3', 'BAD_AREA'],
    ['12.345', 'BAD_AREA'],
    [' 12', 'BAD_AREA'],
    ['012', 'BAD_AREA'],
    ['12.', 'BAD_AREA'],
    ['', 'BAD_AREA'],
  ])('rejects area %j', (area, code) => {
    const b = mutable(valid());
    (b.units[0] as Record<string, unknown>)['area'] = area;
    expect(problems(b)).toEqual([[code, '$.units[0].area']]);
  });

  it('rejects a numeric area', () => {
    const b = mutable(valid());
    (b.units[0] as Record<string, unknown>)['area'] = 100;
    expect(problems(b)).toEqual([['BAD_AREA', '$.units[0].area']]);
  });

  it('reports a seq gap once, where it happens', () => {
    const b = mutable(valid());
    (b.ballots[1] as Record<string, unknown>)['seq'] = 5;
    (b.ballots[2] as Record<string, unknown>)['seq'] = 6;
    expect(problems(b)).toEqual([['SEQ_GAP', '$.ballots[1].seq']]);
    (b.ballots[0] as Record<string, unknown>)['seq'] = 1.5;
    expect(problems(b)).toContainEqual(['BAD_SEQ', '$.ballots[0].seq']);
  });

  it('reports one wrong seq once, and both ballots of a swapped pair', () => {
    const b = mutable(valid());
    (b.ballots[1] as Record<string, unknown>)['seq'] = 9;
    expect(problems(b)).toEqual([['SEQ_GAP', '$.ballots[1].seq']]);
    (b.ballots[1] as Record<string, unknown>)['seq'] = 3;
    (b.ballots[2] as Record<string, unknown>)['seq'] = 2;
    expect(problems(b)).toEqual([
      ['SEQ_GAP', '$.ballots[1].seq'],
      ['SEQ_GAP', '$.ballots[2].seq'],
    ]);
  });

  it('reports two ballots of one holder on one motion', () => {
    const b = mutable(valid());
    b.ballots.push({ ...b.ballots[0], seq: 4 });
    expect(problems(b)).toEqual([['DUPLICATE_BALLOT', '$.ballots[3].holder']]);
  });

  it('reports ballots outside the window, inclusive at both ends and exact to the fraction', () => {
    const b = mutable(valid());
    (b.ballots[0] as Record<string, unknown>)['castAt'] = '2026-03-01T00:00:00+08:00'; // = opensAt
    (b.ballots[1] as Record<string, unknown>)['castAt'] = '2026-03-16T12:00:00Z'; // = closesAt (20:00 +08:00)
    expect(problems(b)).toEqual([]);
    (b.ballots[0] as Record<string, unknown>)['castAt'] = '2026-02-29T23:59:59.999999+08:00'; // not a date: 2026 is no leap year
    (b.ballots[1] as Record<string, unknown>)['castAt'] = '2026-03-16T12:00:00.0000001Z'; // 100 ns late
    expect(problems(b)).toEqual([
      ['BAD_TIMESTAMP', '$.ballots[0].castAt'],
      ['BALLOT_OUTSIDE_WINDOW', '$.ballots[1].castAt'],
    ]);
  });

  it.each(['2026-03-05 10:00:00+08:00', '2026-03-05T10:00:00', '2026-03-05T10:00+08:00', '2026-03-05', '2026-03-05T24:00:00Z', '2026-03-05T10:00:00+0800'])(
    'rejects the timestamp %j',
    (castAt) => {
      const b = mutable(valid());
      (b.ballots[0] as Record<string, unknown>)['castAt'] = castAt;
      expect(problems(b)).toEqual([['BAD_TIMESTAMP', '$.ballots[0].castAt']]);
    },
  );

  it('reports a window that closes before it opens', () => {
    const b = mutable(valid());
    (b.motions[0] as Record<string, unknown>)['closesAt'] = '2026-02-01T00:00:00+08:00';
    expect(problems(b)).toContainEqual(['BAD_WINDOW', '$.motions[0].closesAt']);
  });

  it('checks choice versus approve by motion kind', () => {
    const b = mutable(valid());
    (b.ballots[2] as Record<string, unknown>)['choice'] = 'approve';
    (b.ballots[0] as Record<string, unknown>)['approve'] = ['c1'];
    (b.ballots[1] as Record<string, unknown>)['choice'] = 'yes';
    expect(problems(b)).toEqual([
      ['APPROVE_ON_RESOLUTION', '$.ballots[0].approve'],
      ['BAD_VALUE', '$.ballots[1].choice'],
      ['CHOICE_ON_ELECTION', '$.ballots[2].choice'],
    ]);
  });

  it('requires an answer, and ids in approve lists to be strings (unknown ids are only invalid ballots)', () => {
    const b = mutable(valid());
    delete (b.ballots[0] as Record<string, unknown>)['choice'];
    (b.ballots[2] as Record<string, unknown>)['approve'] = ['c1', 7, 'not-a-candidate'];
    expect(problems(b)).toEqual([
      ['MISSING_FIELD', '$.ballots[0].choice'],
      ['BAD_TYPE', '$.ballots[2].approve[1]'],
    ]);
  });

  it('checks election fields', () => {
    const b = mutable(valid());
    (b.motions[0] as Record<string, unknown>)['seats'] = 1;
    (b.motions[1] as Record<string, unknown>)['seats'] = 0;
    (b.motions[1] as Record<string, unknown>)['candidates'] = [];
    expect(problems(b)).toEqual([
      ['ELECTION_FIELD_ON_RESOLUTION', '$.motions[0].seats'],
      ['BAD_SEATS', '$.motions[1].seats'],
      ['NO_CANDIDATES', '$.motions[1].candidates'],
    ]);
  });

  it('checks scopes', () => {
    const b = mutable(valid());
    (b.motions[0] as Record<string, unknown>)['scope'] = [];
    (b.motions[1] as Record<string, unknown>)['scope'] = ['h0-u0', 'h0-u0'];
    expect(problems(b)).toEqual([
      ['EMPTY_SCOPE', '$.motions[0].scope'],
      ['DUPLICATE_UNIT_IN_SCOPE', '$.motions[1].scope[1]'],
    ]);
  });

  it('checks hash spellings', () => {
    const b = mutable(valid());
    (b.ballots[0] as Record<string, unknown>)['hash'] = 'ABC';
    b['chainHead'] = 'F'.repeat(64);
    expect(problems(b)).toEqual([
      ['BAD_HASH_FORMAT', '$.ballots[0].hash'],
      ['BAD_HASH_FORMAT', '$.chainHead'],
    ]);
  });

  it('checks enums and types', () => {
    const b = mutable(valid());
    (b.holders[0] as Record<string, unknown>)['kind'] = 'tenant';
    (b.motions[0] as Record<string, unknown>)['matter'] = 'parking';
    (b.ballots[0] as Record<string, unknown>)['channel'] = 'fax';
    (b.holders[1] as Record<string, unknown>)['id'] = '';
    expect(problems(b)).toEqual([
      ['BAD_VALUE', '$.holders[0].kind'],
      ['BAD_ID', '$.holders[1].id'],
      ['UNKNOWN_HOLDER', '$.units[1].holder'],
      ['BAD_VALUE', '$.motions[0].matter'],
      ['BAD_VALUE', '$.ballots[0].channel'],
      ['UNKNOWN_HOLDER', '$.ballots[1].holder'],
    ]);
  });

  // Speed is measured in bench/recount (docs/benchmarks.md); this checks a large bundle is accepted.
  it('accepts a valid bundle of 30,000 ballots', () => {
    const n = 30_000;
    const hs = holders('h', n, '88.5');
    const b = makeBundle({ holders: hs, motions: [resolution('m1')], ballots: hs.map((h) => ({ motion: 'm1', holder: h.id, choice: 'approve' as const })) });
    expect(validateBundle(b).ok).toBe(true);
  });
});
