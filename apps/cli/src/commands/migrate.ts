import { EXIT, type Command } from '../io';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: '执行数据库迁移 apply the SQL migrations',
  usage: `gongzhi migrate

Applies every SQL migration not applied yet to the platform database (PGlite in ./data or
GONGZHI_DATA_DIR; PostgreSQL with DATABASE_URL). The server also does this at start.`,
  async run(args, io) {
    if (args.length) {
      io.err(`gongzhi migrate: unexpected arguments\n${this.usage}\n`);
      return EXIT.usage;
    }
    const { migrate, openDatabase } = await import('@gongzhi/db');
    const { ConfigError, loadConfig } = await import('@gongzhi/server');
    let config;
    try {
      config = loadConfig(io.env);
    } catch (e) {
      if (e instanceof ConfigError) {
        io.err(`gongzhi migrate: ${e.message}\n`);
        return EXIT.usage;
      }
      throw e;
    }
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const applied = await migrate(database.db);
      io.out(applied.length ? `已应用 applied: ${applied.join(', ')}\n` : '数据库已是最新 database is up to date\n');
      return EXIT.ok;
    } finally {
      await database.close();
    }
  },
};
