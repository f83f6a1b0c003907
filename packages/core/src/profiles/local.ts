import { atLeast, ratio } from '../ratio/ratio';
import { defineProfile } from './define';
import { NATIONAL_PROFILE as NATIONAL } from './national';

/** 北京市物业管理条例 (as amended 2024). */
export const BEIJING = defineProfile(NATIONAL, {
  id: 'beijing',
  name: { zh: '北京市', en: 'Beijing' },
  params: {
    formationTrigger: {
      value: { deliveredArea: atLeast(1, 2), application: { holders: atLeast(5, 100), area: atLeast(5, 100) } },
      source: 'BJ 30',
      status: 'V',
      note: '≥ 50% delivered, on application by 5% of owners or of area.',
    },
    prepGroupComposition: { value: { ledBy: 'neighborhood' }, source: 'BJ 31', status: 'V' },
    preparationPeriodDays: { value: 60, source: 'BJ 32', status: 'V' },
    assemblyDecisionPostingDays: { value: 3, source: 'BJ 37', status: 'V' },
    committeeSize: { value: { smallEstate: { by: 'households', maxHouseholds: 100, min: 3 } }, source: 'BJ 39', status: 'V' },
    committeeMeetings: { value: { maxIntervalMonths: 2 }, source: 'BJ 45', status: 'V' },
    reelectionLead: { value: { amount: 6, unit: 'months' }, source: 'BJ 49', status: 'V' },
    eVotingOfficialPlatformOnly: { value: true, source: 'BJ 35', status: 'V' },
    fundTopUp: { value: { below: ratio(3, 10) }, source: 'BJ 83', status: 'V' },
  },
});

/** 上海市住宅物业管理规定 (2020 revision). */
export const SHANGHAI = defineProfile(NATIONAL, {
  id: 'shanghai',
  name: { zh: '上海市', en: 'Shanghai' },
  params: {
    prepGroupFormationDays: { value: 60, source: 'SH 15', status: 'V' },
    committeeSize: { value: { smallEstate: { by: 'area', maxArea: '10000', min: 3 } }, source: 'SH 20', status: 'V' },
    committeeTermYears: { value: { min: 3, max: 5 }, source: 'GR 32 (SH variant)', status: 'S' },
    committeeMeetings: { value: { maxIntervalMonths: 2 }, source: 'SH 26', status: 'V' },
    reelectionLead: { value: { amount: 5, unit: 'months' }, source: 'SH 28', status: 'V' },
    fundTopUp: { value: { below: ratio(3, 10), topUpTo: ratio(1, 2) }, source: 'SH 65', status: 'V' },
  },
});

/** 杭州市物业管理条例 (2021 revision). */
export const HANGZHOU = defineProfile(NATIONAL, {
  id: 'hangzhou',
  name: { zh: '杭州市', en: 'Hangzhou' },
  params: {
    formationTrigger: {
      value: { deliveredArea: atLeast(60, 100), orAfterFirstDelivery: { deliveredArea: atLeast(30, 100), years: 2 } },
      source: 'HZ 22',
      status: 'V',
    },
    interimCommitteeSize: { value: { min: 7, max: 11, odd: true }, source: 'HZ 39', status: 'V' },
    interimCommitteeTermYears: { value: 2, source: 'HZ 41', status: 'V' },
    eVotingPeriod: { value: { minDays: 5, maxDays: 60 }, source: 'HZ 20', status: 'V' },
  },
});

/** 河南省物业管理条例 (2017; in force 2018). */
export const HENAN = defineProfile(NATIONAL, {
  id: 'henan',
  name: { zh: '河南省', en: 'Henan' },
  params: {
    prepGroupFormationDays: { value: 30, source: 'HN 20', status: 'V' },
    preparationPeriodDays: { value: 60, source: 'HN 20', status: 'V' },
    prepNotice: { value: { minPostedDays: 7 }, source: 'GR 11; HN 21', status: 'V' },
    handoverDays: { value: { endOfTerm: 10, memberLeaves: 3 }, source: 'HN 33', status: 'V' },
    recallProposal: { value: { members: atLeast(1, 3), holders: atLeast(1, 5) }, source: 'HN 31', status: 'V' },
  },
});

/** 山东省物业管理条例 (2021 revision). */
export const SHANDONG = defineProfile(NATIONAL, {
  id: 'shandong',
  name: { zh: '山东省', en: 'Shandong' },
  params: {
    prepGroupFormationDays: { value: 60, source: 'SD 21', status: 'V' },
    reelectionLead: { value: { amount: 90, unit: 'days' }, source: 'SD 33', status: 'V' },
  },
});
