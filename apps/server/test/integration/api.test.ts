import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../support/platform';

describe('API basics', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await createTestPlatform({ seed: 'demo' });
  });
  afterAll(() => p.close());

  it('answers health', async () => {
    const r = await p.client().get<{ status: string; database: string; demo: boolean }>('/api/health');
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('ok');
    expect(r.body.database).toBe(p.database.kind);
  });

  it('publishes an OpenAPI document generated from the contracts', async () => {
    const r = await p.client().get<{ openapi: string; paths: Record<string, Record<string, { requestBody?: unknown; parameters?: unknown[] }>> }>('/api/docs/json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toBe('3.0.3');
    expect(Object.keys(r.body.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/auth/otp/request', '/api/estates/{estateId}/units', '/api/claims']));
    expect(r.body.paths['/api/auth/otp/request']!.post!.requestBody).toBeTruthy();
    expect(r.body.paths['/api/estates/{estateId}/units']!.get!.parameters!.length).toBeGreaterThan(3);
    expect((await p.client().get('/api/docs')).status).toBeLessThan(400);
  });

  it('gives unknown API paths a JSON 404 with a code', async () => {
    const r = await p.client().get<{ error: { code: string } }>('/api/nope');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('NOT_FOUND');
  });

  it('lists every invalid query parameter at once', async () => {
    const c = await p.client().demoLogin('demo-admin');
    const estate = (await c.get<{ items: Array<{ id: number }> }>('/api/estates')).body.items[0]!;
    const r = await c.get<{ error: { code: string; issues: Array<{ field: string; messageZh: string; messageEn: string }> } }>(`/api/estates/${estate.id}/units?page=0&pageSize=5000&kind=castle`);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(r.body.error.issues.map((i) => i.field).sort()).toEqual(['kind', 'page', 'pageSize']);
    expect(r.body.error.issues[0]!.messageZh).toBeTruthy();
  });

  it('writes an audit record with before and after in the same transaction as a change', async () => {
    const c = await p.client().demoLogin('demo-subdistrict');
    const estate = (await c.get<{ items: Array<{ id: number; name: string; propertyManager: string }> }>('/api/estates')).body.items[0]!;
    const r = await c.request<{ propertyManager: string }>('PATCH', `/api/estates/${estate.id}`, { propertyManager: '新物业公司' });
    expect(r.status).toBe(200);
    expect(r.body.propertyManager).toBe('新物业公司');
    const log = await c.get<{ items: Array<{ action: string; actor: string; before: { property_manager: string }; after: { property_manager: string } }> }>(`/api/audit?estateId=${estate.id}&action=estate.update`);
    expect(log.body.items[0]).toMatchObject({ action: 'estate.update', before: { property_manager: estate.propertyManager }, after: { property_manager: '新物业公司' } });
    expect(log.body.items[0]!.actor).toContain('李主任');
  });

  it('creates an estate under a neighborhood the officer covers, and refuses others', async () => {
    const c = await p.client().demoLogin('demo-subdistrict');
    type Node = { id: number; level: string; name: string; children: Node[] };
    const roots = (await c.get<{ roots: Node[] }>('/api/jurisdictions/tree')).body.roots;
    const all: Node[] = [];
    const walk = (n: Node) => { all.push(n); n.children.forEach(walk); };
    roots.forEach(walk);
    const mine = all.find((n) => n.name === '幸福社区')!;
    const created = await c.post<{ id: number; name: string; unitCount: number }>('/api/estates', { neighborhoodId: mine.id, name: '新建小区', address: '某路 1 号' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '新建小区', unitCount: 0 });
    const dup = await c.post<{ error: { code: string; field: string } }>('/api/estates', { neighborhoodId: mine.id, name: '新建小区' });
    expect(dup.body.error).toMatchObject({ code: 'CONFLICT', field: 'name' });
    const admin = await p.client().demoLogin('demo-admin');
    const allNodes: Node[] = [];
    const walk2 = (n: Node) => { allNodes.push(n); n.children.forEach(walk2); };
    (await admin.get<{ roots: Node[] }>('/api/jurisdictions/tree')).body.roots.forEach(walk2);
    const other = allNodes.find((n) => n.name === '光明社区')!;
    expect((await c.post('/api/estates', { neighborhoodId: other.id, name: '越权小区' })).status).toBe(403);
  });
});
