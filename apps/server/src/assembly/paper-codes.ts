import { randomBytes } from 'node:crypto';
import { formatBallotCode } from '@gongzhi/core';
import type { DB, Kysely } from '@gongzhi/db';

/**
 * Gives every listed holder a one-time paper ballot code for the meeting (kept when it exists, so
 * a reprint carries the same code). Codes are unique in the estate (database constraint).
 */
export async function ensurePaperCodes(trx: Kysely<DB>, estateId: number, meetingId: number, holderIds: number[]): Promise<void> {
  if (holderIds.length === 0) return;
  const have = new Set(
    (await trx.selectFrom('paper_codes').select('holder_id').where('estate_id', '=', estateId).where('meeting_id', '=', meetingId).execute()).map((r) => r.holder_id),
  );
  const missing = [...new Set(holderIds)].filter((h) => !have.has(h));
  for (let i = 0; i < missing.length; i += 1000) {
    const batch = missing.slice(i, i + 1000);
    await trx
      .insertInto('paper_codes')
      .values(batch.map((holderId) => ({ estate_id: estateId, meeting_id: meetingId, holder_id: holderId, code: formatBallotCode(randomBytes(10)) })))
      .execute();
  }
}
