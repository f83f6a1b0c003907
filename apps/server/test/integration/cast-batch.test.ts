import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH, chainHash } from '@gongzhi/core';
import { sql } from '@gongzhi/db';
import { castOnlineBatch, normalizeAnswers, type OnlineCastInput } from '../../src/assembly/ballots';
import { sha256 } from '../../src/auth/sessions';
import { bundleBallot, sealCandidate, sealPending, watermarkSettled } from '../../src/assembly/chain';
import { loadMeeting, type MeetingRecord } from '../../src/assembly/meeting';
import { AssemblyService } from '../../src/assembly/service';
import { AppError } from '../../src/errors';
import { VOTING_CLOCK, setupVotingEstate, type VotingEstate } from '../../../../bench/vote-load/setup';
import { createTestPlatform, type TestPlatform } from '../support/platform';

// Group commit of online ballots (migrations/0003, 0004, 0006): the casts of many requests in one
// statement, transaction and insert, each request all or nothing, its session, right and scopes
// checked in the same statement; and the append-only hash chain beside the ballots.

describe('casting in batches, sealing into ballot_chain', () => {
  let p: TestPlatform;
  let estate: VotingEstate;
  let m: MeetingRecord;
  /** the cast of the holder's own voter (by session), or with `as`, of another voter's session */
  const input = async (holderId: number, choice: 'approve' | 'reject' = 'approve', as?: number): Promise<OnlineCastInput> => {
    const v = estate.voters.find((x) => x.holderId === (as ?? holderId)) ?? estate.voters[0]!;
    return {
      meeting: m,
      tokenHash: sha256(v.token),
      csrfHash: sha256(v.csrf),
      holderId,
      answers: normalizeAnswers(m, m.motions.map((x) => ({ motionId: `m${x.id}`, choice })), 'checked-by-cast', 'online'),
      castAt: VOTING_CLOCK,
      device: null,
      ip: null,
      requestId: `req-${holderId}`,
    };
  };
  const chainRows = () =>
    sql<{ seq: number; ballot_id: string }>`select seq, ballot_id from ballot_chain where estate_id = ${m.estate_id} and meeting_id = ${m.id} order by seq`.execute(p.deps.db).then((r) => r.rows);

  beforeAll(async () => {
    p = await createTestPlatform({ seed: 'none', config: { testClockStart: VOTING_CLOCK, meetingClockSeconds: 0 } });
    estate = await setupVotingEstate(p.deps.db, p.deps.idKey, { layout: { buildings: 1, entrancesPerBuilding: 1, floors: 14, unitsPerFloor: 6 }, seed: 77, name: '批量小区', phonePrefix: '166' });
    m = await loadMeeting(p.deps.db, estate.estateId, estate.meetingId);
    expect(estate.voters.length).toBeGreaterThan(60);
    expect(m.state).toBe('voting');
  }, 120_000);
  afterAll(() => p?.close());

  it('answers each request of a batch on its own: accepted, duplicate, not a voter', async () => {
    const [a, b, c] = estate.voters.map((v) => v.holderId);
    const outsider = Math.max(...estate.voters.map((v) => v.holderId)) + 1000;
    const inputs = [await input(a!), await input(b!), await input(a!, 'reject'), await input(outsider, 'approve', c!), await input(c!)];
    const out = await castOnlineBatch(p.deps.db, m.estate_id, m.id, inputs);
    expect(out.map((o) => (o instanceof AppError ? o.code : o instanceof Error ? o.message : o.receipts.length))).toEqual([2, 2, 'ALREADY_VOTED', 'NOT_A_VOTER', 2]);
    const ballots = await p.deps.db.selectFrom('ballots').select(['holder_id', 'choice']).where('estate_id', '=', m.estate_id).where('meeting_id', '=', m.id).execute();
    expect(ballots.map((x) => x.holder_id).sort()).toEqual([a, a, b, b, c, c].sort());
    expect(ballots.every((x) => x.choice === 'approve')).toBe(true); // the refused 'reject' left nothing
    const audit = await p.deps.db.selectFrom('audit_log').select(['action', 'request_id']).where('estate_id', '=', m.estate_id).where('action', 'in', ['ballot.cast', 'ballot.refused']).orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'ballot.cast', request_id: `req-${a}` },
      { action: 'ballot.cast', request_id: `req-${b}` },
      { action: 'ballot.refused', request_id: `req-${a}` },
      { action: 'ballot.cast', request_id: `req-${c}` },
    ]);
  });

  it('checks in the cast statement the session, its CSRF token, the account and the scopes (migrations/0006)', async () => {
    const [a, b, c, d, e] = estate.voters.slice(60, 65).map((v) => v.holderId);
    const db = p.deps.db;
    const ownToken = estate.voters.find((v) => v.holderId === c)!.token;
    await db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('token_hash', '=', sha256(ownToken)).execute();
    const accountOfD = (await db.selectFrom('sessions').select('account_id').where('token_hash', '=', sha256(estate.voters.find((v) => v.holderId === d)!.token)).executeTakeFirstOrThrow()).account_id;
    await db.updateTable('accounts').set({ disabled: true }).where('id', '=', accountOfD).execute();
    const second = m.motions[1]!;
    await db.updateTable('motions').set({ scope_building_ids: JSON.stringify([987654321]) }).where('estate_id', '=', m.estate_id).where('id', '=', second.id).execute();
    try {
      const out = await castOnlineBatch(db, m.estate_id, m.id, [
        { ...(await input(a!)), tokenHash: sha256('no such session') },
        { ...(await input(b!)), csrfHash: sha256('not the csrf token') },
        await input(c!), // expired session
        await input(d!), // disabled account
        await input(e!), // the second motion is scoped to another building
      ]);
      expect(out.map((o) => (o instanceof AppError ? `${o.code}${o.options.field ? ` ${o.options.field}` : ''}` : o instanceof Error ? o.message : o.receipts.length))).toEqual([
        'UNAUTHENTICATED',
        'CSRF_FAILED',
        'UNAUTHENTICATED',
        'UNAUTHENTICATED',
        'NOT_IN_SCOPE answers.1',
      ]);
      const building = (await db.selectFrom('meeting_roll').select('building_id').where('estate_id', '=', m.estate_id).where('holder_id', '=', e!).executeTakeFirstOrThrow()).building_id;
      await db.updateTable('motions').set({ scope_building_ids: JSON.stringify([987654321, Number(building)]) }).where('estate_id', '=', m.estate_id).where('id', '=', second.id).execute();
      const inScope = await castOnlineBatch(db, m.estate_id, m.id, [await input(e!)]);
      expect(inScope[0]).toMatchObject({ receipts: [{ channel: 'online' }, { channel: 'online' }] });
    } finally {
      await db.updateTable('motions').set({ scope_building_ids: null }).where('estate_id', '=', m.estate_id).where('id', '=', second.id).execute();
      await db.updateTable('accounts').set({ disabled: false }).where('id', '=', accountOfD).execute();
    }
    const written = await db.selectFrom('ballots').select('holder_id').where('estate_id', '=', m.estate_id).where('holder_id', 'in', [a!, b!, c!, d!]).execute();
    expect(written).toEqual([]);
  });

  it('over HTTP: no session, no CSRF token, a wrong CSRF token and a signed-out session are refused before anything is written', async () => {
    const v = estate.voters[65]!;
    const url = `/api/estates/${m.estate_id}/meetings/${m.id}/ballots`;
    const payload = JSON.stringify({ holderId: v.holderId, answers: m.motions.map((x) => ({ motionId: `m${x.id}`, choice: 'approve' })) });
    const post = (headers: Record<string, string>) => p.app.inject({ method: 'POST', url, payload, headers: { 'content-type': 'application/json', ...headers } });
    const code = (r: { statusCode: number; json: () => unknown }) => `${r.statusCode} ${(r.json() as { error: { code: string } }).error.code}`;
    expect(code(await post({ 'x-csrf-token': v.csrf }))).toBe('401 UNAUTHENTICATED');
    expect(code(await post({ cookie: `gz_session=${v.token}` }))).toBe('403 CSRF_FAILED');
    expect(code(await post({ cookie: `gz_session=${v.token}`, 'x-csrf-token': `${v.csrf}x` }))).toBe('403 CSRF_FAILED');
    expect(await p.deps.db.selectFrom('ballots').select('id').where('estate_id', '=', m.estate_id).where('holder_id', '=', v.holderId).execute()).toEqual([]);
    const ok = await post({ cookie: `gz_session=${v.token}`, 'x-csrf-token': v.csrf });
    expect(ok.statusCode).toBe(201);
    // the ballots and the audit record name the session's account
    const account = (await p.deps.db.selectFrom('sessions').select('account_id').where('token_hash', '=', sha256(v.token)).executeTakeFirstOrThrow()).account_id;
    const mine = await p.deps.db.selectFrom('ballots').select(['cast_by', 'channel']).where('estate_id', '=', m.estate_id).where('holder_id', '=', v.holderId).execute();
    expect(mine).toEqual([{ cast_by: account, channel: 'online' }, { cast_by: account, channel: 'online' }]);
    const audit = await sql<{ actor_id: string }>`select actor_id from audit_log where estate_id = ${m.estate_id} and action = 'ballot.cast' and (after->>'holderId')::bigint = ${v.holderId}`.execute(p.deps.db);
    expect(audit.rows.map((r) => String(r.actor_id))).toEqual([String(account)]);
    await p.deps.db.deleteFrom('sessions').where('token_hash', '=', sha256(v.token)).execute(); // signed out elsewhere
    expect(code(await post({ cookie: `gz_session=${v.token}`, 'x-csrf-token': v.csrf }))).toBe('401 UNAUTHENTICATED');
  });

  it('refuses a request whose holder voted part of its motions, and writes nothing of it', async () => {
    const [h, other] = estate.voters.slice(52, 54).map((v) => v.holderId);
    const first = m.motions[0]!;
    // the holder voted the first motion alone (as a paper ballot would)
    const one = await input(h!);
    await castOnlineBatch(p.deps.db, m.estate_id, m.id, [{ ...one, answers: one.answers.filter((a) => a.motion.id === first.id) }]);
    const out = await castOnlineBatch(p.deps.db, m.estate_id, m.id, [await input(other!), await input(h!, 'reject')]);
    expect(out.map((o) => (o instanceof AppError ? o.code : o instanceof Error ? o.message : o.receipts.length))).toEqual([2, 'ALREADY_VOTED']);
    const mine = await p.deps.db.selectFrom('ballots').select(['motion_id', 'choice']).where('estate_id', '=', m.estate_id).where('holder_id', '=', h!).execute();
    expect(mine).toEqual([{ motion_id: first.id, choice: 'approve' }]);
    const refused = await p.deps.db.selectFrom('audit_log').select(['action', 'after']).where('estate_id', '=', m.estate_id).where('request_id', '=', `req-${h}`).orderBy('id').execute();
    expect(refused.map((r) => r.action)).toEqual(['ballot.cast', 'ballot.refused']);
  });

  it('of two requests of one batch for the same holder, the first wins and the other leaves nothing', async () => {
    const h = estate.voters[54]!.holderId;
    const both = await input(h, 'reject');
    const firstOnly = { ...(await input(h)), answers: (await input(h)).answers.slice(0, 1) };
    const out = await castOnlineBatch(p.deps.db, m.estate_id, m.id, [firstOnly, both]);
    expect(out.map((o) => (o instanceof AppError ? o.code : o instanceof Error ? o.message : o.receipts.length))).toEqual([1, 'ALREADY_VOTED']);
    const mine = await p.deps.db.selectFrom('ballots').select(['motion_id', 'choice']).where('estate_id', '=', m.estate_id).where('holder_id', '=', h).execute();
    expect(mine).toEqual([{ motion_id: m.motions[0]!.id, choice: 'approve' }]);
  });

  it('refuses a cast outside the voting window without touching the rest of the batch', async () => {
    const [a, b] = estate.voters.slice(55, 57).map((v) => v.holderId);
    const late = { ...(await input(a!)), castAt: new Date(m.closes_at!.getTime() + 1000) };
    const out = await castOnlineBatch(p.deps.db, m.estate_id, m.id, [late, await input(b!)]);
    expect(out.map((o) => (o instanceof AppError ? o.code : o instanceof Error ? o.message : o.receipts.length))).toEqual(['VOTING_CLOSED', 2]);
  });

  it('when the batch statement fails as a whole, casts its requests one by one', async () => {
    const [a, b] = estate.voters.slice(57, 59).map((v) => v.holderId);
    // a motion that does not exist breaks the whole statement (foreign key); the other request is still accepted
    const good = await input(a!);
    const bad = { ...good, answers: good.answers.map((x, i) => (i === 0 ? { ...x, motion: { ...x.motion, id: 987654321 } } : x)) };
    const out = await castOnlineBatch(p.deps.db, m.estate_id, m.id, [bad, await input(b!)]);
    expect(out[0]).toBeInstanceOf(Error);
    expect(out[0]).not.toBeInstanceOf(AppError);
    expect(out[1]).toMatchObject({ receipts: [{}, {}] });
    const written = await p.deps.db.selectFrom('ballots').select('holder_id').where('estate_id', '=', m.estate_id).where('holder_id', 'in', [a!, b!]).execute();
    expect(written.map((r) => r.holder_id)).toEqual([b, b]);
  });

  it('batches concurrent casts through the service, one transaction for many', async () => {
    const before = { ...p.deps.assembly.onlineCasts.stats };
    const holders = estate.voters.slice(3, 43).map((v) => v.holderId);
    const results = await Promise.all(holders.map(async (h) => p.deps.assembly.onlineCasts.submit(await input(h))));
    expect(results.every((r) => r.receipts.length === 2)).toBe(true);
    expect(p.deps.assembly.onlineCasts.stats.items - before.items).toBe(40);
    expect(p.deps.assembly.onlineCasts.stats.batches - before.batches).toBeLessThan(40);
    expect(p.deps.assembly.onlineCasts.stats.largest).toBeGreaterThan(1);
  });

  it('seals every ballot once, in id order, and knows where it stopped', async () => {
    const ids = (await p.deps.db.selectFrom('ballots').select('id').where('estate_id', '=', m.estate_id).where('meeting_id', '=', m.id).orderBy('id').execute()).map((r) => String(r.id));
    // in small batches: the watermark moves with each
    let rounds = 0;
    for (;;) {
      const r = await p.deps.db.transaction().execute((trx) => sealPending(trx, m.estate_id, m.id, VOTING_CLOCK, 25));
      rounds += 1;
      if (!r.more) break;
    }
    expect(rounds).toBeGreaterThan(1);
    const rows = await chainRows();
    expect(rows.map((r) => String(r.ballot_id))).toEqual(ids);
    expect(rows.map((r) => Number(r.seq))).toEqual(ids.map((_, i) => i + 1));
    // each link names the one before it, across the rounds (the first the genesis hash), and its
    // hash is that of the ballot as the bundle holds it
    const links = await p.deps.db.selectFrom('ballot_chain as c').innerJoin('ballots as b', (j) => j.onRef('b.estate_id', '=', 'c.estate_id').onRef('b.id', '=', 'c.ballot_id'))
      .select(['c.seq', 'c.hash', 'c.prev_hash', 'b.id', 'b.motion_id', 'b.holder_id', 'b.channel', 'b.cast_at', 'b.choice', 'b.approve'])
      .where('c.estate_id', '=', m.estate_id).where('c.meeting_id', '=', m.id).orderBy('c.seq').execute();
    expect(links.map((l) => l.prev_hash)).toEqual([GENESIS_HASH, ...links.slice(0, -1).map((l) => l.hash)]);
    for (const l of links) expect(l.hash).toBe(chainHash(l.prev_hash, bundleBallot(l, Number(l.seq))));
    const mc = await p.deps.db.selectFrom('meeting_chains').select(['sealed_count', 'sealed_through']).where('estate_id', '=', m.estate_id).where('meeting_id', '=', m.id).executeTakeFirstOrThrow();
    expect(Number(mc.sealed_count)).toBe(ids.length);
    expect(String(mc.sealed_through)).toBe(ids[ids.length - 1]);
    // nothing new: nothing sealed; a new ballot: only it
    expect(await p.deps.db.transaction().execute((trx) => sealPending(trx, m.estate_id, m.id, VOTING_CLOCK))).toEqual({ sealed: 0, more: false });
    await castOnlineBatch(p.deps.db, m.estate_id, m.id, [await input(estate.voters[50]!.holderId)]);
    expect(await p.deps.db.transaction().execute((trx) => sealPending(trx, m.estate_id, m.id, VOTING_CLOCK))).toEqual({ sealed: 2, more: false });
    expect((await chainRows()).length).toBe(ids.length + 2);
  });

  it('the database refuses a malformed receipt or chain hash (the checks of migrations/0004)', async () => {
    const h = estate.voters[59]!.holderId;
    const base = await input(h);
    const bad = async (receipt: string) =>
      sql`insert into ballots (estate_id, meeting_id, motion_id, holder_id, channel, cast_at, choice, receipt) values (${m.estate_id}, ${m.id}, ${m.motions[0]!.id}, ${h}, 'online', ${base.castAt}, 'approve', ${receipt})`.execute(p.deps.db);
    await expect(bad('A'.repeat(32))).rejects.toThrow(/ballots_receipt_check/);
    await expect(bad('a'.repeat(31))).rejects.toThrow(/ballots_receipt_check/);
    await expect(bad(`${'a'.repeat(31)}\n`)).rejects.toThrow(/ballots_receipt_check/);
    const chainRow = async (hash: string) =>
      sql`insert into ballot_chain (estate_id, meeting_id, seq, ballot_id, hash, prev_hash, sealed_at) values (${m.estate_id}, ${m.id}, 999999, 1, ${hash}, ${'0'.repeat(64)}, now())`.execute(p.deps.db);
    await expect(chainRow('F'.repeat(64))).rejects.toThrow(/ballot_chain_hash_check/);
    await expect(chainRow('f'.repeat(63))).rejects.toThrow(/ballot_chain_hash_check/);
    await expect(chainRow(`${'f'.repeat(63)}g`)).rejects.toThrow(/ballot_chain_hash_check/);
  });

  it('every insert into ballots takes its transaction id before it draws a ballot id (migrations/0005)', async () => {
    await p.deps.db.transaction().execute(async (trx) => {
      const xid = async () => (await sql<{ x: string | null }>`select pg_current_xact_id_if_assigned()::text as x`.execute(trx)).rows[0]!.x;
      expect(await xid()).toBeNull();
      // even an insert that writes no row: the statement trigger fires before any row is formed
      await sql`insert into ballots (estate_id, meeting_id, motion_id, holder_id, channel, cast_at, choice, receipt)
        select estate_id, meeting_id, motion_id, holder_id, channel, cast_at, choice, receipt from ballots where false`.execute(trx);
      expect(await xid()).not.toBeNull();
    });
  });

  it('seals up to a watermark without the casting lock, once the transactions in flight then have ended', async () => {
    const db = p.deps.db;
    const [a, b] = estate.voters.slice(44, 46).map((v) => v.holderId);
    await castOnlineBatch(db, m.estate_id, m.id, [await input(a!)]);
    let held: Promise<unknown> = Promise.resolve();
    let release = () => {};
    if (p.deps.dbKind === 'postgres') {
      // a cast in flight: its ballots have ids, its transaction has not committed
      const gate = new Promise<void>((r) => (release = r));
      let drawn = () => {};
      const inserted = new Promise<void>((r) => (drawn = r));
      held = db.transaction().execute(async (trx) => {
        await castOnlineBatch(trx, m.estate_id, m.id, [await input(b!)]);
        drawn();
        await gate;
      });
      await inserted;
    } else {
      await castOnlineBatch(db, m.estate_id, m.id, [await input(b!)]); // PGlite has one connection: nothing can be in flight beside us
    }
    const c = await sealCandidate(db);
    const maxId = Number((await sql<{ id: string }>`select max(id) as id from ballots`.execute(db)).rows[0]!.id);
    expect(c.top).toBeGreaterThanOrEqual(maxId);
    if (p.deps.dbKind === 'postgres') {
      expect(await watermarkSettled(db, c)).toBe(false); // the held cast may still commit below the mark
      release();
      await held;
    }
    expect(await watermarkSettled(db, c)).toBe(true);
    await db.transaction().execute((trx) => sealPending(trx, m.estate_id, m.id, VOTING_CLOCK, 5000, c.top));
    const unsealed = await sql<{ n: string }>`select count(*) as n from ballots b where b.estate_id = ${m.estate_id} and b.meeting_id = ${m.id}
      and not exists (select 1 from ballot_chain c where c.estate_id = b.estate_id and c.ballot_id = b.id)`.execute(db);
    expect(Number(unsealed.rows[0]!.n)).toBe(0);
    const seqs = (await chainRows()).map((r) => Number(r.seq));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('the sealer seals in rounds without the casting lock, and under the lock only at start', async () => {
    const sealer = p.deps.assembly.sealer;
    const before = { ...sealer.stats };
    await castOnlineBatch(p.deps.db, m.estate_id, m.id, [await input(estate.voters[46]!.holderId)]);
    sealer.schedule(m.estate_id, m.id);
    await sealer.flush(); // reads a candidate watermark
    await sealer.flush(); // seals up to it
    expect(sealer.stats.watermark).toBeGreaterThan(before.watermark);
    expect(sealer.stats.locked).toBe(before.locked);
    const unsealed = await sql<{ n: string }>`select count(*) as n from ballots b where b.estate_id = ${m.estate_id} and b.meeting_id = ${m.id}
      and not exists (select 1 from ballot_chain c where c.estate_id = b.estate_id and c.ballot_id = b.id)`.execute(p.deps.db);
    expect(Number(unsealed.rows[0]!.n)).toBe(0);
  });

  it('loads the meeting for casting once however many requests arrive together, and refreshes it by one load in the background', async () => {
    const service = new AssemblyService(p.deps.db, p.deps.assembly.clock, () => {});
    const many = () => Promise.all(Array.from({ length: 50 }, () => service.meetingForCast(m.estate_id, m.id)));
    const cold = await many();
    expect(service.castCacheStats.loads).toBe(1); // a cold cache: one load shared by all
    expect(new Set(cold).size).toBe(1);
    expect(cold[0]!.motions.map((x) => x.id)).toEqual(m.motions.map((x) => x.id));
    await many();
    expect(service.castCacheStats.loads).toBe(1); // cached
    service.castCacheMs = 50;
    await new Promise((r) => setTimeout(r, 60));
    const stale = await many(); // expired: the requests go on with the record, one load refreshes it
    expect(stale.every((x) => x === cold[0])).toBe(true);
    expect(service.castCacheStats.loads).toBe(2);
    service.castCacheMs = 60_000; // the refreshed record stays fresh however slow this machine is
    for (let i = 0; i < 100 && (await service.meetingForCast(m.estate_id, m.id)) === cold[0]; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(await service.meetingForCast(m.estate_id, m.id)).not.toBe(cold[0]);
    expect(service.castCacheStats.loads).toBe(2);
    await service.stop();
  });
});
