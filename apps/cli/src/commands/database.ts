import { EXIT, type CliIO } from '../io';
import { UsageError } from '../args';
import type { Config } from '@gongzhi/server';

/** The server's configuration from `env`; a bad setting is a usage error of the command (exit 2). */
export async function loadCliConfig(name: string, env: NodeJS.ProcessEnv, io: CliIO): Promise<Config | number> {
  // loaded here, not at the top: other commands (recount) must not pay for the server
  const { ConfigError, loadConfig } = await import('@gongzhi/server');
  try {
    return loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      io.err(`gongzhi ${name}: ${e.message}\n`);
      return EXIT.usage;
    }
    throw e;
  }
}

/** Opens the platform's database (PGlite in --data / GONGZHI_DATA_DIR, or DATABASE_URL). */
export async function withDatabase<T>(name: string, env: NodeJS.ProcessEnv, io: CliIO, run: (db: import('@gongzhi/db').Kysely<import('@gongzhi/db').DB>) => Promise<T>): Promise<T | number> {
  const config = await loadCliConfig(name, env, io);
  if (typeof config === 'number') return config;
  const { openPlatformDatabase } = await import('@gongzhi/server');
  const database = await openPlatformDatabase(config);
  try {
    return await run(database.db);
  } finally {
    await database.close();
  }
}

export function usageError(name: string, usage: string, io: CliIO, e: unknown): number {
  if (e instanceof UsageError) {
    io.err(`gongzhi ${name}: ${e.message}\n\n${usage}\n`);
    return EXIT.usage;
  }
  throw e;
}

