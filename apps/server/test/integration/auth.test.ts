import { createServer, type IncomingMessage } from 'node:http';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../support/platform';

describe('sign-in', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await createTestPlatform({ seed: 'demo' });
  });
  afterAll(() => p.close());

  it('an owner signs in with phone and a one-time code shown on screen in demo mode', async () => {
    const c = p.client();
    const req = await c.post<{ channel: string; code: string }>('/api/auth/otp/request', { phone: '13912345678' });
    expect(req.status).toBe(200);
    expect(req.body.channel).toBe('screen');
    expect(req.body.code).toMatch(/^\d{6}$/);
    const me = await c.post<{ account: { kind: string; phoneMasked: string } }>('/api/auth/otp/verify', { phone: '13912345678', code: req.body.code });
    expect(me.status).toBe(200);
    expect(me.body.account.kind).toBe('owner');
    expect(me.body.account.phoneMasked).toBe('139****5678');
    expect((await c.get('/api/auth/me')).status).toBe(200);
    // the code is single-use
    const again = await p.client().post<{ error: { code: string } }>('/api/auth/otp/verify', { phone: '13912345678', code: req.body.code });
    expect(again.body.error.code).toBe('OTP_EXPIRED');
  });

  it('counts wrong codes and refuses after five, and rate-limits resends', async () => {
    const c = p.client();
    const phone = '13700000001';
    const req = await c.post<{ code: string }>('/api/auth/otp/request', { phone });
    const wrong = req.body.code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const r = await c.post<{ error: { code: string; field: string } }>('/api/auth/otp/verify', { phone, code: wrong });
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'OTP_INVALID', field: 'code' });
    }
    const locked = await c.post<{ error: { code: string } }>('/api/auth/otp/verify', { phone, code: req.body.code });
    expect(locked.body.error.code).toBe('OTP_EXPIRED');
    const resend = await c.post<{ error: { code: string; messageZh: string; messageEn: string } }>('/api/auth/otp/request', { phone });
    expect(resend.status).toBe(429);
    expect(resend.body.error.code).toBe('RATE_LIMITED');
    expect(resend.body.error.messageZh).toContain('频繁');
  });

  it('rejects a bad phone number with the field named', async () => {
    const r = await p.client().post<{ error: { code: string; field: string; issues: unknown[] } }>('/api/auth/otp/request', { phone: '12345' });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(r.body.error.field).toBe('phone');
  });

  it('staff sign in with a password; a wrong one fails the same way as an unknown user', async () => {
    const ok = await p.client().post<{ account: { username: string }; roles: Array<{ role: string }> }>('/api/auth/login', { username: 'demo-subdistrict', password: 'gongzhi-demo' });
    expect(ok.status).toBe(200);
    expect(ok.body.roles.map((r) => r.role)).toEqual(['subdistrict_officer']);
    const bad = await p.client().post<{ error: { code: string } }>('/api/auth/login', { username: 'demo-subdistrict', password: 'nope' });
    const unknown = await p.client().post<{ error: { code: string } }>('/api/auth/login', { username: 'nobody', password: 'nope' });
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe('LOGIN_FAILED');
    expect(unknown.body.error.code).toBe('LOGIN_FAILED');
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const c = await p.client().demoLogin('demo-chair');
    const estateId = (await c.get<{ roles: Array<{ scopeId: number }> }>('/api/auth/me')).body.roles[0]!.scopeId;
    const token = c.csrf;
    c.csrf = null;
    const r = await c.post<{ error: { code: string } }>(`/api/estates/${estateId}/notices`, { title: 't', body: 'b' });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('CSRF_FAILED');
    c.csrf = token;
    expect((await c.post(`/api/estates/${estateId}/notices`, { title: 't', body: 'b' })).status).toBe(201);
  });

  it('signs out: the session no longer works', async () => {
    const c = await p.client().demoLogin('demo-member');
    const cookie = c.cookie;
    expect((await c.post('/api/auth/logout')).status).toBe(200);
    c.cookie = cookie;
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  it('lists one demo account per role', async () => {
    const r = await p.client().get<{ accounts: Array<{ role: string }> }>('/api/auth/demo/accounts');
    const rolesSeen = new Set(r.body.accounts.map((a) => a.role));
    for (const role of ['platform_admin', 'district_officer', 'subdistrict_officer', 'neighborhood_officer', 'committee_chair', 'committee_vice_chair', 'committee_member', 'prep_group_member', 'property_staff', 'party_secretary', 'owner', 'service_provider']) {
      expect(rolesSeen.has(role), role).toBe(true);
    }
  });
});

describe('without demo mode', () => {
  let p: TestPlatform;
  let received: Array<{ body: string; signature: string | undefined }>;
  let server: ReturnType<typeof createServer>;
  let url: string;
  beforeAll(async () => {
    received = [];
    server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ body, signature: req.headers['x-gongzhi-signature'] as string | undefined });
        res.statusCode = body.includes('13600000009') ? 500 : 204;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const addr = server.address();
    url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/sms`;
    p = await createTestPlatform({ seed: 'none', config: { demo: false, otpWebhookUrl: url, otpWebhookSecret: 'a-very-secret-webhook-key' } });
  });
  afterAll(async () => {
    await p.close();
    await new Promise((r) => server.close(r));
  });

  it('delivers codes through the webhook channel, signed, and never shows them', async () => {
    const c = p.client();
    const r = await c.post<{ channel: string; code?: string }>('/api/auth/otp/request', { phone: '13600000001' });
    expect(r.status).toBe(200);
    expect(r.body.channel).toBe('webhook');
    expect(r.body.code).toBeUndefined();
    const got = received.at(-1)!;
    const payload = JSON.parse(got.body) as { phone: string; code: string };
    expect(payload.phone).toBe('13600000001');
    expect(got.signature).toBe(`sha256=${createHmac('sha256', 'a-very-secret-webhook-key').update(got.body).digest('hex')}`);
    const me = await c.post('/api/auth/otp/verify', { phone: '13600000001', code: payload.code });
    expect(me.status).toBe(200);
  });

  it('reports a failed delivery', async () => {
    const r = await p.client().post<{ error: { code: string } }>('/api/auth/otp/request', { phone: '13600000009' });
    expect(r.status).toBe(502);
    expect(r.body.error.code).toBe('OTP_DELIVERY_FAILED');
  });

  it('has no demo sign-in', async () => {
    expect((await p.client().get<{ error: { code: string } }>('/api/auth/demo/accounts')).body.error.code).toBe('DEMO_DISABLED');
    expect((await p.client().post<{ error: { code: string } }>('/api/auth/demo/login', { username: 'demo-admin' })).status).toBe(404);
  });
});
