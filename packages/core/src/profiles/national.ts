import { atLeast, moreThan, ratio } from '../ratio/ratio';
import { checkedProfile } from './define';
import type { JurisdictionProfile } from './types';

/**
 * The national defaults (rules.md §9). Where the table's default comes from a local rule (no
 * national rule was found), the source says so; such a default applies everywhere until a
 * profile overrides it.
 */
export const NATIONAL_PROFILE: JurisdictionProfile = checkedProfile({
  id: 'national',
  name: { zh: '全国（默认）', en: 'National defaults' },
  parent: null,
  params: {
    quorum: {
      value: { area: atLeast(2, 3), holders: atLeast(2, 3) },
      source: 'CC 278(2)',
      status: 'V',
      note: '专有部分面积占比三分之二以上且人数占比三分之二以上的业主参与表决',
    },
    majority: {
      value: { area: moreThan(1, 2), holders: moreThan(1, 2) },
      source: 'CC 278(2)',
      status: 'V',
      note: '参与表决专有部分面积过半数且参与表决人数过半数同意 (items 1–5, 9)',
    },
    supermajority: {
      value: { area: atLeast(3, 4), holders: atLeast(3, 4) },
      source: 'CC 278(2)',
      status: 'V',
      note: '参与表决专有部分面积四分之三以上且参与表决人数四分之三以上同意 (items 6–8)',
    },
    supermajorityMatters: { value: ['fund_raise', 'rebuild', 'common_use_change'], source: 'CC 278(2)', status: 'V' },
    countNonVotersWithMajority: {
      value: false,
      source: 'GR',
      status: 'U',
      note: 'Doubtful under the Civil Code; the counting engine deliberately does not support it.',
    },
    areaSourceOrder: { value: ['register', 'survey', 'contract'], source: 'SPC 8', status: 'V' },
    headcount: { value: { builderUnitsAsOneHolder: true, multiUnitBuyerAsOneHolder: true }, source: 'SPC 9', status: 'V' },
    parkingAreaCounts: { value: 'by_meeting_rules', source: 'GR 25', status: 'S' },
    decisionChallengeYears: { value: 1, source: 'CC 280; SPC 12', status: 'V' },
    noticeDays: { value: 15, source: 'PMR 14', status: 'V' },
    specialMeetingTrigger: {
      value: { area: atLeast(1, 5), holders: atLeast(1, 5) },
      source: 'GR 21',
      status: 'S',
      note: 'PMR 13 [V] uses 20% of headcount only (area: null).',
    },
    filingDays: { value: 30, source: 'PMR 16', status: 'V' },
    filingChangeDays: { value: 30, source: 'GR 34', status: 'S' },
    formationTrigger: {
      value: { deliveredArea: moreThan(1, 2), orAfterFirstDelivery: null, application: null },
      source: 'GR 8',
      status: 'S',
    },
    prepGroupFormationDays: { value: 60, source: 'GR 9', status: 'S' },
    prepGroupComposition: {
      value: { ownerShare: atLeast(1, 2), oddSize: true, ledBy: 'subdistrict' },
      source: 'GR 10',
      status: 'S',
    },
    prepNotice: { value: { daysBeforeMeeting: 15, minPostedDays: null }, source: 'GR 11', status: 'S' },
    preparationPeriodDays: { value: 90, source: 'GR (CCTV report; article number unconfirmed)', status: 'S' },
    committeeSize: { value: { min: 5, max: 11, odd: true, smallEstate: null }, source: 'GR 31', status: 'S' },
    committeeTermYears: { value: { min: null, max: 5 }, source: 'GR 32', status: 'S' },
    firstCommitteeMeetingDays: { value: 7, source: 'GR 32', status: 'S' },
    committeePosting: { value: { agendaDaysBefore: 7, decisionsWithinDays: 3 }, source: 'GR', status: 'S' },
    committeeMeetings: {
      value: {
        requestShare: atLeast(1, 3),
        holdWithinDays: 7,
        attendance: moreThan(1, 2),
        decision: moreThan(1, 2),
        proxiesAllowed: false,
        maxIntervalMonths: null,
      },
      source: 'GR (article numbers unconfirmed)',
      status: 'S',
      note: 'A meeting every 2 months is a local rule (BJ 45, SH 26).',
    },
    reelectionLead: { value: { amount: 3, unit: 'months' }, source: 'GR (article unconfirmed)', status: 'U' },
    handoverDays: { value: { endOfTerm: 10, memberLeaves: 3 }, source: 'HN 33 (local rule used as national default)', status: 'V' },
    recallProposal: {
      value: { members: atLeast(1, 3), holders: atLeast(1, 5) },
      source: 'HN 31 (local rule used as national default)',
      status: 'V',
    },
    assemblyDecisionPostingDays: { value: 3, source: 'BJ 37 (local rule used as national default; GR unconfirmed)', status: 'V' },
    interimCommitteeSize: { value: { min: 7, max: null, odd: true }, source: 'BJ 54 (local rule used as national default)', status: 'V' },
    interimCommitteeOwnerShare: { value: atLeast(1, 2), source: 'BJ 54; HZ 39', status: 'V' },
    interimCommitteeTermYears: { value: 3, source: 'BJ 58 (local rule used as national default)', status: 'V' },
    interimCommitteeDissolutionDays: { value: 30, source: 'BJ 59 (local rule used as national default)', status: 'V' },
    interimCommitteeDecisionPosting: {
      value: { withinDays: 3, forWorkingDays: 10 },
      source: 'BJ 57 (local rule used as national default)',
      status: 'V',
    },
    eVotingPeriod: { value: { minDays: 5, maxDays: 60 }, source: 'HZ 20 (local rule used as national default)', status: 'V' },
    eVotingOfficialPlatformOnly: { value: false, source: 'no national rule found', status: 'U' },
    maxHoldersPerProxy: { value: 3, source: 'Weifang 32 (local rule used as national default)', status: 'V' },
    ballotChangeAllowed: { value: false, source: 'Beijing app Q&A (one vote per unit, no changes)', status: 'S' },
    preDeliberationMatters: {
      value: ['fund_raise', 'rebuild', 'common_use_change'],
      source: '党建引领 guidance (article not confirmed)',
      status: 'U',
      note: 'Default: the major matters of CC 278 items 6–8 are pre-deliberated by the party branch before the notice.',
    },
    resultObjectionDays: {
      value: 7,
      source: 'no rule found; proposed default',
      status: 'U',
      note: 'Owners may object to the preliminary result within this period before the final notice.',
    },
    resultPosting: { value: { startWithinDays: 7, minDays: 15 }, source: 'Qingyuan 17 (local rule used as national default)', status: 'V' },
    ballotRetention: {
      value: { minYears: 3, atLeastChallengePeriod: true },
      source: 'unattributed text',
      status: 'U',
      note: 'Proposed default; must be reconciled with PIPL 19.',
    },
    fundFirstDeposit: { value: { min: ratio(5, 100), max: ratio(8, 100) }, source: 'MF 7', status: 'S' },
    fundTopUp: { value: { below: ratio(3, 10), topUpTo: null }, source: 'MF (article unconfirmed); BJ 83', status: 'S' },
    emergencyRepairApprovalDays: { value: 7, source: 'SH 73 (local rule used as national default)', status: 'V' },
    disclosureIntervalMonths: { value: { fund: 6, commonIncome: 3 }, source: 'SH 66 (local rule used as national default)', status: 'V' },
    auditPostingDays: { value: 30, source: 'SH 67 (local rule used as national default)', status: 'V' },
    calendar: { value: { id: 'cn-mainland' }, source: 'CC 201–203; State Council holiday notices', status: 'V' },
  },
});
