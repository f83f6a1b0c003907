import { randomBytes } from 'node:crypto';
import { hash as argonHash } from '@node-rs/argon2';
import { inTransaction, migrate, openDatabase, type Database, type DB, type Kysely } from '@gongzhi/db';
import type { Config } from './config';
import { loadHolidayYears } from './calendar';
import { SessionStore } from './auth/sessions';
import { ScreenChannel, WebhookChannel, type OtpChannel } from './auth/otp-channels';
import { ImportJobs } from './registry/import-jobs';
import type { AppDeps } from './app';
import { AssemblyService } from './assembly/service';
import { TestClock, systemClock } from './assembly/clock';

export const VERSION = '0.1.0';

/** The key of the ID-number hash: from the environment, else generated once and kept in settings. */
export async function ensureIdKey(db: Kysely<DB>, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  return inTransaction(db, async (trx) => {
    const row = await trx.selectFrom('settings').select('value').where('key', '=', 'id_hash_key').executeTakeFirst();
    if (row) return row.value;
    const value = randomBytes(32).toString('hex');
    await trx.insertInto('settings').values({ key: 'id_hash_key', value }).onConflict((oc) => oc.column('key').doNothing()).execute();
    const again = await trx.selectFrom('settings').select('value').where('key', '=', 'id_hash_key').executeTakeFirstOrThrow();
    return again.value;
  });
}

export function otpChannelFor(config: Config, log: (m: string) => void): OtpChannel {
  if (config.otpWebhookUrl) return new WebhookChannel(config.otpWebhookUrl, config.otpWebhookSecret);
  if (config.demo) return new ScreenChannel(log);
  return {
    name: 'webhook',
    async message() {
      return false; // no channel configured: reminders stay in-app
    },
    async deliver() {
      const { AppError } = await import('./errors');
      throw new AppError('OTP_DELIVERY_FAILED', {
        messageZh: '未配置短信通道（GONGZHI_OTP_WEBHOOK_URL），无法发送验证码',
        messageEn: 'No SMS channel is configured (GONGZHI_OTP_WEBHOOK_URL); codes cannot be sent',
      });
    },
  };
}

/** Opens the database (PGlite by default, PostgreSQL with DATABASE_URL) and applies migrations. */
export async function openPlatformDatabase(config: Config, extra: { loadDataDir?: Blob } = {}): Promise<Database> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    loadDataDir: extra.loadDataDir,
    poolSize: config.dbPoolSize,
    onPoolError: (err) => console.error(`gongzhi: a PostgreSQL connection failed and was dropped: ${err.message}`),
  });
  await migrate(database.db);
  return database;
}

/** Everything the HTTP app and the CLI commands need, on an open database. */
export async function createDeps(database: Database, config: Config, log: (m: string) => void = (m) => console.log(m)): Promise<AppDeps> {
  const idKey = await ensureIdKey(database.db, config.idKey);
  // holiday notices an operator added (gongzhi calendar add): statutory clocks need them
  const years = await loadHolidayYears(database.db);
  if (years.length > 0) log(`gongzhi: holiday calendar: added years ${years.join(', ')} loaded from the database`);
  const dummyHash = await argonHash(randomBytes(16).toString('hex'));
  return {
    db: database.db,
    dbKind: database.kind,
    config,
    sessions: new SessionStore(database.db),
    otpChannel: otpChannelFor(config, log),
    idKey,
    dummyHash,
    imports: new ImportJobs(database.db, idKey),
    assembly: new AssemblyService(database.db, config.testClockStart ? new TestClock(config.testClockStart) : systemClock, log),
    version: VERSION,
  };
}
