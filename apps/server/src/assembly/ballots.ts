import { hash } from 'node:crypto';
import { sql } from 'kysely';
import type { AnswerInputT } from '@gongzhi/contracts';
import { PREPARED, type DB, type Kysely } from '@gongzhi/db';
import { AppError } from '../errors';
import { newReceipt, newReceipts } from './chain';
import type { MeetingRecord, MotionRecord } from './meeting';
import { candidateRef, motionRef } from './refs';

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
 * `buildings` 'checked-by-cast': the scope is checked by the cast statement (cast_online_batch).
 */
export function normalizeAnswers(m: MeetingRecord, answers: AnswerInputT[], buildings: Set<number> | 'checked-by-cast', channel: Channel): NormalizedAnswer[] {
  const seen = new Set<string>();
  return answers.map((a, i) => {
    const motion = m.motions.find((x) => motionRef(x.id) === a.motionId);
    const field = `answers.${i}`;
    if (!motion) throw new AppError('BALLOT_INVALID', { field, messageZh: `议题 ${a.motionId} 不属于本次会议`, messageEn: `Motion ${a.motionId} is not in this meeting` });
    if (seen.has(a.motionId)) throw new AppError('BALLOT_INVALID', { field, messageZh: '同一议题只能作答一次', messageEn: 'A motion may be answered once' });
    seen.add(a.motionId);
    if (buildings !== 'checked-by-cast' && !motionInScope(motion, buildings)) throw new AppError('NOT_IN_SCOPE', { field });
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
 * Writes one holder's ballots with their audit record in ONE statement (the database function
 * cast_ballots, migrations/0002): the meeting row is share-locked (closing waits for ballots in
 * flight), the meeting must be voting and castAt inside the window, the holder on the roll, and
 * the unique key (motion, holder) refuses a second ballot through any channel — ALREADY_VOTED,
 * nothing written. Works on `db` (autocommit) or inside a transaction.
 */
export async function castInTransaction(executor: Kysely<DB>, input: CastInput): Promise<CastResult> {
  const { meeting: m } = input;
  const receipts = input.answers.map(() => newReceipt());
  let rows: Array<{ motion_id: number; receipt: string; skipped: boolean; skipped_channel: Channel | null }>;
  try {
    rows = (
      await sql<{ motion_id: number; receipt: string; skipped: boolean; skipped_channel: Channel | null }>`${sql.raw(PREPARED)}
        select * from cast_ballots(${m.estate_id}, ${m.id}, ${input.holderId}, ${input.channel}, ${input.castAt}, ${input.castBy},
          ${input.proxyId ?? null}, ${input.paperEntryId ?? null}, ${input.device ?? null},
          ${input.answers.map((a) => a.motion.id)}::bigint[], ${input.answers.map((a) => a.choice)}::text[],
          ${input.answers.map((a) => (a.approve === null ? null : JSON.stringify(a.approve)))}::jsonb[], ${receipts}::text[],
          ${input.skipAlreadyVoted ?? false}, ${input.ip ?? null}, ${input.requestId ?? null})`.execute(executor)
    ).rows;
  } catch (err) {
    const message = (err as { message?: string }).message ?? '';
    const match = /gongzhi:([A-Z_]+)/.exec(message);
    if (match && (match[1] === 'VOTING_CLOSED' || match[1] === 'NOT_A_VOTER' || match[1] === 'ALREADY_VOTED')) throw new AppError(match[1]);
    throw err;
  }
  const castAt = input.castAt.toISOString();
  return {
    receipts: rows.filter((r) => !r.skipped).map((r) => ({ motionId: motionRef(r.motion_id), receipt: r.receipt, castAt, channel: input.channel })),
    skipped: rows.filter((r) => r.skipped).map((r) => ({ motionId: motionRef(r.motion_id), channel: r.skipped_channel as Channel })),
  };
}

/** An online or proxy cast as the request brought it: who (by session), for which holder, what. */
export interface OnlineCastInput {
  meeting: MeetingRecord;
  /** SHA-256 (hex) of the session token and of the request's X-CSRF-Token */
  tokenHash: string;
  csrfHash: string;
  holderId: number;
  /** checked by normalizeAnswers except for the motions' scopes */
  answers: NormalizedAnswer[];
  castAt: Date;
  device: string | null;
  ip: string | null;
  requestId: string | null;
}

/** Why a co-owner who is not the designated voter cannot vote (the ballot form shows it too). */
export const CO_OWNER_BLOCKED = { messageZh: '该房屋的共有人已指定其他人投票', messageEn: 'Another co-owner is designated to vote for this unit' };

/** The error of a request as cast_online_batch names it, or null when the text is not one of its codes. */
function castError(text: string): AppError | null {
  const m = /^gongzhi:([A-Z_]+)(?::(\d+))?$/.exec(text);
  if (!m) return null;
  switch (m[1]) {
    case 'UNAUTHENTICATED':
    case 'CSRF_FAILED':
    case 'NOT_A_VOTER':
    case 'VOTING_CLOSED':
    case 'ALREADY_VOTED':
      return m[2] === undefined ? new AppError(m[1]) : null;
    case 'CO_OWNER_BLOCKED':
      return m[2] === undefined ? new AppError('NOT_A_VOTER', CO_OWNER_BLOCKED) : null;
    case 'NOT_IN_SCOPE':
      return m[2] === undefined ? null : new AppError('NOT_IN_SCOPE', { field: `answers.${m[2]}` });
    default:
      return null;
  }
}

/**
 * Online and proxy casts of many requests of one meeting in ONE statement and transaction (the
 * database function cast_online_batch, migrations/0006): per request the session and its CSRF
 * token, the voter's right (owner, designated co-owner, or proxy: the channel), the motions'
 * scopes, and then one insert of every ballot and one of every audit record, with exactly the
 * outcome per request that a lone cast would give — all of a request's ballots or none; a
 * refused second ballot gets its 'ballot.refused' audit record. Returns per input its result or
 * its error. If the statement fails as a whole (a deadlock, say) or answers a request with an
 * unknown error, those requests are cast again one at a time, so one bad request cannot fail
 * the others. Nothing is acknowledged before the transaction commits.
 */
export async function castOnlineBatch(db: Kysely<DB>, estateId: number, meetingId: number, inputs: OnlineCastInput[], retrying = false): Promise<Array<CastResult | Error>> {
  for (const x of inputs) {
    if (x.meeting.estate_id !== estateId || x.meeting.id !== meetingId) throw new Error('castOnlineBatch: inputs of one meeting only');
  }
  const receipts = newReceipts(inputs.map((x) => x.answers.length));
  let rows: Array<{ item: number; motion_id: string | number | null; receipt: string | null; error: string | null; channel: Channel }>;
  try {
    rows = (
      await sql<{ item: number; motion_id: string | number | null; receipt: string | null; error: string | null; channel: Channel }>`${sql.raw(PREPARED)}
      select * from cast_online_batch(${estateId}, ${meetingId},
        ${inputs.map((x) => x.tokenHash)}::text[], ${inputs.map((x) => x.csrfHash)}::text[], ${inputs.map((x) => x.holderId)}::bigint[],
        ${inputs.map((x) => x.castAt)}::timestamptz[], ${inputs.map((x) => x.device)}::text[],
        ${inputs.map((x) => x.ip)}::text[], ${inputs.map((x) => x.requestId)}::text[], ${inputs.map((x) => x.answers.length)}::int[],
        ${inputs.flatMap((x) => x.answers.map((a) => a.motion.id))}::bigint[], ${inputs.flatMap((x) => x.answers.map((a) => a.choice))}::text[],
        ${inputs.flatMap((x) => x.answers.map((a) => (a.approve === null ? null : JSON.stringify(a.approve))))}::jsonb[], ${receipts.flat()}::text[])`.execute(db)
    ).rows;
  } catch (err) {
    // the whole statement failed (nothing of it was written)
    if (retrying) throw err;
    rows = inputs.map((_, i) => ({ item: i + 1, motion_id: null, receipt: null, error: 'batch failed', channel: 'online' as const }));
  }
  const out: Array<CastResult | Error | null> = inputs.map(() => null);
  const retry: number[] = [];
  for (const r of rows) {
    const i = Number(r.item) - 1;
    const input = inputs[i]!;
    if (r.error !== null) {
      const known = castError(r.error);
      if (known) out[i] = known;
      else if (retrying) out[i] = new Error(`cast_online_batch: ${r.error}`);
      else retry.push(i);
      continue;
    }
    const prev = out[i];
    const res: CastResult = prev && !(prev instanceof Error) ? prev : { receipts: [], skipped: [] };
    res.receipts.push({ motionId: motionRef(Number(r.motion_id)), receipt: r.receipt!, castAt: input.castAt.toISOString(), channel: r.channel });
    out[i] = res;
  }
  for (const i of retry) {
    try {
      out[i] = (await castOnlineBatch(db, estateId, meetingId, [inputs[i]!], true))[0]!;
    } catch (err) {
      out[i] = err instanceof Error ? err : new Error(String(err));
    }
  }
  return out.map((o, i) => o ?? new Error(`castOnlineBatch: no answer for request ${i + 1}`));
}

/** A device reference for pattern flags: a hash of the device cookie, never the cookie itself. */
export const deviceRef = (cookie: string | undefined): string | null => (cookie ? hash('sha256', `gz-device:${cookie}`, 'hex').slice(0, 24) : null);
