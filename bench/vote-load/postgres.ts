// A throwaway PostgreSQL cluster for the benchmark, started as scripts/with-postgres.sh does
// (PostgreSQL refuses to run as root: as the postgres user then), on 127.0.0.1 only.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface Cluster {
  port: number;
  bindir: string;
  dataDir: string;
  version: string;
  /** where clients connect: 127.0.0.1 over TCP, or the directory of the cluster's Unix socket */
  host: string;
  url(database: string): string;
  stop(): void;
}

export async function freePort(): Promise<number> {
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

function findBindir(): string {
  for (const v of [15, 16, 17, 18]) {
    const dir = `/usr/lib/postgresql/${v}/bin`;
    if (existsSync(path.join(dir, 'initdb'))) return dir;
  }
  throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql (apt-get install -y postgresql)');
}

const isRoot = process.getuid?.() === 0;

function postgresUid(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

function asPg(cmd: string, args: string[]): void {
  const r = isRoot ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8' }) : spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} failed (${r.status}): ${r.stderr || r.stdout}`);
}

/**
 * initdb + pg_ctl start with the settings of scripts/with-postgres.sh (max_connections=300,
 * fsync=on, everything else default) but shared_buffers=2GB (PostgreSQL's default 128 MB is less
 * than the working set of a 150,000-unit estate: backends then wait on buffer I/O and mapping;
 * the documentation's starting point for a server is a quarter of its memory, here 24 GB; pgbench
 * runs on the same cluster), plus pg_stat_statements to count the queries of a cast.
 * `unixSocket`: clients connect through the socket in the cluster's folder, as a server on the
 * same machine would (the default of the bench); otherwise over TCP on 127.0.0.1.
 */
export async function startCluster(log: (m: string) => void, unixSocket = false): Promise<Cluster> {
  const bindir = findBindir();
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gongzhi-vote-load-pg-'));
  if (isRoot) {
    const { uid, gid } = postgresUid();
    chownSync(dir, uid, gid);
  }
  asPg(path.join(bindir, 'initdb'), ['-D', `${dir}/data`, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=on -c shared_buffers=2GB -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_planning=on${process.env.BENCH_PG_OPTIONS ? ` ${process.env.BENCH_PG_OPTIONS}` : ""}`;
  const ctl = [path.join(bindir, 'pg_ctl'), '-D', `${dir}/data`, '-l', `${dir}/pg.log`, '-w', '-o', options, 'start'];
  const sched = process.env.BENCH_PG_SCHED; // diagnosis: 'batch' (chrt -b 0) or a nice value for the whole cluster
  if (sched === 'batch') asPg('chrt', ['-b', '0', ...ctl]);
  else if (sched) asPg('nice', ['-n', sched, ...ctl]);
  else asPg(ctl[0]!, ctl.slice(1));
  const version = /(\d+\.\d+)/.exec(execFileSync(path.join(bindir, 'postgres'), ['--version'], { encoding: 'utf8' }))?.[1] ?? '?';
  log(`PostgreSQL ${version} on port ${port} (${dir}; clients connect ${unixSocket ? "through its Unix socket" : "over TCP on 127.0.0.1"})`);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      asPg(path.join(bindir, 'pg_ctl'), ['-D', `${dir}/data`, '-m', 'immediate', '-w', 'stop']);
    } catch {
      /* already gone */
    }
    if (process.env.BENCH_PG_LOG) copyFileSync(`${dir}/pg.log`, process.env.BENCH_PG_LOG);
    rmSync(dir, { recursive: true, force: true });
  };
  const host = unixSocket ? dir : '127.0.0.1';
  const url = (db: string) => (unixSocket ? `postgres://postgres@localhost:${port}/${db}?host=${encodeURIComponent(dir)}` : `postgres://postgres@127.0.0.1:${port}/${db}`);
  return { port, bindir, dataDir: `${dir}/data`, version, host, url, stop };
}
