import { sql } from 'kysely';
import type { DB, Kysely } from '@gongzhi/db';

/**
 * In-app notifications to the accounts of the meeting's voters: the owner accounts bound to the
 * holders of the roll (frozen roll once voting opened, else the current one). Written in the
 * transaction of the event; delivery through an outside channel happens after commit.
 */
export async function notifyRoll(trx: Kysely<DB>, estateId: number, meetingId: number, frozen: boolean, now: Date, kind: string, title: string, body: string, onlyNotVoted = false): Promise<number> {
  const holders = frozen
    ? sql`select distinct holder_id from meeting_roll where estate_id = ${estateId} and meeting_id = ${meetingId}`
    : sql`select distinct holder_id from ownerships where estate_id = ${estateId} and valid_to is null`;
  const notVoted = onlyNotVoted
    ? sql`and not exists (select 1 from ballots b where b.estate_id = ${estateId} and b.meeting_id = ${meetingId} and b.holder_id = o.holder_id)`
    : sql``;
  const r = await sql`
    insert into notifications (estate_id, account_id, meeting_id, kind, title, body, created_at)
    select distinct ${estateId}::bigint, o.account_id, ${meetingId}::bigint, ${kind}, ${title}, ${body}, ${now}::timestamptz
    from owners o
    where o.estate_id = ${estateId} and o.account_id is not null and o.holder_id in (${holders}) ${notVoted}`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}
