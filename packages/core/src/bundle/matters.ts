import type { MatterCode } from './types';

/** Civil Code art. 278(1) items, as the interface shows them. */
export const MATTER_LABELS: { readonly [M in MatterCode]: { readonly item: number; readonly zh: string; readonly en: string } } = {
  rules_of_procedure: { item: 1, zh: '制定和修改业主大会议事规则', en: 'adopt or amend the rules of procedure' },
  covenant: { item: 2, zh: '制定和修改管理规约', en: 'adopt or amend the management covenant' },
  committee_election: { item: 3, zh: '选举业主委员会或者更换业主委员会成员', en: 'elect the committee or replace members' },
  property_manager: { item: 4, zh: '选聘和解聘物业服务企业或者其他管理人', en: 'hire or dismiss the property manager' },
  fund_use: { item: 5, zh: '使用建筑物及其附属设施的维修资金', en: 'use the maintenance fund' },
  fund_raise: { item: 6, zh: '筹集建筑物及其附属设施的维修资金', en: 'raise the maintenance fund' },
  rebuild: { item: 7, zh: '改建、重建建筑物及其附属设施', en: 'rebuild or reconstruct buildings and facilities' },
  common_use_change: { item: 8, zh: '改变共有部分的用途或者利用共有部分从事经营活动', en: 'change the use of common parts or run a business on them' },
  other_major: { item: 9, zh: '有关共有和共同管理权利的其他重大事项', en: 'other major common-ownership matters' },
};
