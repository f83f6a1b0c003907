import { sql } from 'kysely';
import { BUNDLE_FORMAT, GENESIS_HASH, canonicalize, chainHash, formatArea, recountBundle, type JsonObject } from '@gongzhi/core';
import type { DB, Kysely } from '@gongzhi/db';
import { candidateRef, holderRef, motionRef } from './refs';
import type { MeetingRecord } from './meeting';
import { meetingRoll } from './roll';
import { profileById } from './profile';
import { randomHex } from '../random';

/** A new receipt: 128 random bits, the voter's handle on the ballot ("verify my ballot"). */
export const newReceipt = (): string => randomHex(16);
/** Receipts for many requests (counts[i] for request i) from one draw of the random source. */
export function newReceipts(counts: number[]): string[][] {
  const hex = randomHex(16 * counts.reduce((a, b) => a + b, 0));
  let at = 0;
  return counts.map((n) => Array.from({ length: n }, () => hex.slice((at += 32) - 32, at)));
}

interface BallotRowForChain {
  id: number;
  motion_id: number;
  holder_id: number;
  channel: 'online' | 'paper' | 'proxy';
  cast_at: Date;
  choice: string | null;
  approve: unknown;
}

/** The ballot as it stands in the bundle and in the chain (without "hash"). */
export function bundleBallot(row: BallotRowForChain, seq: number): JsonObject {
  const base: JsonObject = {
    seq,
    motion: motionRef(row.motion_id),
    holder: holderRef(row.holder_id),
    channel: row.channel,
    castAt: row.cast_at.toISOString(),
  };
  if (row.choice !== null) return { ...base, choice: row.choice };
  const approve = (typeof row.approve === 'string' ? JSON.parse(row.approve) : row.approve) as string[];
  return { ...base, approve };
}

/**
 * Appends the meeting's unsealed ballots to its hash chain (the append-only table ballot_chain),
 * in the order of their ids. Locks the chain row, so two sealers never interleave.
 *
 * Unsealed = above meeting_chains.sealed_through and without a chain row. Ballots commit out of
 * id order, so sealing needs an upper bound W such that every ballot up to W has committed or
 * never will, or the chain could skip one that commits later:
 * - `watermark` given: a bound the caller proved safe without a lock (sealCandidate /
 *   watermarkSettled, migrations/0005) — casts are not held up at all;
 * - otherwise: the highest id, read while the meeting's casting lock is held exclusively for an
 *   instant (a session lock taken and released at once: casts wait for the batch in flight).
 *   Closing and the start after a crash use this.
 * Run it in a transaction; returns how many ballots were sealed.
 */
export async function sealPending(trx: Kysely<DB>, estateId: number, meetingId: number, now: Date, limit = 5000, watermark?: number): Promise<{ sealed: number; more: boolean }> {
  let chain: { head: string; sealed_count: number; sealed_through: number } | undefined;
  let upTo = 0;
  const chainRow = () =>
    trx
      .selectFrom('meeting_chains')
      .select(['head', 'sealed_count', 'sealed_through'])
      .where('estate_id', '=', estateId)
      .where('meeting_id', '=', meetingId)
      .forUpdate()
      .executeTakeFirst();
  if (watermark !== undefined) {
    chain = await chainRow();
    upTo = watermark;
  } else {
    // the casting lock first, then the chain row: the order closing takes them in
    const lockKey = sql`(${estateId}::bigint << 31) + ${meetingId}::bigint`;
    await sql`select pg_advisory_lock(${lockKey})`.execute(trx);
    try {
      chain = await chainRow();
      if (chain) {
        const top = await sql<{ id: string | number | null }>`select max(id) as id from ballots where estate_id = ${estateId} and id > ${chain.sealed_through}`.execute(trx);
        upTo = Number(top.rows[0]?.id ?? 0);
      }
    } finally {
      await sql`select pg_advisory_unlock(${lockKey})`.execute(trx);
    }
  }
  if (!chain || upTo <= Number(chain.sealed_through)) return { sealed: 0, more: false };
  const rows = await trx
    .selectFrom('ballots as b')
    .select(['b.id', 'b.motion_id', 'b.holder_id', 'b.channel', 'b.cast_at', 'b.choice', 'b.approve'])
    .where('b.estate_id', '=', estateId)
    .where('b.id', '>', chain.sealed_through)
    .where('b.id', '<=', upTo)
    .where('b.meeting_id', '=', meetingId)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('ballot_chain as c').select('c.seq').whereRef('c.estate_id', '=', 'b.estate_id').whereRef('c.ballot_id', '=', 'b.id'))))
    .orderBy('b.id')
    .limit(limit)
    .execute();
  // all of (sealed_through, upTo] is sealed after this batch unless the limit cut it short
  const through = rows.length === limit ? rows[rows.length - 1]!.id : upTo;
  const head = chain.head;
  let prev = head;
  let seq = chain.sealed_count;
  const first = seq + 1;
  const hashes: string[] = [];
  for (const [i, row] of rows.entries()) {
    // hashing is the server's own work: let waiting requests through every few hundred ballots
    if (i > 0 && i % 250 === 0) await new Promise((r) => setImmediate(r));
    seq += 1;
    prev = chainHash(prev, bundleBallot(row, seq));
    hashes.push(prev);
  }
  if (rows.length > 0) {
    // row n (from 1) of the round: seq first + n - 1, its prev_hash the hash of row n - 1 (the
    // chain's head for the first). Ids are integers and hashes lowercase hex, so both arrays are
    // written as literals without quoting (cheaper than the driver's per-element escaping).
    await sql`
      insert into ballot_chain (estate_id, meeting_id, seq, ballot_id, hash, prev_hash, sealed_at)
      select ${estateId}, ${meetingId}, ${first}::int + v.n::int - 1, v.id, v.hash, coalesce(lag(v.hash) over (order by v.n), ${head}), ${now}
      from unnest(${`{${rows.map((r) => r.id).join(',')}}`}::bigint[], ${`{${hashes.join(',')}}`}::text[]) with ordinality as v(id, hash, n)`.execute(trx);
  }
  await trx
    .updateTable('meeting_chains')
    .set({ head: prev, sealed_count: seq, sealed_through: through, updated_at: now })
    .where('estate_id', '=', estateId)
    .where('meeting_id', '=', meetingId)
    .execute();
  return { sealed: rows.length, more: rows.length === limit };
}

/**
 * A candidate watermark for sealing without the casting lock (migrations/0005): the last ballot id
 * drawn (`top`), then — strictly after it — a transaction id of our own (`xid`). A transaction that
 * drew an id up to `top` had its transaction id before it drew (the ballots_xid_first trigger),
 * so that id is below `xid`; once no transaction below `xid` is running, every ballot up to `top`
 * has committed or never will. (A snapshot's list of running transactions would not do: it leaves
 * out those at or above its xmax, which may be running.)
 */
export interface SealCandidate {
  top: number;
  xid: string;
  at: number;
}
export async function sealCandidate(db: Kysely<DB>): Promise<SealCandidate> {
  return db.transaction().execute(async (trx) => {
    const top = await sql<{ top: string | number }>`select coalesce(pg_sequence_last_value(pg_get_serial_sequence('ballots', 'id')::regclass), 0) as top`.execute(trx);
    const xid = await sql<{ xid: string }>`select pg_current_xact_id()::text as xid`.execute(trx);
    return { top: Number(top.rows[0]!.top), xid: xid.rows[0]!.xid, at: Date.now() };
  });
}
/** True once no transaction older than the candidate's own is running: `top` is then a safe watermark. */
export async function watermarkSettled(db: Kysely<DB>, c: SealCandidate): Promise<boolean> {
  const r = await sql<{ settled: boolean }>`select pg_snapshot_xmin(pg_current_snapshot()) > ${c.xid}::xid8 as settled`.execute(db);
  return r.rows[0]!.settled;
}

/** Seals everything (in batches) — used at close, inside the closing transaction. */
export async function sealAll(trx: Kysely<DB>, estateId: number, meetingId: number, now: Date): Promise<void> {
  while ((await sealPending(trx, estateId, meetingId, now)).more) {
    // next batch
  }
}

/**
 * The meeting's ballot bundle (shared/spec/ballot-bundle.md) from the database: the frozen roll,
 * the motions, every sealed ballot in seq order with its stored hash, and the chain head. It is
 * exactly what an auditor receives; nothing here recomputes a hash.
 */
export async function buildBundle(db: Kysely<DB>, meeting: MeetingRecord): Promise<JsonObject> {
  const estate = await db.selectFrom('estates').select(['id', 'name']).where('id', '=', meeting.estate_id).executeTakeFirstOrThrow();
  const roll = await meetingRoll(db, meeting.estate_id, meeting.id, true, meeting.roll_frozen_at ?? new Date());
  const holders = new Map<number, string>();
  for (const r of roll) holders.set(r.holderId, r.holderKind);
  const opensAt = meeting.opens_at.toISOString();
  const closesAt = meeting.closes_at.toISOString();
  const motions: JsonObject[] = meeting.motions.map((m) => {
    const base: Record<string, JsonObject[keyof JsonObject]> = { id: motionRef(m.id), title: m.title, matter: m.matter, kind: m.kind, opensAt, closesAt };
    if (m.scopeBuildingIds) {
      const inScope = new Set(m.scopeBuildingIds);
      base.scope = roll.filter((r) => inScope.has(r.buildingId)).map((r) => r.unitNumber);
    }
    if (m.kind === 'election') {
      base.seats = m.seats ?? 1;
      base.candidates = m.candidates.map((c) => ({ id: candidateRef(c.id), name: c.name }));
    }
    return base;
  });
  const ballots = await db
    .selectFrom('ballot_chain as c')
    .innerJoin('ballots as b', (j) => j.onRef('b.estate_id', '=', 'c.estate_id').onRef('b.id', '=', 'c.ballot_id'))
    .select(['b.id', 'b.motion_id', 'b.holder_id', 'b.channel', 'b.cast_at', 'b.choice', 'b.approve', 'c.seq', 'c.hash'])
    .where('c.estate_id', '=', meeting.estate_id)
    .where('c.meeting_id', '=', meeting.id)
    .orderBy('c.seq')
    .execute();
  const chain = await db
    .selectFrom('meeting_chains')
    .select(['head'])
    .where('estate_id', '=', meeting.estate_id)
    .where('meeting_id', '=', meeting.id)
    .executeTakeFirst();
  return {
    format: BUNDLE_FORMAT,
    estate: { id: String(estate.id), name: estate.name },
    holders: [...holders].sort((a, b) => a[0] - b[0]).map(([id, kind]) => ({ id: holderRef(id), kind })),
    units: roll.map((r) => ({ id: r.unitNumber, holder: holderRef(r.holderId), area: formatArea(BigInt(r.areaCents)) })),
    motions,
    ballots: ballots.map((b) => ({ ...bundleBallot(b, b.seq as number), hash: b.hash as string })),
    chainHead: chain?.head ?? GENESIS_HASH,
  };
}

export interface StoredResult {
  chainHead: string;
  ballotCount: number;
  channels: { online: number; paper: number; proxy: number };
  recountJson: string;
}

/**
 * Counts the meeting from its own bundle with the legal core — validation, chain verification and
 * the count, exactly as `gongzhi recount --json` does — and returns what is stored. A bundle the
 * core rejects means the database is inconsistent: that throws and the transition fails.
 */
export async function countMeeting(db: Kysely<DB>, meeting: MeetingRecord): Promise<StoredResult> {
  const bundle = await buildBundle(db, meeting);
  // the bundle goes through JSON exactly as an exported file would
  const outcome = recountBundle(JSON.parse(JSON.stringify(bundle)), profileById(meeting.profile_id));
  if (outcome.status !== 'counted') {
    throw new Error(`the meeting's own bundle does not recount: ${canonicalize(outcome as unknown as JsonObject).slice(0, 2000)}`);
  }
  const channels = { online: 0, paper: 0, proxy: 0 };
  for (const b of outcome.bundle.ballots) channels[b.channel] += 1;
  return {
    chainHead: outcome.bundle.chainHead,
    ballotCount: outcome.bundle.ballots.length,
    channels,
    recountJson: JSON.stringify(outcome.json),
  };
}
