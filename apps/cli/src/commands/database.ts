import { EXIT, type CliIO } from '../io';
import { UsageError } from '../args';

/** Opens the platform's database (PGlite in --data / GONGZHI_DATA_DIR, or DATABASE_URL). */
export async function withDatabase<T>(name: string, env: NodeJS.ProcessEnv, io: CliIO, run: (db: import('@gongzhi/db').Kysely<import('@gongzhi/db').DB>) => Promise<T>): Promise<T | number> {
  const { ConfigError, loadConfig, openPlatformDatabase } = await import('@gongzhi/server');
  let config;
  try {
    config = loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      io.err(`gongzhi ${name}: ${e.message}\n`);
      return EXIT.usage;
    }
    throw e;
  }
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

