import { MATTER_LABELS, ballotQrPayload, formatArea, type RecountJson } from '@gongzhi/core';
import type { DB, Kysely } from '@gongzhi/db';
import type { DocumentMotion, MeetingNoticeDoc, PaperBallotsDoc, ResultNoticeDoc } from '../documents/types';
import { maskHolderName } from '../privacy/mask';
import { fmt } from './lifecycle';
import type { MeetingRecord } from './meeting';
import { motionInScope } from './ballots';
import { profileById } from './profile';
import { candidateRef, motionRef } from './refs';
import { meetingRoll } from './roll';
import { thresholdOf, votingRulesOf } from '@gongzhi/core';

const CONVENERS: Record<string, string> = { committee: '业主委员会', interim_committee: '物业管理委员会', prep_group: '首次业主大会会议筹备组', subdistrict: '街道办事处' };
const FORMS: Record<string, string> = { written: '书面征求意见', collective: '集体讨论' };
const ITEM = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

async function docMotions(db: Kysely<DB>, m: MeetingRecord): Promise<DocumentMotion[]> {
  const buildings = new Map((await db.selectFrom('buildings').select(['id', 'name']).where('estate_id', '=', m.estate_id).execute()).map((b) => [b.id, b.name]));
  const rules = votingRulesOf(profileById(m.profile_id));
  return m.motions.map((x) => ({
    id: motionRef(x.id),
    number: x.position,
    kind: x.kind,
    title: x.title,
    description: x.description,
    matterLabel: `${MATTER_LABELS[x.matter].zh}（民法典第二百七十八条第${ITEM[MATTER_LABELS[x.matter].item]}项）`,
    thresholdLabel: thresholdOf(x.matter, rules) === 'supermajority' ? '双四分之三' : '双过半',
    scopeLabel: x.scopeBuildingIds ? x.scopeBuildingIds.map((id) => buildings.get(id) ?? `#${id}`).join('、') : null,
    seats: x.seats,
    candidates: x.candidates.map((c) => ({ id: candidateRef(c.id), name: c.name, statement: c.statement })),
  }));
}

async function estateOf(db: Kysely<DB>, estateId: number) {
  const e = await db.selectFrom('estates').select(['name', 'address']).where('id', '=', estateId).executeTakeFirstOrThrow();
  return { name: e.name, address: e.address };
}

export async function meetingNoticeDoc(db: Kysely<DB>, m: MeetingRecord, publicUrl: string, now: Date): Promise<MeetingNoticeDoc> {
  const roll = await meetingRoll(db, m.estate_id, m.id, m.roll_frozen_at !== null, m.notice_published_at ?? now);
  const profile = profileById(m.profile_id);
  return {
    estate: await estateOf(db, m.estate_id),
    meetingId: m.id,
    title: m.title,
    description: m.description,
    convenerLabel: CONVENERS[m.convener] ?? m.convener,
    formLabel: FORMS[m.form] ?? m.form,
    location: m.location,
    publishedAt: (m.notice_published_at ?? now).toISOString(),
    opensAt: m.opens_at.toISOString(),
    closesAt: m.closes_at.toISOString(),
    noticeDays: profile.params.noticeDays.value,
    voteUrl: `${publicUrl}/m/meetings/${m.estate_id}/${m.id}`,
    motions: await docMotions(db, m),
    roll: { units: roll.length, holders: new Set(roll.map((r) => r.holderId)).size, totalArea: formatArea(BigInt(roll.reduce((s, r) => s + r.areaCents, 0))) },
    legalBasis: `《中华人民共和国民法典》第二百七十八条、《物业管理条例》第十二条、第十四条；辖区规则：${profile.name.zh}`,
  };
}

export async function paperBallotsDoc(db: Kysely<DB>, m: MeetingRecord, holderIds: number[] | null, now: Date): Promise<PaperBallotsDoc> {
  const roll = await meetingRoll(db, m.estate_id, m.id, m.roll_frozen_at !== null, now);
  const codes = new Map(
    (await db.selectFrom('paper_codes').select(['holder_id', 'code']).where('estate_id', '=', m.estate_id).where('meeting_id', '=', m.id).execute()).map((c) => [c.holder_id, c.code]),
  );
  const holders = new Map((await db.selectFrom('holders').select(['id', 'kind', 'name']).where('estate_id', '=', m.estate_id).execute()).map((h) => [h.id, h]));
  const byHolder = new Map<number, typeof roll>();
  for (const r of roll) if (!holderIds || holderIds.includes(r.holderId)) byHolder.set(r.holderId, [...(byHolder.get(r.holderId) ?? []), r]);
  const ballots: PaperBallotsDoc['ballots'] = [];
  for (const [holderId, units] of byHolder) {
    const code = codes.get(holderId);
    if (!code) continue;
    const h = holders.get(holderId);
    const buildings = new Set(units.map((u) => u.buildingId));
    const motionIds = m.motions.filter((x) => motionInScope(x, buildings)).map((x) => motionRef(x.id));
    if (motionIds.length === 0) continue; // every motion is scoped to other buildings
    ballots.push({
      holderLabel: h ? maskHolderName(h.kind, h.name) : '—',
      units: units.map((u) => u.unitNumber),
      area: formatArea(BigInt(units.reduce((s, u) => s + u.areaCents, 0))),
      code,
      qrText: ballotQrPayload({ estateId: m.estate_id, meetingId: m.id, code, motionIds }),
      motionIds,
    });
  }
  return {
    estate: await estateOf(db, m.estate_id),
    meetingId: m.id,
    title: m.title,
    opensAt: m.opens_at.toISOString(),
    closesAt: m.closes_at.toISOString(),
    returnInstructions: `请于 ${fmt(m.closes_at)} 前将签名后的表决票投入小区表决箱或交业主委员会；也可在手机上在线投票（同一议题只计一次，先到者有效）。`,
    motions: await docMotions(db, m),
    ballots,
  };
}

export async function resultNoticeDoc(db: Kysely<DB>, m: MeetingRecord, stage: 'preliminary' | 'final', untilDay: string): Promise<ResultNoticeDoc | null> {
  const r = await db.selectFrom('meeting_results').selectAll().where('estate_id', '=', m.estate_id).where('meeting_id', '=', m.id).where('stage', '=', stage).executeTakeFirst();
  if (!r) return null;
  const recount = JSON.parse(r.recount_json) as RecountJson;
  const motions = await docMotions(db, m);
  const channels = (typeof r.channels === 'string' ? JSON.parse(r.channels) : r.channels) as ResultNoticeDoc['channels'];
  return {
    estate: await estateOf(db, m.estate_id),
    meetingId: m.id,
    title: m.title,
    stage,
    publishedAt: r.computed_at.toISOString(),
    opensAt: m.opens_at.toISOString(),
    closesAt: m.closes_at.toISOString(),
    untilDay,
    chainHead: r.chain_head,
    ballotCount: r.ballot_count,
    channels,
    motions: recount.motions.map((rm) => {
      const motion = motions.find((x) => x.id === rm.id) as DocumentMotion;
      const base = { motion, eligible: rm.eligible, participated: rm.participated, quorum: rm.quorum, result: rm.result };
      if ('tally' in rm) return { ...base, tally: rm.tally };
      return {
        ...base,
        candidates: rm.candidates.map((c) => ({
          id: c.id,
          name: motion.candidates.find((k) => k.id === c.id)?.name ?? c.id,
          approve: c.approve,
          qualified: c.qualified,
          elected: rm.elected.includes(c.id),
          runoff: rm.runoff.includes(c.id),
        })),
      };
    }),
    recountHint: `gongzhi recount bundle.json --expect-head ${r.chain_head}`,
  };
}
