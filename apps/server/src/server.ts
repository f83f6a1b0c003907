import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import type { Config } from './config';
import { createDeps, openPlatformDatabase } from './platform';
import { isEmpty, seedDemo } from './demo/seed';
import { sql } from '@gongzhi/db';
import { loadHolidayYears } from './calendar';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

/**
 * Opens the database (migrating it), loads the demo city into an empty database in demo mode,
 * and listens. Closes cleanly on SIGINT/SIGTERM when `handleSignals` is set.
 */
export async function startServer(config: Config, options: { handleSignals?: boolean; log?: (m: string) => void } = {}): Promise<RunningServer> {
  const log = options.log ?? ((m: string) => console.log(m));
  const database = await openPlatformDatabase(config);
  log(`gongzhi: database ${database.kind} at ${database.location}`);
  const deps = await createDeps(database, config, log);
  await deps.imports.markInterrupted();
  if (config.demo && (await isEmpty(database.db))) {
    log('gongzhi: empty database in demo mode: loading the demo city (演示市)…');
    const t0 = Date.now();
    await seedDemo(deps, { log });
    log(`gongzhi: demo city loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  // PGlite runs no autovacuum: refresh the planner's statistics at start and every 15 minutes,
  // so that queries keep their plans as the data grow (PostgreSQL does this by itself).
  let analyzer: NodeJS.Timeout | undefined;
  if (database.kind === 'pglite') {
    await sql`analyze`.execute(database.db);
    analyzer = setInterval(() => {
      sql`analyze`.execute(database.db).catch((e: unknown) => log(`gongzhi: analyze failed: ${String(e)}`));
    }, 15 * 60_000);
    analyzer.unref();
  }
  // holiday notices added with `gongzhi calendar add` while the server runs (on PostgreSQL)
  const calendarRefresh = setInterval(() => {
    loadHolidayYears(database.db).then(
      (years) => years.length > 0 && log(`gongzhi: holiday calendar: added years ${years.join(', ')} loaded`),
      (e: unknown) => log(`gongzhi: loading the holiday calendar failed: ${String(e)}`),
    );
  }, 15 * 60_000);
  calendarRefresh.unref();
  // ballots a crash left unsealed are chained now; meetings open and close on time from here on
  await deps.assembly.sealer.sealOpenMeetings();
  deps.assembly.startMeetingClock(config.meetingClockSeconds);
  if (deps.assembly.clock.controllable) log(`gongzhi: TEST CLOCK in use (GONGZHI_TEST_CLOCK), now ${deps.assembly.clock.now().toISOString()} — never in production`);
  const app = await buildApp(deps);
  const address = await app.listen({ port: config.port, host: config.host });
  const url = `http://localhost:${config.port}`;
  log(`gongzhi: listening on ${address} — open ${url}${config.demo ? ' (demo mode: one-click sign-in on the login page)' : ''}`);
  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      clearInterval(analyzer);
      clearInterval(calendarRefresh);
      await app.close();
      await deps.assembly.stop();
      await database.close();
    })();
    return closing;
  };
  if (options.handleSignals) {
    const onSignal = (sig: string) => {
      log(`gongzhi: ${sig}, shutting down`);
      close().then(() => process.exit(0), () => process.exit(1));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  return { app, url, close };
}
