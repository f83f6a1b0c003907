import { describe, expect, it } from 'vitest';
import {
  BEIJING,
  HANGZHOU,
  HENAN,
  NATIONAL_PROFILE,
  PROFILES,
  ProfileInvalidError,
  SHANGHAI,
  type ParamName,
  atLeast,
  defineProfile,
  listProfiles,
  moreThan,
  resolveProfile,
  validateProfile,
  votingRulesOf,
} from '../src/index';

describe('national defaults', () => {
  const p = NATIONAL_PROFILE.params;

  it('are the Civil Code art. 278 thresholds the recount spec uses', () => {
    expect(p.quorum.value).toEqual({ area: atLeast(2, 3), holders: atLeast(2, 3) });
    expect(p.majority.value).toEqual({ area: moreThan(1, 2), holders: moreThan(1, 2) });
    expect(p.supermajority.value).toEqual({ area: atLeast(3, 4), holders: atLeast(3, 4) });
    expect(p.supermajorityMatters.value).toEqual(['fund_raise', 'rebuild', 'common_use_change']);
    expect(p.quorum).toMatchObject({ source: 'CC 278(2)', status: 'V' });
    expect(p.countNonVotersWithMajority.value).toBe(false);
  });

  it('carry the other §9 numbers', () => {
    expect(p.noticeDays.value).toBe(15);
    expect(p.filingDays.value).toBe(30);
    expect(p.filingChangeDays.value).toBe(30);
    expect(p.maxHoldersPerProxy.value).toBe(3);
    expect(p.eVotingPeriod.value).toEqual({ minDays: 5, maxDays: 60 });
    expect(p.resultPosting.value).toEqual({ startWithinDays: 7, minDays: 15 });
    expect(p.ballotRetention).toMatchObject({ value: { minYears: 3, atLeastChallengePeriod: true }, status: 'U' });
    expect(p.committeeSize.value).toEqual({ min: 5, max: 11, odd: true, smallEstate: null });
    expect(p.committeeTermYears.value).toEqual({ min: null, max: 5 });
    expect(p.handoverDays.value).toEqual({ endOfTerm: 10, memberLeaves: 3 });
    expect(p.prepGroupFormationDays.value).toBe(60);
    expect(p.preparationPeriodDays.value).toBe(90);
    expect(p.formationTrigger.value.deliveredArea).toEqual(moreThan(1, 2));
    expect(p.specialMeetingTrigger.value).toEqual({ area: atLeast(1, 5), holders: atLeast(1, 5) });
    expect(p.reelectionLead.value).toEqual({ amount: 3, unit: 'months' });
    expect(p.interimCommitteeSize.value).toEqual({ min: 7, max: null, odd: true });
    expect(p.interimCommitteeTermYears.value).toBe(3);
    expect(p.decisionChallengeYears.value).toBe(1);
  });

  it('cite a source and a V/S/U status for every parameter', () => {
    for (const [name, cited] of Object.entries(NATIONAL_PROFILE.params)) {
      expect(cited.source.length, name).toBeGreaterThan(0);
      expect(['V', 'S', 'U'], name).toContain(cited.status);
    }
  });

  it('are frozen', () => {
    expect(Object.isFrozen(NATIONAL_PROFILE.params.quorum.value.area.ratio)).toBe(true);
    expect(() => {
      (NATIONAL_PROFILE.params.noticeDays as { value: number }).value = 1;
    }).toThrow(TypeError);
  });
});

describe('local profiles', () => {
  it('Beijing: preparation 60 days, re-election 6 months ahead, 3 members for ≤ 100 households', () => {
    expect(BEIJING.params.preparationPeriodDays).toMatchObject({ value: 60, source: 'BJ 32', status: 'V' });
    expect(BEIJING.params.reelectionLead.value).toEqual({ amount: 6, unit: 'months' });
    expect(BEIJING.params.committeeSize.value).toEqual({ min: 5, max: 11, odd: true, smallEstate: { by: 'households', maxHouseholds: 100, min: 3 } });
    expect(BEIJING.params.prepGroupComposition.value).toEqual({ ownerShare: atLeast(1, 2), oddSize: true, ledBy: 'neighborhood' });
    expect(BEIJING.params.formationTrigger.value).toEqual({
      deliveredArea: atLeast(1, 2),
      orAfterFirstDelivery: null,
      application: { holders: atLeast(5, 100), area: atLeast(5, 100) },
    });
  });

  it('Shanghai: re-election 5 months ahead, term 3–5 years', () => {
    expect(SHANGHAI.params.reelectionLead.value).toEqual({ amount: 5, unit: 'months' });
    expect(SHANGHAI.params.committeeTermYears.value).toEqual({ min: 3, max: 5 });
    expect(SHANGHAI.params.fundTopUp.value).toEqual({ below: { num: 3, den: 10 }, topUpTo: { num: 1, den: 2 } });
  });

  it('Hangzhou: formation at 60% or 30% + 2 years, interim committee 7–11 for 2 years, e-voting 5–60 days', () => {
    expect(HANGZHOU.params.formationTrigger.value).toEqual({
      deliveredArea: atLeast(60, 100),
      orAfterFirstDelivery: { deliveredArea: atLeast(30, 100), years: 2 },
      application: null,
    });
    expect(HANGZHOU.params.interimCommitteeSize.value).toEqual({ min: 7, max: 11, odd: true });
    expect(HANGZHOU.params.interimCommitteeTermYears.value).toBe(2);
    expect(HANGZHOU.params.eVotingPeriod).toMatchObject({ value: { minDays: 5, maxDays: 60 }, source: 'HZ 20' });
  });

  it('Henan: preparation group within 30 days, preparation 60 days, notice posted ≥ 7 days', () => {
    expect(HENAN.params.prepGroupFormationDays).toMatchObject({ value: 30, source: 'HN 20', status: 'V' });
    expect(HENAN.params.preparationPeriodDays.value).toBe(60);
    expect(HENAN.params.prepNotice.value).toEqual({ daysBeforeMeeting: 15, minPostedDays: 7 });
  });

  it('keep the voting thresholds of the Civil Code', () => {
    for (const profile of PROFILES) expect(votingRulesOf(profile)).toEqual(votingRulesOf(NATIONAL_PROFILE));
  });

  it('inherit what they do not override', () => {
    expect(HENAN.params.noticeDays).toBe(NATIONAL_PROFILE.params.noticeDays);
    expect(BEIJING.parent).toBe('national');
  });
});

describe('registry', () => {
  it('lists the profiles with ids and names', () => {
    expect(listProfiles().map((p) => p.id)).toEqual(['national', 'beijing', 'shanghai', 'hangzhou', 'henan', 'shandong']);
    expect(listProfiles()[1]).toEqual({ id: 'beijing', name: { zh: '北京市', en: 'Beijing' }, parent: 'national' });
  });

  it('resolves by id and refuses unknown ids', () => {
    expect(resolveProfile('beijing')).toBe(BEIJING);
    expect(() => resolveProfile('atlantis')).toThrow(/PROFILE_UNKNOWN/);
  });
});

describe('defineProfile', () => {
  it('deep-merges overrides and records their citation', () => {
    const p = defineProfile(NATIONAL_PROFILE, {
      id: 'test-city',
      name: { zh: '测试市', en: 'Test City' },
      params: { committeeSize: { value: { max: 9 }, source: 'Test 1', status: 'U' } },
    });
    expect(p.params.committeeSize).toEqual({ value: { min: 5, max: 9, odd: true, smallEstate: null }, source: 'Test 1', status: 'U' });
  });

  it('reports every invalid parameter at once', () => {
    let error: unknown;
    try {
      defineProfile(NATIONAL_PROFILE, {
        id: 'bad',
        name: { zh: '坏', en: 'Bad' },
        params: {
          committeeSize: { value: { min: 4, max: 3 }, source: 'x', status: 'U' },
          quorum: { value: { area: { ratio: { num: 3, den: 2 } } }, source: 'x', status: 'U' },
          eVotingPeriod: { value: { minDays: 61 }, source: 'x', status: 'U' },
          noticeDays: { value: 0, source: '', status: 'U' },
        },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProfileInvalidError);
    const paths = (error as ProfileInvalidError).issues.map((i) => i.path);
    expect(paths).toEqual([
      '$.params.quorum.value.area.ratio',
      '$.params.noticeDays.source',
      '$.params.noticeDays.value',
      '$.params.committeeSize.value.max',
      '$.params.committeeSize.value',
      '$.params.eVotingPeriod.value',
    ]);
  });

  it('refuses counting non-voters with the majority, which the engine does not implement', () => {
    const raw = { ...NATIONAL_PROFILE, params: { ...NATIONAL_PROFILE.params, countNonVotersWithMajority: { value: true, source: 'GR', status: 'U' } } };
    expect(validateProfile(raw).map((i) => i.path)).toEqual(['$.params.countNonVotersWithMajority.value']);
  });

  it('flags missing and unknown parameters', () => {
    const { noticeDays: _gone, ...rest } = NATIONAL_PROFILE.params;
    const raw = { ...NATIONAL_PROFILE, params: { ...rest, shoeSize: { value: 42, source: 'x', status: 'U' } } };
    expect(validateProfile(raw).map((i) => i.path)).toEqual(['$.params.noticeDays', '$.params.shoeSize']);
    const names: ParamName[] = Object.keys(NATIONAL_PROFILE.params) as ParamName[];
    expect(names.length).toBeGreaterThanOrEqual(40);
  });
});
