import { sql, type Kysely } from 'kysely';
import type { DB } from './schema';
import foundation from '../migrations/0001_foundation.sql?raw';
import assembly from '../migrations/0002_assembly.sql?raw';
import castBatch from '../migrations/0003_cast_batch.sql?raw';
import setCast from '../migrations/0004_set_cast.sql?raw';
import sealWatermark from '../migrations/0005_seal_watermark.sql?raw';
import castOnline from '../migrations/0006_cast_online.sql?raw';
import holidayYears from '../migrations/0007_holiday_years.sql?raw';

/** The SQL migrations, in order. Plain SQL files, the same on PGlite and PostgreSQL. */
export const migrations: ReadonlyArray<{ name: string; sql: string }> = [
  { name: '0001_foundation', sql: foundation },
  { name: '0002_assembly', sql: assembly },
  { name: '0003_cast_batch', sql: castBatch },
  { name: '0004_set_cast', sql: setCast },
  { name: '0005_seal_watermark', sql: sealWatermark },
  { name: '0006_cast_online', sql: castOnline },
  { name: '0007_holiday_years', sql: holidayYears },
];

/**
 * Applies every migration not applied yet, each in its own transaction, under an advisory
 * lock so that two processes starting together do not both migrate. Returns the names applied.
 */
export async function migrate(db: Kysely<DB>): Promise<string[]> {
  const applied: string[] = [];
  await db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(7470697)`.execute(conn);
    try {
      await sql`create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())`.execute(conn);
      const done = new Set((await conn.selectFrom('schema_migrations').select('name').execute()).map((r) => r.name));
      for (const m of migrations) {
        if (done.has(m.name)) continue;
        await conn.transaction().execute(async (trx) => {
          await sql.raw(m.sql).execute(trx);
          await trx.insertInto('schema_migrations').values({ name: m.name }).execute();
        });
        applied.push(m.name);
      }
    } finally {
      await sql`select pg_advisory_unlock(7470697)`.execute(conn);
    }
  });
  return applied;
}
