import { createHash } from 'node:crypto';
import type { FlagViewT, ProxyViewT } from '@gongzhi/contracts';
import { inTransaction, writeAudit, type DB, type Kysely } from '@gongzhi/db';
import { AppError } from '../errors';
import { maskHolderName, maskName, maskPhone } from '../privacy/mask';
import type { MeetingRecord } from './meeting';
import { meetingRoll } from './roll';
import { profileById } from './profile';
import type { UploadedFile } from './paper';

/**
 * Registers a written authorization (委托书): the holder must be on the roll, the scan of the
 * signed authorization is required, and one proxy (by phone) may represent at most the profile's
 * maxHoldersPerProxy holders in the meeting (Weifang 32). Serialized per meeting by its row lock.
 */
export async function registerProxy(db: Kysely<DB>, m: MeetingRecord, fields: { holderId: number; proxyName: string; proxyPhone: string; note?: string }, file: UploadedFile | null, actor: { accountId: number; ip?: string | null; requestId?: string | null }, now: Date): Promise<number> {
  if (!['notice', 'voting'].includes(m.state)) throw new AppError('MEETING_STATE', { messageZh: '只能在公告期或投票期登记委托', messageEn: 'Proxies are registered during the notice or voting period' });
  if (!file) throw new AppError('PROXY_AUTHORIZATION_REQUIRED', { field: 'authorization' });
  const roll = await meetingRoll(db, m.estate_id, m.id, m.roll_frozen_at !== null, now, [fields.holderId]);
  if (roll.length === 0) throw new AppError('NOT_A_VOTER', { field: 'holderId', messageZh: '该表决权人不在本次会议的表决名册中', messageEn: 'This holder is not on the roll of this meeting' });
  const max = profileById(m.profile_id).params.maxHoldersPerProxy.value;
  return inTransaction(db, async (trx) => {
    await trx.selectFrom('meetings').select('id').where('estate_id', '=', m.estate_id).where('id', '=', m.id).forUpdate().executeTakeFirst();
    const existing = await trx.selectFrom('proxies').select('id').where('estate_id', '=', m.estate_id).where('meeting_id', '=', m.id).where('holder_id', '=', fields.holderId).where('status', '=', 'active').executeTakeFirst();
    if (existing) throw new AppError('PROXY_EXISTS', { field: 'holderId' });
    const count = await trx
      .selectFrom('proxies')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('estate_id', '=', m.estate_id)
      .where('meeting_id', '=', m.id)
      .where('proxy_phone', '=', fields.proxyPhone)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= max) {
      throw new AppError('PROXY_LIMIT', { field: 'proxyPhone', messageZh: `该委托代理人已代理 ${count.n} 户，已达上限 ${max} 户`, messageEn: `This proxy already represents ${count.n} holders, the limit is ${max}` });
    }
    const f = await trx
      .insertInto('files')
      .values({ estate_id: m.estate_id, name: file.name, content_type: file.contentType, size: file.content.length, sha256: createHash('sha256').update(file.content).digest('hex'), content: file.content, uploaded_by: actor.accountId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const row = await trx
      .insertInto('proxies')
      .values({ estate_id: m.estate_id, meeting_id: m.id, holder_id: fields.holderId, proxy_name: fields.proxyName, proxy_phone: fields.proxyPhone, authorization_file_id: f.id, note: fields.note ?? null, created_by: actor.accountId, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, { actorId: actor.accountId, action: 'proxy.register', entity: 'proxy', entityId: row.id, estateId: m.estate_id, after: { meetingId: m.id, holderId: fields.holderId, proxyPhone: maskPhone(fields.proxyPhone) }, ip: actor.ip, requestId: actor.requestId });
    return row.id;
  });
}

export async function revokeProxy(db: Kysely<DB>, m: MeetingRecord, proxyId: number, actor: { accountId: number; ip?: string | null; requestId?: string | null }, now: Date): Promise<void> {
  await inTransaction(db, async (trx) => {
    const p = await trx.selectFrom('proxies').select(['status']).where('estate_id', '=', m.estate_id).where('meeting_id', '=', m.id).where('id', '=', proxyId).forUpdate().executeTakeFirst();
    if (!p) throw new AppError('PROXY_NOT_FOUND');
    if (p.status === 'revoked') return;
    await trx.updateTable('proxies').set({ status: 'revoked', revoked_at: now }).where('estate_id', '=', m.estate_id).where('id', '=', proxyId).execute();
    await writeAudit(trx, { actorId: actor.accountId, action: 'proxy.revoke', entity: 'proxy', entityId: proxyId, estateId: m.estate_id, ip: actor.ip, requestId: actor.requestId });
  });
}

export async function listProxies(db: Kysely<DB>, m: MeetingRecord, now: Date): Promise<ProxyViewT[]> {
  const rows = await db
    .selectFrom('proxies as p')
    .innerJoin('holders as h', (j) => j.onRef('h.estate_id', '=', 'p.estate_id').onRef('h.id', '=', 'p.holder_id'))
    .select(['p.id', 'p.holder_id', 'h.kind', 'h.name', 'p.proxy_name', 'p.proxy_phone', 'p.status', 'p.created_at'])
    .where('p.estate_id', '=', m.estate_id)
    .where('p.meeting_id', '=', m.id)
    .orderBy('p.id', 'desc')
    .execute();
  const roll = await meetingRoll(db, m.estate_id, m.id, m.roll_frozen_at !== null, now, [...new Set(rows.map((r) => r.holder_id))]);
  return rows.map((r) => ({
    id: r.id,
    holderId: r.holder_id,
    holderLabel: maskHolderName(r.kind, r.name),
    units: roll.filter((u) => u.holderId === r.holder_id).map((u) => u.unitNumber),
    proxyName: maskName(r.proxy_name),
    proxyPhoneMasked: maskPhone(r.proxy_phone) ?? '',
    status: r.status,
    createdAt: r.created_at.toISOString(),
    hasAuthorization: true,
  }));
}

/**
 * Suspicious patterns for the committee and the neighborhood: one proxy at the limit of holders,
 * one phone behind several holders' owner accounts that voted, one device casting for more
 * holders than a proxy may represent.
 */
export async function suspiciousPatterns(db: Kysely<DB>, m: MeetingRecord, now: Date): Promise<FlagViewT[]> {
  const max = profileById(m.profile_id).params.maxHoldersPerProxy.value;
  // each flag keeps its holders; their units are looked up once at the end, for the flagged holders only
  const flags: Array<FlagViewT & { holderIds: number[] }> = [];
  const unitsOf = (holders: Iterable<number>) => ({ units: [] as string[], holderIds: [...holders] });
  const proxies = await db.selectFrom('proxies').select(['proxy_name', 'proxy_phone', 'holder_id']).where('estate_id', '=', m.estate_id).where('meeting_id', '=', m.id).where('status', '=', 'active').execute();
  const byProxy = new Map<string, { name: string; holders: number[] }>();
  for (const p of proxies) {
    const g = byProxy.get(p.proxy_phone) ?? { name: p.proxy_name, holders: [] };
    g.holders.push(p.holder_id);
    byProxy.set(p.proxy_phone, g);
  }
  for (const [phone, g] of byProxy) if (g.holders.length >= Math.max(2, max)) flags.push({ kind: 'proxy_many', subject: `${maskName(g.name)} ${maskPhone(phone)}`, holders: g.holders.length, ...unitsOf(g.holders) });

  const ballots = await db.selectFrom('ballots').select(['holder_id', 'device', 'cast_by', 'channel']).where('estate_id', '=', m.estate_id).where('meeting_id', '=', m.id).execute();
  const byDevice = new Map<string, Set<number>>();
  const byCaster = new Map<number, Set<number>>();
  for (const b of ballots) {
    if (b.device) byDevice.set(b.device, (byDevice.get(b.device) ?? new Set()).add(b.holder_id));
    if (b.cast_by !== null && b.channel !== 'paper') byCaster.set(b.cast_by, (byCaster.get(b.cast_by) ?? new Set()).add(b.holder_id));
  }
  for (const [device, holders] of byDevice) if (holders.size > max) flags.push({ kind: 'device_many', subject: `设备 device ${device.slice(0, 8)}`, holders: holders.size, ...unitsOf(holders) });
  const casters = [...byCaster].filter(([, h]) => h.size > 1).map(([a]) => a);
  if (casters.length) {
    const accounts = await db.selectFrom('accounts').select(['id', 'phone']).where('id', 'in', casters).execute();
    for (const a of accounts) {
      const holders = byCaster.get(a.id) as Set<number>;
      if (holders.size > max) flags.push({ kind: 'phone_many', subject: maskPhone(a.phone) ?? `#${a.id}`, holders: holders.size, ...unitsOf(holders) });
    }
  }
  // one phone registered for owners of several holders that voted
  const voted = [...new Set(ballots.map((b) => b.holder_id))];
  if (voted.length) {
    const phones = await db.selectFrom('owners').select(['phone', 'holder_id']).where('estate_id', '=', m.estate_id).where('phone', 'is not', null).where('holder_id', 'in', voted).execute();
    const byPhone = new Map<string, Set<number>>();
    for (const o of phones) if (o.phone) byPhone.set(o.phone, (byPhone.get(o.phone) ?? new Set()).add(o.holder_id));
    for (const [phone, holders] of byPhone) {
      if (holders.size > 1 && !flags.some((f) => f.kind === 'phone_many' && f.subject === maskPhone(phone))) {
        flags.push({ kind: 'phone_many', subject: maskPhone(phone) ?? '', holders: holders.size, ...unitsOf(holders) });
      }
    }
  }
  const roll = await meetingRoll(db, m.estate_id, m.id, m.roll_frozen_at !== null, now, [...new Set(flags.flatMap((f) => f.holderIds))]);
  return flags.map(({ holderIds, ...flag }) => {
    const ids = new Set(holderIds);
    return { ...flag, units: roll.filter((u) => ids.has(u.holderId)).map((u) => u.unitNumber).slice(0, 50) };
  });
}
