import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyError } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { DB, DatabaseKind, Kysely } from '@gongzhi/db';
import type { Config } from './config';
import { AppError } from './errors';
import { SESSION_COOKIE, SessionStore, safeEqual, sha256 } from './auth/sessions';
import type { AuthContext } from './auth/context';
import type { OtpChannel } from './auth/otp-channels';
import { authRoutes } from './routes/auth';
import { healthRoutes } from './routes/health';
import { calendarRoutes } from './routes/calendar';
import { jurisdictionRoutes } from './routes/jurisdictions';
import { estateRoutes } from './routes/estates';
import { unitRoutes } from './routes/units';
import { claimRoutes } from './routes/claims';
import { noticeRoutes } from './routes/notices';
import { auditRoutes } from './routes/audit';
import { importRoutes } from './routes/imports';
import { meetingRoutes } from './routes/meetings';
import { coOwnerRoutes } from './routes/co-owners';
import type { AssemblyService } from './assembly/service';
import type { ImportJobs } from './registry/import-jobs';

export interface AppDeps {
  db: Kysely<DB>;
  dbKind: DatabaseKind;
  config: Config;
  sessions: SessionStore;
  otpChannel: OtpChannel;
  /** key of the ID-number hash */
  idKey: string;
  /** an argon2 hash to verify against when a user name is unknown (constant-time sign-in) */
  dummyHash: string;
  imports: ImportJobs;
  /** assembly meetings: clock, sealer, print jobs */
  assembly: AssemblyService;
  version: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route checks the session and the CSRF token itself, in its database statement (the
     * online cast: cast_online_batch): the request hook does not load the session, and
     * req.auth.account stays null. The route must refuse a request without both tokens.
     */
    sessionInCast?: boolean;
  }
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.config.logLevel === 'silent' ? false : { level: deps.config.logLevel, redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'] },
    genReqId: () => randomUUID(),
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: true,
  });
  // zod validates (http/route.ts); the JSON schemas only feed the OpenAPI document.
  app.setValidatorCompiler(() => () => true);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError('RATE_LIMITED').toBody(),
  });
  await app.register(multipart, { limits: { fileSize: deps.config.maxUploadBytes, files: 1, fields: 20 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Gongzhi 共治 API', version: deps.version, description: 'Owners\' self-governance platform. Errors: { error: { code, messageZh, messageEn, field?, issues? } }' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.decorateRequest('auth', null as unknown as AuthContext);
  app.addHook('onRequest', async (req) => {
    const auth: AuthContext = { account: null, grants: [], csrfToken: null, sessionHash: null, ip: req.ip, requestId: String(req.id) };
    req.auth = auth;
    // a route that checks the session and CSRF token in its own statement (the online cast)
    if (req.routeOptions.config.sessionInCast) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token && req.url.startsWith('/api/')) {
      const session = await deps.sessions.load(token);
      if (session) {
        auth.account = session.account;
        auth.grants = session.grants;
        auth.csrfToken = session.csrfToken;
        auth.sessionHash = sha256(token);
      }
    }
    if (!SAFE_METHODS.has(req.method) && req.url.startsWith('/api/')) {
      if (auth.account) {
        const header = req.headers['x-csrf-token'];
        if (typeof header !== 'string' || !auth.csrfToken || !safeEqual(header, auth.csrfToken)) throw new AppError('CSRF_FAILED');
      } else {
        // Without a session only JSON is accepted: a cross-site form cannot send it.
        const type = req.headers['content-type'] ?? '';
        if (req.headers['content-length'] !== '0' && type && !type.startsWith('application/json')) throw new AppError('CSRF_FAILED');
      }
    }
  });

  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) {
      if (err.status >= 500) req.log.error({ err }, 'app error');
      return reply.status(err.status).send(err.toBody(String(req.id)));
    }
    const status = (err as FastifyError).statusCode ?? 500;
    const code = (err as FastifyError).code;
    let mapped: AppError;
    // A database constraint refused the change (unique, exclusion): a conflict, not a crash.
    if (code === '23505' || code === '23P01') mapped = new AppError('CONFLICT');
    else if (status === 413 || code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT') mapped = new AppError('FILE_TOO_LARGE');
    else if (status === 429) mapped = new AppError('RATE_LIMITED');
    else if (status === 415 || code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') mapped = new AppError('UNSUPPORTED_FILE');
    else if (status >= 400 && status < 500) mapped = new AppError('BAD_REQUEST', { messageEn: err.message });
    else {
      req.log.error({ err }, 'unhandled error');
      mapped = new AppError('INTERNAL');
    }
    return reply.status(mapped.status).send(mapped.toBody(String(req.id)));
  });

  healthRoutes(app, deps);
  calendarRoutes(app, deps);
  authRoutes(app, deps);
  jurisdictionRoutes(app, deps);
  estateRoutes(app, deps);
  unitRoutes(app, deps);
  importRoutes(app, deps);
  claimRoutes(app, deps);
  noticeRoutes(app, deps);
  auditRoutes(app, deps);
  meetingRoutes(app, deps);
  coOwnerRoutes(app, deps);

  const webDir = deps.config.webDir ?? findWebDir();
  if (webDir) {
    await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !webDir || req.method !== 'GET') {
      return reply.status(404).send(new AppError('NOT_FOUND').toBody(String(req.id)));
    }
    return reply.type('text/html').sendFile('index.html');
  });
  return app;
}

/** apps/web/dist, found from the repository root (works from sources and from the CLI bundle). */
export function findWebDir(): string | undefined {
  let dir = process.cwd();
  const here = typeof import.meta.dirname === 'string' ? import.meta.dirname : dir;
  for (const start of [here, dir]) {
    dir = start;
    for (let i = 0; i < 6; i++) {
      const candidate = path.join(dir, 'apps/web/dist');
      if (existsSync(path.join(candidate, 'index.html'))) return candidate;
      dir = path.dirname(dir);
    }
  }
  return undefined;
}
