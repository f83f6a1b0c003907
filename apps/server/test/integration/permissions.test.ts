import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../support/platform';
import { courtesyName } from '../../src/demo/seed';

interface EstateItem { id: number; name: string; subdistrictName: string }
interface UnitPage { items: Array<{ owners: Array<{ name: string; phone: string | null; idNumber: string; unmasked: boolean }>; holder: { kind: string; name: string } | null }>; total: number }

describe('one permission check path', () => {
  let p: TestPlatform;
  let estates: EstateItem[];
  const byName = (n: string) => estates.find((e) => e.name === n)!;
  beforeAll(async () => {
    p = await createTestPlatform({ seed: 'demo' });
    const admin = await p.client().demoLogin('demo-admin');
    estates = (await admin.get<{ items: EstateItem[] }>('/api/estates?pageSize=100')).body.items;
  });
  afterAll(() => p.close());

  it('the admin sees all six estates, paginated by the server', async () => {
    expect(estates).toHaveLength(6);
    const admin = await p.client().demoLogin('demo-admin');
    const page2 = await admin.get<{ items: EstateItem[]; total: number }>('/api/estates?pageSize=4&page=2');
    expect(page2.body.total).toBe(6);
    expect(page2.body.items.map((e) => e.id)).toEqual(estates.slice(4).map((e) => e.id));
  });

  it('an officer of subdistrict A reads A and cannot read B', async () => {
    const east = await p.client().demoLogin('demo-subdistrict');
    const list = (await east.get<{ items: EstateItem[] }>('/api/estates?pageSize=100')).body.items;
    expect(list.every((e) => e.subdistrictName === '东华街道')).toBe(true);
    expect(list.map((e) => e.name).sort()).toEqual(['和谐家园', '荷塘小区', '阳光花园'].sort());
    expect((await east.get(`/api/estates/${byName('阳光花园').id}/units`)).status).toBe(200);
    const b = await east.get<{ error: { code: string } }>(`/api/estates/${byName('光明里').id}/units`);
    expect(b.status).toBe(403);
    expect(b.body.error.code).toBe('FORBIDDEN');
    expect((await east.get(`/api/estates/${byName('光明里').id}`)).status).toBe(403);
  });

  it('the district officer sees every estate of the district, masked', async () => {
    const d = await p.client().demoLogin('demo-district');
    expect((await d.get<{ total: number }>('/api/estates?pageSize=100')).body.total).toBe(6);
    const units = (await d.get<UnitPage>(`/api/estates/${byName('光明里').id}/units`)).body;
    expect(units.items.flatMap((u) => u.owners).every((o) => !o.unmasked)).toBe(true);
  });

  it('an owner of estate X cannot read estate Y\'s registry, and sees other owners of X only masked', async () => {
    const owner = await p.client().demoLogin('demo-owner');
    // named after the owner it is bound to: the greeting and the masked holder on its ballot agree
    const me = (await owner.get<{ account: { id: number; displayName: string } }>('/api/auth/me')).body.account;
    const bound = await p.deps.db.selectFrom('owners').select(['name', 'id_number_masked']).where('account_id', '=', me.id).executeTakeFirstOrThrow();
    expect(me.displayName).toBe(`业主 ${courtesyName(bound.name, bound.id_number_masked)}（演示）`);
    expect(me.displayName.startsWith(`业主 ${bound.name[0]!}`)).toBe(true);
    const x = byName('阳光花园').id;
    const y = byName('和谐家园').id;
    expect((await owner.get(`/api/estates/${y}/units`)).status).toBe(403);
    const page = await owner.get<UnitPage>(`/api/estates/${x}/units?pageSize=200`);
    expect(page.status).toBe(200);
    const people = page.body.items.flatMap((u) => u.owners).filter((_, i, a) => a.length > 0 && i >= 0);
    expect(people.length).toBeGreaterThan(0);
    for (const o of page.body.items.filter((u) => u.holder?.kind === 'person').flatMap((u) => u.owners)) {
      expect(o.unmasked).toBe(false);
      expect(o.name).toMatch(/^.\*+$/u);
      if (o.phone) expect(o.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
      expect(o.idNumber).toMatch(/\*{4,}/);
    }
    // searching by a name is not possible for a masked viewer (it would reveal it)
    const someone = (await (await p.client().demoLogin('demo-chair')).get<UnitPage>(`/api/estates/${x}/units?holderKind=person`)).body.items[0]!;
    const byOwnerName = await owner.get<UnitPage>(`/api/estates/${x}/units?q=${encodeURIComponent(someone.holder!.name)}`);
    expect(byOwnerName.body.total).toBe(0);
  });

  it('the committee sees owners unmasked, and that view is logged', async () => {
    const chair = await p.client().demoLogin('demo-chair');
    const x = byName('阳光花园').id;
    const page = await chair.get<UnitPage>(`/api/estates/${x}/units?holderKind=person`);
    expect(page.body.items[0]!.owners[0]!.unmasked).toBe(true);
    expect(page.body.items[0]!.owners[0]!.name).not.toContain('*');
    const log = await chair.get<{ items: Array<{ action: string }> }>(`/api/audit?estateId=${x}&action=registry.view_personal`);
    expect(log.status).toBe(200);
    expect(log.body.items.length).toBeGreaterThan(0);
    // the committee of X has no say over Y
    expect((await chair.get(`/api/estates/${byName('和谐家园').id}`)).status).toBe(403);
  });

  it('roles without registry rights are refused', async () => {
    const provider = await p.client().demoLogin('demo-provider');
    const x = byName('阳光花园').id;
    expect((await provider.get(`/api/estates/${x}`)).status).toBe(200);
    expect((await provider.get(`/api/estates/${x}/units`)).status).toBe(403);
    expect((await provider.get(`/api/estates/${x}/claims`)).status).toBe(403);
    const property = await p.client().demoLogin('demo-property');
    expect((await property.post(`/api/estates/${x}/notices`, { title: 'x', body: 'y' })).status).toBe(403);
    expect((await property.get(`/api/audit?estateId=${x}`)).status).toBe(403);
  });

  it('the jurisdiction tree shows only what the viewer may see', async () => {
    type Node = { name: string; estateCount: number; children: Node[] };
    const west = await p.client().demoLogin('demo-subdistrict-west');
    const tree = (await west.get<{ roots: Node[] }>('/api/jurisdictions/tree')).body.roots;
    const names: string[] = [];
    const walk = (n: Node) => {
      names.push(n.name);
      n.children.forEach(walk);
    };
    tree.forEach(walk);
    expect(names).toContain('西城街道');
    expect(names).not.toContain('东华街道');
    expect(tree[0]!.estateCount).toBe(3);
  });

  it('an unauthenticated request is refused with a stable code', async () => {
    const r = await p.client().get<{ error: { code: string; messageZh: string; messageEn: string } }>('/api/estates');
    expect(r.status).toBe(401);
    expect(r.body.error).toMatchObject({ code: 'UNAUTHENTICATED', messageZh: '请先登录', messageEn: 'Please sign in first' });
  });
});
