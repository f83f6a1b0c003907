import type { FastifyReply, FastifyInstance } from 'fastify';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { DemoAccounts, DemoLoginBody, LoginBody, Me, OtpRequestBody, OtpRequestReply, OtpVerifyBody, ownerDefaultName, roleNames, type Role } from '@gongzhi/contracts';
import { inTransaction, writeAudit } from '@gongzhi/db';
import { AppError } from '../errors';
import { route } from '../http/route';
import type { AppDeps } from '../app';
import { consumeOtp, issueOtp, OTP_RESEND_SECONDS, OTP_TTL_SECONDS } from '../auth/otp';
import { loadGrants, SESSION_COOKIE, sha256 } from '../auth/sessions';
import type { AuthContext, Grant, SessionAccount } from '../auth/context';
import { maskPhone } from '../privacy/mask';
import { scopeNames } from '../usecases/scope-names';

export const hashPassword = (password: string) => argonHash(password);

async function presentMe(deps: AppDeps, account: SessionAccount, grants: Grant[], csrfToken: string) {
  const names = await scopeNames(deps.db, grants);
  return Me.parse({
    account: { id: account.id, kind: account.kind, displayName: account.displayName, phoneMasked: maskPhone(account.phone), username: account.username },
    roles: grants.map((g) => ({
      role: g.role,
      scope: g.estateId !== null ? 'estate' : g.jurisdictionId !== null ? 'jurisdiction' : 'platform',
      scopeId: g.estateId ?? g.jurisdictionId,
      scopeName: names.get(g) ?? '',
    })),
    csrfToken,
  });
}

function setSessionCookie(deps: AppDeps, reply: FastifyReply, token: string, expires: Date) {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.config.cookieSecure, expires });
}

/** Opens a session for an account and answers with Me; writes the sign-in to the audit log. */
async function signIn(deps: AppDeps, reply: FastifyReply, auth: AuthContext, accountId: number, method: string) {
  const { token, csrfToken, expires } = await inTransaction(deps.db, async (trx) => {
    const s = await deps.sessions.create(trx, accountId);
    await writeAudit(trx, { actorId: accountId, action: 'auth.sign_in', entity: 'account', entityId: accountId, after: { method }, ip: auth.ip, requestId: auth.requestId });
    return s;
  });
  setSessionCookie(deps, reply, token, expires);
  const loaded = await deps.sessions.load(token);
  if (!loaded) throw new AppError('INTERNAL');
  return presentMe(deps, loaded.account, loaded.grants, csrfToken);
}

export function authRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db, config } = deps;

  route(app, {
    method: 'POST', url: '/api/auth/otp/request', summary: 'Send a one-time sign-in code to a phone', tags: ['auth'], auth: false,
    body: OtpRequestBody, reply: OtpRequestReply, rateLimit: { max: 20, timeWindow: '1 hour' },
    async handler({ body }) {
      const code = await inTransaction(db, (trx) => issueOtp(trx, body.phone));
      const delivered = await deps.otpChannel.deliver(body.phone, code, OTP_TTL_SECONDS);
      return {
        sent: true as const,
        channel: deps.otpChannel.name,
        ...(delivered.shownCode ? { code: delivered.shownCode } : {}),
        retryAfterSeconds: OTP_RESEND_SECONDS,
        expiresInSeconds: OTP_TTL_SECONDS,
      };
    },
  });

  route(app, {
    method: 'POST', url: '/api/auth/otp/verify', summary: 'Sign in (or sign up) an owner with phone and code', tags: ['auth'], auth: false,
    body: OtpVerifyBody, reply: Me, rateLimit: { max: 30, timeWindow: '15 minutes' },
    async handler({ body, reply, auth }) {
      const outcome = await inTransaction(db, async (trx): Promise<{ result: 'invalid' | 'expired'; account?: undefined } | { result: 'ok'; account: { id: number; disabled: boolean } }> => {
        const result = await consumeOtp(trx, body.phone, body.code);
        if (result !== 'ok') return { result };
        let account = await trx.selectFrom('accounts').select(['id', 'disabled']).where('phone', '=', body.phone).executeTakeFirst();
        if (!account) {
          account = await trx
            .insertInto('accounts')
            .values({ kind: 'owner', phone: body.phone, display_name: ownerDefaultName(body.phone.slice(-4)) })
            .returning(['id', 'disabled'])
            .executeTakeFirstOrThrow();
          await writeAudit(trx, { actorId: account.id, action: 'account.create', entity: 'account', entityId: account.id, after: { kind: 'owner', phone: maskPhone(body.phone) }, ip: auth.ip, requestId: auth.requestId });
        }
        return { result, account };
      });
      if (outcome.result === 'invalid') throw new AppError('OTP_INVALID', { field: 'code' });
      const account = outcome.account;
      if (outcome.result === 'expired' || !account) throw new AppError('OTP_EXPIRED', { field: 'code' });
      if (account.disabled) throw new AppError('ACCOUNT_DISABLED');
      return signIn(deps, reply, auth, account.id, 'otp');
    },
  });

  route(app, {
    method: 'POST', url: '/api/auth/login', summary: 'Staff sign-in with user name and password', tags: ['auth'], auth: false,
    body: LoginBody, reply: Me, rateLimit: { max: 10, timeWindow: '15 minutes' },
    async handler({ body, reply, auth }) {
      const account = await db.selectFrom('accounts').select(['id', 'password_hash', 'disabled']).where('username', '=', body.username).executeTakeFirst();
      // Verify against a fixed hash when the user does not exist, so timing does not tell.
      const ok = await argonVerify(account?.password_hash ?? deps.dummyHash, body.password).catch(() => false);
      if (!account || !ok) throw new AppError('LOGIN_FAILED');
      if (account.disabled) throw new AppError('ACCOUNT_DISABLED');
      return signIn(deps, reply, auth, account.id, 'password');
    },
  });

  route(app, {
    method: 'POST', url: '/api/auth/logout', summary: 'Sign out', tags: ['auth'],
    async handler({ auth, reply }) {
      if (auth.sessionHash) {
        const hash = auth.sessionHash;
        await inTransaction(db, async (trx) => {
          await deps.sessions.destroy(trx, hash);
          await writeAudit(trx, { actorId: auth.account?.id ?? null, action: 'auth.sign_out', entity: 'account', entityId: auth.account?.id ?? null, ip: auth.ip, requestId: auth.requestId });
        });
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  });

  route(app, {
    method: 'GET', url: '/api/auth/me', summary: 'The signed-in account, its roles and the CSRF token', tags: ['auth'], reply: Me,
    async handler({ auth }) {
      if (!auth.account || !auth.csrfToken) throw new AppError('UNAUTHENTICATED');
      return presentMe(deps, auth.account, auth.grants, auth.csrfToken);
    },
  });

  // ---- demo mode only: one-click sign-in per role
  route(app, {
    method: 'GET', url: '/api/auth/demo/accounts', summary: 'Demo accounts (demo mode only)', tags: ['auth'], auth: false, reply: DemoAccounts,
    async handler() {
      if (!config.demo) throw new AppError('DEMO_DISABLED');
      const rows = await db
        .selectFrom('accounts')
        .select(['id', 'username', 'display_name'])
        .where('username', 'like', 'demo-%')
        .orderBy('id')
        .execute();
      const accounts = [];
      for (const r of rows) {
        const grants = await loadGrants(db, r.id);
        const g = grants[0];
        if (!g || !r.username) continue;
        const names = await scopeNames(db, [g]);
        accounts.push({ username: r.username, displayName: r.display_name, role: g.role, scopeName: names.get(g) ?? '' });
      }
      return { accounts };
    },
  });

  route(app, {
    method: 'POST', url: '/api/auth/demo/login', summary: 'Sign in as a demo account (demo mode only)', tags: ['auth'], auth: false,
    body: DemoLoginBody, reply: Me,
    async handler({ body, reply, auth }) {
      if (!config.demo) throw new AppError('DEMO_DISABLED');
      if (!body.username.startsWith('demo-')) throw new AppError('FORBIDDEN');
      const account = await db.selectFrom('accounts').select(['id']).where('username', '=', body.username).executeTakeFirst();
      if (!account) throw new AppError('NOT_FOUND');
      return signIn(deps, reply, auth, account.id, 'demo');
    },
  });
}

export const roleLabel = (role: Role) => roleNames[role];
export const sessionHashOf = (token: string) => sha256(token);
