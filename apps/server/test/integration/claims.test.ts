import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOwnerList, type OwnerListRow } from '../../src/registry/index';
import { createTestPlatform, ownerClient, type TestPlatform } from '../support/platform';

// The small demo city's 阳光花园 is generated with this layout and seed (demo/seed.ts).
const sunshineRows = generateOwnerList({ buildings: 2, entrancesPerBuilding: 1, floors: 3, unitsPerFloor: 2, seed: 1000 });
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');


describe('claiming a unit', () => {
  let p: TestPlatform;
  let estateId: number;
  let row: OwnerListRow;
  beforeAll(async () => {
    p = await createTestPlatform({ seed: 'demo' });
    estateId = (await p.deps.db.selectFrom('estates').select('id').where('name', '=', '阳光花园').executeTakeFirstOrThrow()).id;
    const people = sunshineRows.filter((r) => r.holderKind === 'person' && r.delivered && r.certificateNo);
    row = people[people.length - 1]!;
  });
  afterAll(() => p.close());

  it('binds at once when name, ID number and certificate match the registry', async () => {
    const c = await ownerClient(p, '13500000001');
    const r = await c.multipart<{ status: string; unitNumber: string; idNumberMasked: string }>('/api/claims', {
      estateId: String(estateId), unitNumber: row.number, name: row.names[0]!, idNumber: row.idNumbers[0]!, documentKind: 'certificate', documentNo: row.certificateNo!,
    });
    expect(r.status).toBe(201);
    expect(r.body.status).toBe('bound');
    expect(r.body.idNumberMasked).not.toContain(row.idNumbers[0]!.slice(4, 14));
    const units = await c.get<{ items: Array<{ unitNumber: string; estateName: string }> }>('/api/me/units');
    expect(units.body.items.map((u) => u.unitNumber)).toContain(row.number);
    // now an owner of the estate: may read its notices and its (masked) registry
    expect((await c.get(`/api/estates/${estateId}/notices`)).status).toBe(200);
    expect((await c.get<{ items: unknown[] }>('/api/me/notices')).body.items.length).toBeGreaterThan(0);
    const again = await c.multipart<{ error: { code: string } }>('/api/claims', {
      estateId: String(estateId), unitNumber: row.number, name: row.names[0]!, idNumber: row.idNumbers[0]!, documentKind: 'certificate', documentNo: row.certificateNo!,
    });
    expect(again.body.error.code).toBe('CLAIM_ALREADY_OPEN');
  });

  it('without a match asks for a proof, then queues the claim for review; the committee approves', async () => {
    const c = await ownerClient(p, '13500000002');
    const other = sunshineRows.find((r) => r.holderKind === 'person' && r.number !== row.number)!;
    const fields = { estateId: String(estateId), unitNumber: other.number, name: '王小明', idNumber: '110105199001011234', documentKind: 'contract', documentNo: 'HT-0000' };
    const noProof = await c.multipart<{ error: { code: string; field: string; messageZh: string } }>('/api/claims', fields);
    expect(noProof.status).toBe(400);
    expect(noProof.body.error).toMatchObject({ code: 'CLAIM_PROOF_REQUIRED', field: 'proof' });
    const withProof = await c.multipart<{ id: number; status: string; hasProof: boolean }>('/api/claims', fields, { proof: { name: '合同.png', type: 'image/png', data: png } });
    expect(withProof.status).toBe(201);
    expect(withProof.body).toMatchObject({ status: 'pending', hasProof: true });
    expect((await c.get<{ items: unknown[] }>('/api/me/units')).body.items).toHaveLength(0);

    const owner = await p.client().demoLogin('demo-owner');
    expect((await owner.get(`/api/estates/${estateId}/claims`)).status).toBe(403);
    expect((await owner.post(`/api/estates/${estateId}/claims/${withProof.body.id}/approve`)).status).toBe(403);

    const chair = await p.client().demoLogin('demo-chair');
    const pending = await chair.get<{ items: Array<{ id: number; claimantName: string }> }>(`/api/estates/${estateId}/claims?status=pending`);
    expect(pending.body.items.map((x) => x.id)).toContain(withProof.body.id);
    const proof = await chair.get(`/api/estates/${estateId}/claims/${withProof.body.id}/proof`);
    expect(proof.status).toBe(200);
    expect(proof.headers['content-type']).toBe('image/png');
    const approved = await chair.post<{ status: string }>(`/api/estates/${estateId}/claims/${withProof.body.id}/approve`);
    expect(approved.body.status).toBe('approved');
    expect((await chair.post<{ error: { code: string } }>(`/api/estates/${estateId}/claims/${withProof.body.id}/approve`)).body.error.code).toBe('CLAIM_NOT_PENDING');
    const units = await c.get<{ items: Array<{ unitNumber: string }> }>('/api/me/units');
    expect(units.body.items.map((u) => u.unitNumber)).toEqual([other.number]);
    const log = await chair.get<{ items: Array<{ action: string }> }>(`/api/audit?estateId=${estateId}`);
    expect(log.body.items.map((i) => i.action)).toEqual(expect.arrayContaining(['claim.approve', 'claim.proof_view', 'claim.submit']));
  });

  it('a rejection needs a reason and is shown to the claimant', async () => {
    const c = await ownerClient(p, '13500000003');
    const other = sunshineRows.find((r) => r.holderKind !== 'builder' && r.number !== row.number)!;
    const claim = await c.multipart<{ id: number }>('/api/claims', { estateId: String(estateId), unitNumber: other.number, name: '赵六', idNumber: '110105199001011234', documentKind: 'certificate', documentNo: 'X' }, { proof: { name: 'p.png', type: 'image/png', data: png } });
    const chair = await p.client().demoLogin('demo-vice-chair');
    const noReason = await chair.post<{ error: { code: string; field: string } }>(`/api/estates/${estateId}/claims/${claim.body.id}/reject`, { reason: '  ' });
    expect(noReason.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'reason' });
    const r = await chair.post<{ status: string; reason: string }>(`/api/estates/${estateId}/claims/${claim.body.id}/reject`, { reason: '证件照片不清晰' });
    expect(r.body).toMatchObject({ status: 'rejected', reason: '证件照片不清晰' });
    const mine = await c.get<{ items: Array<{ status: string; reason: string }> }>('/api/me/claims');
    expect(mine.body.items[0]).toMatchObject({ status: 'rejected', reason: '证件照片不清晰' });
  });

  it('names the field of a bad claim: unknown unit, bad proof type', async () => {
    const c = await ownerClient(p, '13500000004');
    const unknown = await c.multipart<{ error: { code: string; field: string } }>('/api/claims', { estateId: String(estateId), unitNumber: '99-9-9999', name: 'x', idNumber: '110105199001011234', documentKind: 'contract', documentNo: 'y' });
    expect(unknown.body.error).toMatchObject({ code: 'UNIT_NOT_FOUND', field: 'unitNumber' });
    const badType = await c.multipart<{ error: { code: string } }>('/api/claims', { estateId: String(estateId), unitNumber: row.number, name: 'x', idNumber: '110105199001011234', documentKind: 'contract', documentNo: 'y' }, { proof: { name: 'a.exe', type: 'application/octet-stream', data: Buffer.from('MZ') } });
    expect(badType.body.error.code).toBe('UNSUPPORTED_FILE');
    const missing = await c.multipart<{ error: { code: string; issues: Array<{ field: string }> } }>('/api/claims', { estateId: String(estateId) });
    expect(missing.body.error.code).toBe('VALIDATION_FAILED');
    expect(missing.body.error.issues.map((i) => i.field)).toEqual(expect.arrayContaining(['unitNumber', 'name', 'idNumber', 'documentKind', 'documentNo']));
  });
});
