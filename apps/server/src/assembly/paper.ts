import { createHash } from 'node:crypto';
import { normalizeBallotCode } from '@gongzhi/core';
import type { AnswerInputT, PaperEntryViewT, PaperLookupT } from '@gongzhi/contracts';
import { inTransaction, writeAudit, type DB, type Kysely } from '@gongzhi/db';
import { AppError } from '../errors';
import { formatArea } from '../http/format';
import { maskHolderName } from '../privacy/mask';
import { type CastResult, castInTransaction, holderRollBuildings, motionInScope, normalizeAnswers } from './ballots';
import type { MeetingRecord } from './meeting';
import { motionRef } from './refs';
import { meetingRoll } from './roll';

export interface UploadedFile {
  name: string;
  contentType: string;
  content: Buffer;
}

async function holderCard(db: Kysely<DB>, m: MeetingRecord, holderId: number) {
  const h = await db.selectFrom('holders').select(['kind', 'name']).where('estate_id', '=', m.estate_id).where('id', '=', holderId).executeTakeFirstOrThrow();
  const units = await meetingRoll(db, m.estate_id, m.id, true, m.roll_frozen_at ?? new Date(), [holderId]);
  return {
    label: maskHolderName(h.kind, h.name),
    units: units.map((u) => u.unitNumber),
    area: formatArea(units.reduce((s, u) => s + u.areaCents, 0)),
    buildings: new Set(units.map((u) => u.buildingId)),
  };
}

/** Finds the holder of a typed or scanned code (QR text accepted). */
export async function resolveCode(db: Kysely<DB>, m: MeetingRecord, input: string): Promise<{ code: string; holderId: number }> {
  const code = normalizeBallotCode(input);
  if (!code) throw new AppError('PAPER_CODE_INVALID', { field: 'code' });
  const row = await db.selectFrom('paper_codes').select(['holder_id']).where('estate_id', '=', m.estate_id).where('meeting_id', '=', m.id).where('code', '=', code).executeTakeFirst();
  if (!row) throw new AppError('PAPER_CODE_INVALID', { field: 'code', messageZh: '该编码不是本次会议的纸质表决票', messageEn: 'This code is not a paper ballot of this meeting' });
  return { code, holderId: row.holder_id };
}

export async function lookupPaper(db: Kysely<DB>, m: MeetingRecord, input: string): Promise<PaperLookupT> {
  const { code, holderId } = await resolveCode(db, m, input);
  const card = await holderCard(db, m, holderId);
  const voted = await db.selectFrom('ballots').select(['motion_id', 'channel']).where('estate_id', '=', m.estate_id).where('meeting_id', '=', m.id).where('holder_id', '=', holderId).execute();
  const entries = await db.selectFrom('paper_entries').select(['id', 'status']).where('estate_id', '=', m.estate_id).where('meeting_id', '=', m.id).where('holder_id', '=', holderId).where('status', 'in', ['pending', 'confirmed']).execute();
  return {
    code,
    holderId,
    label: card.label,
    units: card.units,
    area: card.area,
    motionIds: m.motions.filter((x) => motionInScope(x, card.buildings)).map((x) => motionRef(x.id)),
    alreadyVoted: voted.map((v) => ({ motionId: motionRef(v.motion_id), channel: v.channel })),
    pendingEntryId: entries.find((e) => e.status === 'pending')?.id ?? null,
    used: entries.some((e) => e.status === 'confirmed'),
  };
}

const sortAnswers = (answers: AnswerInputT[]) =>
  JSON.stringify(
    [...answers]
      .map((a) => ({ motionId: a.motionId, choice: a.choice ?? null, approve: a.approve ? [...a.approve].sort() : null }))
      .sort((x, y) => x.motionId.localeCompare(y.motionId)),
  );

/** First entry of a paper ballot by a clerk: stored pending with the scan; it counts only after a second clerk's matching entry. */
export async function enterPaper(db: Kysely<DB>, m: MeetingRecord, fields: { code: string; answers: AnswerInputT[]; receivedAt: Date }, scan: UploadedFile | null, actor: { accountId: number; ip?: string | null; requestId?: string | null }, now: Date): Promise<number> {
  if (m.state !== 'voting') throw new AppError('VOTING_CLOSED');
  if (!scan) throw new AppError('SCAN_REQUIRED', { field: 'scan' });
  const { code, holderId } = await resolveCode(db, m, fields.code);
  if (fields.receivedAt < m.opens_at || fields.receivedAt > m.closes_at || fields.receivedAt > now) {
    throw new AppError('BALLOT_INVALID', { field: 'receivedAt', messageZh: '收票时间须在投票期内且不晚于现在', messageEn: 'The paper must have been received within the voting window, not in the future' });
  }
  const buildings = await holderRollBuildings(db, m.estate_id, m.id, holderId);
  normalizeAnswers(m, fields.answers, buildings, 'paper');
  return inTransaction(db, async (trx) => {
    const file = await trx
      .insertInto('files')
      .values({ estate_id: m.estate_id, name: scan.name, content_type: scan.contentType, size: scan.content.length, sha256: createHash('sha256').update(scan.content).digest('hex'), content: scan.content, uploaded_by: actor.accountId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const existing = await trx.selectFrom('paper_entries').select('id').where('estate_id', '=', m.estate_id).where('meeting_id', '=', m.id).where('holder_id', '=', holderId).where('status', 'in', ['pending', 'confirmed']).executeTakeFirst();
    if (existing) throw new AppError('PAPER_CODE_USED');
    const row = await trx
      .insertInto('paper_entries')
      .values({ estate_id: m.estate_id, meeting_id: m.id, holder_id: holderId, code, answers: JSON.stringify(fields.answers), received_at: fields.receivedAt, scan_file_id: file.id, entered_by: actor.accountId, entered_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, { actorId: actor.accountId, action: 'paper.enter', entity: 'paper_entry', entityId: row.id, estateId: m.estate_id, after: { meetingId: m.id, holderId, scanSha256: file.id }, ip: actor.ip, requestId: actor.requestId });
    return row.id;
  });
}

/**
 * The second clerk's entry. Equal answers: the ballots are cast (channel paper, castAt = when the
 * paper was received) in the same transaction that confirms the entry; motions the holder had
 * already voted on (online or by proxy) keep the first ballot and are noted (reconciliation per
 * holder). Different answers: PAPER_MISMATCH, recorded, nothing counted.
 */
export async function confirmPaper(db: Kysely<DB>, m: MeetingRecord, entryId: number, answers: AnswerInputT[], actor: { accountId: number; ip?: string | null; requestId?: string | null }, now: Date): Promise<CastResult> {
  const outcome = await inTransaction(db, async (trx) => {
    const e = await trx.selectFrom('paper_entries').selectAll().where('estate_id', '=', m.estate_id).where('meeting_id', '=', m.id).where('id', '=', entryId).forUpdate().executeTakeFirst();
    if (!e) throw new AppError('PAPER_ENTRY_NOT_FOUND');
    if (e.status !== 'pending') throw new AppError('PAPER_CODE_USED', { messageZh: '该录入已复核或已作废', messageEn: 'This entry is already confirmed or discarded' });
    if (e.entered_by === actor.accountId) throw new AppError('PAPER_SAME_CLERK');
    const first = (typeof e.answers === 'string' ? JSON.parse(e.answers) : e.answers) as AnswerInputT[];
    if (sortAnswers(first) !== sortAnswers(answers)) {
      await trx.updateTable('paper_entries').set({ mismatches: e.mismatches + 1 }).where('estate_id', '=', m.estate_id).where('id', '=', entryId).execute();
      await writeAudit(trx, { actorId: actor.accountId, action: 'paper.mismatch', entity: 'paper_entry', entityId: entryId, estateId: m.estate_id, ip: actor.ip, requestId: actor.requestId });
      return { mismatch: true as const };
    }
    const buildings = await holderRollBuildings(trx, m.estate_id, m.id, e.holder_id);
    const normalized = normalizeAnswers(m, answers, buildings, 'paper');
    const cast = await castInTransaction(trx, {
      meeting: m,
      holderId: e.holder_id,
      answers: normalized,
      channel: 'paper',
      castAt: e.received_at,
      castBy: actor.accountId,
      paperEntryId: entryId,
      skipAlreadyVoted: true,
      now,
      ip: actor.ip,
      requestId: actor.requestId,
    });
    const note = cast.skipped.length ? `已有选票的议题未重复计入 / already voted, not counted again: ${cast.skipped.map((s) => `${s.motionId} (${s.channel})`).join(', ')}` : null;
    await trx.updateTable('paper_entries').set({ status: 'confirmed', confirmed_by: actor.accountId, confirmed_at: now, note }).where('estate_id', '=', m.estate_id).where('id', '=', entryId).execute();
    await writeAudit(trx, { actorId: actor.accountId, action: 'paper.confirm', entity: 'paper_entry', entityId: entryId, estateId: m.estate_id, after: { counted: cast.receipts.length, skipped: cast.skipped }, ip: actor.ip, requestId: actor.requestId });
    return { mismatch: false as const, cast };
  });
  if (outcome.mismatch) throw new AppError('PAPER_MISMATCH');
  return outcome.cast;
}

export async function discardPaper(db: Kysely<DB>, m: MeetingRecord, entryId: number, reason: string, actor: { accountId: number; ip?: string | null; requestId?: string | null }): Promise<void> {
  await inTransaction(db, async (trx) => {
    const e = await trx.selectFrom('paper_entries').select(['status']).where('estate_id', '=', m.estate_id).where('meeting_id', '=', m.id).where('id', '=', entryId).forUpdate().executeTakeFirst();
    if (!e) throw new AppError('PAPER_ENTRY_NOT_FOUND');
    if (e.status !== 'pending') throw new AppError('PAPER_CODE_USED', { messageZh: '只有待复核的录入可以作废', messageEn: 'Only a pending entry can be discarded' });
    await trx.updateTable('paper_entries').set({ status: 'discarded', note: reason }).where('estate_id', '=', m.estate_id).where('id', '=', entryId).execute();
    await writeAudit(trx, { actorId: actor.accountId, action: 'paper.discard', entity: 'paper_entry', entityId: entryId, estateId: m.estate_id, after: { reason }, ip: actor.ip, requestId: actor.requestId });
  });
}

export async function listPaperEntries(db: Kysely<DB>, m: MeetingRecord, viewerId: number): Promise<PaperEntryViewT[]> {
  const rows = await db
    .selectFrom('paper_entries as p')
    .innerJoin('holders as h', (j) => j.onRef('h.estate_id', '=', 'p.estate_id').onRef('h.id', '=', 'p.holder_id'))
    .innerJoin('accounts as a', 'a.id', 'p.entered_by')
    .leftJoin('accounts as c', 'c.id', 'p.confirmed_by')
    .select(['p.id', 'p.code', 'p.holder_id', 'h.kind', 'h.name', 'p.status', 'a.display_name as entered_name', 'p.entered_by', 'p.entered_at', 'p.received_at', 'c.display_name as confirmed_name', 'p.confirmed_at', 'p.answers', 'p.mismatches', 'p.note'])
    .where('p.estate_id', '=', m.estate_id)
    .where('p.meeting_id', '=', m.id)
    .orderBy('p.id', 'desc')
    .limit(500)
    .execute();
  const units = await meetingRoll(db, m.estate_id, m.id, true, m.roll_frozen_at ?? new Date(), [...new Set(rows.map((r) => r.holder_id))]);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    holderId: r.holder_id,
    label: maskHolderName(r.kind, r.name),
    units: units.filter((u) => u.holderId === r.holder_id).map((u) => u.unitNumber),
    status: r.status,
    enteredBy: r.entered_name,
    enteredAt: r.entered_at.toISOString(),
    receivedAt: r.received_at.toISOString(),
    confirmedBy: r.confirmed_name,
    confirmedAt: r.confirmed_at ? r.confirmed_at.toISOString() : null,
    // double entry: a pending entry's answers are shown only to the clerk who entered them
    answers: r.status === 'pending' && r.entered_by !== viewerId ? null : ((typeof r.answers === 'string' ? JSON.parse(r.answers) : r.answers) as AnswerInputT[]),
    mismatches: r.mismatches,
    note: r.note,
    hasScan: true,
  }));
}
