// vote-load --probe: a separate process (so it does not share the load generator's event loop)
// that samples PostgreSQL's pg_stat_activity every 25 ms. On SIGUSR2 it prints, on stdout, one
// line `wait-sampler {...}` about the samples since the last SIGUSR2 and starts afresh:
// - waits: per wait event (or "CPU" for an active backend waiting on nothing), backend-samples;
// - busy: the 100-ms slots in which 3 or more client backends waited on the same non-CPU
//   event (when the stalls were, relative to the first sample, and on what);
// - maintenance: what autovacuum workers ran, and whether a checkpoint was in progress.
//   node bench/vote-load/wait-sampler.mjs DATABASE_URL
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
async function sample() {
  const at = performance.now() - t0;
  const { rows } = await client.query(query);
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
}
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
  process.stdout.write(`wait-sampler ${JSON.stringify({ samples, waits: Object.fromEntries(top), busy: busy.slice(0, 40), maintenance: { autovacuum: Object.fromEntries(vacuums), checkpointerBusySamples: checkpointSamples } })}\n`);
  t0 = performance.now();
  waits = new Map();
  slots = new Map();
  vacuums = new Map();
  checkpointSamples = 0;
  samples = 0;
});
process.on('SIGTERM', async () => {
  stopped = true;
  await client.end().catch(() => {});
  process.exit(0);
});
