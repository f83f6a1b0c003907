import type { VoterHolderT } from '@gongzhi/contracts';
import type { DB, Kysely } from '@gongzhi/db';
import { formatArea } from '../http/format';
import { maskHolderName } from '../privacy/mask';
import type { MeetingRecord } from './meeting';
import { CO_OWNER_BLOCKED, motionInScope } from './ballots';
import { motionRef } from './refs';
import { meetingRoll } from './roll';

const BLOCKED_CO_OWNER = `${CO_OWNER_BLOCKED.messageZh} / ${CO_OWNER_BLOCKED.messageEn}`;

export interface VoterRight {
  holderId: number;
  as: 'owner' | 'proxy';
  proxyId: number | null;
  blockedReason: string | null;
}

/**
 * The holders a signed-in person may vote for in a meeting: their own holder (as a verified owner;
 * among co-owners only the designated voter) and the holders whose active written authorization
 * names their phone (proxy). Only holders on the meeting's roll count.
 */
export async function voterRights(db: Kysely<DB>, m: MeetingRecord, account: { id: number; phone: string | null }, now: Date): Promise<VoterRight[]> {
  const owned = await db
    .selectFrom('owners')
    .select(['holder_id', 'is_voter'])
    .where('estate_id', '=', m.estate_id)
    .where('account_id', '=', account.id)
    .execute();
  const proxies = account.phone
    ? await db
        .selectFrom('proxies')
        .select(['id', 'holder_id'])
        .where('estate_id', '=', m.estate_id)
        .where('meeting_id', '=', m.id)
        .where('proxy_phone', '=', account.phone)
        .where('status', '=', 'active')
        .execute()
    : [];
  // only the roll rows of these holders, not the estate's whole roll
  const candidates = [...new Set([...owned.map((o) => o.holder_id), ...proxies.map((p) => p.holder_id)])];
  const onRoll = new Set((await meetingRoll(db, m.estate_id, m.id, m.roll_frozen_at !== null, now, candidates)).map((r) => r.holderId));
  const out = new Map<number, VoterRight>();
  for (const o of owned) {
    if (!onRoll.has(o.holder_id)) continue;
    out.set(o.holder_id, {
      holderId: o.holder_id,
      as: 'owner',
      proxyId: null,
      blockedReason: o.is_voter ? null : BLOCKED_CO_OWNER,
    });
  }
  for (const p of proxies) {
    const existing = out.get(p.holder_id);
    if (existing && existing.blockedReason === null) continue;
    if (onRoll.has(p.holder_id)) out.set(p.holder_id, { holderId: p.holder_id, as: 'proxy', proxyId: p.id, blockedReason: null });
  }
  return [...out.values()];
}

/** VoterHolder views (masked label, units, area, per-motion receipts) for the given rights. */
export async function voterHolderViews(db: Kysely<DB>, m: MeetingRecord, rights: VoterRight[], now: Date): Promise<VoterHolderT[]> {
  if (rights.length === 0) return [];
  const ids = rights.map((r) => r.holderId);
  const roll = await meetingRoll(db, m.estate_id, m.id, m.roll_frozen_at !== null, now, ids);
  const holders = await db.selectFrom('holders').select(['id', 'kind', 'name']).where('estate_id', '=', m.estate_id).where('id', 'in', ids).execute();
  const ballots = await db
    .selectFrom('ballots')
    .select(['holder_id', 'motion_id', 'receipt', 'channel', 'cast_at'])
    .where('estate_id', '=', m.estate_id)
    .where('meeting_id', '=', m.id)
    .where('holder_id', 'in', ids)
    .execute();
  return rights.map((r) => {
    const units = roll.filter((u) => u.holderId === r.holderId);
    const buildings = new Set(units.map((u) => u.buildingId));
    const h = holders.find((x) => x.id === r.holderId);
    return {
      holderId: r.holderId,
      as: r.as,
      label: h ? maskHolderName(h.kind, h.name) : '—',
      units: units.map((u) => u.unitNumber),
      area: formatArea(units.reduce((s, u) => s + u.areaCents, 0)),
      motions: m.motions
        .filter((x) => motionInScope(x, buildings))
        .map((x) => {
          const b = ballots.find((y) => y.holder_id === r.holderId && y.motion_id === x.id);
          return { motionId: motionRef(x.id), receipt: b?.receipt ?? null, channel: b?.channel ?? null, castAt: b ? b.cast_at.toISOString() : null };
        }),
      blockedReason: r.blockedReason,
    };
  });
}
