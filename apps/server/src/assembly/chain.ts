import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { BUNDLE_FORMAT, GENESIS_HASH, canonicalize, chainHash, formatArea, recountBundle, type JsonObject } from '@gongzhi/core';
import type { DB, Kysely } from '@gongzhi/db';
import { candidateRef, holderRef, motionRef } from './refs';
import type { MeetingRecord } from './meeting';
import { meetingRoll } from './roll';
import { profileById } from './profile';

/** A new receipt: 128 random bits, the voter's handle on the ballot ("verify my ballot"). */
export const newReceipt = (): string => randomBytes(16).toString('hex');

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
 * Appends the meeting's unsealed ballots to its hash chain, in the order of their ids: seq, hash
 * and prev_hash are written once (a trigger forbids changing them). Locks the chain row, so two
 * sealers never interleave. Run it in a transaction; returns how many ballots were sealed.
 */
export async function sealPending(trx: Kysely<DB>, estateId: number, meetingId: number, now: Date, limit = 5000): Promise<number> {
  const chain = await trx
    .selectFrom('meeting_chains')
    .select(['head', 'sealed_count'])
    .where('estate_id', '=', estateId)
    .where('meeting_id', '=', meetingId)
    .forUpdate()
    .executeTakeFirst();
  if (!chain) return 0;
  const rows = await trx
    .selectFrom('ballots')
    .select(['id', 'motion_id', 'holder_id', 'channel', 'cast_at', 'choice', 'approve'])
    .where('estate_id', '=', estateId)
    .where('meeting_id', '=', meetingId)
    .where('seq', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute();
  if (rows.length === 0) return 0;
  let prev = chain.head;
  let seq = chain.sealed_count;
  const ids: number[] = [];
  const seqs: number[] = [];
  const hashes: string[] = [];
  const prevs: string[] = [];
  for (const row of rows) {
    seq += 1;
    const hash = chainHash(prev, bundleBallot(row, seq));
    ids.push(row.id);
    seqs.push(seq);
    hashes.push(hash);
    prevs.push(prev);
    prev = hash;
  }
  await sql`
    update ballots b set seq = v.seq, hash = v.hash, prev_hash = v.prev, sealed_at = ${now}
    from unnest(${ids}::bigint[], ${seqs}::int[], ${hashes}::text[], ${prevs}::text[]) as v(id, seq, hash, prev)
    where b.estate_id = ${estateId} and b.id = v.id`.execute(trx);
  await trx
    .updateTable('meeting_chains')
    .set({ head: prev, sealed_count: seq, updated_at: now })
    .where('estate_id', '=', estateId)
    .where('meeting_id', '=', meetingId)
    .execute();
  return rows.length;
}

/** Seals everything (in batches) — used at close, inside the closing transaction. */
export async function sealAll(trx: Kysely<DB>, estateId: number, meetingId: number, now: Date): Promise<void> {
  while ((await sealPending(trx, estateId, meetingId, now)) > 0) {
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
    .selectFrom('ballots')
    .select(['id', 'motion_id', 'holder_id', 'channel', 'cast_at', 'choice', 'approve', 'seq', 'hash'])
    .where('estate_id', '=', meeting.estate_id)
    .where('meeting_id', '=', meeting.id)
    .where('seq', 'is not', null)
    .orderBy('seq')
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
