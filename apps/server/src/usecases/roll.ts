import type { DB, HolderKind, Kysely } from '@gongzhi/db';

export interface RollUnit {
  unitId: number;
  number: string;
  areaCents: number;
  holderId: number;
}
export interface RollHolder {
  holderId: number;
  kind: HolderKind;
  /** the sum of the areas of its units, 0.01 m² */
  areaCents: number;
  units: number;
}
export interface Roll {
  estateId: number;
  at: Date;
  units: RollUnit[];
  holders: RollHolder[];
  totalAreaCents: number;
  /** units with no holder at that instant (not in the owner list): they carry no vote */
  unheldUnits: number;
}

/**
 * The voting roll (表决名册) of an estate at an instant: every unit with the holder who held it
 * then, from the ownership periods [valid_from, valid_to). After a sale the roll before the sale
 * still names the seller. Holders count once however many units they hold (rules.md §1).
 */
export async function rollAt(db: Kysely<DB>, estateId: number, at: Date): Promise<Roll> {
  const rows = await db
    .selectFrom('units as u')
    .leftJoin('ownerships as o', (j) =>
      j
        .onRef('o.unit_id', '=', 'u.id')
        .onRef('o.estate_id', '=', 'u.estate_id')
        .on('o.valid_from', '<=', at)
        .on((eb) => eb.or([eb('o.valid_to', 'is', null), eb('o.valid_to', '>', at)])),
    )
    .leftJoin('holders as h', (j) => j.onRef('h.id', '=', 'o.holder_id').onRef('h.estate_id', '=', 'o.estate_id'))
    .select(['u.id', 'u.number', 'u.area_cents', 'o.holder_id', 'h.kind'])
    .where('u.estate_id', '=', estateId)
    .orderBy('u.id')
    .execute();
  const units: RollUnit[] = [];
  const holders = new Map<number, RollHolder>();
  let unheld = 0;
  let total = 0;
  for (const r of rows) {
    total += r.area_cents;
    if (r.holder_id === null || r.kind === null) {
      unheld++;
      continue;
    }
    units.push({ unitId: r.id, number: r.number, areaCents: r.area_cents, holderId: r.holder_id });
    const h = holders.get(r.holder_id) ?? { holderId: r.holder_id, kind: r.kind, areaCents: 0, units: 0 };
    h.areaCents += r.area_cents;
    h.units += 1;
    holders.set(r.holder_id, h);
  }
  return { estateId, at, units, holders: [...holders.values()], totalAreaCents: total, unheldUnits: unheld };
}
