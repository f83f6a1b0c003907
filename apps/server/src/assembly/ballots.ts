import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { AnswerInputT } from '@gongzhi/contracts';
import { inTransaction, writeAudit, type DB, type Kysely } from '@gongzhi/db';
import { AppError } from '../errors';
import { newReceipt } from './chain';
import type { MeetingRecord, MotionRecord } from './meeting';
import { candidateRef, motionRef } from './refs';
import { meetingLockKey } from './roll';

export type Channel = 'online' | 'paper' | 'proxy';

export interface NormalizedAnswer {
  motion: MotionRecord;
  choice: 'approve' | 'reject' | 'abstain' | 'invalid' | null;
  approve: string[] | null;
}

/** The buildings of the holder's units in the meeting's roll (frozen once voting opened). */
export async function holderRollBuildings(db: Kysely<DB>, estateId: number, meetingId: number, holderId: number): Promise<Set<number>> {
  const rows = await db
    .selectFrom('meeting_roll')
    .select('building_id')
    .where('estate_id', '=', estateId)
    .where('meeting_id', '=', meetingId)
    .where('holder_id', '=', holderId)
    .execute();
  return new Set(rows.map((r) => r.building_id));
}

export const motionInScope = (m: MotionRecord, buildings: Set<number>): boolean =>
  m.scopeBuildingIds === null ? buildings.size > 0 : m.scopeBuildingIds.some((b) => buildings.has(b));

/**
 * Checks answers against the meeting: known motions, each once, in the holder's scope, a choice
 * for a resolution and known, distinct candidates for an election. Online and proxy ballots may
 * not approve more candidates than seats (the form prevents it); a paper ballot may (it is then
 * counted invalid, as the spec says), and a clerk may record a resolution as invalid (废票).
 */
export function normalizeAnswers(m: MeetingRecord, answers: AnswerInputT[], buildings: Set<number>, channel: Channel): NormalizedAnswer[] {
  const seen = new Set<string>();
  return answers.map((a, i) => {
    const motion = m.motions.find((x) => motionRef(x.id) === a.motionId);
    const field = `answers.${i}`;
    if (!motion) throw new AppError('BALLOT_INVALID', { field, messageZh: `议题 ${a.motionId} 不属于本次会议`, messageEn: `Motion ${a.motionId} is not in this meeting` });
    if (seen.has(a.motionId)) throw new AppError('BALLOT_INVALID', { field, messageZh: '同一议题只能作答一次', messageEn: 'A motion may be answered once' });
    seen.add(a.motionId);
    if (!motionInScope(motion, buildings)) throw new AppError('NOT_IN_SCOPE', { field });
    if (motion.kind === 'resolution') {
      const choice = a.choice;
      if (!choice || a.approve !== undefined || (choice === 'invalid' && channel !== 'paper')) throw new AppError('BALLOT_INVALID', { field, messageZh: `议题「${motion.title}」请选择同意、反对或弃权`, messageEn: `Choose approve, reject or abstain on "${motion.title}"` });
      return { motion, choice, approve: null };
    }
    const approve = a.approve;
    if (!approve || a.choice !== undefined) throw new AppError('BALLOT_INVALID', { field, messageZh: `选举「${motion.title}」请勾选候选人（可不选）`, messageEn: `Mark the candidates of "${motion.title}" (or none)` });
    const known = new Set(motion.candidates.map((c) => candidateRef(c.id)));
    if (approve.some((c) => !known.has(c))) throw new AppError('BALLOT_INVALID', { field, messageZh: '候选人不存在', messageEn: 'Unknown candidate' });
    if (new Set(approve).size !== approve.length) throw new AppError('BALLOT_INVALID', { field, messageZh: '同一候选人不能重复选择', messageEn: 'A candidate is marked twice' });
    if (channel !== 'paper' && approve.length > (motion.seats ?? 1)) {
      throw new AppError('BALLOT_INVALID', { field, messageZh: `「${motion.title}」最多选 ${motion.seats} 人`, messageEn: `"${motion.title}": at most ${motion.seats} candidates` });
    }
    return { motion, choice: null, approve };
  });
}

export interface CastInput {
  meeting: MeetingRecord;
  holderId: number;
  answers: NormalizedAnswer[];
  channel: Channel;
  castAt: Date;
  castBy: number | null;
  proxyId?: number | null;
  paperEntryId?: number | null;
  device?: string | null;
  /** paper: skip motions the holder already voted on (first counted ballot stands) instead of refusing */
  skipAlreadyVoted?: boolean;
  now: Date;
  ip?: string | null;
  requestId?: string | null;
}

export interface CastResult {
  receipts: { motionId: string; receipt: string; castAt: string; channel: Channel }[];
  skipped: { motionId: string; channel: Channel }[];
}

/**
 * Writes one holder's ballots in the caller's transaction, with the audit record. Holds the
 * meeting's lock shared (closing waits for it); the meeting must be voting and castAt inside the
 * window; the unique key (motion, holder) refuses a second ballot through any channel
 * (ALREADY_VOTED, nothing written).
 */
export async function castInTransaction(trx: Kysely<DB>, input: CastInput): Promise<CastResult> {
  const { meeting: m } = input;
  await sql`select pg_advisory_xact_lock_shared(${meetingLockKey(m.estate_id, m.id)}::bigint)`.execute(trx);
  const state = await trx.selectFrom('meetings').select(['state']).where('estate_id', '=', m.estate_id).where('id', '=', m.id).executeTakeFirstOrThrow();
  if (state.state !== 'voting' || input.castAt < m.opens_at || input.castAt > m.closes_at) throw new AppError('VOTING_CLOSED');
  const inRoll = await holderRollBuildings(trx, m.estate_id, m.id, input.holderId);
  if (inRoll.size === 0) throw new AppError('NOT_A_VOTER', { messageZh: '该表决权人不在本次会议的表决名册中', messageEn: 'This holder is not on the roll of this meeting' });
  for (const a of input.answers) if (!motionInScope(a.motion, inRoll)) throw new AppError('NOT_IN_SCOPE');

  let answers = input.answers;
  const skipped: CastResult['skipped'] = [];
  if (input.skipAlreadyVoted) {
    const existing = await trx
      .selectFrom('ballots')
      .select(['motion_id', 'channel'])
      .where('estate_id', '=', m.estate_id)
      .where('meeting_id', '=', m.id)
      .where('holder_id', '=', input.holderId)
      .execute();
    const voted = new Map(existing.map((e) => [e.motion_id, e.channel]));
    skipped.push(...answers.filter((a) => voted.has(a.motion.id)).map((a) => ({ motionId: motionRef(a.motion.id), channel: voted.get(a.motion.id) as Channel })));
    answers = answers.filter((a) => !voted.has(a.motion.id));
  }
  const rows = answers.map((a) => ({
    estate_id: m.estate_id,
    meeting_id: m.id,
    motion_id: a.motion.id,
    holder_id: input.holderId,
    channel: input.channel,
    cast_at: input.castAt,
    choice: a.choice,
    approve: a.approve === null ? null : JSON.stringify(a.approve),
    receipt: newReceipt(),
    cast_by: input.castBy,
    proxy_id: input.proxyId ?? null,
    paper_entry_id: input.paperEntryId ?? null,
    device: input.device ?? null,
  }));
  if (rows.length > 0) {
    const inserted = await trx
      .insertInto('ballots')
      .values(rows)
      .onConflict((oc) => oc.columns(['estate_id', 'motion_id', 'holder_id']).doNothing())
      .returning(['motion_id'])
      .execute();
    if (inserted.length !== rows.length) throw new AppError('ALREADY_VOTED');
  }
  await writeAudit(trx, {
    actorId: input.castBy,
    action: 'ballot.cast',
    entity: 'meeting',
    entityId: m.id,
    estateId: m.estate_id,
    after: { holderId: input.holderId, channel: input.channel, motions: rows.map((r) => motionRef(r.motion_id)), skipped },
    ip: input.ip,
    requestId: input.requestId,
  });
  return {
    receipts: rows.map((r) => ({ motionId: motionRef(r.motion_id), receipt: r.receipt, castAt: input.castAt.toISOString(), channel: input.channel })),
    skipped,
  };
}

/** A refused second ballot is logged (in its own transaction, after the refused one rolled back). */
export async function logRefusal(db: Kysely<DB>, m: MeetingRecord, holderId: number, channel: Channel, actorId: number | null, code: string, meta: { ip?: string | null; requestId?: string | null }): Promise<void> {
  await inTransaction(db, (trx) =>
    writeAudit(trx, { actorId, action: 'ballot.refused', entity: 'meeting', entityId: m.id, estateId: m.estate_id, after: { holderId, channel, code }, ip: meta.ip, requestId: meta.requestId }),
  );
}

/** A device reference for pattern flags: a hash of the device cookie, never the cookie itself. */
export const deviceRef = (cookie: string | undefined): string | null => (cookie ? createHash('sha256').update(`gz-device:${cookie}`).digest('hex').slice(0, 24) : null);
