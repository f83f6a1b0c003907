import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '@gongzhi/db';
import { rollAt } from '../../src/usecases/roll';
import { createTestPlatform, type TestPlatform } from '../support/platform';

describe('the roll at an instant', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await createTestPlatform({ seed: 'demo' });
  });
  afterAll(() => p.close());

  it('counts a multi-unit holder once, the builder once, and follows a sale', async () => {
    const db = p.deps.db;
    const estate = await db.selectFrom('estates').select(['id', 'total_area_cents']).where('name', '=', '阳光花园').executeTakeFirstOrThrow();
    const before = new Date();
    const roll = await rollAt(db, estate.id, before);
    expect(roll.totalAreaCents).toBe(estate.total_area_cents);
    expect(roll.units.length + roll.unheldUnits).toBe(12);
    expect(roll.holders.reduce((s, h) => s + h.units, 0)).toBe(roll.units.length);
    expect(roll.holders.filter((h) => h.kind === 'builder').length).toBeLessThanOrEqual(1);
    const dbHolders = await db.selectFrom('holders').select('id').where('estate_id', '=', estate.id).execute();
    expect(roll.holders.length).toBe(dbHolders.length);

    // A sale: the unit's current ownership ends now and a new holder's begins.
    const sold = roll.units[0]!;
    const saleAt = new Date(before.getTime() + 1000);
    const buyer = await inTransaction(db, async (trx) => {
      const h = await trx.insertInto('holders').values({ estate_id: estate.id, kind: 'person', name: '买受人', group_key: 'person:test-buyer' }).returning('id').executeTakeFirstOrThrow();
      await trx.updateTable('ownerships').set({ valid_to: saleAt }).where('estate_id', '=', estate.id).where('unit_id', '=', sold.unitId).where('valid_to', 'is', null).execute();
      await trx.insertInto('ownerships').values({ estate_id: estate.id, unit_id: sold.unitId, holder_id: h.id, valid_from: saleAt, source: 'transfer' }).execute();
      return h.id;
    });
    const then = await rollAt(db, estate.id, before);
    expect(then.units.find((u) => u.unitId === sold.unitId)!.holderId).toBe(sold.holderId);
    const now = await rollAt(db, estate.id, new Date(saleAt.getTime() + 1));
    expect(now.units.find((u) => u.unitId === sold.unitId)!.holderId).toBe(buyer);

    // Overlapping periods are refused by the database itself.
    await expect(
      inTransaction(db, (trx) => trx.insertInto('ownerships').values({ estate_id: estate.id, unit_id: sold.unitId, holder_id: buyer, valid_from: before, source: 'manual' }).execute()),
    ).rejects.toThrow();
  });
});
