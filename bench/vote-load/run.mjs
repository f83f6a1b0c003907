// The vote-load benchmark (issue 4): ballots through the HTTP API of `gongzhi serve` on a
// throwaway PostgreSQL 15, against pgbench -N on the same cluster; then close, bundle, recount.
//   node bench/vote-load/run.mjs [--pools 16,32] [--seconds 20] [--buildings 48] [--connections 200]
//                                [--rate N] [--fixed-rate N] [--pgbench-seconds 20] [--no-build] [--no-write] [--profile] [--probe]
//                                [--ab "|--single-threaded-gc" [--ab-rounds 3]]   (A/B of server settings; DEVELOPERS.md)
// Runs bench.ts with tsx (the server's sources in-process for the set-up; raw-hooks.mjs lets Node
// load the SQL migrations as text, as Vite and esbuild do).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', path.join(here, 'raw-hooks.mjs'), path.join(here, 'bench.ts'), ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: path.resolve(here, '../..'),
  timeout: 30 * 60_000, // an --ab run with several variants and rounds takes longer than the usual 4-6 minutes
});
process.exit(r.status ?? 1);
