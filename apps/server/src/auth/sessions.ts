import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import { PREPARED, sql, type Kysely } from '@gongzhi/db';
import type { DB } from '@gongzhi/db';
import type { Role } from '@gongzhi/contracts';
import { BATCH_LINGER_MS, Batcher } from '../batcher';
import type { Grant, SessionAccount } from './context';

interface GrantRow {
  role: string;
  jurisdictionId: number | string | null;
  estateId: number | string | null;
  path: string | null;
}

export const SESSION_COOKIE = 'gz_session';
export const SESSION_DAYS = 14;

/** SHA-256 as hex, one-shot: no native Hash object for the GC to finalize (one per request). */
export const sha256 = (s: string): string => hash('sha256', s, 'hex');
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface LoadedSession {
  account: SessionAccount;
  grants: Grant[];
  csrfToken: string;
}

/**
 * Sessions with a short in-process cache, so that a request does not wait for the database
 * while a long transaction (a 50,000-row import on PGlite) holds it. Sign-out and role changes
 * made by this process invalidate the cache at once; others take effect within CACHE_MS.
 */
export class SessionStore {
  private readonly cache = new Map<string, { at: number; value: LoadedSession | null }>();
  static CACHE_MS = 10_000;

  constructor(private readonly db: Kysely<DB>) {}

  async create(trx: Kysely<DB>, accountId: number): Promise<{ token: string; csrfToken: string; expires: Date }> {
    const token = randomToken();
    const csrfToken = randomToken(24);
    const expires = new Date(Date.now() + SESSION_DAYS * 86_400_000);
    await trx.insertInto('sessions').values({ token_hash: sha256(token), account_id: accountId, csrf_token: csrfToken, expires_at: expires }).execute();
    return { token, csrfToken, expires };
  }

  async load(token: string): Promise<LoadedSession | null> {
    const hash = sha256(token);
    const hit = this.cache.get(hash);
    if (hit && Date.now() - hit.at < SessionStore.CACHE_MS) return hit.value;
    // one lookup per token in flight; lookups of many requests share one query (Batcher)
    const generation = this.generation;
    let pending = this.inFlight.get(hash);
    if (!pending) {
      const p = this.fetcher.submit(hash);
      this.inFlight.set(hash, p);
      p.finally(() => {
        if (this.inFlight.get(hash) === p) this.inFlight.delete(hash);
      }).catch(() => {});
      pending = p;
    }
    const value = await pending;
    // a sign-out or role change while the lookup was in flight: do not cache what it read
    if (generation === this.generation) this.cache.set(hash, { at: Date.now(), value });
    if (this.cache.size > 50_000) this.cache.clear();
    return value;
  }

  private generation = 0;
  private readonly inFlight = new Map<string, Promise<LoadedSession | null>>();
  private readonly fetcher = new Batcher<string, LoadedSession | null>((hashes) => this.fetch(hashes), { maxBatch: 64, concurrency: 2, lingerMs: BATCH_LINGER_MS });

  /** Sessions, accounts and role grants of many tokens in one query (every uncached request pays for it). */
  private async fetch(hashes: string[]): Promise<Array<LoadedSession | null>> {
    const rows = (
      await sql<{ token_hash: string; id: number; kind: 'owner' | 'staff'; display_name: string; phone: string | null; username: string | null; disabled: boolean; csrf_token: string; expires_at: Date; grants: GrantRow[] | string }>`${sql.raw(PREPARED)}
        select s.token_hash, a.id, a.kind, a.display_name, a.phone, a.username, a.disabled, s.csrf_token, s.expires_at,
          (select coalesce(jsonb_agg(jsonb_build_object('role', g.role, 'jurisdictionId', g.jurisdiction_id, 'estateId', g.estate_id, 'path', j.path)), '[]'::jsonb)
             from role_grants g left join jurisdictions j on j.id = g.jurisdiction_id where g.account_id = a.id) as grants
        from sessions s join accounts a on a.id = s.account_id
        where s.token_hash = any(${hashes}::text[])`.execute(this.db)
    ).rows;
    const byHash = new Map(rows.map((r) => [r.token_hash, r]));
    return hashes.map((hash) => {
      const row = byHash.get(hash);
      if (!row || row.disabled || row.expires_at.getTime() < Date.now()) return null;
      const grants = (typeof row.grants === 'string' ? (JSON.parse(row.grants) as GrantRow[]) : row.grants).map((g) => ({
        role: g.role as Role,
        jurisdictionId: g.jurisdictionId === null ? null : Number(g.jurisdictionId),
        estateId: g.estateId === null ? null : Number(g.estateId),
        path: g.path,
      }));
      return {
        account: { id: row.id, kind: row.kind, displayName: row.display_name, phone: row.phone, username: row.username },
        grants,
        csrfToken: row.csrf_token,
      };
    });
  }

  invalidate(hash?: string): void {
    this.generation += 1;
    if (hash) this.inFlight.delete(hash);
    else this.inFlight.clear();
    if (hash) this.cache.delete(hash);
    else this.cache.clear();
  }

  async destroy(trx: Kysely<DB>, hash: string): Promise<void> {
    await trx.deleteFrom('sessions').where('token_hash', '=', hash).execute();
    this.invalidate(hash);
  }
}

export async function loadGrants(db: Kysely<DB>, accountId: number): Promise<Grant[]> {
  const rows = await db
    .selectFrom('role_grants')
    .leftJoin('jurisdictions', 'jurisdictions.id', 'role_grants.jurisdiction_id')
    .select(['role_grants.role', 'role_grants.jurisdiction_id', 'role_grants.estate_id', 'jurisdictions.path'])
    .where('role_grants.account_id', '=', accountId)
    .execute();
  return rows.map((r) => ({ role: r.role as Role, jurisdictionId: r.jurisdiction_id, estateId: r.estate_id, path: r.path }));
}
