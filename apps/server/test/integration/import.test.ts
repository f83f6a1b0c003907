import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Database, type DB, type Kysely } from '@gongzhi/db';
import type { ImportJobT } from '@gongzhi/contracts';
import { freshDatabase } from '../support/database';
import {
  ImportJobs, exportRegistryXlsx, generateOwnerList, importOwnerList, writeOwnerListCsv, writeOwnerListXlsx, type ImportSummary, type OwnerListRow,
} from '../../src/registry/index';
import { normalizeIdNumber, residentIdWithCheck } from '../../src/privacy/id-number';
import { AppError } from '../../src/errors';

const ID_KEY = 'test-id-key-0123456789abcdef0123456789abcdef';

let database: Database;
let db: Kysely<DB>;
let neighborhoodId: number;
let estateSeq = 0;

async function addJurisdiction(parent: { id: number; path: string } | null, level: 'city' | 'district' | 'subdistrict' | 'neighborhood', name: string) {
  const row = await db.insertInto('jurisdictions').values({ parent_id: parent?.id ?? null, level, name, path: '' }).returning('id').executeTakeFirstOrThrow();
  const path = `${parent?.path ?? '/'}${row.id}/`;
  await db.updateTable('jurisdictions').set({ path }).where('id', '=', row.id).execute();
  return { id: row.id, path };
}

/** a fresh estate per test: tests do not depend on each other (also on a shared PostgreSQL) */
async function newEstate(): Promise<number> {
  const row = await db
    .insertInto('estates')
    .values({ neighborhood_id: neighborhoodId, name: `导入测试小区${++estateSeq}-${Date.now().toString(36)}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function counts(estateId: number) {
  const r = await sql<Record<string, number>>`
    select
      (select count(*) from buildings where estate_id = ${estateId})::int as buildings,
      (select count(*) from entrances where estate_id = ${estateId})::int as entrances,
      (select count(*) from units where estate_id = ${estateId})::int as units,
      (select count(*) from holders where estate_id = ${estateId})::int as holders,
      (select count(*) from owners where estate_id = ${estateId})::int as owners,
      (select count(*) from ownerships where estate_id = ${estateId})::int as ownerships,
      (select count(*) from audit_log where estate_id = ${estateId})::int as audits,
      (select total_area_cents from estates where id = ${estateId})::bigint as total,
      (select delivered_area_cents from estates where id = ${estateId})::bigint as delivered`.execute(db);
  return r.rows[0]!;
}

const cents = (area: string) => {
  const [w, f = ''] = area.split('.');
  return Number(w) * 100 + Number(f.padEnd(2, '0'));
};

/** the holders rules.md §1 expects, computed from the rows independently of the importer */
function expectedHolderKeys(rows: readonly OwnerListRow[]): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const r of rows) {
    let key: string;
    if (r.holderKind === 'builder' || !r.delivered) key = 'builder';
    else if (r.holderKind === 'co_owners') key = `co:${r.idNumbers.map(normalizeIdNumber).sort().join(',')}`;
    else key = `${r.holderKind}:${normalizeIdNumber(r.idNumbers[0]!)}`;
    const list = keys.get(key) ?? [];
    list.push(r.number);
    keys.set(key, list);
  }
  return keys;
}

async function importRows(estateId: number, rows: readonly OwnerListRow[], fileName = 'list.xlsx', extra: { allowNewBuildings?: boolean } = {}) {
  const buffer = fileName.endsWith('.csv') ? Buffer.from(writeOwnerListCsv(rows), 'utf8') : await writeOwnerListXlsx(rows);
  return importOwnerList(db, { estateId, fileName, buffer, actorId: null, idKey: ID_KEY, ...extra });
}

function ok(r: Awaited<ReturnType<typeof importOwnerList>>): ImportSummary {
  if (!r.ok) throw new Error(`import failed: ${JSON.stringify(r.errors.slice(0, 5))}`);
  return r.summary;
}

beforeAll(async () => {
  database = await freshDatabase();
  db = database.db;
  const suffix = `${process.pid}-${Date.now().toString(36)}`;
  const city = await addJurisdiction(null, 'city', `导入测试市${suffix}`);
  const district = await addJurisdiction(city, 'district', '测试区');
  const sub = await addJurisdiction(district, 'subdistrict', '测试街道');
  neighborhoodId = (await addJurisdiction(sub, 'neighborhood', '测试社区')).id;
});
afterAll(async () => {
  await database?.close();
});

// 5 buildings × 2 entrances × 18 floors × 10 units + 2 shops and 38 parking spaces per building = 2,000
const rows2000 = generateOwnerList({
  buildings: 5, entrancesPerBuilding: 2, floors: 18, unitsPerFloor: 10, shopsPerBuilding: 2, parkingPerBuilding: 38,
  seed: 42, builderShare: 0.06, coOwnerShare: 0.25, multiUnitShare: 0.15, organizationShare: 0.03,
});

describe('importing an owner list', () => {
  it('imports 2,000 rows with one holder per buyer, one builder holder and one holder per set of co-owners', async () => {
    expect(rows2000).toHaveLength(2000);
    const estateId = await newEstate();
    const summary = ok(await importRows(estateId, rows2000));
    const expected = expectedHolderKeys(rows2000);
    expect(summary).toEqual({
      unitsCreated: 2000, unitsUpdated: 0, unitsUnchanged: 0, holdersCreated: expected.size, ownershipsChanged: 0, buildingsCreated: 5,
    });
    const c = await counts(estateId);
    expect(c).toMatchObject({ buildings: 5, entrances: 10, units: 2000, holders: expected.size, ownerships: 2000, audits: 1 });
    expect(Number(c.total)).toBe(rows2000.reduce((s, r) => s + cents(r.area), 0));
    expect(Number(c.delivered)).toBe(rows2000.filter((r) => r.delivered).reduce((s, r) => s + cents(r.area), 0));

    // the data exercise every grouping rule
    const multi = [...expected].filter(([k, units]) => k.startsWith('person:') && units.length > 1);
    const coOwned = [...expected].filter(([k]) => k.startsWith('co:'));
    const builderUnits = expected.get('builder') ?? [];
    expect(multi.length).toBeGreaterThan(10);
    expect(coOwned.length).toBeGreaterThan(50);
    expect(builderUnits.length).toBeGreaterThan(50);
    expect(rows2000.some((r) => r.holderKind === 'person' && !r.delivered)).toBe(true);

    const byUnit = new Map(
      (await db
        .selectFrom('ownerships as o')
        .innerJoin('units as u', (j) => j.onRef('u.id', '=', 'o.unit_id').onRef('u.estate_id', '=', 'o.estate_id'))
        .innerJoin('holders as h', (j) => j.onRef('h.id', '=', 'o.holder_id').onRef('h.estate_id', '=', 'o.estate_id'))
        .select(['u.number', 'h.id', 'h.kind'])
        .where('o.estate_id', '=', estateId)
        .where('o.valid_to', 'is', null)
        .execute()).map((r) => [r.number, r]),
    );
    // a buyer with several units is ONE holder
    for (const [, units] of multi) expect(new Set(units.map((n) => byUnit.get(n)!.id)).size).toBe(1);
    // all builder and undelivered units are ONE builder holder
    expect(new Set(builderUnits.map((n) => byUnit.get(n)!.id)).size).toBe(1);
    expect(builderUnits.every((n) => byUnit.get(n)!.kind === 'builder')).toBe(true);
    const builders = await db.selectFrom('holders').select('name').where('estate_id', '=', estateId).where('kind', '=', 'builder').execute();
    expect(builders).toHaveLength(1);
    expect(builders[0]!.name).toMatch(/置业有限公司$/);
    // co-owners of a unit are one holder with one owner each, the first of them the voter
    const [coKey, coUnits] = coOwned[0]!;
    const coHolder = byUnit.get(coUnits[0]!)!.id;
    const coOwners = await db.selectFrom('owners').select(['name', 'is_voter']).where('estate_id', '=', estateId).where('holder_id', '=', coHolder).orderBy('id').execute();
    expect(coOwners).toHaveLength(coKey.split(',').length);
    expect(coOwners.map((o) => o.is_voter)).toEqual(coOwners.map((_, i) => i === 0));

    // ID numbers are never stored in clear: only a keyed hash and a masked copy
    const owners = await db.selectFrom('owners').select(['id_number_hash', 'id_number_masked']).where('estate_id', '=', estateId).execute();
    const clearIds = new Set(rows2000.flatMap((r) => r.idNumbers));
    for (const o of owners) {
      expect(clearIds.has(o.id_number_hash)).toBe(false);
      expect(o.id_number_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(o.id_number_masked).toMatch(/^\w{3}\*+\w{4}$/);
    }
    // one audit record, with counts and the file name, and no personal data
    const audit = await db.selectFrom('audit_log').select(['action', 'entity', 'after']).where('estate_id', '=', estateId).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'registry.import', entity: 'estate' });
    const text = JSON.stringify(audit.after);
    expect(text).toContain('list.xlsx');
    expect(text).toContain('"unitsCreated":2000');
    const someone = rows2000.find((r) => r.holderKind === 'person')!;
    expect(text).not.toContain(someone.idNumbers[0]!);
    expect(text).not.toContain(someone.names[0]!);
  });

  it('imports nothing from a file with errors, and reports every bad row', async () => {
    const estateId = await newEstate();
    ok(await importRows(estateId, rows2000.slice(0, 300)));
    const before = await counts(estateId);
    const bad = rows2000.slice(0, 400).map((r) => ({ ...r }));
    bad[10] = { ...bad[10]!, area: '-3' };
    bad[20] = { ...bad[20]!, area: '99.999' };
    bad[350] = { ...bad[350]!, number: bad[351]!.number };
    bad[399] = { ...bad[399]!, idNumbers: [`${bad[399]!.idNumbers[0]!.slice(0, 17)}${bad[399]!.idNumbers[0]!.endsWith('0') ? '1' : '0'}`] };
    const r = await importRows(estateId, bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.row, e.code])).toEqual(
      expect.arrayContaining([[12, 'ROW_NEGATIVE_AREA'], [22, 'ROW_AREA_DECIMALS'], [352, 'ROW_DUPLICATE_UNIT'], [353, 'ROW_DUPLICATE_UNIT']]),
    );
    expect(r.errors.some((e) => e.row === 401 && (e.code === 'ROW_BAD_ID' || e.code === 'ROW_BAD_CREDIT_CODE' || e.code === 'ROW_ID_NAME_CONFLICT'))).toBe(true);
    expect(await counts(estateId)).toEqual(before);
  });

  it('re-imports: one changed area and one sold unit update exactly those; the old ownership is closed', async () => {
    const estateId = await newEstate();
    const rows = rows2000.slice(0, 500);
    ok(await importRows(estateId, rows));
    const firstDone = new Date();
    const changed = rows.map((r) => ({ ...r }));
    const areaIdx = changed.findIndex((r) => r.holderKind === 'person' && r.delivered);
    changed[areaIdx] = { ...changed[areaIdx]!, area: `${(cents(changed[areaIdx]!.area) + 101) / 100}` };
    const soldIdx = changed.findIndex((r, i) => i !== areaIdx && r.holderKind === 'person' && r.delivered && rows.filter((x) => x.idNumbers[0] === r.idNumbers[0]).length === 1);
    const buyer = residentIdWithCheck('11010819900101123');
    changed[soldIdx] = { ...changed[soldIdx]!, names: ['新业主'], idNumbers: [buyer], phones: ['13912345678'], certificateNo: '京(2025)朝阳区不动产权第9999999号' };
    const summary = ok(await importRows(estateId, changed, 'second.csv'));
    expect(summary).toEqual({ unitsCreated: 0, unitsUpdated: 2, unitsUnchanged: 498, holdersCreated: 1, ownershipsChanged: 1, buildingsCreated: 0 });

    const unit = await db.selectFrom('units').select(['area_cents', 'updated_at', 'created_at']).where('estate_id', '=', estateId).where('number', '=', changed[areaIdx]!.number).executeTakeFirstOrThrow();
    expect(Number(unit.area_cents)).toBe(cents(rows[areaIdx]!.area) + 101);
    expect(unit.updated_at.getTime()).toBeGreaterThan(unit.created_at.getTime());

    const history = await db
      .selectFrom('ownerships as o')
      .innerJoin('units as u', (j) => j.onRef('u.id', '=', 'o.unit_id').onRef('u.estate_id', '=', 'o.estate_id'))
      .innerJoin('holders as h', (j) => j.onRef('h.id', '=', 'o.holder_id').onRef('h.estate_id', '=', 'o.estate_id'))
      .select(['o.valid_from', 'o.valid_to', 'o.certificate_no', 'h.name', 'h.kind'])
      .where('o.estate_id', '=', estateId)
      .where('u.number', '=', changed[soldIdx]!.number)
      .orderBy('o.valid_from')
      .execute();
    expect(history).toHaveLength(2);
    expect(history[0]!.name).toBe(rows[soldIdx]!.names[0]);
    expect(history[0]!.valid_to).not.toBeNull();
    expect(history[0]!.valid_to!.getTime()).toBe(history[1]!.valid_from.getTime());
    expect(history[0]!.valid_to!.getTime()).toBeGreaterThanOrEqual(firstDone.getTime());
    expect(history[1]).toMatchObject({ name: '新业主', kind: 'person', valid_to: null, certificate_no: '京(2025)朝阳区不动产权第9999999号' });
    // the roll before the sale is still computable: at that instant the old holder held the unit
    const at = new Date(history[0]!.valid_to!.getTime() - 1);
    const then = await sql<{ name: string }>`
      select h.name from ownerships o join units u on u.id = o.unit_id and u.estate_id = o.estate_id
        join holders h on h.id = o.holder_id and h.estate_id = o.estate_id
      where o.estate_id = ${estateId} and u.number = ${changed[soldIdx]!.number} and tstzrange(o.valid_from, o.valid_to) @> ${at.toISOString()}::timestamptz`.execute(db);
    expect(then.rows.map((r) => r.name)).toEqual([rows[soldIdx]!.names[0]]);

    // the same file again changes nothing
    expect(ok(await importRows(estateId, changed, 'third.xlsx'))).toMatchObject({ unitsUpdated: 0, unitsUnchanged: 500, ownershipsChanged: 0, holdersCreated: 0 });
    // units missing from a later file are left alone
    expect(ok(await importRows(estateId, changed.slice(0, 100), 'part.xlsx'))).toMatchObject({ unitsUnchanged: 100 });
    expect((await counts(estateId)).units).toBe(500);
  });

  it('keeps the building list fixed after the first import unless new buildings are allowed', async () => {
    const estateId = await newEstate();
    ok(await importRows(estateId, rows2000.slice(0, 20)));
    const extra: OwnerListRow = { ...rows2000[0]!, building: '99号楼', number: '99-1-101' };
    const r = await importRows(estateId, [extra]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.code)).toEqual(['ROW_UNKNOWN_BUILDING']);
    expect(ok(await importRows(estateId, [extra], 'more.xlsx', { allowNewBuildings: true }))).toMatchObject({ unitsCreated: 1, buildingsCreated: 1 });
  });

  it('stores quotes, braces, backslashes and commas intact (rows travel as array parameters)', async () => {
    const estateId = await newEstate();
    const org = rows2000.find((r) => r.holderKind === 'organization')!;
    const tricky: OwnerListRow[] = [
      { ...org, number: 'T-1', names: ['北京"星光"{科技}\\有限公司, 分部 NULL'], certificateNo: '京(2023)朝阳区"不动产权"第{1}号\\', contractNo: 'NULL' },
      { ...rows2000.find((r) => r.holderKind === 'person' && r.delivered)!, number: 'T-2', names: ["O'Brien Zhang"] },
    ];
    ok(await importRows(estateId, tricky));
    const holders = await db.selectFrom('holders').select('name').where('estate_id', '=', estateId).orderBy('name').execute();
    expect(holders.map((h) => h.name).sort()).toEqual(['北京"星光"{科技}\\有限公司, 分部 NULL', "O'Brien Zhang"].sort());
    const docs = await db.selectFrom('ownerships').select(['certificate_no', 'contract_no']).where('estate_id', '=', estateId).where('certificate_no', 'like', '%{1}%').executeTakeFirstOrThrow();
    expect(docs).toEqual({ certificate_no: '京(2023)朝阳区"不动产权"第{1}号\\', contract_no: 'NULL' });
    expect(ok(await importRows(estateId, tricky))).toMatchObject({ unitsUnchanged: 2 });
  });

  it('exports the registry and re-imports the export unchanged (masked and personal)', async () => {
    const estateId = await newEstate();
    const rows = rows2000.slice(0, 600);
    ok(await importRows(estateId, rows));
    const before = await counts(estateId);
    for (const personal of [false, true]) {
      const xlsx = await exportRegistryXlsx(db, estateId, { personal });
      const again = ok(await importOwnerList(db, { estateId, fileName: 'export.xlsx', buffer: xlsx, actorId: null, idKey: ID_KEY }));
      expect(again).toEqual({ unitsCreated: 0, unitsUpdated: 0, unitsUnchanged: 600, holdersCreated: 0, ownershipsChanged: 0, buildingsCreated: 0 });
    }
    const after = await counts(estateId);
    expect({ ...after, audits: 0 }).toEqual({ ...before, audits: 0 });
  });

  it('imports 50,000 rows (the time of each phase is logged; speed is measured in docs/import.md, not asserted)', { timeout: 600_000 }, async () => {
    const rows = generateOwnerList({
      buildings: 25, entrancesPerBuilding: 4, floors: 25, unitsPerFloor: 20, seed: 50_000,
      builderShare: 0.05, coOwnerShare: 0.3, multiUnitShare: 0.1, organizationShare: 0.02,
    });
    expect(rows).toHaveLength(50_000);
    const buffer = await writeOwnerListXlsx(rows);
    const estateId = await newEstate();
    const phases: Record<string, number> = {};
    const t0 = performance.now();
    let last = t0;
    let phase = 'parse';
    const r = await importOwnerList(db, {
      estateId, fileName: '50k.xlsx', buffer, actorId: null, idKey: ID_KEY,
      onProgress: (p) => {
        const name = p.phase === 'importing' ? 'write' : p.total ? 'validate' : 'parse';
        if (name !== phase) {
          phases[phase] = performance.now() - last;
          last = performance.now();
          phase = name;
        }
      },
    });
    phases[phase] = performance.now() - last;
    const seconds = (performance.now() - t0) / 1000;
    const summary = ok(r);
    expect(summary.unitsCreated).toBe(50_000);
    expect(summary.holdersCreated).toBe(expectedHolderKeys(rows).size);
    console.log(`[import.test] 50,000-row .xlsx import on ${database.kind}: ${seconds.toFixed(1)} s`, Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, `${(v / 1000).toFixed(1)} s`])));
  });
});

describe('ImportJobs', () => {
  const rows = generateOwnerList({ buildings: 4, entrancesPerBuilding: 2, floors: 25, unitsPerFloor: 10, seed: 7 });

  it('answers progress from memory while the import transaction runs, and one import per estate', async () => {
    const jobs = new ImportJobs(db, ID_KEY, () => {});
    const estateId = await newEstate();
    const buffer = await writeOwnerListXlsx(rows);
    const job = await jobs.start(estateId, { name: 'jobs.xlsx', buffer }, { accountId: null });
    expect(job).toMatchObject({ estateId, status: 'validating', fileName: 'jobs.xlsx', errorCount: 0, summary: null });

    // a second import of the same estate while this one runs
    await expect(jobs.start(estateId, { name: 'again.xlsx', buffer }, { accountId: null })).rejects.toMatchObject({ code: 'IMPORT_IN_PROGRESS' });

    const seen: ImportJobT[] = [];
    for (;;) {
      const s = await jobs.get(estateId, job.id);
      if (!s) throw new Error('job missing');
      if (s.status === 'importing') {
        // answered while the import's transaction holds the database (on PGlite its one
        // connection: a poll that needed the database would wait for the commit and see the end)
        seen.push(s);
        expect((await jobs.list(estateId))[0]).toMatchObject({ id: job.id, status: 'importing' });
      }
      if (s.status === 'succeeded' || s.status === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.some((s) => s.percent > 50 && s.percent < 100)).toBe(true);
    expect(new Set(seen.map((s) => s.percent)).size).toBeGreaterThan(1);
    expect(seen.every((s) => s.totalRows === rows.length)).toBe(true);

    const done = await jobs.wait(job.id);
    expect(done).toMatchObject({ status: 'succeeded', percent: 100, totalRows: 2000, processedRows: 2000, errorCount: 0 });
    expect(done.summary).toMatchObject({ unitsCreated: 2000 });
    expect(await jobs.get(estateId, job.id)).toMatchObject({ status: 'succeeded', summary: { unitsCreated: 2000 } });
    // now another import may start
    const next = await jobs.start(estateId, { name: 'again.xlsx', buffer }, { accountId: null });
    expect((await jobs.wait(next.id)).summary).toMatchObject({ unitsUnchanged: 2000 });
    expect((await jobs.list(estateId)).map((j) => j.id)).toEqual([next.id, job.id]);
  });

  it('stores every error of a failed file, pages them, and imports nothing', async () => {
    const jobs = new ImportJobs(db, ID_KEY, () => {});
    const estateId = await newEstate();
    const bad = rows.slice(0, 450).map((r) => ({ ...r, area: 'abc' }));
    const job = await jobs.start(estateId, { name: 'bad.csv', buffer: Buffer.from(writeOwnerListCsv(bad)) }, { accountId: null });
    const done = await jobs.wait(job.id);
    expect(done).toMatchObject({ status: 'failed', errorCount: 450, summary: null });
    const page1 = await jobs.get(estateId, job.id, { offset: 0, limit: 200 });
    const page3 = await jobs.get(estateId, job.id, { offset: 400, limit: 200 });
    expect(page1!.errors).toHaveLength(200);
    expect(page1!.errorCount).toBe(450);
    expect(page3!.errors).toHaveLength(50);
    expect(page3!.errors[49]).toMatchObject({ row: 451, column: '专有部分面积(㎡)', code: 'ROW_BAD_AREA' });
    expect((await counts(estateId)).units).toBe(0);
  });

  it('marks jobs left running by a crash as interrupted', async () => {
    const estateId = await newEstate();
    const row = await db.insertInto('import_jobs').values({ estate_id: estateId, file_name: 'crashed.xlsx', status: 'importing', errors: '[]' }).returning('id').executeTakeFirstOrThrow();
    const jobs = new ImportJobs(db, ID_KEY, () => {});
    await jobs.markInterrupted();
    const job = await jobs.get(estateId, row.id);
    expect(job).toMatchObject({ status: 'failed', errorCount: 1 });
    expect(job!.errors[0]!.code).toBe('IMPORT_INTERRUPTED');
    expect(job!.finishedAt).not.toBeNull();
  });

  it('turns an unexpected exception into a failed job, never a crash', async () => {
    const estateId = await newEstate();
    // a database whose transactions fail
    const broken = new Proxy(db, {
      get(target, prop) {
        if (prop === 'transaction') return () => { throw new Error('boom'); };
        const v = Reflect.get(target, prop, target) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const logged: unknown[] = [];
    const jobs = new ImportJobs(broken, ID_KEY, (_m, e) => logged.push(e));
    const job = await jobs.start(estateId, { name: 'ok.xlsx', buffer: await writeOwnerListXlsx(rows.slice(0, 10)) }, { accountId: null });
    const done = await jobs.wait(job.id);
    expect(done).toMatchObject({ status: 'failed', errorCount: 1 });
    expect(done.errors[0]!.code).toBe('IMPORT_FAILED');
    expect(logged).toHaveLength(1);
    expect((await counts(estateId)).units).toBe(0);
  });

  it('rejects an unknown estate', async () => {
    const jobs = new ImportJobs(db, ID_KEY, () => {});
    await expect(jobs.start(999_999_999, { name: 'x.xlsx', buffer: Buffer.from('') }, { accountId: null })).rejects.toBeInstanceOf(AppError);
    await expect(importOwnerList(db, { estateId: 999_999_999, fileName: 'x.xlsx', buffer: Buffer.from(''), actorId: null, idKey: ID_KEY })).rejects.toMatchObject({ code: 'ESTATE_NOT_FOUND' });
  });
});
