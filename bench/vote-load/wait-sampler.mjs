// vote-load --probe: a separate process (so it does not share the load generator's event loop)
// that samples PostgreSQL's pg_stat_activity every 25 ms. On SIGUSR2 it prints, on stdout, one
// line `wait-sampler {...}` about the samples since the last SIGUSR2 and starts afresh:
// - waits: per wait event (or "CPU" for an active backend waiting on nothing), backend-samples;
// - busy: the 100-ms slots in which 3 or more client backends waited on the same non-CPU
//   event (when the stalls were, relative to the first sample, and on what);
// - maintenance: what autovacuum workers ran, and whether a checkpoint was in progress;
// - pressure: the 100-ms slots in which the kernel saw tasks waiting long for CPU or I/O (PSI).
// - cpu: around those slots, CPU ms per 100 ms of the machine and of each PID=NAME given.
//   node bench/vote-load/wait-sampler.mjs DATABASE_URL [PID=NAME ...]
import pg from 'pg';

const client = new pg.Client({ connectionString: process.argv[2] });
await client.connect();
let t0 = performance.now();
let waits = new Map();
let slots = new Map();
let vacuums = new Map();
let checkpointSamples = 0;
let samples = 0;
const query = `select backend_type, coalesce(wait_event_type, 'CPU') as type, coalesce(wait_event, '') as event,
  case when backend_type = 'autovacuum worker' then left(query, 80) else '' end as q
  from pg_stat_activity where pid <> pg_backend_pid() and (state = 'active' or backend_type <> 'client backend')`;

const add = (m, k, n = 1) => m.set(k, (m.get(k) ?? 0) + n);
// the kernel's pressure stall information (PSI): µs in which some task waited for CPU / I/O
import { readFileSync } from 'node:fs';
const psi = () => {
  const read = (what) => {
    try {
      return Number(/^some .*total=(\d+)/m.exec(readFileSync(`/proc/pressure/${what}`, 'utf8'))?.[1] ?? 0);
    } catch {
      return 0;
    }
  };
  return { cpu: read('cpu'), io: read('io') };
};
let lastPsi = psi();
let psiSlots = new Map();
// CPU per 100-ms slot (ms) of the processes named on the command line (pid=name), of the whole
// machine, and of PostgreSQL and everything else as the difference
const watched = process.argv.slice(3).map((a) => ({ pid: Number(a.split('=')[0]), name: a.split('=')[1] }));
const TICK_MS = 10; // USER_HZ 100
const procTicks = (pid) => {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(f[11]) + Number(f[12]); // utime + stime
  } catch {
    return 0;
  }
};
const machineTicks = () => readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1, 9).map(Number).reduce((a, b, i) => (i === 3 || i === 4 ? a : a + b), 0);
let lastCpu = { machine: machineTicks(), ...Object.fromEntries(watched.map((w) => [w.name, procTicks(w.pid)])) };
let cpuSlots = new Map();
// every process's CPU, per 100-ms slot: the top three of each slot (by command name)
import { readdirSync } from 'node:fs';
const allTicks = () => {
  const m = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const raw = readFileSync(`/proc/${d}/stat`, 'utf8');
      const comm = raw.slice(raw.indexOf('(') + 1, raw.lastIndexOf(')'));
      const f = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
      m.set(`${comm}:${d}`, Number(f[11]) + Number(f[12]));
    } catch {
      /* gone */
    }
  }
  return m;
};
let lastAll = allTicks();
let topSlots = new Map();
let backlogSlots = new Map();
async function sample() {
  const at = performance.now() - t0;
  const { rows } = await client.query(query);
  if (samples % 4 === 0) {
    // the sealer's backlog: ballot ids drawn but not yet below the chain's sealed_through
    const b = await client.query('select (select last_value from ballots_id_seq) - (select max(sealed_through) from meeting_chains) as n').catch(() => null);
    if (b) backlogSlots.set(Math.floor(at / 100), Number(b.rows[0].n));
  }
  samples += 1;
  const slot = Math.floor(at / 100);
  const perEvent = new Map();
  for (const r of rows) {
    const ev = r.type === 'CPU' ? 'CPU' : `${r.type}:${r.event}`;
    if (r.backend_type === 'client backend') {
      add(waits, ev);
      if (ev !== 'CPU') add(perEvent, ev);
    } else if (r.backend_type === 'autovacuum worker') add(vacuums, r.q);
    else if (r.backend_type === 'checkpointer' && r.type !== 'Activity') checkpointSamples += 1;
  }
  for (const [ev, n] of perEvent) if (n >= 3) slots.set(slot, `${ev}×${n}`);
  const now = psi();
  const d = { cpu: (now.cpu - lastPsi.cpu) / 1000, io: (now.io - lastPsi.io) / 1000 };
  lastPsi = now;
  const prev = psiSlots.get(slot) ?? { cpu: 0, io: 0 };
  psiSlots.set(slot, { cpu: prev.cpu + d.cpu, io: prev.io + d.io });
  const cpuNow = { machine: machineTicks(), ...Object.fromEntries(watched.map((w) => [w.name, procTicks(w.pid)])) };
  const slotCpu = cpuSlots.get(slot) ?? {};
  for (const k of Object.keys(cpuNow)) slotCpu[k] = (slotCpu[k] ?? 0) + (cpuNow[k] - lastCpu[k]) * TICK_MS;
  cpuSlots.set(slot, slotCpu);
  lastCpu = cpuNow;
  if (samples % 4 === 0) {
    const all = allTicks();
    const by = new Map();
    for (const [k, t] of all) {
      const dt = t - (lastAll.get(k) ?? t);
      if (dt > 0) {
        const name = k.replace(/:\d+$/, '');
        by.set(name, (by.get(name) ?? 0) + dt * TICK_MS);
      }
    }
    lastAll = all;
    topSlots.set(slot, [...by].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([n, ms]) => `${n} ${ms}`).join(' '));
  }
}
process.stdout.write('wait-sampler ready\n');
let stopped = false;
(async () => {
  while (!stopped) {
    const t = performance.now();
    try {
      await sample();
    } catch (e) {
      process.stderr.write(`wait-sampler: ${e.message}\n`);
    }
    await new Promise((r) => setTimeout(r, Math.max(0, 25 - (performance.now() - t))));
  }
})();
process.on('SIGUSR2', () => {
  const top = [...waits].sort((a, b) => b[1] - a[1]).slice(0, 8);
  const busy = [...slots].sort((a, b) => a[0] - b[0]).map(([s, w]) => `${(s / 10).toFixed(1)}s ${w}`);
  // the 100-ms slots in which some task waited for the CPU more than 95 ms or for I/O more than 20 ms
  const pressure = [...psiSlots].filter(([, v]) => v.cpu > 95 || v.io > 20).sort((a, b) => a[0] - b[0]).map(([sl, v]) => `${(sl / 10).toFixed(1)}s cpu ${Math.round(v.cpu)} io ${Math.round(v.io)}`);
  // CPU ms per slot around the pressure: who took the machine
  const hot = new Set([...psiSlots].filter(([, v]) => v.cpu > 95 || v.io > 20).flatMap(([sl]) => [sl - 2, sl - 1, sl, sl + 1]));
  const cpu = [...cpuSlots].filter(([sl]) => hot.has(sl)).sort((a, b) => a[0] - b[0]).map(([sl, v]) => `${(sl / 10).toFixed(1)}s ${Object.entries(v).map(([k, ms]) => `${k} ${Math.round(ms)}`).join(' ')}${topSlots.has(sl) ? ` [${topSlots.get(sl)}]` : ''}`);
  const backlogMax = Math.max(0, ...backlogSlots.values());
  const backlog = [...backlogSlots].filter(([sl]) => hot.has(sl)).sort((a, b) => a[0] - b[0]).map(([sl, n]) => `${(sl / 10).toFixed(1)}s ${n}`);
  process.stdout.write(`wait-sampler ${JSON.stringify({ samples, sealerBacklog: { max: backlogMax, aroundPressure: backlog }, waits: Object.fromEntries(top), busy: busy.slice(0, 40), pressure: pressure.slice(0, 40), cpu: cpu.slice(0, 40), maintenance: { autovacuum: Object.fromEntries(vacuums), checkpointerBusySamples: checkpointSamples } })}\n`);
  t0 = performance.now();
  waits = new Map();
  slots = new Map();
  psiSlots = new Map();
  cpuSlots = new Map();
  topSlots = new Map();
  backlogSlots = new Map();
  vacuums = new Map();
  checkpointSamples = 0;
  samples = 0;
});
process.on('SIGTERM', async () => {
  stopped = true;
  await client.end().catch(() => {});
  process.exit(0);
});
