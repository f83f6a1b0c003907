import { z } from 'zod';

/**
 * The server's configuration, read from the environment once at start and validated. A bad
 * value stops the process with a readable list of every problem.
 */
const Env = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  GONGZHI_DATA_DIR: z.string().default('data'),
  /** demo mode: demo city on an empty database, one-click sign-in, OTP codes on screen */
  GONGZHI_DEMO: z.enum(['1', '0', 'true', 'false']).optional(),
  /** POST target of the OTP webhook channel (a real SMS gateway adapter) */
  GONGZHI_OTP_WEBHOOK_URL: z.string().url().optional(),
  /** shared secret to sign webhook bodies (HMAC-SHA256, header x-gongzhi-signature) */
  GONGZHI_OTP_WEBHOOK_SECRET: z.string().min(16).optional(),
  /** key for the ID-number hash; by default a random key kept in the database's settings */
  GONGZHI_ID_KEY: z.string().min(32).optional(),
  GONGZHI_COOKIE_SECURE: z.enum(['1', '0', 'true', 'false']).optional(),
  GONGZHI_WEB_DIR: z.string().optional(),
  GONGZHI_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
  GONGZHI_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(200).default(30),
  /** the address owners reach the platform at, for links and QR codes in notices and ballots */
  GONGZHI_PUBLIC_URL: z.string().url().optional(),
  /** seconds between checks that open and close meetings on time; 0 = only by hand */
  GONGZHI_MEETING_CLOCK_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  /** TESTS ONLY: run the server on a movable clock starting at this instant (POST /api/test/clock) */
  GONGZHI_TEST_CLOCK: z.string().datetime({ offset: true }).optional(),
  /** PostgreSQL pool size */
  GONGZHI_DB_POOL: z.coerce.number().int().min(1).max(500).optional(),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  otpWebhookUrl: string | undefined;
  otpWebhookSecret: string | undefined;
  idKey: string | undefined;
  cookieSecure: boolean;
  webDir: string | undefined;
  logLevel: z.infer<typeof Env>['GONGZHI_LOG_LEVEL'];
  maxUploadBytes: number;
  publicUrl: string;
  meetingClockSeconds: number;
  /** tests only: the start of a movable clock */
  testClockStart: Date | undefined;
  dbPoolSize: number | undefined;
}

const truthy = (v: string | undefined): boolean | undefined => (v === undefined ? undefined : v === '1' || v === 'true');

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Demo mode is on by default on the embedded database and never on by default with
 * DATABASE_URL (a real deployment): there it must be asked for explicitly.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  // An empty variable (DATABASE_URL=) counts as unset, as in most shells' conventions.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const demo = truthy(e.GONGZHI_DEMO) ?? !e.DATABASE_URL;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.GONGZHI_DATA_DIR,
    demo,
    otpWebhookUrl: e.GONGZHI_OTP_WEBHOOK_URL,
    otpWebhookSecret: e.GONGZHI_OTP_WEBHOOK_SECRET,
    idKey: e.GONGZHI_ID_KEY,
    cookieSecure: truthy(e.GONGZHI_COOKIE_SECURE) ?? false,
    webDir: e.GONGZHI_WEB_DIR,
    logLevel: e.GONGZHI_LOG_LEVEL,
    maxUploadBytes: e.GONGZHI_MAX_UPLOAD_MB * 1024 * 1024,
    publicUrl: (e.GONGZHI_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    meetingClockSeconds: e.GONGZHI_MEETING_CLOCK_SECONDS,
    testClockStart: e.GONGZHI_TEST_CLOCK ? new Date(e.GONGZHI_TEST_CLOCK) : undefined,
    dbPoolSize: e.GONGZHI_DB_POOL,
    ...overrides,
  };
}
