// The vote-load benchmark (issue 4). Run it with `node bench/vote-load/run.mjs` (see there).
//
// 1. a throwaway PostgreSQL 15 cluster; baseline: pgbench -i, then pgbench -N -c 8 -j 2 -T 20
// 2. an estate (the owner list through the real import), one owner account + session per voting
//    holder, a meeting with 2 resolutions in voting (server code in-process, explicit instants)
// 3. `node bin/gongzhi.js serve` on that database (test clock inside the voting window) for each
//    pool size; loadgen.ts fires ballots at 200 connections, every request a fresh holder except
//    every 20th, which repeats an already accepted ballot (must be refused: 409 ALREADY_VOTED)
// 4. close the meeting, download the bundle, `gongzhi recount --json --expect-head`: every motion
//    must show exactly the accepted holders, the chain must lead to the published head
// 5. the section "Vote load (issue 4)" of docs/benchmarks.md
//
// Diagnosis: --probe (server-probe.mjs inside the server: its event-loop delay, GC pauses and when
// the loop was late; wait-sampler.mjs beside it: PostgreSQL's wait events, the kernel's pressure
// stall information, CPU per process and the sealer's backlog per 100 ms; and when the slow
// requests were due), --profile (the server's CPU profile), BENCH_PG_OPTIONS / BENCH_PG_LOG /
// BENCH_PG_SCHED (batch | a nice value for the cluster), BENCH_SERVER_NICE, BENCH_SERVER_NODE_ARGS,
// BENCH_SERVER_OUT, BENCH_ORDER / BENCH_TOP / BENCH_QLEN (the statement table).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { loadConfig } from '../../apps/server/src/config';
import { ensureIdKey, openPlatformDatabase } from '../../apps/server/src/platform';
import type { LoadStats } from './loadgen';
import type { ThreadResult, ThreadSpec } from './loadgen-thread';
import { startCluster, freePort, type Cluster } from './postgres';
import { CLOSES_AT, VOTING_CLOCK, setupVotingEstate, type Voter, type VotingEstate } from './setup';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const argv = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback;
};
const flag = (name: string) => argv.includes(name);

const BUILDINGS = Number(option('--buildings', '300')); // × 2 entrances × 25 floors × 10 = 150,000 units
const POOLS = option('--pools', '32').split(',').map(Number);
const CONNECTIONS = Number(option('--connections', '200'));
/** requests per second over all connections (an open loop, loadgen.ts); 0 = as fast as the server answers */
const RATE = Number(option('--rate', '0'));
/** the first paced phase at this rate instead of the target rate: comparisons between runs whose pgbench differs */
const FIXED_RATE = Number(option('--fixed-rate', '0'));
const MAX_SECONDS = Number(option('--seconds', '15')); // per saturation phase
const PACED_SECONDS = Number(option('--paced-seconds', '8')); // per paced phase
const PACED_WARMUP = Number(option('--paced-warmup', '2')); // seconds at the paced rate before each paced phase, not measured
const PGBENCH_SECONDS = Number(option('--pgbench-seconds', '20'));
const WARMUP = 600; // holders per server start, not measured
const DUP_EVERY = 20; // 5 %
const TARGET_RATIO = 0.7;
const TARGET_P99_MS = 50;
// --ab "A|B|…": an A/B comparison of server variants on the same estate and host minute (each
// variant: space-separated node flags and NAME=value environment settings; '' = as committed).
// Instead of the two paced runs, --ab-rounds rounds of one paced run per variant (the order
// reversed every other round, against drift), each after a restart and warm-up of the server.
// Nothing is written to docs/benchmarks.md.
const AB = argv.includes('--ab') ? option('--ab', '').split('|').map((v) => v.trim()) : [];
const AB_ROUNDS = Number(option('--ab-rounds', '3'));
interface Variant {
  name: string;
  args: string[];
  env: Record<string, string>;
}
const variantOf = (spec: string): Variant => {
  const tokens = spec.split(' ').filter(Boolean);
  const env = Object.fromEntries(tokens.filter((t) => /^[A-Z_][A-Z0-9_]*=/.test(t)).map((t) => [t.slice(0, t.indexOf('=')), t.slice(t.indexOf('=') + 1)]));
  return { name: spec || 'as committed', args: tokens.filter((t) => !/^[A-Z_][A-Z0-9_]*=/.test(t)), env };
};
const DEADLINE = Date.now() + (AB.length ? 9 + AB.length * AB_ROUNDS * 0.75 : 9) * 60_000; // the whole run, whatever happens
const PROFILE_DIR = path.join(root, '.tmp/bench/vote-load-profile');
/** the server's Node flags, as `npm start` runs it (package.json; a larger young generation, see ARCHITECTURE.md) */
const SERVE_NODE_FLAGS = ['--max-semi-space-size=64', '--min-semi-space-size=64'];
{
  const start = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start ?? '';
  if (!start.includes(`node ${SERVE_NODE_FLAGS.join(' ')} bin/gongzhi.js serve`)) throw new Error(`vote-load: the server's flags ${SERVE_NODE_FLAGS.join(' ')} are not those of \`npm start\` (${start}); keep them alike`);
}

const log = (m: string) => console.log(`[vote-load ${((Date.now() - STARTED) / 1000).toFixed(0).padStart(3)} s] ${m}`);
const STARTED = Date.now();
const failures: string[] = [];
const fail = (m: string) => {
  failures.push(m);
  console.error(`FAIL: ${m}`);
};

function run(cmd: string, args: string[], what: string, env: NodeJS.ProcessEnv = process.env): string {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', env, maxBuffer: 256 * 1024 * 1024, timeout: 120_000 });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

// ------------------------------------------------------------------ CPU accounting (Linux /proc)

const TICK = 100; // USER_HZ
function cpuTicks(pid: number, which: 'all' | 'user' | 'system' = 'all'): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const user = Number(f[11]);
    const system = Number(f[12]);
    return which === 'user' ? user : which === 'system' ? system : user + system;
  } catch {
    return 0;
  }
}
const machineStat = () => readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
/** CPU seconds the whole machine spent busy (all processes, from /proc/stat; not counting time stolen by the host). */
function machineBusy(): number {
  // user nice system idle iowait irq softirq steal guest guest_nice (guest time is already in user)
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = machineStat();
  return (user + nice + system + irq + softirq) / TICK;
}
/** CPU seconds the host's hypervisor gave to others while this machine's CPUs wanted to run (steal). */
function machineSteal(): number {
  return (machineStat()[7] ?? 0) / TICK;
}
function childrenOf(ppid: number): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(f[1]) === ppid) out.push(Number(d));
    } catch {
      /* gone */
    }
  }
  return out;
}
function postgresTicks(postmaster: number): number {
  return cpuTicks(postmaster) + childrenOf(postmaster).reduce((s, p) => s + cpuTicks(p), 0);
}

// ------------------------------------------------------------------ pgbench baseline

function pgbench(cluster: Cluster, seconds: number, init: boolean): { tps: number; latencyMs: number; line: string; machineShare: number; stealShare: number } {
  const bin = path.join(cluster.bindir, 'pgbench');
  const conn = ['-h', cluster.host, '-p', String(cluster.port), '-U', 'postgres'];
  if (init) {
    run(path.join(cluster.bindir, 'createdb'), [...conn, 'pgbench'], 'createdb pgbench');
    run(bin, ['-i', '-q', ...conn, 'pgbench'], 'pgbench -i');
  }
  run(path.join(cluster.bindir, 'psql'), [...conn, '-q', '-c', 'checkpoint', 'pgbench'], 'checkpoint'); // as before each phase of the vote load
  const m0 = machineBusy();
  const s0 = machineSteal();
  const t0 = Date.now();
  const out = run(bin, ['-N', '-c', '8', '-j', '2', '-T', String(seconds), ...conn, 'pgbench'], 'pgbench -N');
  const capacity = ((Date.now() - t0) / 1000) * os.cpus().length;
  const machineShare = (machineBusy() - m0) / capacity;
  const stealShare = (machineSteal() - s0) / capacity;
  const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1]);
  const latencyMs = Number(/latency average = ([\d.]+) ms/.exec(out)?.[1]);
  if (!Number.isFinite(tps)) throw new Error(`pgbench: no tps in its output:\n${out}`);
  return { tps, latencyMs, line: `pgbench -N -c 8 -j 2 -T ${seconds}`, machineShare, stealShare };
}

/**
 * The baseline's own latency at a paced rate: pgbench -N -R rate with `clients` connections, an
 * open loop like the paced casts (pgbench schedules each transaction at its time; its latency is
 * counted here from that time: execution plus schedule lag), percentiles from its per-transaction
 * log. It shows what raw PostgreSQL gives at the same rate and number of connections.
 */
function pgbenchPaced(cluster: Cluster, rate: number, clients: number, seconds: number): PacedBaseline {
  const bin = path.join(cluster.bindir, 'pgbench');
  const conn = ['-h', cluster.host, '-p', String(cluster.port), '-U', 'postgres'];
  const dir = path.join(root, '.tmp/bench/vote-load-pgbench-log');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  run(path.join(cluster.bindir, 'psql'), [...conn, '-q', '-c', 'checkpoint', 'pgbench'], 'checkpoint');
  const out = run(bin, ['-N', '-c', String(clients), '-j', '2', '-R', String(rate), '-T', String(seconds), '-l', `--log-prefix=${path.join(dir, 'tx')}`, ...conn, 'pgbench'], `pgbench -N -R ${rate} -c ${clients}`);
  const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1]);
  // per transaction: client_id transaction_no time_us script_no epoch epoch_us schedule_lag_us
  const lat: number[] = [];
  for (const f of readdirSync(dir)) {
    for (const line of readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      const c = line.split(' ');
      if (c.length >= 7) lat.push((Number(c[2]) + Number(c[6])) / 1000);
    }
  }
  rmSync(dir, { recursive: true, force: true });
  if (!lat.length || !Number.isFinite(tps)) throw new Error(`pgbench -R: no transactions logged:\n${out}`);
  lat.sort((a, b) => a - b);
  return { rate, clients, seconds, tps, p50: pct(lat, 50), p90: pct(lat, 90), p99: pct(lat, 99), max: lat[lat.length - 1]! };
}

interface PacedBaseline {
  rate: number;
  clients: number;
  seconds: number;
  tps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

// ------------------------------------------------------------------ the server

interface Server {
  url: string;
  pid: number;
  output: () => string;
  probe(): Promise<ProbeReading | null>;
  stop(): Promise<void>;
}

async function startServer(databaseUrl: string, pool: number, variant?: Variant): Promise<Server> {
  const port = await freePort();
  let out = '';
  const profile = flag('--profile') ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const probe = flag('--probe') ? ['--import', path.join(root, 'bench/vote-load/server-probe.mjs')] : [];
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []; // diagnosis: V8 flags for the server
  const argv_ = [...SERVE_NODE_FLAGS, ...nodeArgs, ...(variant?.args ?? []), ...profile, ...probe, path.join(root, 'bin/gongzhi.js'), 'serve'];
  const nice = process.env.BENCH_SERVER_NICE; // diagnosis: the server's scheduling priority
  const child: ChildProcess = spawn(nice ? 'nice' : process.execPath, nice ? ['-n', nice, process.execPath, ...argv_] : argv_, {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      GONGZHI_DEMO: '0',
      GONGZHI_TEST_CLOCK: VOTING_CLOCK.toISOString(),
      GONGZHI_MEETING_CLOCK_SECONDS: '0',
      GONGZHI_DB_POOL: String(pool),
      GONGZHI_LOG_LEVEL: 'warn',
      ...variant?.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (d: Buffer) => {
      out += d.toString();
      if (process.env.BENCH_SERVER_OUT) process.stderr.write(d); // diagnosis: the server's output as it comes (V8's --trace-gc writes to stdout)
    });
  }
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${out}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not start within 60 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid!,
    output: () => out,
    /** --probe: the server's event-loop delay and GC pauses since the last call (server-probe.mjs) */
    async probe() {
      if (!probe.length) return null;
      const from = out.length;
      child.kill('SIGUSR2');
      const deadline = Date.now() + 5_000;
      for (;;) {
        const m = /gongzhi-probe (\{.*\})\n/.exec(out.slice(from));
        if (m) return JSON.parse(m[1]!) as ProbeReading;
        if (Date.now() > deadline) throw new Error('the server probe did not answer');
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** --profile: the server's self time by function, from the .cpuprofile files V8 wrote at exit. */
function summarizeProfiles(): string {
  let files: string[] = [];
  try {
    files = readdirSync(PROFILE_DIR).filter((f) => f.endsWith('.cpuprofile'));
  } catch {
    return 'no profile written';
  }
  const self = new Map<string, number>();
  let total = 0;
  for (const f of files) {
    const p = JSON.parse(readFileSync(path.join(PROFILE_DIR, f), 'utf8')) as {
      nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
      samples: number[];
      timeDeltas: number[];
    };
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    p.samples.forEach((id, i) => {
      const n = byId.get(id);
      if (!n) return;
      const dt = p.timeDeltas[i] ?? 0;
      const where = n.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/apps\//, 'apps/');
      const key = `${n.callFrame.functionName || '(anonymous)'} ${where}:${n.callFrame.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + dt);
      total += dt;
    });
  }
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 30)
    .map(([k, us]) => `${((us / total) * 100).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`)
    .join('\n');
}

/** --probe: wait-sampler.mjs in its own process on the benchmark's database */
async function startWaitSampler(databaseUrl: string, watch: Record<string, number>) {
  const child = spawn(process.execPath, [path.join(root, 'bench/vote-load/wait-sampler.mjs'), databaseUrl, ...Object.entries(watch).map(([name, pid]) => `${pid}=${name}`)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  for (const deadline = Date.now() + 10_000; !out.includes('wait-sampler ready'); ) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('the wait sampler did not start');
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    async read(): Promise<{ samples: number; waits: Record<string, number>; busy: string[]; pressure: string[]; cpu: string[]; sealerBacklog: { max: number; aroundPressure: string[] }; maintenance: { autovacuum: Record<string, number>; checkpointerBusySamples: number } }> {
      const from = out.length;
      child.kill('SIGUSR2');
      const deadline = Date.now() + 5_000;
      for (;;) {
        const m = /wait-sampler (\{.*\})\n/.exec(out.slice(from));
        if (m) return JSON.parse(m[1]!);
        if (Date.now() > deadline) throw new Error('the wait sampler did not answer');
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    stop: () => child.kill('SIGTERM'),
  };
}

// ------------------------------------------------------------------ the load

interface ProbeReading {
  loop: { p50: number; p90: number; p99: number; max: number; mean: number };
  gc: { count: number; totalMs: number; maxMs: number; over5ms: number; major: number };
  late: string[];
}

interface LoadResult {
  label: string;
  connections: number;
  seconds: number;
  sent: number;
  accepted: number;
  dupsSent: number;
  dupsRefused: number;
  errors: Array<{ status: number; code: string; dup: boolean }>;
  socketErrors: number;
  /** the load generator's own event-loop delay (ms) */
  loopDelay: { p99: number; max: number };
  loadgenGc: LoadStats['gc'];
  timeouts: number;
  /** paced: requests due but never sent, because every connection was busy until the end */
  notSent: number;
  latency: { p50: number; p90: number; p99: number; max: number };
  acceptedLatency: { p50: number; p99: number };
  /** per 100 ms (by due time, from the start) with a request slower than the p99 target: the slowest, in ms */
  slow: string[];
  /** fresh casts sent without a reply seen: the time bound stopped the load while they were in flight */
  unanswered: Voter[];
  /** fresh holders handed out (the next phase starts after them) */
  consumed: number;
  /** requests per second offered (paced runs), 0 = as fast as answered */
  rate: number;
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);

/**
 * Fires casts at the server: each fresh request takes the next holder of `holders`; every
 * DUP_EVERY-th request instead repeats the ballot of a holder whose cast was accepted before this
 * run (from `acceptedSoFar`, which grows by this run's 201s afterwards). Bounded by count and by
 * time. The requests are prepared here and sent by the load generator's own thread
 * (loadgen-thread.ts), away from this process's large heap.
 */
async function load(server: Server, estate: VotingEstate, holders: Voter[], acceptedSoFar: Voter[], connections: number, label: string, maxSeconds: number, rate = 0, beforeStart?: () => void | Promise<void>): Promise<LoadResult> {
  const path_ = `/api/estates/${estate.estateId}/meetings/${estate.meetingId}/ballots`;
  const url = new URL(server.url);
  const choices = ['approve', 'approve', 'approve', 'reject', 'abstain'] as const;
  const head = `POST ${path_} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\n`;
  // a phone keeps its device cookie (set on its first visit), so every voter sends one
  const request = (v: Voter, dup: boolean): string => {
    const body = JSON.stringify({ holderId: v.holderId, answers: estate.motionIds.map((motionId, i) => ({ motionId, choice: choices[(v.holderId * 7 + i * 3 + (dup ? 1 : 0)) % choices.length] })) });
    return `${head}Cookie: gz_session=${v.token}; gz_dev=bench-${v.holderId}\r\nX-CSRF-Token: ${v.csrf}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  };
  // the run's requests, in order: as many as the time bound could use (paced) or every holder
  const earlier = acceptedSoFar.length;
  const plan: Array<{ v: Voter; dup: boolean }> = [];
  for (let next = 0, requestNo = 1; next < holders.length && (rate <= 0 || plan.length < Math.ceil(rate * maxSeconds)); requestNo += 1) {
    if (requestNo % DUP_EVERY === 0 && earlier > 0) plan.push({ v: acceptedSoFar[(requestNo * 7919) % earlier]!, dup: true });
    else plan.push({ v: holders[next++]!, dup: false });
  }
  const texts = plan.map((p) => request(p.v, p.dup));
  const offsets = new Uint32Array(texts.length + 1);
  for (const [k, t] of texts.entries()) offsets[k + 1] = offsets[k]! + Buffer.byteLength(t);
  const bytes = Buffer.allocUnsafeSlow(offsets[texts.length]!);
  for (const [k, t] of texts.entries()) bytes.write(t, offsets[k]!, 'utf8');
  const spec: ThreadSpec = {
    host: url.hostname,
    port: Number(url.port),
    connections,
    rate,
    durationMs: Math.min(maxSeconds * 1000, Math.max(5_000, DEADLINE - Date.now())),
    bytes,
    offsets,
    receipts: estate.motionIds.length,
  };
  const r = await new Promise<ThreadResult>((resolve, reject) => {
    const worker = new Worker(new URL('./loadgen-thread.mjs', import.meta.url), { execArgv: [], workerData: spec, transferList: [bytes.buffer as ArrayBuffer] });
    // the requests are prepared and the thread is up: what the caller measures starts now
    worker.once('message', () => {
      void (async () => {
        await beforeStart?.();
        worker.once('message', (m: ThreadResult) => resolve(m));
        worker.postMessage('go');
      })().catch(reject);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the load generator's thread exited (${code}) without a result`)));
  });
  let accepted = 0;
  let dupsSent = 0;
  let dupsRefused = 0;
  let answered = 0;
  const all: number[] = [];
  const ok: number[] = [];
  const unanswered: Voter[] = [];
  // when the slow requests were due: per 100 ms from the start, the slowest (the tails' timeline)
  const slowest = new Map<number, number>();
  const codes = new Map(r.codes);
  const missing = new Set(r.receiptsMissing);
  const errors: LoadResult['errors'] = [];
  for (let k = 0; k < r.sent; k += 1) {
    const { v, dup } = plan[k]!;
    const status = r.status[k]!;
    if (status === 0) {
      if (!dup) unanswered.push(v);
      continue;
    }
    answered += 1;
    const latencyMs = r.latency[k]!;
    all.push(latencyMs);
    const slot = r.dueSlot[k]!;
    if (latencyMs > (slowest.get(slot) ?? 0)) slowest.set(slot, latencyMs);
    if (dup) dupsSent += 1;
    if (!dup && status === 201) {
      if (missing.has(k)) errors.push({ status, code: 'RECEIPTS_MISSING', dup });
      accepted += 1;
      acceptedSoFar.push(v);
      ok.push(latencyMs);
      continue;
    }
    const code = codes.get(k) ?? '';
    if (dup && status === 409 && code === 'ALREADY_VOTED') dupsRefused += 1;
    else errors.push({ status, code, dup });
  }
  const stats = r.stats;
  const seconds = stats.elapsedMs / 1000;
  all.sort((a, b) => a - b);
  ok.sort((a, b) => a - b);
  return {
    label,
    connections,
    seconds,
    sent: answered,
    accepted,
    dupsSent,
    dupsRefused,
    errors,
    socketErrors: stats.socketErrors,
    loopDelay: stats.loopDelay,
    loadgenGc: stats.gc,
    timeouts: 0,
    notSent: stats.notSent,
    latency: { p50: pct(all, 50), p90: pct(all, 90), p99: pct(all, 99), max: all[all.length - 1] ?? NaN },
    slow: [...slowest].filter(([, l]) => l > TARGET_P99_MS).sort((a, b) => a[0] - b[0]).map(([slot, l]) => `${(slot / 10).toFixed(1)}s ${Math.round(l)}`),
    acceptedLatency: { p50: pct(ok, 50), p99: pct(ok, 99) },
    unanswered,
    consumed: plan.slice(0, r.sent).filter((p) => !p.dup).length,
    rate,
  };
}

// ------------------------------------------------------------------ main

const ms = (n: number) => `${n < 10 ? n.toFixed(1) : Math.round(n)} ms`;
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

async function main(): Promise<void> {
  const loadBefore = os.loadavg();
  if (!flag('--no-build')) {
    log('building the CLI (scripts/build-cli.mjs)');
    run(process.execPath, [path.join(root, 'scripts/build-cli.mjs')], 'build');
  }
  if (flag('--profile')) rmSync(PROFILE_DIR, { recursive: true, force: true });
  const cluster = await startCluster(log, !flag('--pg-tcp'));
  const cleanup = () => cluster.stop();
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  process.once('SIGTERM', () => {
    cleanup();
    process.exit(143);
  });
  let server: Server | null = null;
  try {
    // ---------------------------------------------------------- baseline
    log(`baseline: pgbench -i, then pgbench -N -c 8 -j 2 -T ${PGBENCH_SECONDS}`);
    const base = pgbench(cluster, PGBENCH_SECONDS, true);
    log(`pgbench -N: ${fmt(base.tps)} TPS (latency average ${base.latencyMs} ms)`);
    // the same at the target rate, paced, with as many connections as the casts and with pgbench's 8
    const pacedBase = [CONNECTIONS, 8].map((c) => pgbenchPaced(cluster, Math.round(base.tps * TARGET_RATIO), c, 10));
    for (const b of pacedBase) log(`pgbench -N paced at ${fmt(b.rate)} TPS (70 %) over ${b.clients} connections: ${fmt(b.tps)} TPS, latency p50 ${ms(b.p50)}, p90 ${ms(b.p90)}, p99 ${ms(b.p99)}, max ${ms(b.max)}`);

    // ---------------------------------------------------------- the estate
    const admin = new pg.Client({ connectionString: cluster.url('postgres') });
    await admin.connect();
    await admin.query('create database gongzhi');
    await admin.end();
    const databaseUrl = cluster.url('gongzhi');
    const database = await openPlatformDatabase(loadConfig({ DATABASE_URL: databaseUrl, GONGZHI_DEMO: '0' }));
    let estate: VotingEstate;
    try {
      const idKey = await ensureIdKey(database.db, undefined);
      estate = await setupVotingEstate(database.db, idKey, {
        layout: { buildings: BUILDINGS, entrancesPerBuilding: 2, floors: 25, unitsPerFloor: 10 },
        seed: 20260402,
        name: '压测花园',
        phonePrefix: '199',
        log,
      });
    } finally {
      await database.close();
    }
    const stats = new pg.Client({ connectionString: databaseUrl });
    await stats.connect();
    await stats.query('create extension if not exists pg_stat_statements');
    const postmaster = Number(readFileSync(`${cluster.dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
    let sampler: Awaited<ReturnType<typeof startWaitSampler>> | null = null;
    // As pgbench vacuums its tables before it measures, each measured phase starts on vacuumed
    // tables and after a checkpoint, so it does not inherit the autovacuum and the dirty buffers
    // of what came before it. Before the first phase the whole database (the import of 150,000
    // units and the accounts left every table to autovacuum); before a paced run the tables the
    // casts write. Autovacuum stays on: what a phase's own writes trigger happens during the phase.
    const settle = async (before: string, whole: boolean): Promise<void> => {
      const t = Date.now();
      // whole: every database of the cluster, template1 and postgres too — a young cluster's
      // autovacuum otherwise analyzes their catalogs minutes after initdb, during the measurement
      if (whole) run(path.join(cluster.bindir, 'vacuumdb'), ['-h', cluster.host, '-p', String(cluster.port), '-U', 'postgres', '--all', '--analyze', '--quiet'], 'vacuumdb --all --analyze');
      else await stats.query('vacuum ballots, ballot_chain, audit_log, meeting_chains');
      await stats.query('checkpoint');
      log(`${whole ? 'vacuumdb --all --analyze' : 'vacuum of the tables the casts write'} and a checkpoint before ${before}: ${Date.now() - t} ms`);
    };

    // ---------------------------------------------------------- the load, per pool size
    const voters = [...estate.voters];
    const accepted: Voter[] = [];
    const unanswered: Voter[] = [];
    const runs: Array<LoadResult & { pool: number; cpu: { server: number; postgres: number; bench: number; machine: number; stolen: number }; queriesPerCast: number; commitsPerCast: number; dbMsPerCast: number; top: Array<{ calls: number; meanMs: number; query: string }> }> = [];
    let cursor = 0;
    for (const pool of POOLS) {
      server = await startServer(databaseUrl, pool);
      log(`server up with GONGZHI_DB_POOL=${pool}; warm-up: ${WARMUP} casts at 50 connections`);
      const warm = await load(server, estate, voters.slice(cursor, cursor + WARMUP), accepted, 50, 'warm-up', 15);
      cursor += warm.consumed;
      unanswered.push(...warm.unanswered);
      if (warm.errors.length || warm.socketErrors || warm.timeouts) fail(`warm-up (pool ${pool}): ${warm.errors.length} errors, ${warm.socketErrors} socket errors, ${warm.timeouts} timeouts: ${JSON.stringify(warm.errors.slice(0, 5))}`);
      await new Promise((r) => setTimeout(r, 500)); // let the sealer catch up
      await settle(`the load (pool ${pool})`, true);
      await stats.query('select pg_stat_statements_reset()');
      const commits0 = (await stats.query<{ c: string }>("select xact_commit + xact_rollback as c from pg_stat_database where datname = 'gongzhi'")).rows[0]!.c;
      let sys0 = 0;
      let machine0 = 0;
      let steal0 = 0;
      let cpu0 = { server: 0, postgres: 0, bench: process.cpuUsage() };
      log(`load: up to ${voters.length - cursor} holders at ${CONNECTIONS} connections${RATE ? `, ${RATE} requests/s in all` : ''} (every ${DUP_EVERY}th request a duplicate), at most ${MAX_SECONDS} s`);
      const r = await load(server, estate, voters.slice(cursor), accepted, CONNECTIONS, `pool ${pool}`, MAX_SECONDS, RATE, () => {
        // after the requests were prepared: CPU from here on is the load's
        sys0 = cpuTicks(server!.pid, 'system');
        machine0 = machineBusy();
        steal0 = machineSteal();
        cpu0 = { server: cpuTicks(server!.pid), postgres: postgresTicks(postmaster), bench: process.cpuUsage() };
      });
      cursor += r.consumed;
      unanswered.push(...r.unanswered);
      const benchCpu = process.cpuUsage(cpu0.bench);
      const serverSystem = (cpuTicks(server.pid, 'system') - sys0) / TICK;
      const cpu = {
        server: (cpuTicks(server.pid) - cpu0.server) / TICK,
        postgres: (postgresTicks(postmaster) - cpu0.postgres) / TICK,
        bench: (benchCpu.user + benchCpu.system) / 1e6,
        machine: machineBusy() - machine0,
        stolen: machineSteal() - steal0,
      };
      const commits = Number((await stats.query<{ c: string }>("select xact_commit + xact_rollback as c from pg_stat_database where datname = 'gongzhi'")).rows[0]!.c) - Number(commits0);
      const q = await stats.query<{ calls: string; mean: number; total: number; query: string }>(
        `select s.calls, s.mean_exec_time + s.mean_plan_time as mean, s.total_exec_time + s.total_plan_time as total, regexp_replace(s.query, '\\s+', ' ', 'g') as query
         from pg_stat_statements s join pg_database d on d.oid = s.dbid
         where d.datname = 'gongzhi' and s.query not like '%pg_stat%' order by ${process.env.BENCH_ORDER === 'total' ? 's.total_exec_time' : 's.calls'} desc`,
      );
      const totalCalls = q.rows.reduce((s, x) => s + Number(x.calls), 0);
      const dbMs = q.rows.reduce((s, x) => s + x.total, 0);
      const entry = {
        ...r,
        pool,
        cpu,
        queriesPerCast: totalCalls / Math.max(1, r.sent),
        dbMsPerCast: dbMs / Math.max(1, r.sent),
        commitsPerCast: commits / Math.max(1, r.sent),
        top: q.rows.slice(0, Number(process.env.BENCH_TOP ?? 14)).map((x) => ({ calls: Number(x.calls), meanMs: x.mean, query: x.query.slice(0, Number(process.env.BENCH_QLEN ?? 160)) })),
      };
      runs.push(entry);
      const rate = r.accepted / r.seconds;
      log(
        `pool ${pool}: ${r.sent} requests in ${r.seconds.toFixed(1)} s: ${r.accepted} accepted (${fmt(rate)}/s, ${fmt(rate / base.tps * 100)} % of pgbench), ${r.dupsRefused}/${r.dupsSent} duplicates refused, ` +
          `${r.errors.length} errors, ${r.socketErrors} socket errors, ${r.timeouts} timeouts; latency p50 ${ms(r.latency.p50)}, p99 ${ms(r.latency.p99)} (accepted only: p50 ${ms(r.acceptedLatency.p50)}, p99 ${ms(r.acceptedLatency.p99)}); ` +
          `CPU s: server ${cpu.server.toFixed(1)} (kernel ${serverSystem.toFixed(1)}), postgres ${cpu.postgres.toFixed(1)}, load generator ${cpu.bench.toFixed(1)}, whole machine ${cpu.machine.toFixed(1)} of ${(r.seconds * os.cpus().length).toFixed(1)} (stolen by the host: ${cpu.stolen.toFixed(1)}); ${entry.queriesPerCast.toFixed(1)} statements and ${entry.commitsPerCast.toFixed(2)} transactions per request, ${entry.dbMsPerCast.toFixed(2)} ms of planning + execution in PostgreSQL per request`,
      );
      const printed = server.output().split('\n').filter((l) => l && !l.startsWith('gongzhi: ') && !l.startsWith('gongzhi-probe ')).length;
      if (printed > 0) log(`the server printed ${printed} log lines, the last: ${server.output().trim().split('\n').slice(-3).join(' | ').slice(0, 1500)}`);
      if (r.errors.length || r.socketErrors || r.timeouts) fail(`pool ${pool}: ${r.errors.length} errors (${JSON.stringify(r.errors.slice(0, 5))}), ${r.socketErrors} socket errors, ${r.timeouts} timeouts`);
      if (r.dupsRefused !== r.dupsSent) fail(`pool ${pool}: ${r.dupsSent - r.dupsRefused} duplicates were not refused with ALREADY_VOTED`);
      if (pool !== POOLS[POOLS.length - 1]) {
        await server.stop();
        server = null;
      }
    }

    // ---------------------------------------------------------- latency at a paced rate
    // A closed loop of 200 connections that resend at once measures throughput; its latency is
    // 200 ÷ throughput by Little's law, whatever the server does. Latency is measured here as a
    // real vote sees it: requests arriving at a set rate (an open loop: each request is due at its
    // time, and its latency counts from then) over 200 connections — first at the target rate (70 %
    // of this run's pgbench TPS in accepted ballots, plus the 5 % duplicates), then at half of the
    // best throughput measured above.
    const best0 = runs.reduce((a, b) => (b.accepted / b.seconds > a.accepted / a.seconds ? b : a));
    const paced: LoadResult[] = [];
    const pacedStolen: number[] = []; // per paced run: the share of the machine's CPU time stolen by the host
    // The saturation run leaves the sealer behind (it hashes the chain after the casts commit);
    // each paced run starts once it has caught up, so it measures its own rate, not the
    // aftermath of the overload. How long that took is reported.
    const sealerCatchUp = async (): Promise<number> => {
      const t0 = Date.now();
      for (;;) {
        const row = (
          await stats.query<{ unsealed: string }>(
            'select (select count(*) from ballots where estate_id = $1 and meeting_id = $2) - (select sealed_count from meeting_chains where estate_id = $1 and meeting_id = $2) as unsealed',
            [estate.estateId, estate.meetingId],
          )
        ).rows[0]!;
        if (Number(row.unsealed) <= 0 || Date.now() - t0 > 60_000) return Date.now() - t0;
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const catchUps: number[] = [];
    const targetRate = Math.ceil((base.tps * TARGET_RATIO) / (1 - 1 / DUP_EVERY));
    const variants = AB.map(variantOf);
    const phases: Array<[string, number, Variant?]> = variants.length
      ? Array.from({ length: AB_ROUNDS }, (_, round) => (round % 2 ? [...variants].reverse() : variants).map((v): [string, number, Variant] => [`A/B round ${round + 1}, ${v.name}`, FIXED_RATE || targetRate, v])).flat()
      : [
          FIXED_RATE ? [`paced at a fixed ${FIXED_RATE} requests/s (--fixed-rate, a comparison, not the target)`, FIXED_RATE] : ['paced at the target rate (70 % of pgbench)', targetRate],
          ['paced at half the measured maximum', Math.round(best0.accepted / best0.seconds / 2)],
        ];
    const abResults: Array<{ variant: string; p50: number; p90: number; p99: number; answered: number }> = [];
    let serverVariant: Variant | undefined;
    for (const [label, rate, variant] of phases) {
      if (variant && variant !== serverVariant) {
        await server!.stop();
        server = await startServer(databaseUrl, POOLS[POOLS.length - 1]!, variant);
        serverVariant = variant;
        // a fresh process: its code is not optimized yet and its pool opens its connections, so
        // it is warmed up at the paced rate for longer than the run's own warm-up
        const warm = await load(server, estate, voters.slice(cursor, cursor + Math.ceil(rate * 4)), accepted, CONNECTIONS, 'restart warm-up', 4, rate);
        cursor += warm.consumed;
        unanswered.push(...warm.unanswered);
        if (warm.errors.length || warm.socketErrors || warm.timeouts) fail(`warm-up (${variant.name}): ${warm.errors.length} errors, ${warm.socketErrors} socket errors, ${warm.timeouts} timeouts`);
        log(`server restarted as "${variant.name}", warmed up at ${fmt(rate)} requests/s for 4 s (p99 ${ms(warm.latency.p99)})`);
      }
      const amount = Math.min(voters.length - cursor, Math.ceil(rate * PACED_SECONDS * (1 - 1 / DUP_EVERY)));
      if (amount < rate) {
        fail(`not enough holders left for the paced run "${label}" (${voters.length - cursor}); use more --buildings`);
        break;
      }
      catchUps.push(await sealerCatchUp());
      await settle(`the run ${label}`, false);
      if (PACED_WARMUP > 0) {
        const warmAmount = Math.min(voters.length - cursor - amount, Math.ceil(rate * PACED_WARMUP));
        const w = await load(server!, estate, voters.slice(cursor, cursor + warmAmount), accepted, CONNECTIONS, `${label}, warm-up`, PACED_WARMUP, rate);
        cursor += w.consumed;
        unanswered.push(...w.unanswered);
        log(`${label}: warm-up at the same rate for ${PACED_WARMUP} s, not measured (p99 ${ms(w.latency.p99)})`);
        if (w.errors.length || w.socketErrors || w.timeouts) fail(`${label}, warm-up: ${w.errors.length} errors (${JSON.stringify(w.errors.slice(0, 5))}), ${w.socketErrors} socket errors, ${w.timeouts} timeouts`);
      }
      log(`${label}: ${rate} requests/s over ${CONNECTIONS} connections for ${PACED_SECONDS} s (the sealer caught up in ${catchUps[catchUps.length - 1]} ms before)`);
      if (flag('--probe')) sampler ??= await startWaitSampler(databaseUrl, { server: server!.pid, loadgen: process.pid });
      let steal0 = 0;
      const r = await load(server!, estate, voters.slice(cursor, cursor + amount), accepted, CONNECTIONS, label, PACED_SECONDS + 5, rate, async () => {
        // the probes count from here: the requests are prepared, the load starts
        steal0 = machineSteal();
        await server!.probe();
        await sampler?.read();
      });
      const probed = await server!.probe();
      const waited = await sampler?.read();
      if (probed) log(`${label}: requests slower than ${TARGET_P99_MS} ms, the slowest per 100 ms by when they were due: ${r.slow.join(', ') || 'none'}`);
      if (waited) log(`${label}: PostgreSQL's client backends in ${waited.samples} samples: ${JSON.stringify(waited.waits)}; stalls (3 or more on one event, per 100 ms from the start): ${waited.busy.join(', ') || 'none'}; autovacuum: ${JSON.stringify(waited.maintenance.autovacuum)}; checkpointer busy in ${waited.maintenance.checkpointerBusySamples} samples; pressure (PSI, per 100 ms, ms some task waited): ${waited.pressure.join(', ') || 'none'}; CPU ms per 100 ms around it: ${waited.cpu.join(', ') || '—'}; the sealer's backlog (ballot ids): at most ${waited.sealerBacklog.max}, around the pressure ${waited.sealerBacklog.aroundPressure.join(', ') || '—'}`);
      if (probed) log(`${label}: the server's event loop was late by p50 ${probed.loop.p50} ms, p99 ${probed.loop.p99} ms, max ${probed.loop.max} ms; GC ${probed.gc.count} pauses (${probed.gc.major} major), ${probed.gc.totalMs} ms in all, longest ${probed.gc.maxMs} ms, ${probed.gc.over5ms} over 5 ms; late by more than 15 ms at: ${probed.late.join(', ') || 'never'}`);
      cursor += r.consumed;
      unanswered.push(...r.unanswered);
      paced.push(r);
      pacedStolen.push((machineSteal() - steal0) / (r.seconds * os.cpus().length));
      if (variant) abResults.push({ variant: variant.name, p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, answered: r.sent / r.seconds });
      log(`${label}: ${r.sent} requests in ${r.seconds.toFixed(1)} s, ${fmt(r.accepted / r.seconds)} accepted/s; latency p50 ${ms(r.latency.p50)}, p90 ${ms(r.latency.p90)}, p99 ${ms(r.latency.p99)}; ${r.errors.length} errors, ${r.socketErrors} socket errors, ${r.timeouts} timeouts; the load generator's own event-loop delay p99 ${ms(r.loopDelay.p99)}, max ${ms(r.loopDelay.max)}, its GC ${r.loadgenGc.count} pauses (${r.loadgenGc.major} major), ${Math.round(r.loadgenGc.totalMs)} ms in all, longest ${r.loadgenGc.maxMs.toFixed(1)} ms; CPU time stolen by the host ${fmt(pacedStolen[pacedStolen.length - 1]! * 100, 1)} %`);
      if (r.errors.length || r.socketErrors || r.timeouts) fail(`${label}: ${r.errors.length} errors (${JSON.stringify(r.errors.slice(0, 5))}), ${r.socketErrors} socket errors, ${r.timeouts} timeouts`);
      if (r.dupsRefused !== r.dupsSent) fail(`${label}: ${r.dupsSent - r.dupsRefused} duplicates were not refused with ALREADY_VOTED`);
    }

    if (abResults.length) {
      const lines = variants.map((v) => {
        const mine = abResults.filter((x) => x.variant === v.name);
        const p99s = mine.map((x) => x.p99).sort((a, b) => a - b);
        return `| ${v.name} | ${mine.map((x) => `${ms(x.p50)} / ${ms(x.p90)} / ${ms(x.p99)} (${fmt(x.answered)}/s)`).join(' · ')} | ${ms(p99s[Math.floor(p99s.length / 2)]!)} |`;
      });
      console.log(`\nA/B at ${fmt(phases[0]![1])} requests/s offered (p50 / p90 / p99 per round, in run order):\n| variant | rounds | median p99 |\n|---|---|---|\n${lines.join('\n')}\n`);
    }

    // ---------------------------------------------------------- close, bundle, recount
    const s = server!;
    const base_ = `${s.url}/api/estates/${estate.estateId}/meetings/${estate.meetingId}`;
    const chairHeaders = { cookie: `gz_session=${estate.chair.token}`, 'x-csrf-token': estate.chair.csrf, 'content-type': 'application/json' };
    const clock = (await (await fetch(`${s.url}/api/test/clock`)).json()) as { now: string };
    await fetch(`${s.url}/api/test/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: Math.max(0, CLOSES_AT.getTime() + 60_000 - new Date(clock.now).getTime()) }) });
    let t = Date.now();
    const closed = await fetch(`${base_}/close`, { method: 'POST', headers: chairHeaders, body: '{}' });
    const closedBody = (await closed.json()) as { state?: string; chainHead?: string; error?: unknown };
    const closeMs = Date.now() - t;
    if (closed.status !== 200 || closedBody.state !== 'closed' || !closedBody.chainHead) throw new Error(`close: ${closed.status} ${JSON.stringify(closedBody).slice(0, 500)}`);
    log(`closed in ${closeMs} ms (seals the rest, counts the bundle): chain head ${closedBody.chainHead}`);
    t = Date.now();
    const bundleRes = await fetch(`${base_}/bundle`, { headers: chairHeaders });
    if (bundleRes.status !== 200) throw new Error(`bundle: ${bundleRes.status} ${(await bundleRes.text()).slice(0, 300)}`);
    const bundleText = await bundleRes.text();
    const file = path.join(root, '.tmp/bench/vote-load-bundle.json');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bundleText);
    const bundleMs = Date.now() - t;
    t = Date.now();
    const rc = spawnSync(process.execPath, [path.join(root, 'bin/gongzhi.js'), 'recount', file, '--json', '--expect-head', closedBody.chainHead], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
    const recountMs = Date.now() - t;
    // casts cut off by the time bound may have committed without our seeing the reply: look them up
    const cutOff = unanswered.length
      ? Number((await stats.query<{ n: string }>('select count(distinct holder_id) as n from ballots where estate_id = $1 and meeting_id = $2 and holder_id = any($3::bigint[])', [estate.estateId, estate.meetingId, unanswered.map((v) => v.holderId)])).rows[0]!.n)
      : 0;
    const failedBefore = failures.length; // the consistency checks below
    const distinct = new Set(accepted.map((v) => v.holderId)).size;
    if (distinct !== accepted.length) fail(`${accepted.length - distinct} holders were accepted twice`);
    const totalAccepted = accepted.length + cutOff;
    log(`${accepted.length} casts acknowledged with 201; ${unanswered.length} were in flight when a time bound stopped the load, ${cutOff} of them committed`);
    let participated: number[] = [];
    if (rc.status !== 0) fail(`recount exited ${rc.status}: ${rc.stderr.slice(0, 1000)}`);
    else {
      const out = JSON.parse(rc.stdout) as { chainHead: string; motions: Array<{ id: string; participated: { holders: number } }> };
      participated = out.motions.map((m) => m.participated.holders);
      if (out.chainHead !== closedBody.chainHead) fail(`recount chain head ${out.chainHead} ≠ published ${closedBody.chainHead}`);
      for (const m of out.motions) if (m.participated.holders !== totalAccepted) fail(`motion ${m.id}: ${m.participated.holders} holders participated, ${totalAccepted} ballots were accepted`);
      if (out.motions.length !== estate.motionIds.length) fail(`recount shows ${out.motions.length} motions`);
    }
    const bundle = JSON.parse(bundleText) as { ballots: unknown[]; chainHead: string };
    const dbCount = Number((await stats.query<{ n: string }>('select count(*) as n from ballots where estate_id = $1 and meeting_id = $2', [estate.estateId, estate.meetingId])).rows[0]!.n);
    if (bundle.ballots.length !== dbCount || dbCount !== totalAccepted * estate.motionIds.length) fail(`ballots: ${bundle.ballots.length} in the bundle, ${dbCount} in the database, ${totalAccepted * estate.motionIds.length} expected`);
    log(`bundle ${(bundleText.length / 1e6).toFixed(1)} MB in ${bundleMs} ms, ${bundle.ballots.length} ballots; recount ${recountMs} ms: participated ${participated.join(' / ')} = accepted ${totalAccepted}: ${failures.length > failedBefore ? 'MISMATCH' : 'ok'}`);
    await stats.end();
    sampler?.stop();
    await s.stop();
    server = null;
    if (flag('--profile')) console.log(`\nserver CPU profile (self time, all runs):\n${summarizeProfiles()}`);

    const baseAfter = pgbench(cluster, Math.min(10, PGBENCH_SECONDS), false);
    log(`pgbench -N again after the load: ${fmt(baseAfter.tps)} TPS`);

    // ---------------------------------------------------------- report
    const best = runs.reduce((a, b) => (b.accepted / b.seconds > a.accepted / a.seconds ? b : a));
    const report = reportSection({ paced, pacedStolen, catchUps, base, pacedBase, baseAfter, runs, best, estate, closeMs, bundleMs, recountMs, totalAccepted, cutOff, bundleBallots: bundle.ballots.length, loadBefore, loadAfter: os.loadavg(), pgVersion: cluster.version, pgTransport: cluster.host.startsWith('/') ? 'through its Unix socket, as a server on the same machine would' : 'over TCP on 127.0.0.1 (--pg-tcp)', correct: failures.length === failedBefore });
    console.log(`\n${report}`);
    if (!flag('--no-write') && !AB.length) {
      writeSection(report);
      log('docs/benchmarks.md: section "Vote load (issue 4)" written');
    }
  } finally {
    if (server) await server.stop().catch(() => {});
    cleanup();
  }
  if (failures.length) {
    console.error(`\n${failures.length} CHECK(S) FAILED:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
    process.exitCode = 1;
  }
}

interface ReportInput {
  /** ms the sealer needed to catch up before each paced run */
  catchUps: number[];
  base: { tps: number; latencyMs: number; line: string; machineShare: number; stealShare: number };
  /** pgbench -N paced at the target rate: over the casts' number of connections, and over 8 */
  pacedBase: PacedBaseline[];
  baseAfter: { tps: number; latencyMs: number; line: string; machineShare: number; stealShare: number };
  cutOff: number;
  runs: Array<LoadResult & { pool: number; cpu: { server: number; postgres: number; bench: number; machine: number; stolen: number }; queriesPerCast: number; commitsPerCast: number; dbMsPerCast: number; top: Array<{ calls: number; meanMs: number; query: string }> }>;
  best: ReportInput['runs'][number];
  estate: VotingEstate;
  closeMs: number;
  bundleMs: number;
  recountMs: number;
  totalAccepted: number;
  bundleBallots: number;
  loadBefore: number[];
  loadAfter: number[];
  pgVersion: string;
  pgTransport: string;
  correct: boolean;
  paced: LoadResult[];
  pacedStolen: number[];
}

function reportSection(x: ReportInput): string {
  const cpu = os.cpus();
  const rate = (r: LoadResult) => r.accepted / r.seconds;
  const ratio = rate(x.best) / x.base.tps;
  const metRatio = ratio >= TARGET_RATIO;
  const atTarget = FIXED_RATE ? undefined : x.paced[0]; // --fixed-rate: no target run
  const keptUp = (r: LoadResult) => r.notSent === 0 && r.sent / r.seconds >= 0.95 * r.rate;
  const metP99 = atTarget !== undefined && keptUp(atTarget) && atTarget.latency.p99 <= TARGET_P99_MS;
  const lines = [
    '## Vote load (issue 4)',
    '',
    'What is measured: online ballots cast through the real HTTP API (`POST /api/estates/:e/meetings/:m/ballots`,',
    `session cookie + CSRF header, two resolutions answered per request) against \`node ${SERVE_NODE_FLAGS.join(' ')} bin/gongzhi.js serve\` (as \`npm start\` runs it) on`,
    'PostgreSQL, by a lean load generator (bench/vote-load/loadgen.ts, raw keep-alive sockets, in a thread of its own with the requests prepared beforehand) at 200 connections, every request a different holder, except every 20th',
    'request (5 %), which repeats an already accepted ballot and must get 409 `ALREADY_VOTED`. The',
    'baseline is `pgbench -N -c 8 -j 2` on the same throwaway cluster in the same run. Target (issue 4):',
    `≥ ${TARGET_RATIO * 100} % of the pgbench TPS in accepted ballots per second, p99 ≤ ${TARGET_P99_MS} ms at 200 connections.`,
    'After the load the meeting is closed, its bundle downloaded and recounted with',
    '`gongzhi recount --json --expect-head <published head>`: every motion must show exactly the accepted',
    'holders as participants, and the bench exits non-zero otherwise.',
    '',
    'Two kinds of run. **Saturation**: the 200 connections send the next request as soon as the last is',
    'answered; this gives the most ballots per second (the ratio to pgbench). Its latency is not a',
    'latency target: a closed loop of 200 connections waits 200 ÷ throughput on average by Little\'s law',
    '(50 ms would need 4,000 answers/s). **Paced**: requests arrive at a set rate over the same 200',
    'connections, as votes do: an open loop, request i is due at start + i ÷ rate and its latency counts from',
    'then, so time spent waiting for a free connection counts too. The p99 target is judged on the run paced at',
    `the target rate, ${TARGET_RATIO * 100} % of this run's pgbench TPS in accepted ballots (plus the 5 % duplicates), and only if the server kept up with it.`,
    '',
    'As pgbench vacuums its tables before it measures, each phase starts on vacuumed tables after a checkpoint',
    '(`vacuumdb --all --analyze` before the saturation run, the tables the casts write before each paced run), and each',
    `paced run after ${PACED_WARMUP} s at its rate that are not measured (a ramp-up: every pooled connection has planned its statements).`,
    `The server and pgbench reach PostgreSQL the same way: ${x.pgTransport}.`,
    '',
    '```sh',
    'node bench/vote-load/run.mjs      # --pools 32  --seconds 15  --paced-seconds 8  --paced-warmup 2  --buildings 300  --connections 200  --rate N  --fixed-rate N  --pg-tcp  --probe  --no-build  --no-write  --ab "A|B"  --ab-rounds 3',
    '```',
    '',
    `Run of ${new Date().toISOString().slice(0, 10)}: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version},`,
    `PostgreSQL ${x.pgVersion} (defaults but shared_buffers 2 GB; fsync on, max_connections 300, pg_stat_statements loaded), server,`,
    `PostgreSQL and load generator on the same ${cpu.length} cores; load average ${x.loadBefore[0]!.toFixed(1)} before, ${x.loadAfter[0]!.toFixed(1)} after.`,
    `Estate: ${fmt(x.estate.units)} units, ${fmt(x.estate.voters.length)} voting holders, each with an owner account and session.`,
    '',
    `Baseline \`${x.base.line}\`: **${fmt(x.base.tps)} TPS** (latency average ${x.base.latencyMs} ms; the machine was ${fmt(x.base.machineShare * 100)} % busy meanwhile, ${fmt(x.base.stealShare * 100, 1)} % of its CPU time stolen by the host). ` +
      `Again after the load, ${x.baseAfter.line}: ${fmt(x.baseAfter.tps)} TPS (machine ${fmt(x.baseAfter.machineShare * 100)} % busy, ${fmt(x.baseAfter.stealShare * 100, 1)} % stolen). The ratios below use the first figure.`,
    '',
    '| run | requests | accepted ballots | accepted/s | % of pgbench | p50 | p90 | p99 | p99 (accepted only) | duplicates refused | other errors | CPU s: server / PostgreSQL / load generator / whole machine (stolen by the host) | per request: statements, transactions, ms planning + execution |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...x.runs.map(
      (r) =>
        `| GONGZHI_DB_POOL=${r.pool} | ${fmt(r.sent)} in ${r.seconds.toFixed(1)} s | ${fmt(r.accepted)} | ${fmt(rate(r))} | ${fmt((rate(r) / x.base.tps) * 100)} % | ${ms(r.latency.p50)} | ${ms(r.latency.p90)} | ${ms(r.latency.p99)} | ${ms(r.acceptedLatency.p99)} | ${r.dupsRefused} / ${r.dupsSent} | ${r.errors.length + r.socketErrors + r.timeouts} | ${r.cpu.server.toFixed(1)} / ${r.cpu.postgres.toFixed(1)} / ${r.cpu.bench.toFixed(1)} / ${r.cpu.machine.toFixed(1)} of ${(r.seconds * os.cpus().length).toFixed(1)} (${r.cpu.stolen.toFixed(1)}) | ${r.queriesPerCast.toFixed(1)}, ${r.commitsPerCast.toFixed(2)}, ${r.dbMsPerCast.toFixed(2)} |`,
    ),
    '',
    `Saturation, best run (pool ${x.best.pool}): **${fmt(rate(x.best))} accepted ballots/s = ${fmt(ratio * 100)} % of pgbench -N** (target ≥ ${TARGET_RATIO * 100} %: ${metRatio ? 'met' : '**missed**'}).`,
    '',
    '| paced run (200 connections) | requests/s offered | requests/s answered | accepted/s | p50 | p90 | p99 | max | duplicates refused | other errors | CPU stolen by the host |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...x.paced.map((r, i) => `| ${r.label} | ${fmt(r.rate)} | ${fmt(r.sent / r.seconds)} | ${fmt(rate(r))} | ${ms(r.latency.p50)} | ${ms(r.latency.p90)} | ${ms(r.latency.p99)} | ${ms(r.latency.max)} | ${r.dupsRefused} / ${r.dupsSent} | ${r.errors.length + r.socketErrors + r.timeouts} | ${fmt((x.pacedStolen[i] ?? 0) * 100, 1)} % |`),
    '',
    `Each paced run starts once the sealer has sealed every ballot cast before it (after the saturation run it is behind: it caught up in ${x.catchUps.map((c) => `${fmt(c)} ms`).join(' and ') || '—'}).`,
    '',
    atTarget
      ? `At the target rate (${fmt(atTarget.rate)} requests/s): ${keptUp(atTarget) ? 'the server kept up' : `**the server did not keep up** (${fmt(atTarget.sent / atTarget.seconds)} answered/s)`}, **p99 ${ms(atTarget.latency.p99)}** (target ≤ ${TARGET_P99_MS} ms: ${metP99 ? 'met' : '**missed**'}).`
      : FIXED_RATE ? 'A fixed-rate comparison (--fixed-rate): no run at the target rate.' : 'No paced run (not enough holders).',
    '',
    `The baseline's own latency at the same rate (70 % of its TPS), paced the same way (\`pgbench -N -R ${fmt(x.pacedBase[0]?.rate ?? 0)}\`, 10 s; latency from each transaction's scheduled time, from pgbench's per-transaction log):`,
    '',
    '| raw PostgreSQL, pgbench -N paced | TPS | p50 | p90 | p99 | max |',
    '|---|---|---|---|---|---|',
    ...x.pacedBase.map((b) => `| ${b.clients} connections | ${fmt(b.tps)} | ${ms(b.p50)} | ${ms(b.p90)} | ${ms(b.p99)} | ${ms(b.max)} |`),
    '',
    `Afterwards: close ${fmt(x.closeMs)} ms (seals what the sealer had not, counts the bundle), bundle download ${fmt(x.bundleMs)} ms,`,
    `recount ${fmt(x.recountMs)} ms; ${fmt(x.bundleBallots)} ballots in the bundle = ${fmt(x.totalAccepted)} accepted casts × 2 motions` +
      ` (${fmt(x.totalAccepted - x.cutOff)} acknowledged with 201, ${fmt(x.cutOff)} committed while a time bound cut the load off before their reply),` +
      ` participated holders per motion = ${fmt(x.totalAccepted)}, chain head = the published head: ${x.correct ? '**consistent**' : '**INCONSISTENT (see the bench output)**'}.`,
    '',
    `Statements of the best run by calls (pg_stat_statements, reset after the warm-up; sealer and refusals included):`,
    '',
    '| calls | mean ms (plan + execute) | statement |',
    '|---|---|---|',
    ...x.best.top.map((t) => `| ${fmt(t.calls)} | ${t.meanMs.toFixed(3)} | \`${t.query.replace(/\|/g, '\\|').replace(/`/g, "'")}\` |`),
    '',
  ];
  return lines.join('\n');
}

const ANALYSIS_MARK = '<!-- vote-load: hand-written analysis below is kept when the bench rewrites the figures above -->';

/**
 * Replaces the section in docs/benchmarks.md (or appends it), leaving the rest of the file as it
 * is; inside the section, whatever follows ANALYSIS_MARK (the written analysis) is kept.
 */
function writeSection(section: string): void {
  const file = path.join(root, 'docs/benchmarks.md');
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf('## Vote load (issue 4)');
  if (start < 0) {
    writeFileSync(file, `${text.replace(/\n*$/, '\n\n')}${section}`);
    return;
  }
  const next = text.slice(start + 3).search(/\n## /);
  const end = next < 0 ? text.length : start + 3 + next + 1;
  const old = text.slice(start, end);
  const mark = old.indexOf(ANALYSIS_MARK);
  const kept = mark < 0 ? '' : `\n${old.slice(mark).replace(/\n*$/, '\n')}`;
  writeFileSync(file, text.slice(0, start) + section + kept + (end < text.length ? `\n${text.slice(end)}` : ''));
}

await main();
