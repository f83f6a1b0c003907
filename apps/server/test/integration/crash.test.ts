import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NATIONAL_PROFILE, recountBundle } from '@gongzhi/core';
import { sql, type Database } from '@gongzhi/db';
import { loadConfig } from '../../src/config';
import { ensureIdKey, openPlatformDatabase } from '../../src/platform';
import { CLOSES_AT, VOTING_CLOCK, setupVotingEstate, type Voter, type VotingEstate } from '../../../../bench/vote-load/setup';

// The built server (`node bin/gongzhi.js serve`) is SIGKILLed while ballots are being cast, then
// started again on the same data (a file-backed PGlite folder, or with DATABASE_URL a PostgreSQL
// database of this file's own). No acknowledged ballot may be lost, none may count twice, and the
// sealer must finish the hash chain after the restart: every receipt is in the chain, the bundle
// recounts with the core, and each motion's participants are exactly the holders whose cast the
// server acknowledged (201, or 409 ALREADY_VOTED when a cast cut off by the crash is sent again).

const root = path.resolve(import.meta.dirname, '../../../..');
const CONCURRENCY = 24;
const KILL_AFTER_ACKS = 70;

/** The CLI bundle, rebuilt when a source is newer (CI builds it in `npm ci`; then this is a no-op). */
function ensureCliBuilt(): void {
  const bundle = path.join(root, 'apps/cli/dist/gongzhi.mjs');
  const built = existsSync(bundle) ? statSync(bundle).mtimeMs : 0;
  const newest = (dir: string): number => {
    let t = 0;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) t = Math.max(t, newest(p));
      else if (/\.(ts|sql|json)$/.test(e.name)) t = Math.max(t, statSync(p).mtimeMs);
    }
    return t;
  };
  const sources = ['apps/cli/src', 'apps/server/src', 'packages/core/src', 'packages/contracts/src', 'packages/db/src', 'packages/db/migrations'].map((d) => path.join(root, d));
  if (sources.every((d) => newest(d) < built)) return;
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/build-cli.mjs')], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`building the CLI failed: ${r.stderr}`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

interface Server {
  url: string;
  child: ChildProcess;
  output: () => string;
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  let out = '';
  const child = spawn(process.execPath, [path.join(root, 'bin/gongzhi.js'), 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      GONGZHI_DEMO: '0',
      GONGZHI_TEST_CLOCK: VOTING_CLOCK.toISOString(),
      GONGZHI_MEETING_CLOCK_SECONDS: '0',
      GONGZHI_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${out}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, child, output: () => out };
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not start within 90 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stopServer(s: Server, signal: NodeJS.Signals): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill(signal);
  await exited;
}

type CastOutcome = { kind: 'accepted'; receipts: string[] } | { kind: 'already_voted' } | { kind: 'no_reply'; error: string } | { kind: 'refused'; status: number; body: string };

describe('a server killed (SIGKILL) in the middle of voting', () => {
  let dir: string;
  let env: Record<string, string>;
  let pgDatabase: { admin: string; name: string } | null = null;
  let estate: VotingEstate;
  let server: Server | null = null;

  /** The platform's database, opened in this process only while no server runs on it. */
  const openDb = (): Promise<Database> => openPlatformDatabase(loadConfig({ ...env, GONGZHI_DEMO: '0' }));

  beforeAll(async () => {
    ensureCliBuilt();
    dir = mkdtempSync(path.join(os.tmpdir(), 'gongzhi-crash-'));
    const url = process.env.DATABASE_URL;
    if (url) {
      const name = `gz_crash_${process.pid}_${Date.now().toString(36)}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const u = new URL(url);
      u.pathname = `/${name}`;
      pgDatabase = { admin: url, name };
      env = { DATABASE_URL: u.toString(), GONGZHI_DATA_DIR: path.join(dir, 'unused') };
    } else {
      env = { DATABASE_URL: '', GONGZHI_DATA_DIR: path.join(dir, 'data') };
    }
    const database = await openDb();
    try {
      estate = await setupVotingEstate(database.db, await ensureIdKey(database.db, undefined), {
        layout: { buildings: 3, entrancesPerBuilding: 2, floors: 10, unitsPerFloor: 4 },
        seed: 4242,
        name: '断电小区',
        phonePrefix: '177',
      });
    } finally {
      await database.close();
    }
  }, 180_000);

  afterAll(async () => {
    if (server) await stopServer(server, 'SIGKILL');
    if (pgDatabase) {
      const a = new pg.Client({ connectionString: pgDatabase.admin });
      await a.connect();
      await a.query(`drop database if exists ${pgDatabase.name} with (force)`);
      await a.end();
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const base = () => `${server!.url}/api/estates/${estate.estateId}/meetings/${estate.meetingId}`;
  const headers = (v: Voter) => ({ cookie: `gz_session=${v.token}`, 'x-csrf-token': v.csrf, 'content-type': 'application/json' });

  async function cast(v: Voter): Promise<CastOutcome> {
    const body = { holderId: v.holderId, answers: estate.motionIds.map((motionId, i) => ({ motionId, choice: (v.holderId + i) % 3 === 0 ? 'reject' : 'approve' })) };
    let res: Response;
    let text: string;
    try {
      res = await fetch(`${base()}/ballots`, { method: 'POST', headers: headers(v), body: JSON.stringify(body) });
      text = await res.text();
    } catch (err) {
      return { kind: 'no_reply', error: String((err as Error).cause ?? err) };
    }
    if (res.status === 201) return { kind: 'accepted', receipts: (JSON.parse(text) as { receipts: Array<{ receipt: string }> }).receipts.map((r) => r.receipt) };
    if (res.status === 409 && text.includes('"ALREADY_VOTED"')) return { kind: 'already_voted' };
    return { kind: 'refused', status: res.status, body: text.slice(0, 300) };
  }

  /** Casts for `voters` with CONCURRENCY requests in flight until they are done or `stop()` says so. */
  async function castAll(voters: Voter[], onResult: (v: Voter, o: CastOutcome) => void, stop: () => boolean = () => false): Promise<void> {
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < voters.length && !stop()) {
          const v = voters[next++]!;
          onResult(v, await cast(v));
        }
      }),
    );
  }

  it('loses no acknowledged ballot, counts none twice, and seals the chain after the restart', async () => {
    const voters = estate.voters;
    expect(voters.length).toBeGreaterThan(KILL_AFTER_ACKS * 2);
    const receiptsOf = new Map<number, string[]>(); // holder → receipts acknowledged with 201
    const committedBefore = new Set<number>(); // holders whose ballot the server acknowledged in some way
    const attempted = new Set<number>();
    const unknown: Voter[] = []; // in flight at the kill: no reply
    const refusedEarly: string[] = [];
    let inFlightAtKill = 0;
    let inFlight = 0;
    let killed = false;

    server = await startServer(env);
    const first = server;
    const killWhenEnough = (async () => {
      while (receiptsOf.size < KILL_AFTER_ACKS) await new Promise((r) => setTimeout(r, 2));
      inFlightAtKill = inFlight;
      killed = true;
      first.child.kill('SIGKILL');
    })();
    await castAll(
      voters,
      (v, o) => {
        inFlight -= 1;
        if (o.kind === 'accepted') {
          receiptsOf.set(v.holderId, o.receipts);
          committedBefore.add(v.holderId);
        } else if (o.kind === 'no_reply') unknown.push(v);
        else refusedEarly.push(`${v.holderId}: ${JSON.stringify(o)}`);
      },
      () => {
        if (killed) return true;
        inFlight += 1; // the worker is about to send one
        return false;
      },
    );
    for (const v of voters) if (receiptsOf.has(v.holderId) || unknown.includes(v)) attempted.add(v.holderId);
    await killWhenEnough;
    await new Promise((r) => first.child.exitCode !== null || first.child.signalCode !== null ? r(null) : first.child.once('exit', r));
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(refusedEarly).toEqual([]);
    expect(inFlightAtKill).toBeGreaterThan(0);
    expect(unknown.length).toBeGreaterThan(0);
    const acknowledgedBeforeKill = receiptsOf.size;
    // what the crash left: committed ballots, and how many of them the sealer had not chained yet
    const left = await openDb();
    const atKill = await sql<{ all: string; unsealed: string }>`
      select count(*) as all, count(*) filter (where c.seq is null) as unsealed
      from ballots b left join ballot_chain c on c.estate_id = b.estate_id and c.ballot_id = b.id
      where b.estate_id = ${estate.estateId} and b.meeting_id = ${estate.meetingId}`
      .execute(left.db)
      .finally(() => left.close());
    expect(Number(atKill.rows[0]!.all)).toBeGreaterThanOrEqual(acknowledgedBeforeKill * estate.motionIds.length);

    // the same data, a new process: the sealer chains what the crash left unsealed before it listens
    server = await startServer(env);
    const chair = estate.chair;
    for (const [holderId, receipts] of receiptsOf) {
      for (const receipt of receipts) {
        const r = await fetch(`${base()}/receipts/${receipt}`, { headers: headers(chair) });
        const body = (await r.json()) as { seq: number | null; hashVerified: boolean };
        expect(r.status, `receipt ${receipt} of holder ${holderId}`).toBe(200);
        expect(body.seq, `receipt ${receipt} is sealed after the restart`).toBeGreaterThan(0);
        expect(body.hashVerified).toBe(true);
      }
    }

    // the casts cut off by the crash are sent again (as a phone would), the rest for the first time
    const retried = new Map<number, CastOutcome['kind']>();
    const afterRestart: string[] = [];
    await castAll(unknown, (v, o) => {
      retried.set(v.holderId, o.kind);
      if (o.kind === 'accepted') receiptsOf.set(v.holderId, o.receipts);
      else if (o.kind === 'already_voted') committedBefore.add(v.holderId);
      else afterRestart.push(`retry ${v.holderId}: ${JSON.stringify(o)}`);
    });
    const fresh = voters.filter((v) => !attempted.has(v.holderId));
    await castAll(fresh, (v, o) => {
      if (o.kind === 'accepted') receiptsOf.set(v.holderId, o.receipts);
      else afterRestart.push(`fresh ${v.holderId}: ${JSON.stringify(o)}`);
    });
    expect(afterRestart).toEqual([]);
    const voted = new Set([...receiptsOf.keys(), ...committedBefore]);
    expect(voted.size).toBe(voters.length);
    // a second ballot of an acknowledged holder is still refused after the restart
    const again = await cast(voters.find((v) => receiptsOf.has(v.holderId) && committedBefore.has(v.holderId))!);
    expect(again.kind).toBe('already_voted');

    // close, export, recount with the core
    const now = (await (await fetch(`${server.url}/api/test/clock`)).json()) as { now: string };
    await fetch(`${server.url}/api/test/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: CLOSES_AT.getTime() + 60_000 - new Date(now.now).getTime() }) });
    const closed = await fetch(`${base()}/close`, { method: 'POST', headers: headers(chair), body: '{}' });
    const detail = (await closed.json()) as { state: string; chainHead: string };
    expect(closed.status, JSON.stringify(detail)).toBe(200);
    expect(detail.state).toBe('closed');
    const bundle = (await (await fetch(`${base()}/bundle`, { headers: headers(chair) })).json()) as { ballots: Array<{ motion: string; holder: string }> };
    const outcome = recountBundle(bundle, NATIONAL_PROFILE, { expectHead: detail.chainHead });
    expect(outcome.status).toBe('counted');
    if (outcome.status !== 'counted') return;
    const json = outcome.json as unknown as { chainHead: string; motions: Array<{ id: string; participated: { holders: number } }> };
    expect(json.chainHead).toBe(detail.chainHead);
    expect(json.motions.map((m) => m.participated.holders)).toEqual(estate.motionIds.map(() => voted.size));
    for (const motionId of estate.motionIds) {
      const holders = bundle.ballots.filter((b) => b.motion === motionId).map((b) => Number(b.holder.slice(1)));
      expect(holders.length).toBe(voted.size);
      expect(new Set(holders)).toEqual(voted);
    }
    await stopServer(server, 'SIGTERM');
    server = null;

    // in the database: every acknowledged receipt exactly once, one ballot per holder and motion, all sealed
    const database = await openDb();
    try {
      const acknowledged = [...receiptsOf.values()].flat();
      const rows = await database.db
        .selectFrom('ballots')
        .select(['receipt', (eb) => eb.fn.countAll<string>().as('n')])
        .where('estate_id', '=', estate.estateId)
        .where('receipt', 'in', acknowledged)
        .groupBy('receipt')
        .execute();
      expect(rows.length).toBe(acknowledged.length);
      expect(rows.filter((r) => Number(r.n) !== 1)).toEqual([]);
      const twice = await sql<{ n: string }>`
        select count(*) as n from (select 1 from ballots where estate_id = ${estate.estateId} and meeting_id = ${estate.meetingId}
        group by motion_id, holder_id having count(*) > 1) d`.execute(database.db);
      expect(Number(twice.rows[0]!.n)).toBe(0);
      const totals = await sql<{ all: string; unsealed: string }>`
        select count(*) as all, count(*) filter (where c.seq is null) as unsealed
        from ballots b left join ballot_chain c on c.estate_id = b.estate_id and c.ballot_id = b.id
        where b.estate_id = ${estate.estateId} and b.meeting_id = ${estate.meetingId}`.execute(database.db);
      expect(Number(totals.rows[0]!.all)).toBe(voted.size * estate.motionIds.length);
      expect(Number(totals.rows[0]!.unsealed)).toBe(0);
    } finally {
      await database.close();
    }
    console.log(
      `crash test (${pgDatabase ? 'PostgreSQL' : 'PGlite'}): ${acknowledgedBeforeKill} casts acknowledged before the kill, ${inFlightAtKill} in flight at the kill, ` +
        `${atKill.rows[0]!.all} ballots in the database after it (${atKill.rows[0]!.unsealed} unsealed) ` +
        `(${[...retried.values()].filter((k) => k === 'already_voted').length} of them had committed, ${[...retried.values()].filter((k) => k === 'accepted').length} had not), ${voted.size} holders voted in all`,
    );
  }, 240_000);
});
