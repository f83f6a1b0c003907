import { sql } from 'kysely';
import type { DB, HolderKind, Kysely } from '@gongzhi/db';

/** One unit of a meeting's roll (表决名册). */
export interface RollEntry {
  unitId: number;
  unitNumber: string;
  buildingId: number;
  buildingName: string;
  areaCents: number;
  holderId: number;
  holderKind: HolderKind;
}

/**
 * The roll of a meeting: frozen rows once voting opened, else the live roll at `at` (units with
 * the holder who holds them then; units without a holder carry no vote). Ordered by unit id.
 * With `holderIds`, only those holders' units (a page, a voter, a proxy list): no whole-roll load.
 */
export async function meetingRoll(db: Kysely<DB>, estateId: number, meetingId: number, frozen: boolean, at: Date, holderIds?: readonly number[]): Promise<RollEntry[]> {
  if (holderIds && holderIds.length === 0) return [];
  if (frozen) {
    const rows = await db
      .selectFrom('meeting_roll as r')
      .innerJoin('units as u', (j) => j.onRef('u.estate_id', '=', 'r.estate_id').onRef('u.id', '=', 'r.unit_id'))
      .innerJoin('buildings as b', (j) => j.onRef('b.estate_id', '=', 'r.estate_id').onRef('b.id', '=', 'r.building_id'))
      .innerJoin('holders as h', (j) => j.onRef('h.estate_id', '=', 'r.estate_id').onRef('h.id', '=', 'r.holder_id'))
      .select(['r.unit_id', 'u.number', 'r.building_id', 'b.name as building_name', 'r.area_cents', 'r.holder_id', 'h.kind'])
      .where('r.estate_id', '=', estateId)
      .where('r.meeting_id', '=', meetingId)
      .$if(holderIds !== undefined, (q) => q.where('r.holder_id', 'in', holderIds as number[]))
      .orderBy('r.unit_id')
      .execute();
    return rows.map((r) => ({
      unitId: r.unit_id,
      unitNumber: r.number,
      buildingId: r.building_id,
      buildingName: r.building_name,
      areaCents: r.area_cents,
      holderId: r.holder_id,
      holderKind: r.kind,
    }));
  }
  return liveRoll(db, estateId, at, holderIds);
}

export async function liveRoll(db: Kysely<DB>, estateId: number, at: Date, holderIds?: readonly number[]): Promise<RollEntry[]> {
  if (holderIds && holderIds.length === 0) return [];
  const rows = await db
    .selectFrom('units as u')
    .innerJoin('ownerships as o', (j) =>
      j
        .onRef('o.estate_id', '=', 'u.estate_id')
        .onRef('o.unit_id', '=', 'u.id')
        .on('o.valid_from', '<=', at)
        .on((eb) => eb.or([eb('o.valid_to', 'is', null), eb('o.valid_to', '>', at)])),
    )
    .innerJoin('holders as h', (j) => j.onRef('h.estate_id', '=', 'o.estate_id').onRef('h.id', '=', 'o.holder_id'))
    .innerJoin('buildings as b', (j) => j.onRef('b.estate_id', '=', 'u.estate_id').onRef('b.id', '=', 'u.building_id'))
    .select(['u.id', 'u.number', 'u.building_id', 'b.name as building_name', 'u.area_cents', 'o.holder_id', 'h.kind'])
    .where('u.estate_id', '=', estateId)
    .$if(holderIds !== undefined, (q) => q.where('o.holder_id', 'in', holderIds as number[]))
    .orderBy('u.id')
    .execute();
  return rows.map((r) => ({
    unitId: r.id,
    unitNumber: r.number,
    buildingId: r.building_id,
    buildingName: r.building_name,
    areaCents: r.area_cents,
    holderId: r.holder_id,
    holderKind: r.kind,
  }));
}

/** Whether the estate has any unit with a holder at `at` (a roll to vote on). */
export async function hasLiveRoll(db: Kysely<DB>, estateId: number, at: Date): Promise<boolean> {
  const row = await db
    .selectFrom('ownerships')
    .select('id')
    .where('estate_id', '=', estateId)
    .where('valid_from', '<=', at)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Freezes the roll at `at` into meeting_roll (in the opening transaction). Returns the unit count. */
export async function freezeRoll(trx: Kysely<DB>, estateId: number, meetingId: number, at: Date): Promise<number> {
  const r = await sql`
    insert into meeting_roll (estate_id, meeting_id, unit_id, holder_id, building_id, area_cents)
    select u.estate_id, ${meetingId}, u.id, o.holder_id, u.building_id, u.area_cents
    from units u
    join ownerships o on o.estate_id = u.estate_id and o.unit_id = u.id
      and o.valid_from <= ${at} and (o.valid_to is null or o.valid_to > ${at})
    where u.estate_id = ${estateId}`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}

/**
 * After ownership changed (a sale) while meetings of the estate are voting: a unit whose seller
 * has not cast any ballot in the meeting passes to the buyer; where the seller has voted, the
 * seller's ballot stands and the unit stays with the seller for this meeting (rules.md §6).
 * Call it in the transaction that changed the ownerships; it takes each voting meeting's lock, so
 * it waits for ballots being cast right now. Returns the number of units reassigned.
 */
export async function reconcileRollsAfterTransfer(trx: Kysely<DB>, estateId: number, at: Date): Promise<number> {
  const voting = await trx.selectFrom('meetings').select('id').where('estate_id', '=', estateId).where('state', '=', 'voting').execute();
  let moved = 0;
  for (const m of voting) {
    // waits for ballots being cast (they hold this lock shared) and holds new ones off
    await lockMeetingExclusive(trx, estateId, m.id);
    const r = await sql`
      update meeting_roll r
      set original_holder_id = coalesce(r.original_holder_id, r.holder_id), reassigned_at = coalesce(r.reassigned_at, ${at}),
          holder_id = o.holder_id
      from ownerships o
      where r.estate_id = ${estateId} and r.meeting_id = ${m.id}
        and o.estate_id = r.estate_id and o.unit_id = r.unit_id and o.valid_to is null
        and o.holder_id <> r.holder_id
        and not exists (select 1 from ballots b where b.estate_id = r.estate_id and b.meeting_id = r.meeting_id and b.holder_id = r.holder_id)`.execute(trx);
    moved += Number(r.numAffectedRows ?? 0);
  }
  return moved;
}

/**
 * The meeting's advisory lock, exclusively, for this transaction. cast_ballots holds it shared
 * (migrations/0002), so this waits for every ballot in flight and holds new ones off until commit.
 */
export async function lockMeetingExclusive(trx: Kysely<DB>, estateId: number, meetingId: number): Promise<void> {
  await sql`select pg_advisory_xact_lock((${estateId}::bigint << 31) + ${meetingId}::bigint)`.execute(trx);
}
