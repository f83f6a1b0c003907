import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { SerialPGliteDialect, transactionContext } from './pglite-dialect';
import type { DB } from './schema';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** where the data is: the PGlite folder or the PostgreSQL URL without password */
  location: string;
  /** the embedded database itself (PGlite only): for dumps and backups */
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL URL; when absent, the embedded PGlite database in dataDir is used */
  databaseUrl?: string | undefined;
  /** PGlite folder; 'memory://' for an in-memory database */
  dataDir?: string | undefined;
  /** pool size for PostgreSQL */
  poolSize?: number;
  /** told about errors of idle PostgreSQL connections (they are dropped from the pool) */
  onPoolError?: (err: Error) => void;
  /** a PGlite data-dir dump (from dumpDataDir) to start from: fast test databases */
  loadDataDir?: Blob | File | undefined;
}

/** int8 as a JS number: ids and areas in 0.01 m² stay far below 2^53; anything above is an error. */
function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`int8 value ${value} exceeds the safe integer range`);
  return n;
}
/** date as 'YYYY-MM-DD', never shifted through a local time zone. */
const parseDate = (value: string): string => value;

/**
 * Marks a statement for a named prepared statement on PostgreSQL: the hot path of voting (session,
 * voter check, cast) is parsed and planned once per connection instead of on every request. Only
 * fixed SQL texts may carry it (each distinct text stays prepared on every connection).
 */
export const PREPARED = '/*prepared*/';

/** The pool as Kysely sees it, sending texts that start with PREPARED as named statements. */
function preparingPool(pool: pg.Pool): pg.Pool {
  const names = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (!name) {
      name = `gz_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
      names.set(text, name);
    }
    return name;
  };
  const wrap = (client: pg.PoolClient): pg.PoolClient =>
    new Proxy(client, {
      get(target, prop, receiver) {
        if (prop === 'query') {
          return (text: unknown, values?: unknown[]) =>
            typeof text === 'string' && text.startsWith(PREPARED) ? target.query({ name: nameOf(text), text, values }) : (target.query as (a: unknown, b?: unknown) => unknown)(text, values);
        }
        const value = Reflect.get(target, prop, receiver) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  return new Proxy(pool, {
    get(target, prop, receiver) {
      if (prop === 'connect') return async () => wrap(await target.connect());
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const url = new URL(options.databaseUrl);
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 16,
      // idle connections are kept for minutes, not pg's default 10 s: a burst after a quiet spell
      // (a vote opening, an export) would otherwise open many at once, and PostgreSQL forking a
      // dozen backends together stalled the machine for 0.3-0.9 s (docs/benchmarks.md, fifth pass)
      idleTimeoutMillis: 5 * 60_000,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
          if (oid === 20) return parseInt8;
          if (oid === 1082) return parseDate;
          return pg.types.getTypeParser(oid, format);
        }) as typeof pg.types.getTypeParser,
      },
    });
    // An idle client losing its server (restart, terminated backend) must not crash the process:
    // the pool drops it and the next query opens a new connection.
    pool.on('error', (err) => {
      options.onPoolError?.(err);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
    url.password = '';
    return { db, kind: 'postgres', location: url.toString(), close: () => db.destroy() };
  }
  const dataDir = options.dataDir ?? 'data';
  if (!dataDir.startsWith('memory://')) mkdirSync(path.resolve(dataDir), { recursive: true });
  const pglite = await PGlite.create({
    dataDir: dataDir.startsWith('memory://') ? dataDir : path.resolve(dataDir),
    extensions: { btree_gist },
    parsers: { [pgliteTypes.INT8]: parseInt8, [pgliteTypes.DATE]: parseDate },
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const db = new Kysely<DB>({ dialect: new SerialPGliteDialect(pglite) });
  guardedDatabases.add(db);
  return { db, kind: 'pglite', location: dataDir.startsWith('memory://') ? dataDir : path.resolve(dataDir), pglite, close: () => db.destroy() };
}

/** The PGlite databases: their transactions run in transactionContext (see inTransaction). */
const guardedDatabases = new WeakSet<Kysely<DB>>();

/**
 * Runs fn in one transaction. Every multi-statement change goes through here, so that its audit
 * record commits or rolls back with it. Using `db` instead of `trx` inside fn throws on PGlite
 * (where it would deadlock); the integration suite runs on PGlite too, so such a mistake is caught
 * there. On PostgreSQL the guard is left out: an AsyncLocalStorage, once used, makes Node run a
 * hook for every promise of the process (≈ 3 % of the server's allocations under the vote load).
 */
export function inTransaction<T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  if (!guardedDatabases.has(db)) return db.transaction().execute(fn);
  return db.transaction().execute((trx) => transactionContext.run({ inTransaction: true }, () => fn(trx)));
}

/** A quick liveness probe. */
export async function ping(db: Kysely<DB>): Promise<boolean> {
  const r = await sql<{ ok: number }>`select 1 as ok`.execute(db);
  return r.rows[0]?.ok === 1;
}
