import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppDeps } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { createDeps } from '../../src/platform';
import { seedDemo } from '../../src/demo/seed';
import { freshDatabase } from './database';
import type { Database } from '@gongzhi/db';

export interface TestPlatform {
  app: FastifyInstance;
  deps: AppDeps;
  database: Database;
  client(): TestClient;
  close(): Promise<void>;
}

/** The real app on a real database (PGlite or PostgreSQL), driven through HTTP with inject. */
export async function createTestPlatform(options: { seed?: 'demo' | 'none'; config?: Partial<Config> } = {}): Promise<TestPlatform> {
  const database = await freshDatabase();
  const config = loadConfig({ GONGZHI_DEMO: '1', GONGZHI_LOG_LEVEL: 'silent' }, { webDir: undefined, ...options.config });
  const deps = await createDeps(database, config, () => {});
  if ((options.seed ?? 'demo') === 'demo') await seedDemo(deps, { scale: 'small' });
  const app = await buildApp(deps);
  await app.ready();
  return {
    app,
    deps,
    database,
    client: () => new TestClient(app),
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: LightMyRequestResponse['headers'];
  raw: LightMyRequestResponse;
}

/** A browser-like client: keeps the session cookie and sends the CSRF token. */
export class TestClient {
  cookie: string | null = null;
  csrf: string | null = null;
  constructor(private readonly app: FastifyInstance) {}

  async request<T = Record<string, unknown>>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    const isRaw = Buffer.isBuffer(body) || typeof body === 'string';
    if (body !== undefined && !isRaw) h['content-type'] = 'application/json';
    const res = await this.app.inject({
      method: method as 'GET',
      url,
      headers: h,
      ...(body !== undefined ? { payload: isRaw ? (body as string) : JSON.stringify(body) } : {}),
    });
    const setCookie = res.headers['set-cookie'];
    for (const c of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const m = /^gz_session=([^;]*)/.exec(c);
      if (m) this.cookie = m[1] ? `gz_session=${m[1]}` : null;
    }
    let parsed: unknown = res.body;
    if ((res.headers['content-type'] ?? '').toString().includes('application/json')) parsed = res.json();
    const reply = { status: res.statusCode, body: parsed as T, headers: res.headers, raw: res };
    const csrf = (parsed as { csrfToken?: string } | null)?.csrfToken;
    if (csrf) this.csrf = csrf;
    return reply;
  }

  get<T = Record<string, unknown>>(url: string) {
    return this.request<T>('GET', url);
  }
  post<T = Record<string, unknown>>(url: string, body?: unknown) {
    return this.request<T>('POST', url, body ?? {});
  }

  async demoLogin(username: string): Promise<this> {
    const r = await this.post('/api/auth/demo/login', { username });
    if (r.status !== 200) throw new Error(`demo login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
    return this;
  }

  /** multipart/form-data with text fields and files */
  async multipart<T = Record<string, unknown>>(url: string, fields: Record<string, string>, files: Record<string, { name: string; type: string; data: Buffer }> = {}): Promise<Reply<T>> {
    const boundary = `----gz${Math.random().toString(16).slice(2)}`;
    const parts: Buffer[] = [];
    for (const [k, v] of Object.entries(fields)) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    }
    for (const [k, f] of Object.entries(files)) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"; filename="${encodeURIComponent(f.name)}"\r\nContent-Type: ${f.type}\r\n\r\n`));
      parts.push(f.data, Buffer.from('\r\n'));
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return this.request<T>('POST', url, Buffer.concat(parts), { 'content-type': `multipart/form-data; boundary=${boundary}` });
  }
}

/** An owner signed in by one-time code (demo mode shows the code), as a TestClient. */
export async function ownerClient(p: TestPlatform, phone: string): Promise<TestClient> {
  const c = p.client();
  const r = await c.post<{ code: string }>('/api/auth/otp/request', { phone });
  const v = await c.post('/api/auth/otp/verify', { phone, code: r.body.code });
  if (v.status !== 200) throw new Error(JSON.stringify(v.body));
  return c;
}
