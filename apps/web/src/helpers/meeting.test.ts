import { describe, expect, it } from 'vitest';
import type { MotionViewT } from '../api/types';
import {
  MATTERS,
  answerProblems,
  chinaLocalToIso,
  draftToBody,
  emptyAnswers,
  emptyDraft,
  fractionPercent,
  isoToChinaLocal,
  matterItem,
  newMotion,
  objectionKindNow,
  openMotionsOf,
  stepIndex,
  thresholdOf,
  toAnswerInputs,
  toggleCandidate,
  turnoutBars,
  validateDraft,
  voteProgress,
  motionLabel,
  type MeetingDraft,
} from './meeting';

function motion(over: Partial<MotionViewT> & Pick<MotionViewT, 'id' | 'kind'>): MotionViewT {
  return {
    number: 1,
    title: 'T',
    description: '',
    matter: 'other_major',
    threshold: 'majority',
    scope: null,
    seats: null,
    candidates: [],
    ...over,
  };
}

describe('thresholdOf', () => {
  it('gives 双四分之三 to items 6–8 of art. 278 and 双过半 to the rest', () => {
    expect(MATTERS).toHaveLength(9);
    const superMatters = MATTERS.filter((m) => thresholdOf(m) === 'supermajority');
    expect(superMatters).toEqual(['fund_raise', 'rebuild', 'common_use_change']);
    expect(superMatters.map(matterItem)).toEqual([6, 7, 8]);
    expect(thresholdOf('fund_use')).toBe('majority');
    expect(thresholdOf('committee_election')).toBe('majority');
    expect(matterItem('rules_of_procedure')).toBe(1);
    expect(matterItem('other_major')).toBe(9);
  });
});

describe('China time', () => {
  it('reads a wall-clock time as UTC+8 and back, whatever the browser zone', () => {
    expect(chinaLocalToIso('2025-03-01T09:00')).toBe('2025-03-01T01:00:00.000Z');
    expect(chinaLocalToIso('2025-03-01 00:30')).toBe('2025-02-28T16:30:00.000Z');
    expect(isoToChinaLocal('2025-02-28T16:30:00Z')).toBe('2025-03-01T00:30');
    expect(isoToChinaLocal('2025-03-01T09:00:00+08:00')).toBe('2025-03-01T09:00');
    expect(chinaLocalToIso('')).toBeNull();
    expect(chinaLocalToIso('tomorrow')).toBeNull();
    expect(isoToChinaLocal(null)).toBe('');
  });
});

function validDraft(): MeetingDraft {
  const d = emptyDraft();
  d.title = ' 2025 年第一次业主大会 ';
  d.opensAt = '2025-03-01T09:00';
  d.closesAt = '2025-03-15T18:00';
  const r = newMotion('resolution');
  r.title = '使用维修资金维修 3 号楼电梯';
  r.matter = 'fund_use';
  r.scopeBuildingIds = [3];
  const e = newMotion('election');
  e.title = '选举业主委员会委员';
  e.seats = 2;
  e.candidates = [
    { key: 1, name: '张三', statement: '' },
    { key: 2, name: '李四', statement: '退休教师' },
  ];
  d.motions = [r, e];
  return d;
}

describe('validateDraft', () => {
  it('accepts a valid meeting and builds the request body', () => {
    const d = validDraft();
    expect(validateDraft(d)).toEqual({});
    const body = draftToBody(d);
    expect(body.title).toBe('2025 年第一次业主大会');
    expect(body.opensAt).toBe('2025-03-01T01:00:00.000Z');
    expect(body).not.toHaveProperty('location');
    expect(body.motions[0]).toEqual({ kind: 'resolution', title: '使用维修资金维修 3 号楼电梯', description: '', matter: 'fund_use', scopeBuildingIds: [3] });
    expect(body.motions[1]).toMatchObject({ kind: 'election', seats: 2, candidates: [{ name: '张三', statement: '' }, { name: '李四', statement: '退休教师' }] });
    expect(body.motions[1]).not.toHaveProperty('scopeBuildingIds');
  });

  it('names each problem by the field path the server uses', () => {
    const d = validDraft();
    d.title = '  ';
    d.closesAt = '2025-02-01T09:00';
    d.form = 'collective';
    const m0 = d.motions[0];
    const m1 = d.motions[1];
    if (!m0 || !m1) throw new Error('motions');
    m0.title = 'x'.repeat(201);
    m1.seats = 3;
    const c1 = m1.candidates[1];
    if (c1) c1.name = '';
    expect(validateDraft(d)).toEqual({
      title: { key: 'required' },
      location: { key: 'required' },
      closesAt: { key: 'closesBeforeOpens' },
      'motions.0.title': { key: 'tooLong', params: { max: 200 } },
      'motions.1.candidates': { key: 'fewerCandidatesThanSeats', params: { seats: 3 } },
      'motions.1.candidates.1.name': { key: 'required' },
    });
  });

  it('needs a motion, a window, and candidates for an election', () => {
    const d = emptyDraft();
    d.title = 'x';
    expect(Object.keys(validateDraft(d)).sort()).toEqual(['closesAt', 'motions', 'opensAt']);
    const e = newMotion('election');
    e.title = 'e';
    e.candidates = [];
    e.seats = 0;
    d.motions = [e];
    d.opensAt = '2025-03-01T09:00';
    d.closesAt = '2025-03-02T09:00';
    expect(validateDraft(d)).toEqual({ 'motions.0.seats': { key: 'seats', params: { max: 50 } }, 'motions.0.candidates': { key: 'noCandidates' } });
  });
});

describe('ballot answers', () => {
  const election = motion({ id: 'm2', kind: 'election', seats: 2, candidates: [{ id: 'c1', name: 'A', statement: '' }, { id: 'c2', name: 'B', statement: '' }, { id: 'c3', name: 'C', statement: '' }] });
  const resolution = motion({ id: 'm1', kind: 'resolution' });

  it('refuses to tick more candidates than seats, and unticks', () => {
    let r = toggleCandidate([], 'c1', 2);
    expect(r).toEqual({ approve: ['c1'], refused: false });
    r = toggleCandidate(r.approve, 'c2', 2);
    expect(r.approve).toEqual(['c1', 'c2']);
    r = toggleCandidate(r.approve, 'c3', 2);
    expect(r).toEqual({ approve: ['c1', 'c2'], refused: true });
    r = toggleCandidate(r.approve, 'c1', 2);
    expect(r).toEqual({ approve: ['c2'], refused: false });
  });

  it('checks answers against the motions: a choice per resolution, at most seats known candidates', () => {
    const answers = emptyAnswers([resolution, election]);
    expect(answerProblems([resolution, election], answers)).toEqual({ m1: 'missing' }); // an empty election ballot is a blank ballot
    answers.m1 = { choice: 'approve', approve: [] };
    answers.m2 = { choice: null, approve: ['c1', 'c2', 'c3'] };
    expect(answerProblems([resolution, election], answers)).toEqual({ m2: 'tooMany' });
    answers.m2 = { choice: null, approve: ['c1', 'c1'] };
    expect(answerProblems([election], answers)).toEqual({ m2: 'duplicate' });
    answers.m2 = { choice: null, approve: ['zz'] };
    expect(answerProblems([election], answers)).toEqual({ m2: 'unknownCandidate' });
    answers.m2 = { choice: null, approve: ['c2'] };
    expect(answerProblems([resolution, election], answers)).toEqual({});
    expect(toAnswerInputs([resolution, election], answers)).toEqual([
      { motionId: 'm1', choice: 'approve' },
      { motionId: 'm2', approve: ['c2'] },
    ]);
  });

  it('knows which motions a holder still has to vote on, and how far the voting is', () => {
    const holder = { motions: [{ motionId: 'm1', receipt: 'r'.repeat(32) }, { motionId: 'm2', receipt: null }] };
    expect(openMotionsOf([resolution, election], holder).map((m) => m.id)).toEqual(['m2']);
    expect(voteProgress([holder])).toBe('some');
    expect(voteProgress([{ motions: [{ receipt: null }] }])).toBe('none');
    expect(voteProgress([{ motions: [{ receipt: 'x' }] }, { motions: [{ receipt: 'y' }] }])).toBe('all');
    expect(voteProgress([])).toBe('none');
    // every motion limited to buildings where the owner has no unit: nothing to vote on, nothing missing
    expect(voteProgress([{ motions: [] }])).toBe('notInScope');
    expect(voteProgress([{ motions: [] }, { motions: [] }], 'voting')).toBe('notInScope');
    // in the notice period nothing can be cast yet
    expect(voteProgress([{ motions: [{ receipt: null }] }], 'notice')).toBe('notYet');
    expect(voteProgress([{ motions: [{ receipt: null }] }], 'voting')).toBe('none');
    expect(voteProgress([{ motions: [{ receipt: null }] }], 'closed')).toBe('none');
  });
});

describe('turnout bars', () => {
  it('reads the quorum fraction and the percentages of each motion', () => {
    expect(fractionPercent('2/3')).toBe(66.67);
    expect(fractionPercent('3/4')).toBe(75);
    expect(fractionPercent('n/a')).toBe(0);
    const bars = turnoutBars([
      { motionId: 'm1', title: '电梯', areaPercent: '68.42', holdersPercent: '70.00', quorum: '2/3' },
      { motionId: 'm2', title: '选举', areaPercent: '12.5', holdersPercent: '0.00', quorum: '2/3' },
    ]);
    expect(bars).toEqual({ labels: ['电梯', '选举'], area: [68.42, 12.5], heads: [70, 0], quorum: 66.67 });
    expect(turnoutBars([])).toEqual({ labels: [], area: [], heads: [], quorum: 0 });
  });
});

describe('meeting state', () => {
  it('places states on the stepper and says when objections are taken', () => {
    expect(stepIndex('draft')).toBe(0);
    expect(stepIndex('archived')).toBe(5);
    expect(stepIndex('cancelled')).toBe(-1);
    const now = Date.parse('2025-03-20T00:00:00Z');
    expect(objectionKindNow({ state: 'notice', clocks: { objectionsUntil: null } }, now)).toBe('roll');
    expect(objectionKindNow({ state: 'closed', clocks: { objectionsUntil: '2025-03-25T00:00:00Z' } }, now)).toBe('result');
    expect(objectionKindNow({ state: 'closed', clocks: { objectionsUntil: '2025-03-19T00:00:00Z' } }, now)).toBeNull();
    expect(objectionKindNow({ state: 'voting', clocks: { objectionsUntil: null } }, now)).toBeNull();
  });
});

describe('MATTERS', () => {
  it('lists the contract matter codes in the order of art. 278', async () => {
    const { matterCodes } = await import('@gongzhi/contracts');
    expect([...MATTERS]).toEqual([...matterCodes]);
  });
});

describe('motionLabel', () => {
  const t = (key: string, named: Record<string, unknown>) => `${key}:${String(named.n)}:${String(named.title)}`;
  it('names a motion by its number and title, and falls back to the id', () => {
    const motions = [{ id: 'm7', number: 1, title: '续聘物业' }, { id: 'm9', number: 2, title: '充电桩' }];
    expect(motionLabel(motions, 'm9', t)).toBe('vote.motionLabel:2:充电桩');
    expect(motionLabel(motions, 'm8', t)).toBe('m8');
  });
});
