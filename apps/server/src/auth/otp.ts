import { randomInt } from 'node:crypto';
import type { DB, Kysely } from '@gongzhi/db';
import { AppError } from '../errors';
import { sha256, safeEqual } from './sessions';

export const OTP_TTL_SECONDS = 300;
export const OTP_RESEND_SECONDS = 60;
export const OTP_MAX_PER_HOUR = 5;
export const OTP_MAX_ATTEMPTS = 5;

const codeHash = (phone: string, code: string) => sha256(`${phone}:${code}`);

/** Issues a new code, unless the phone asked too recently or too often (RATE_LIMITED). */
export async function issueOtp(trx: Kysely<DB>, phone: string, now = new Date()): Promise<string> {
  const recent = await trx
    .selectFrom('otp_codes')
    .select(['created_at'])
    .where('phone', '=', phone)
    .where('created_at', '>', new Date(now.getTime() - 3600_000))
    .orderBy('created_at', 'desc')
    .execute();
  const last = recent[0];
  if (last && now.getTime() - last.created_at.getTime() < OTP_RESEND_SECONDS * 1000) throw new AppError('RATE_LIMITED', { field: 'phone' });
  if (recent.length >= OTP_MAX_PER_HOUR) throw new AppError('RATE_LIMITED', { field: 'phone' });
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await trx
    .insertInto('otp_codes')
    .values({ phone, code_hash: codeHash(phone, code), created_at: now, expires_at: new Date(now.getTime() + OTP_TTL_SECONDS * 1000) })
    .execute();
  return code;
}

/**
 * Checks a code against the newest live one. A wrong code counts an attempt, so the caller
 * commits before it reports the outcome (a throw here would roll the count back).
 */
export async function consumeOtp(trx: Kysely<DB>, phone: string, code: string, now = new Date()): Promise<'ok' | 'invalid' | 'expired'> {
  const row = await trx
    .selectFrom('otp_codes')
    .selectAll()
    .where('phone', '=', phone)
    .where('consumed_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
  if (!row || row.expires_at.getTime() < now.getTime() || row.attempts >= OTP_MAX_ATTEMPTS) return 'expired';
  if (!safeEqual(row.code_hash, codeHash(phone, code))) {
    await trx.updateTable('otp_codes').set({ attempts: row.attempts + 1 }).where('id', '=', row.id).execute();
    return 'invalid';
  }
  await trx.updateTable('otp_codes').set({ consumed_at: now }).where('id', '=', row.id).execute();
  return 'ok';
}
