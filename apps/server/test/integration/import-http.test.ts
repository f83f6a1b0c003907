import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportJobT } from '@gongzhi/contracts';
import { createTestPlatform, type TestClient, type TestPlatform } from '../support/platform';
import { HOLDERS_SHEET, OWNER_LIST_SHEET, SUMMARY_SHEET, generateOwnerList, parseOwnerList, writeOwnerListCsv, writeOwnerListXlsx } from '../../src/registry/index';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// the small demo city's 阳光花园 (demo/seed.ts): this layout and seed
const sunshineRows = generateOwnerList({ buildings: 2, entrancesPerBuilding: 1, floors: 3, unitsPerFloor: 2, seed: 1000 });

let p: TestPlatform;
let estateId: number;
let chair: TestClient;

async function upload(c: TestClient, fields: Record<string, string>, file?: { name: string; data: Buffer }) {
  return c.multipart<ImportJobT & { error?: { code: string } }>(
    `/api/estates/${estateId}/imports`,
    fields,
    file ? { file: { name: file.name, type: XLSX, data: file.data } } : {},
  );
}

async function poll(c: TestClient, jobId: number, query = ''): Promise<ImportJobT> {
  for (;;) {
    const r = await c.get<ImportJobT>(`/api/estates/${estateId}/imports/${jobId}${query}`);
    if (r.status !== 200) throw new Error(`poll: ${r.status} ${JSON.stringify(r.body)}`);
    if (r.body.status === 'succeeded' || r.body.status === 'failed') return r.body;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function sheets(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

beforeAll(async () => {
  p = await createTestPlatform({ seed: 'demo' });
  estateId = (await p.deps.db.selectFrom('estates').select('id').where('name', '=', '阳光花园').executeTakeFirstOrThrow()).id;
  chair = await p.client().demoLogin('demo-chair');
});
afterAll(() => p?.close());

describe('import and export over HTTP', () => {
  it('serves the template to signed-in users with a Chinese file name', async () => {
    expect((await p.client().get('/api/registry/template.xlsx')).status).toBe(401);
    const owner = await p.client().demoLogin('demo-property');
    const r = await owner.get('/api/registry/template.xlsx');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe(XLSX);
    expect(r.headers['content-disposition']).toBe(`attachment; filename="owner-list-template.xlsx"; filename*=UTF-8''${encodeURIComponent('业主清册模板.xlsx')}`);
    const parsed = await parseOwnerList(r.raw.rawPayload, 'template.xlsx');
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toHaveLength(2);
  });

  it('starts an import (202), reports progress and the summary, and lists it', async () => {
    const changed = sunshineRows.map((r, i) => (i === 0 ? { ...r, area: '77.77' } : r));
    const r = await upload(chair, {}, { name: '阳光花园业主清册.xlsx', data: await writeOwnerListXlsx(changed) });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ estateId, fileName: '阳光花园业主清册.xlsx', status: 'validating', errorCount: 0, summary: null });
    const done = await poll(chair, r.body.id);
    expect(done).toMatchObject({ status: 'succeeded', percent: 100, totalRows: sunshineRows.length, errorCount: 0, errors: [] });
    expect(done.summary).toEqual({ unitsCreated: 0, unitsUpdated: 1, unitsUnchanged: sunshineRows.length - 1, holdersCreated: 0, ownershipsChanged: 0, buildingsCreated: 0 });
    const list = await chair.get<{ items: ImportJobT[] }>(`/api/estates/${estateId}/imports`);
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({ id: r.body.id, status: 'succeeded' });
    // registry.read is enough to see the jobs
    const staff = await p.client().demoLogin('demo-property');
    expect((await staff.get(`/api/estates/${estateId}/imports`)).status).toBe(200);
  });

  it('takes allowNewBuildings as a multipart field, before or after the file', async () => {
    const extra = { ...sunshineRows[0]!, building: '新楼', number: 'X-1-101' };
    const refused = await poll(chair, (await upload(chair, {}, { name: 'new.xlsx', data: await writeOwnerListXlsx([extra]) })).body.id);
    expect(refused.status).toBe('failed');
    expect(refused.errors.map((e) => e.code)).toEqual(['ROW_UNKNOWN_BUILDING']);
    const allowed = await upload(chair, { allowNewBuildings: 'true' }, { name: 'new.xlsx', data: await writeOwnerListXlsx([extra]) });
    expect((await poll(chair, allowed.body.id)).summary).toMatchObject({ unitsCreated: 1, buildingsCreated: 1 });
  });

  it('keeps every error of a failed file and pages them, with errorCount the full count', async () => {
    const bad = Array.from({ length: 250 }, (_, i) => ({ ...sunshineRows[i % sunshineRows.length]!, number: `B-${i}`, area: 'x' }));
    const r = await upload(chair, {}, { name: 'bad.csv', data: Buffer.from(writeOwnerListCsv(bad)) });
    const done = await poll(chair, r.body.id);
    expect(done.status).toBe('failed');
    expect(done.errorCount).toBe(250);
    expect(done.errors).toHaveLength(200);
    const page2 = await chair.get<ImportJobT>(`/api/estates/${estateId}/imports/${r.body.id}?errorsPage=2&errorsPageSize=200`);
    expect(page2.body.errors).toHaveLength(50);
    expect(page2.body.errors[49]).toMatchObject({ row: 251, code: 'ROW_BAD_AREA' });
    const small = await chair.get<ImportJobT>(`/api/estates/${estateId}/imports/${r.body.id}?errorsPageSize=10`);
    expect(small.body.errors.map((e) => e.row)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect((await chair.get(`/api/estates/${estateId}/imports/${r.body.id}?errorsPageSize=5000`)).status).toBe(400);
    expect((await chair.get(`/api/estates/${estateId}/imports/999999`)).status).toBe(404);
  });

  it('refuses other files, a missing file, and people without registry.import', async () => {
    const pdf = await upload(chair, {}, { name: 'list.pdf', data: Buffer.from('%PDF') });
    expect(pdf.status).toBe(415);
    expect(pdf.body.error!.code).toBe('UNSUPPORTED_FILE');
    const none = await upload(chair, { allowNewBuildings: 'true' });
    expect(none.status).toBe(400);
    expect(none.body.error!.code).toBe('VALIDATION_FAILED');
    const json = await chair.post<{ error: { code: string } }>(`/api/estates/${estateId}/imports`, { file: 'x' });
    expect(json.body.error.code).toBe('UNSUPPORTED_FILE');
    const staff = await p.client().demoLogin('demo-property');
    const forbidden = await upload(staff, {}, { name: 'a.xlsx', data: await writeOwnerListXlsx(sunshineRows) });
    expect(forbidden.status).toBe(403);
    // signed out, a multipart post is refused before anything else (the CSRF rule of app.ts)
    const anonymous = await upload(p.client(), {}, { name: 'a.xlsx', data: Buffer.from('x') });
    expect([anonymous.status, anonymous.body.error!.code]).toEqual([403, 'CSRF_FAILED']);
  });

  it('exports the registry (unmasked only with registry.personal), logs it, and the export re-imports unchanged', async () => {
    const r = await chair.get(`/api/estates/${estateId}/export.xlsx`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe(XLSX);
    expect(r.headers['content-disposition']).toBe(`attachment; filename="estate-${estateId}-registry.xlsx"; filename*=UTF-8''${encodeURIComponent('阳光花园-业主清册.xlsx')}`);
    const wb = await sheets(r.raw.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual([OWNER_LIST_SHEET, HOLDERS_SHEET, SUMMARY_SHEET]);
    const person = sunshineRows.find((x) => x.holderKind === 'person' && x.delivered)!;
    const text = JSON.stringify(wb.getWorksheet(OWNER_LIST_SHEET)!.getSheetValues());
    expect(text).toContain(person.names[0]!);
    expect(text).not.toContain(person.idNumbers[0]!);
    const masked = await sheets((await chair.get(`/api/estates/${estateId}/export.xlsx?masked=true`)).raw.rawPayload);
    expect(JSON.stringify(masked.getWorksheet(OWNER_LIST_SHEET)!.getSheetValues())).not.toContain(person.names[0]!);

    const audits = await p.deps.db.selectFrom('audit_log').select(['action', 'after']).where('estate_id', '=', estateId).where('action', '=', 'registry.export').orderBy('id').execute();
    expect(audits.map((a) => (a.after as { personal: boolean }).personal)).toEqual([true, false]);

    const again = await upload(chair, {}, { name: 'export.xlsx', data: r.raw.rawPayload });
    const done = await poll(chair, again.body.id);
    expect(done.status, JSON.stringify(done).slice(0, 3000)).toBe('succeeded');
    expect(done.summary).toMatchObject({ unitsCreated: 0, unitsUpdated: 0, holdersCreated: 0, ownershipsChanged: 0 });
    expect(done.summary!.unitsUnchanged).toBe(done.totalRows);

    // district officers may export, masked (no registry.personal)
    const district = await p.client().demoLogin('demo-district');
    const d = await district.get(`/api/estates/${estateId}/export.xlsx`);
    expect(d.status).toBe(200);
    expect(JSON.stringify((await sheets(d.raw.rawPayload)).getWorksheet(OWNER_LIST_SHEET)!.getSheetValues())).not.toContain(person.names[0]!);
    expect((await (await p.client().demoLogin('demo-property')).get(`/api/estates/${estateId}/export.xlsx`)).status).toBe(403);
  });

  it('answers a second start while an import runs with IMPORT_IN_PROGRESS', async () => {
    const big = generateOwnerList({ buildings: 2, entrancesPerBuilding: 1, floors: 30, unitsPerFloor: 20, seed: 1000 }).map((r) => ({ ...r, building: r.building }));
    // both files written before the first upload: the second request follows the first's answer at once
    const [bigFile, againFile] = await Promise.all([writeOwnerListXlsx(big), writeOwnerListXlsx(sunshineRows)]);
    const first = await upload(chair, { allowNewBuildings: 'true' }, { name: 'big.xlsx', data: bigFile });
    expect(first.status).toBe(202);
    const second = await upload(chair, {}, { name: 'again.xlsx', data: againFile });
    expect(second.status).toBe(409);
    expect(second.body.error!.code).toBe('IMPORT_IN_PROGRESS');
    await poll(chair, first.body.id);
  });
});

describe('upload size limit', () => {
  let small: TestPlatform;
  beforeAll(async () => {
    small = await createTestPlatform({ seed: 'demo', config: { maxUploadBytes: 2048 } });
  });
  afterAll(() => small?.close());

  it('answers FILE_TOO_LARGE', async () => {
    const c = await small.client().demoLogin('demo-chair');
    const id = (await small.deps.db.selectFrom('estates').select('id').where('name', '=', '阳光花园').executeTakeFirstOrThrow()).id;
    const r = await c.multipart<{ error: { code: string } }>(`/api/estates/${id}/imports`, {}, { file: { name: 'big.xlsx', type: XLSX, data: await writeOwnerListXlsx(sunshineRows) } });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('FILE_TOO_LARGE');
  });
});
