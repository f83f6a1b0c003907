import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { GENESIS_HASH, MATTER_LABELS, type JurisdictionProfile } from '@gongzhi/core';
import type { MeetingCreateBodyT } from '@gongzhi/contracts';
import { inTransaction, writeAudit, type DB, type Kysely } from '@gongzhi/db';
import { AppError } from '../errors';
import { countMeeting, sealAll } from './chain';
import { type MeetingClocks, type Problem, meetingClocks } from './clocks';
import { type MeetingRecord, loadMeeting } from './meeting';
import { profileById, profileIdForEstate } from './profile';
import { freezeRoll, hasLiveRoll, liveRoll, lockMeetingExclusive } from './roll';
import { ensurePaperCodes } from './paper-codes';
import { notifyRoll } from './notifications';

export interface Actor {
  accountId: number | null;
  ip?: string | null;
  requestId?: string | null;
}

const DAY_MS = 86_400_000;

const p = (code: string, messageZh: string, messageEn: string): Problem => ({ code, messageZh, messageEn });

/** Problems with a meeting's settings that make it unfit to publish, from the profile's rules. */
export async function settingsProblems(db: Kysely<DB>, estateId: number, body: Pick<MeetingCreateBodyT, 'opensAt' | 'closesAt' | 'motions' | 'form' | 'location'>, profile: JurisdictionProfile): Promise<Problem[]> {
  const out: Problem[] = [];
  const opens = new Date(body.opensAt);
  const closes = new Date(body.closesAt);
  if (Number.isNaN(opens.getTime()) || Number.isNaN(closes.getTime())) {
    out.push(p('WINDOW_INVALID', '投票起止时间无效', 'The voting window is not a valid time range'));
    return out;
  }
  if (closes <= opens) out.push(p('WINDOW_INVALID', '投票截止时间必须晚于开始时间', 'Voting must close after it opens'));
  const { minDays, maxDays } = profile.params.eVotingPeriod.value;
  const span = closes.getTime() - opens.getTime();
  if (span < minDays * DAY_MS) out.push(p('WINDOW_TOO_SHORT', `投票期不得少于 ${minDays} 日`, `The voting period must be at least ${minDays} days`));
  if (span > maxDays * DAY_MS) out.push(p('WINDOW_TOO_LONG', `投票期不得超过 ${maxDays} 日`, `The voting period must be at most ${maxDays} days`));
  if (body.form === 'collective' && !body.location?.trim()) {
    out.push(p('LOCATION_REQUIRED', '集体讨论形式须填写会议地点', 'A collective meeting needs a location'));
  }
  const buildingIds = new Set(
    (await db.selectFrom('buildings').select('id').where('estate_id', '=', estateId).execute()).map((b) => b.id),
  );
  body.motions.forEach((m, i) => {
    const n = i + 1;
    if (m.kind === 'election') {
      const candidates = m.candidates ?? [];
      if (!m.seats) out.push(p('SEATS_REQUIRED', `议题 ${n}：选举须设定应选人数`, `Motion ${n}: an election needs the number of seats`));
      else if (candidates.length < m.seats) {
        out.push(p('TOO_FEW_CANDIDATES', `议题 ${n}：候选人数少于应选人数`, `Motion ${n}: fewer candidates than seats`));
      }
      const names = candidates.map((c) => c.name.trim());
      if (new Set(names).size !== names.length) out.push(p('DUPLICATE_CANDIDATE', `议题 ${n}：候选人重复`, `Motion ${n}: a candidate is listed twice`));
    } else if (m.seats !== undefined || (m.candidates && m.candidates.length > 0)) {
      out.push(p('RESOLUTION_WITH_CANDIDATES', `议题 ${n}：决议事项不设候选人`, `Motion ${n}: a resolution has no candidates`));
    }
    for (const b of m.scopeBuildingIds ?? []) {
      if (!buildingIds.has(b)) out.push(p('SCOPE_UNKNOWN_BUILDING', `议题 ${n}：表决范围中的楼栋不存在`, `Motion ${n}: a building in the scope does not exist`));
    }
    if (m.scopeBuildingIds && m.scopeBuildingIds.length === 0) {
      out.push(p('SCOPE_EMPTY', `议题 ${n}：表决范围为空`, `Motion ${n}: the scope is empty`));
    }
  });
  return out;
}

/** Creates a draft meeting (or replaces a draft's contents) with its motions and candidates. */
export async function saveDraft(db: Kysely<DB>, estateId: number, meetingId: number | null, body: MeetingCreateBodyT, actor: Actor, now: Date): Promise<number> {
  const profileId = await profileIdForEstate(db, estateId);
  const profile = profileById(profileId);
  const invalid = (await settingsProblems(db, estateId, body, profile)).filter((x) => x.code !== 'WINDOW_TOO_SHORT' && x.code !== 'WINDOW_TOO_LONG');
  if (invalid.length > 0) {
    throw new AppError('MEETING_INVALID', {
      issues: invalid.map((x) => ({ field: 'motions', code: x.code, messageZh: x.messageZh, messageEn: x.messageEn })),
    });
  }
  return inTransaction(db, async (trx) => {
    let id = meetingId;
    const values = {
      title: body.title,
      description: body.description,
      form: body.form,
      convener: body.convener,
      location: body.location?.trim() || null,
      opens_at: new Date(body.opensAt),
      closes_at: new Date(body.closesAt),
      updated_at: now,
    };
    if (id === null) {
      const row = await trx
        .insertInto('meetings')
        .values({ estate_id: estateId, ...values, profile_id: profileId, attendance_secret: randomBytes(16).toString('hex'), created_by: actor.accountId, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = row.id;
    } else {
      const current = await trx.selectFrom('meetings').select('state').where('estate_id', '=', estateId).where('id', '=', id).forUpdate().executeTakeFirst();
      if (!current) throw new AppError('MEETING_NOT_FOUND');
      if (current.state !== 'draft') throw new AppError('MEETING_STATE', { messageZh: '只有草稿可以修改', messageEn: 'Only a draft can be edited' });
      await trx.updateTable('meetings').set({ ...values, profile_id: profileId }).where('estate_id', '=', estateId).where('id', '=', id).execute();
      await trx.deleteFrom('motions').where('estate_id', '=', estateId).where('meeting_id', '=', id).execute();
    }
    let position = 0;
    for (const m of body.motions) {
      position += 1;
      const motion = await trx
        .insertInto('motions')
        .values({
          estate_id: estateId,
          meeting_id: id,
          position,
          kind: m.kind,
          title: m.title,
          description: m.description,
          matter: m.matter,
          seats: m.kind === 'election' ? (m.seats ?? 1) : null,
          scope_building_ids: m.scopeBuildingIds ? JSON.stringify([...new Set(m.scopeBuildingIds)]) : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (m.kind === 'election') {
        let cp = 0;
        for (const c of m.candidates ?? []) {
          cp += 1;
          await trx.insertInto('candidates').values({ estate_id: estateId, motion_id: motion.id, position: cp, name: c.name.trim(), statement: c.statement }).execute();
        }
      }
    }
    await writeAudit(trx, {
      actorId: actor.accountId,
      action: meetingId === null ? 'meeting.create' : 'meeting.update',
      entity: 'meeting',
      entityId: id,
      estateId,
      after: { title: body.title, motions: body.motions.map((m) => ({ kind: m.kind, title: m.title, matter: m.matter })) },
      ip: actor.ip,
      requestId: actor.requestId,
    });
    return id;
  });
}

export interface Readiness {
  next: 'publish' | 'open' | 'close' | 'finalize' | 'archive' | null;
  ready: boolean;
  blockers: Problem[];
}

/** What stands between the meeting and its next step, every blocker listed. */
export async function readiness(db: Kysely<DB>, m: MeetingRecord, now: Date, clocks?: MeetingClocks): Promise<Readiness> {
  const profile = profileById(m.profile_id);
  const c = clocks ?? meetingClocks(m, profile, now);
  const blockers: Problem[] = [];
  const calendarProblems = () => blockers.push(...c.problems);
  switch (m.state) {
    case 'draft': {
      const body = {
        opensAt: m.opens_at.toISOString(),
        closesAt: m.closes_at.toISOString(),
        form: m.form,
        location: m.location ?? undefined,
        motions: m.motions.map((x) => ({
          kind: x.kind,
          title: x.title,
          description: x.description,
          matter: x.matter,
          seats: x.seats ?? undefined,
          scopeBuildingIds: x.scopeBuildingIds ?? undefined,
          candidates: x.candidates.map((k) => ({ name: k.name, statement: k.statement })),
        })),
      };
      blockers.push(...(await settingsProblems(db, m.estate_id, body, profile)));
      if (profile.params.ballotChangeAllowed.value) {
        blockers.push(p('PROFILE_UNSUPPORTED', '该辖区规则允许投票后修改选票，本平台尚不支持', 'This profile allows changing a cast ballot, which the platform does not support'));
      }
      const needs = m.motions.filter((x) => profile.params.preDeliberationMatters.value.includes(x.matter));
      if (needs.length > 0 && !m.pre_deliberated_at) {
        const labels = needs.map((x) => `「${x.title}」（${MATTER_LABELS[x.matter].zh}）`).join('、');
        blockers.push(p('PRE_DELIBERATION_MISSING', `重大事项须经党支部先议：${labels}`, `Major matters need the party branch's pre-deliberation first: ${needs.map((x) => x.title).join(', ')}`));
      }
      calendarProblems();
      if (c.earliestOpen && m.opens_at < c.earliestOpen) {
        blockers.push(
          p('NOTICE_TOO_SHORT', `投票开始时间须在公告发布 ${profile.params.noticeDays.value} 日之后（最早 ${fmt(c.earliestOpen)}）`, `Voting may open ${profile.params.noticeDays.value} days after the notice at the earliest (${fmt(c.earliestOpen)} China time)`),
        );
      }
      if (!(await hasLiveRoll(db, m.estate_id, now))) blockers.push(p('ROLL_EMPTY', '表决名册为空，请先导入业主名册', 'The roll is empty; import the owner list first'));
      return { next: 'publish', ready: blockers.length === 0, blockers };
    }
    case 'notice': {
      calendarProblems();
      if (c.earliestOpen && now < c.earliestOpen) blockers.push(p('NOTICE_PERIOD_RUNNING', `公告期未满（${fmt(c.earliestOpen)} 届满）`, `The notice period runs until ${fmt(c.earliestOpen)} (China time)`));
      if (now < m.opens_at) blockers.push(p('NOT_YET_OPEN', `未到投票开始时间（${fmt(m.opens_at)}）`, `Voting opens at ${fmt(m.opens_at)} (China time)`));
      if (now >= m.closes_at) blockers.push(p('WINDOW_PASSED', '投票截止时间已过，请取消后重新发起', 'The voting window has passed; cancel and convene again'));
      const open = await countObjections(db, m, 'roll');
      if (open > 0) blockers.push(p('ROLL_OBJECTIONS_OPEN', `尚有 ${open} 件名册异议未处理`, `${open} objection(s) to the roll are not answered`));
      return { next: 'open', ready: blockers.length === 0, blockers };
    }
    case 'voting': {
      if (now < m.closes_at) blockers.push(p('VOTING_RUNNING', `投票期未结束（${fmt(m.closes_at)} 截止）`, `Voting runs until ${fmt(m.closes_at)} (China time)`));
      const pending = await db
        .selectFrom('paper_entries')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('estate_id', '=', m.estate_id)
        .where('meeting_id', '=', m.id)
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow();
      if (Number(pending.n) > 0) blockers.push(p('PAPER_PENDING', `尚有 ${pending.n} 张纸质票待复核`, `${pending.n} paper ballot(s) await confirmation`));
      return { next: 'close', ready: blockers.length === 0, blockers };
    }
    case 'closed': {
      calendarProblems();
      if (c.objectionsUntil && now < c.objectionsUntil) blockers.push(p('OBJECTION_PERIOD_RUNNING', `异议期未满（${fmt(c.objectionsUntil)} 届满）`, `The objection period runs until ${fmt(c.objectionsUntil)} (China time)`));
      const open = await countObjections(db, m, 'result');
      if (open > 0) blockers.push(p('RESULT_OBJECTIONS_OPEN', `尚有 ${open} 件结果异议未处理`, `${open} objection(s) to the result are not answered`));
      return { next: 'finalize', ready: blockers.length === 0, blockers };
    }
    case 'final': {
      calendarProblems();
      if (c.postedUntil && now < c.postedUntil) blockers.push(p('POSTING_PERIOD_RUNNING', `结果公告期未满（${fmt(c.postedUntil)} 届满）`, `The result stays posted until ${fmt(c.postedUntil)} (China time)`));
      return { next: 'archive', ready: blockers.length === 0, blockers };
    }
    default:
      return { next: null, ready: false, blockers: [] };
  }
}

async function countObjections(db: Kysely<DB>, m: MeetingRecord, kind: 'roll' | 'result'): Promise<number> {
  const r = await db
    .selectFrom('objections')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('estate_id', '=', m.estate_id)
    .where('meeting_id', '=', m.id)
    .where('kind', '=', kind)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** A time as China local time "2026-12-08 00:00" for messages. */
export function fmt(d: Date): string {
  const t = new Date(d.getTime() + 8 * 3_600_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 16)}`;
}

async function requireReady(db: Kysely<DB>, m: MeetingRecord, expected: Readiness['next'], now: Date): Promise<void> {
  const r = await readiness(db, m, now);
  if (r.next !== expected) throw new AppError('MEETING_STATE');
  if (!r.ready) {
    throw new AppError('MEETING_NOT_READY', {
      issues: r.blockers.map((b) => ({ field: 'meeting', code: b.code, messageZh: b.messageZh, messageEn: b.messageEn })),
    });
  }
}

/** Locks the meeting row and checks that it is still in `state` (another request may have moved it). */
async function lockState(trx: Kysely<DB>, m: MeetingRecord, state: string): Promise<void> {
  const row = await trx.selectFrom('meetings').select('state').where('estate_id', '=', m.estate_id).where('id', '=', m.id).forUpdate().executeTakeFirst();
  if (!row || row.state !== state) throw new AppError('MEETING_STATE');
}

/** draft → notice: the notice is published and the notice period starts (PMR 14). */
export async function publish(db: Kysely<DB>, estateId: number, meetingId: number, actor: Actor, now: Date): Promise<void> {
  const m = await loadMeeting(db, estateId, meetingId);
  await requireReady(db, m, 'publish', now);
  await inTransaction(db, async (trx) => {
    await lockState(trx, m, 'draft');
    await trx.updateTable('meetings').set({ state: 'notice', notice_published_at: now, updated_at: now }).where('estate_id', '=', estateId).where('id', '=', meetingId).execute();
    await trx
      .insertInto('notices')
      .values({
        estate_id: estateId,
        title: `【会议通知】${m.title}`,
        body: `业主大会会议通知已发布。投票时间：${fmt(m.opens_at)} 至 ${fmt(m.closes_at)}。表决名册（房号与面积）同时公示，如有异议请在投票开始前提出。`,
        author_id: actor.accountId,
        published_at: now,
      })
      .execute();
    await ensurePaperCodes(trx, estateId, meetingId, (await liveRoll(trx, estateId, now)).map((r) => r.holderId));
    await notifyRoll(trx, estateId, meetingId, false, now, 'meeting.notice', `业主大会会议通知：${m.title}`, `投票时间 ${fmt(m.opens_at)} 至 ${fmt(m.closes_at)}，请按时参加表决。`);
    await writeAudit(trx, { actorId: actor.accountId, action: 'meeting.publish', entity: 'meeting', entityId: meetingId, estateId, after: { state: 'notice', publishedAt: now.toISOString() }, ip: actor.ip, requestId: actor.requestId });
  });
}

/** notice → voting: the roll is frozen and the chain starts. */
export async function open(db: Kysely<DB>, estateId: number, meetingId: number, actor: Actor, now: Date): Promise<void> {
  const m = await loadMeeting(db, estateId, meetingId);
  await requireReady(db, m, 'open', now);
  await inTransaction(db, async (trx) => {
    await lockState(trx, m, 'notice');
    const units = await freezeRoll(trx, estateId, meetingId, now);
    // fresh rows have no statistics: without them notifyRoll below nests loops over the roll (minutes at 20,000 units)
    await sql`analyze meeting_roll`.execute(trx);
    await trx.insertInto('meeting_chains').values({ estate_id: estateId, meeting_id: meetingId, head: GENESIS_HASH, updated_at: now }).execute();
    await trx.updateTable('meetings').set({ state: 'voting', roll_frozen_at: now, updated_at: now }).where('estate_id', '=', estateId).where('id', '=', meetingId).execute();
    const holders = await trx.selectFrom('meeting_roll').select('holder_id').distinct().where('estate_id', '=', estateId).where('meeting_id', '=', meetingId).execute();
    await ensurePaperCodes(trx, estateId, meetingId, holders.map((h) => h.holder_id));
    await notifyRoll(trx, estateId, meetingId, true, now, 'meeting.open', `投票已开始：${m.title}`, `投票截止时间 ${fmt(m.closes_at)}。`);
    await writeAudit(trx, { actorId: actor.accountId, action: 'meeting.open', entity: 'meeting', entityId: meetingId, estateId, after: { state: 'voting', rollUnits: units, holders: holders.length }, ip: actor.ip, requestId: actor.requestId });
  });
}

/**
 * voting → closed: waits for ballots in flight (the meeting's lock, exclusively), seals the rest of the
 * chain, counts the meeting's own bundle with the legal core and stores the preliminary result
 * with the chain head — all in one transaction.
 */
export async function close(db: Kysely<DB>, estateId: number, meetingId: number, actor: Actor, now: Date): Promise<void> {
  const m = await loadMeeting(db, estateId, meetingId);
  await requireReady(db, m, 'close', now);
  await inTransaction(db, async (trx) => {
    await lockMeetingExclusive(trx, estateId, meetingId);
    await lockState(trx, m, 'voting');
    await sealAll(trx, estateId, meetingId, now);
    const result = await countMeeting(trx, m);
    await trx.updateTable('meetings').set({ state: 'closed', closed_at: now, chain_head: result.chainHead, updated_at: now }).where('estate_id', '=', estateId).where('id', '=', meetingId).execute();
    await trx
      .insertInto('meeting_results')
      .values({ estate_id: estateId, meeting_id: meetingId, stage: 'preliminary', computed_at: now, chain_head: result.chainHead, ballot_count: result.ballotCount, channels: JSON.stringify(result.channels), recount_json: result.recountJson })
      .execute();
    await trx
      .insertInto('notices')
      .values({ estate_id: estateId, title: `【表决结果（初步）】${m.title}`, body: `投票已结束，共收到有效选票 ${result.ballotCount} 张。哈希链头：${result.chainHead}。如对结果有异议，请在异议期内提出。`, author_id: actor.accountId, published_at: now })
      .execute();
    await notifyRoll(trx, estateId, meetingId, true, now, 'meeting.closed', `表决结果（初步）：${m.title}`, `投票已结束，初步结果已公示，链头 ${result.chainHead.slice(0, 16)}…`);
    await writeAudit(trx, { actorId: actor.accountId, action: 'meeting.close', entity: 'meeting', entityId: meetingId, estateId, after: { state: 'closed', chainHead: result.chainHead, ballots: result.ballotCount }, ip: actor.ip, requestId: actor.requestId });
  });
}

/** closed → final: after the objection period, the final result notice (recounted, identical). */
export async function finalize(db: Kysely<DB>, estateId: number, meetingId: number, actor: Actor, now: Date): Promise<void> {
  const m = await loadMeeting(db, estateId, meetingId);
  await requireReady(db, m, 'finalize', now);
  await inTransaction(db, async (trx) => {
    await lockState(trx, m, 'closed');
    const result = await countMeeting(trx, m);
    if (result.chainHead !== m.chain_head) throw new Error(`meeting ${meetingId}: the chain head changed after close`);
    await trx.updateTable('meetings').set({ state: 'final', finalized_at: now, updated_at: now }).where('estate_id', '=', estateId).where('id', '=', meetingId).execute();
    await trx
      .insertInto('meeting_results')
      .values({ estate_id: estateId, meeting_id: meetingId, stage: 'final', computed_at: now, chain_head: result.chainHead, ballot_count: result.ballotCount, channels: JSON.stringify(result.channels), recount_json: result.recountJson })
      .execute();
    await trx
      .insertInto('notices')
      .values({ estate_id: estateId, title: `【表决结果公告】${m.title}`, body: `异议期届满，表决结果正式公告。哈希链头：${result.chainHead}。`, author_id: actor.accountId, published_at: now })
      .execute();
    await writeAudit(trx, { actorId: actor.accountId, action: 'meeting.finalize', entity: 'meeting', entityId: meetingId, estateId, after: { state: 'final', chainHead: result.chainHead }, ip: actor.ip, requestId: actor.requestId });
  });
}

export async function archive(db: Kysely<DB>, estateId: number, meetingId: number, actor: Actor, now: Date): Promise<void> {
  const m = await loadMeeting(db, estateId, meetingId);
  await requireReady(db, m, 'archive', now);
  await inTransaction(db, async (trx) => {
    await lockState(trx, m, 'final');
    await trx.updateTable('meetings').set({ state: 'archived', archived_at: now, updated_at: now }).where('estate_id', '=', estateId).where('id', '=', meetingId).execute();
    await writeAudit(trx, { actorId: actor.accountId, action: 'meeting.archive', entity: 'meeting', entityId: meetingId, estateId, after: { state: 'archived' }, ip: actor.ip, requestId: actor.requestId });
  });
}

export async function cancel(db: Kysely<DB>, estateId: number, meetingId: number, reason: string, actor: Actor, now: Date): Promise<void> {
  const m = await loadMeeting(db, estateId, meetingId);
  if (m.state !== 'draft' && m.state !== 'notice') {
    throw new AppError('MEETING_STATE', { messageZh: '只有草稿或公告期的会议可以取消', messageEn: 'Only a draft or a meeting in its notice period can be cancelled' });
  }
  await inTransaction(db, async (trx) => {
    await lockState(trx, m, m.state);
    await trx.updateTable('meetings').set({ state: 'cancelled', cancelled_at: now, cancel_reason: reason, updated_at: now }).where('estate_id', '=', estateId).where('id', '=', meetingId).execute();
    if (m.state === 'notice') {
      await trx.insertInto('notices').values({ estate_id: estateId, title: `【会议取消】${m.title}`, body: `原定会议取消。原因：${reason}`, author_id: actor.accountId, published_at: now }).execute();
    }
    await writeAudit(trx, { actorId: actor.accountId, action: 'meeting.cancel', entity: 'meeting', entityId: meetingId, estateId, before: { state: m.state }, after: { state: 'cancelled', reason }, ip: actor.ip, requestId: actor.requestId });
  });
}

export async function recordPreDeliberation(db: Kysely<DB>, estateId: number, meetingId: number, note: string, actor: Actor, now: Date): Promise<void> {
  const m = await loadMeeting(db, estateId, meetingId);
  if (m.state !== 'draft') throw new AppError('MEETING_STATE', { messageZh: '党支部先议须在发布公告前记录', messageEn: 'Pre-deliberation is recorded before the notice is published' });
  await inTransaction(db, async (trx) => {
    await lockState(trx, m, 'draft');
    await trx.updateTable('meetings').set({ pre_deliberation_note: note, pre_deliberated_at: now, pre_deliberated_by: actor.accountId, updated_at: now }).where('estate_id', '=', estateId).where('id', '=', meetingId).execute();
    await writeAudit(trx, { actorId: actor.accountId, action: 'meeting.pre_deliberation', entity: 'meeting', entityId: meetingId, estateId, after: { note }, ip: actor.ip, requestId: actor.requestId });
  });
}
