import { ballotQrPayload, formatBallotCode, seededRandom } from '@gongzhi/core';
import type { DocumentEstate, DocumentMotion, MeetingNoticeDoc, PaperBallotDoc, PaperBallotsDoc, ResultNoticeDoc } from '../../../src/documents/types';

/** Realistic documents of one estate's meeting: 3 resolutions, one election, one scoped motion. */

export const ESTATE: DocumentEstate = { name: '阳光花园小区', address: '上海市浦东新区锦绣路 1888 弄' };
export const MEETING_TITLE = '阳光花园2026年第一次业主大会会议';
export const CHAIN_HEAD = '9f2c4e7a1b3d5f60718293a4b5c6d7e8f9012345abcdef6789abcdef01234567';

export const MOTIONS: DocumentMotion[] = [
  {
    id: 'm1', number: 1, kind: 'resolution',
    title: '关于修订《阳光花园业主大会议事规则》的议案',
    description: '议事规则修订稿已于 11 月 20 日在小区公告栏及线上平台公示，主要修改表决方式和业主委员会会议制度。',
    matterLabel: '制定和修改业主大会议事规则（民法典第二百七十八条第一项）',
    thresholdLabel: '双过半', scopeLabel: null, seats: null, candidates: [],
  },
  {
    id: 'm2', number: 2, kind: 'resolution',
    title: '关于续聘上海锦程物业服务有限公司的议案',
    description: '续聘期三年，物业服务费标准不变（住宅 2.80 元/平方米·月）。',
    matterLabel: '选聘和解聘物业服务企业或者其他管理人（民法典第二百七十八条第四项）',
    thresholdLabel: '双过半', scopeLabel: null, seats: null, candidates: [],
  },
  {
    id: 'm3', number: 3, kind: 'election',
    title: '选举第三届业主委员会委员',
    description: '候选人由业主推荐、筹备组资格审查后确定，按得票多少当选。',
    matterLabel: '选举业主委员会或者更换业主委员会成员（民法典第二百七十八条第三项）',
    thresholdLabel: '双过半', scopeLabel: null, seats: 5,
    candidates: [
      { id: 'c1', name: '王建国', statement: '退休工程师，曾任两届楼组长，熟悉小区设施情况。' },
      { id: 'c2', name: '李晓梅', statement: '注册会计师，愿意负责公共收益账目公开。' },
      { id: 'c3', name: '陈志强', statement: '社区志愿者，关注停车和安防问题。' },
      { id: 'c4', name: '赵丽华', statement: '中学教师，希望推动垃圾分类和绿化改造。' },
      { id: 'c5', name: '刘洋', statement: '律师，可为业委会提供法律意见。' },
      { id: 'c6', name: '孙文', statement: '' },
    ],
  },
  {
    id: 'm4', number: 4, kind: 'resolution',
    title: '关于使用专项维修资金更换3号楼电梯的议案',
    description: '更换 3 号楼 2 部电梯，预算 86.5 万元，由 3 号楼业主按专有部分面积分摊。',
    matterLabel: '使用建筑物及其附属设施的维修资金（民法典第二百七十八条第五项）',
    thresholdLabel: '双过半', scopeLabel: '3号楼', seats: null, candidates: [],
  },
  {
    id: 'm5', number: 5, kind: 'resolution',
    title: '关于将小区南门空地改建为非机动车充电棚的议案',
    description: '改建后由物业统一管理，收益归全体业主所有。',
    matterLabel: '改建、重建建筑物及其附属设施（民法典第二百七十八条第七项）',
    thresholdLabel: '双四分之三', scopeLabel: null, seats: null, candidates: [],
  },
];

export const meetingNotice: MeetingNoticeDoc = {
  estate: ESTATE,
  meetingId: 3,
  title: MEETING_TITLE,
  description: '本次会议采用书面征求意见形式，业主可在线上平台或以纸质表决票表决。\n会议相关材料可在物业服务中心及线上平台查阅。',
  convenerLabel: '业主委员会',
  formLabel: '书面征求意见',
  location: '小区会所一楼多功能厅（纸质表决票投票箱所在地）',
  publishedAt: '2026-11-20T02:00:00Z',
  opensAt: '2026-12-07T16:00:00Z',
  closesAt: '2026-12-20T16:00:00Z',
  noticeDays: 15,
  voteUrl: 'https://gongzhi.example.cn/m/meetings/12/3',
  motions: MOTIONS,
  roll: { units: 1268, holders: 1204, totalArea: '118342.57' },
  legalBasis: '《中华人民共和国民法典》第二百七十八条、《物业管理条例》第十二条、第十四条；辖区规则：上海市住宅物业管理规定',
};

const SURNAMES = ['张', '王', '李', '赵', '陈', '刘', '杨', '黄', '周', '吴'];

/** `count` ballots with reproducible codes; every 7th holder also has a unit in 3号楼 (motion m4). */
export function paperBallots(count: number): PaperBallotsDoc {
  const random = seededRandom(20261208);
  const ballots: PaperBallotDoc[] = [];
  for (let i = 0; i < count; i++) {
    const bytes = Uint8Array.from({ length: 10 }, () => Math.floor(random() * 256));
    const code = formatBallotCode(bytes);
    const inBuilding3 = i % 7 === 0;
    const motionIds = inBuilding3 ? ['m1', 'm2', 'm3', 'm4', 'm5'] : ['m1', 'm2', 'm3', 'm5'];
    const building = inBuilding3 ? 3 : 1 + (i % 12);
    const units = [`${building}-${1 + (i % 2)}-${String(101 + (i % 18) * 100 + (i % 4)).padStart(3, '0')}`];
    if (i % 50 === 0) units.push(`${building}-车-${String(i % 300).padStart(3, '0')}`);
    ballots.push({
      holderLabel: `${SURNAMES[i % SURNAMES.length]}*${i % 3 === 0 ? '*' : ''}`,
      units,
      area: `${80 + (i % 70)}.${String(i % 100).padStart(2, '0')}`,
      code,
      qrText: ballotQrPayload({ estateId: 12, meetingId: 3, code, motionIds }),
      motionIds,
    });
  }
  return {
    estate: ESTATE,
    meetingId: 3,
    title: MEETING_TITLE,
    opensAt: '2026-12-07T16:00:00Z',
    closesAt: '2026-12-20T16:00:00Z',
    returnInstructions: '请于 2026-12-21 00:00 前将签名后的表决票投入小区会所表决箱或交业主委员会；也可在手机上在线投票。',
    motions: MOTIONS,
    ballots,
  };
}

const w = (area: string, holders: number) => ({ area, holders });

export function resultNotice(stage: 'preliminary' | 'final'): ResultNoticeDoc {
  const [m1, m2, m3, m4, m5] = MOTIONS as [DocumentMotion, DocumentMotion, DocumentMotion, DocumentMotion, DocumentMotion];
  const eligible = w('118342.57', 1204);
  const participated = w('86420.13', 912);
  return {
    estate: ESTATE,
    meetingId: 3,
    title: MEETING_TITLE,
    stage,
    publishedAt: '2026-12-21T03:00:00Z',
    opensAt: '2026-12-07T16:00:00Z',
    closesAt: '2026-12-20T16:00:00Z',
    untilDay: stage === 'preliminary' ? '2027-01-05' : '2027-01-20',
    chainHead: CHAIN_HEAD,
    ballotCount: 4510,
    channels: { online: 3622, paper: 801, proxy: 87 },
    motions: [
      {
        motion: m1, eligible, participated, quorum: true, result: 'passed',
        tally: { approve: w('59131.20', 624), reject: w('15402.33', 161), abstain: w('10986.60', 115), invalid: w('900.00', 12) },
      },
      {
        motion: m2, eligible, participated, quorum: true, result: 'failed',
        tally: { approve: w('40210.00', 430), reject: w('41010.13', 431), abstain: w('5200.00', 51), invalid: w('0.00', 0) },
      },
      {
        motion: m3, eligible, participated, quorum: true, result: 'passed',
        candidates: [
          { id: 'c1', name: '王建国', approve: w('70111.00', 740), qualified: true, elected: true, runoff: false },
          { id: 'c2', name: '李晓梅', approve: w('66502.50', 700), qualified: true, elected: true, runoff: false },
          { id: 'c3', name: '陈志强', approve: w('60010.00', 650), qualified: true, elected: true, runoff: false },
          { id: 'c4', name: '赵丽华', approve: w('55000.00', 600), qualified: true, elected: true, runoff: false },
          { id: 'c5', name: '刘洋', approve: w('50001.00', 520), qualified: true, elected: true, runoff: false },
          { id: 'c6', name: '孙文', approve: w('20000.00', 210), qualified: false, elected: false, runoff: false },
        ],
      },
      {
        motion: m4, eligible: w('9820.40', 96), participated: w('5102.30', 51), quorum: false, result: 'no_quorum',
        tally: { approve: w('4001.10', 40), reject: w('1101.20', 11), abstain: w('0.00', 0), invalid: w('0.00', 0) },
      },
      {
        motion: m5, eligible, participated, quorum: true, result: 'failed',
        tally: { approve: w('60400.00', 640), reject: w('20020.13', 212), abstain: w('6000.00', 60), invalid: w('0.00', 0) },
      },
    ],
    recountHint: `gongzhi recount bundle.json --expect-head ${CHAIN_HEAD}`,
  };
}
