import { sql, writeAudit, type DB, type Kysely, type NewRow } from '@gongzhi/db';
import { AppError } from '../errors';
import { BUILDER_KEY, normalizeName, normalizeUnitNumber, type ImportPlan, type PlanHolder } from './validate';

/**
 * Writing a validated plan, inside the ONE transaction the caller opened (a file imports fully or
 * not at all). Everything existing is loaded once into maps and every write is a multi-row
 * statement of at most BATCH rows: 50,000 rows are a few hundred statements, never one per row.
 *
 * Re-import semantics (by 房号): changed attributes update the unit; a changed holder closes the
 * current ownership at `now` and opens a new one (the roll at any instant stays computable);
 * certificate and contract numbers follow the file; units not in the file are left alone.
 */

/** The contract's summary (ImportJob.summary). */
export interface ImportSummary {
  unitsCreated: number;
  /** existing units with any change: attributes, holder, certificate or contract number */
  unitsUpdated: number;
  unitsUnchanged: number;
  holdersCreated: number;
  /** existing units whose holder changed (old ownership closed, new one opened) or that had none */
  ownershipsChanged: number;
  buildingsCreated: number;
}

/** What else happened, for the audit record (counts only, no personal data). */
export interface ImportDetails {
  entrancesCreated: number;
  holdersRenamed: number;
  ownersCreated: number;
  ownersUpdated: number;
  ownershipsOpened: number;
  ownershipsClosed: number;
  unitsNotInFile: number;
  rows: number;
}

export interface ApplyInput {
  estateId: number;
  plan: ImportPlan;
  actorId: number | null;
  now: Date;
  fileName?: string;
  ip?: string | null;
  requestId?: string | null;
  onProgress?: (processed: number, total: number) => void;
}

/** rows per INSERT / UPDATE statement: at most 9 parameters a row, far below PostgreSQL's 65,535 */
export const BATCH = 1000;

function* chunks<T>(items: readonly T[], size = BATCH): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

interface UnitRow {
  id: number;
  number: string;
  building_id: number;
  entrance_id: number | null;
  floor: number | null;
  kind: string;
  area_cents: number;
  area_source: string;
  delivered: boolean;
}

export async function applyImport(trx: Kysely<DB>, input: ApplyInput): Promise<ImportSummary> {
  const { estateId, plan, now } = input;
  const summary: ImportSummary = { unitsCreated: 0, unitsUpdated: 0, unitsUnchanged: 0, holdersCreated: 0, ownershipsChanged: 0, buildingsCreated: 0 };
  const details: ImportDetails = {
    entrancesCreated: 0, holdersRenamed: 0, ownersCreated: 0, ownersUpdated: 0, ownershipsOpened: 0, ownershipsClosed: 0, unitsNotInFile: 0, rows: plan.units.length,
  };

  // progress: holders and owners, then units, then ownerships
  const ownerCount = plan.holders.reduce((n, h) => n + h.owners.length, 0);
  const work = Math.max(1, plan.holders.length + ownerCount + 2 * plan.units.length);
  let done = 0;
  const progress = (n: number) => {
    done += n;
    input.onProgress?.(Math.min(plan.units.length, Math.floor((done * plan.units.length) / work)), plan.units.length);
  };

  const T0 = performance.now(); let TL = T0; const lap = (l: string) => { if (process.env.GZ_IMPORT_TIMING) console.log(l, Math.round(performance.now() - TL)); TL = performance.now(); };
  // One import per estate at a time, also across processes (PostgreSQL): lock the estate row.
  const estate = await trx.selectFrom('estates').select('id').where('id', '=', estateId).forUpdate().executeTakeFirst();
  if (!estate) throw new AppError('ESTATE_NOT_FOUND');

  // ---------------------------------------------------------------- buildings and entrances
  const buildingIds = new Map<string, number>();
  for (const b of await trx.selectFrom('buildings').select(['id', 'name']).where('estate_id', '=', estateId).execute()) buildingIds.set(normalizeName(b.name), b.id);
  const hadBuildings = buildingIds.size > 0;
  const newBuildings = plan.buildings.filter((b) => !buildingIds.has(b));
  if (newBuildings.length > 0 && hadBuildings && !plan.allowNewBuildings) {
    throw new Error('the estate\'s buildings changed between validation and import');
  }
  for (const batch of chunks(newBuildings)) {
    const rows = await trx.insertInto('buildings').values(batch.map((name) => ({ estate_id: estateId, name }))).returning(['id', 'name']).execute();
    for (const r of rows) buildingIds.set(r.name, r.id);
    summary.buildingsCreated += rows.length;
  }
  const buildingId = (name: string) => {
    const id = buildingIds.get(name);
    if (id === undefined) throw new Error(`building ${name} missing`);
    return id;
  };

  const entranceIds = new Map<string, number>();
  const entranceKey = (bid: number, name: string) => `${bid}\u0000${name}`;
  for (const e of await trx.selectFrom('entrances').select(['id', 'building_id', 'name']).where('estate_id', '=', estateId).execute()) {
    entranceIds.set(entranceKey(e.building_id, normalizeName(e.name)), e.id);
  }
  const newEntrances = plan.entrances.map((e) => ({ building_id: buildingId(e.building), name: e.name })).filter((e) => !entranceIds.has(entranceKey(e.building_id, e.name)));
  for (const batch of chunks(newEntrances)) {
    const rows = await trx.insertInto('entrances').values(batch.map((e) => ({ estate_id: estateId, ...e }))).returning(['id', 'building_id', 'name']).execute();
    for (const r of rows) entranceIds.set(entranceKey(r.building_id, r.name), r.id);
    details.entrancesCreated += rows.length;
  }

  lap('// ---------------------------');
  // ---------------------------------------------------------------- holders
  const holderIds = new Map<string, number>();
  const holderNames = new Map<number, string>();
  for (const h of await trx.selectFrom('holders').select(['id', 'group_key', 'name']).where('estate_id', '=', estateId).execute()) {
    holderIds.set(h.group_key, h.id);
    holderNames.set(h.id, h.name);
  }
  const newHolders: PlanHolder[] = [];
  const renamed: Array<{ id: number; name: string }> = [];
  for (const h of plan.holders) {
    const id = holderIds.get(h.key);
    if (id === undefined) {
      if (h.keep && h.key !== BUILDER_KEY) throw new Error('a holder named by masked ID numbers is gone: the registry changed during the import');
      newHolders.push(h);
    } else if (!h.keep && holderNames.get(id) !== h.name) {
      renamed.push({ id, name: h.name });
    }
  }
  for (const batch of chunks(newHolders)) {
    const rows = await trx
      .insertInto('holders')
      .values(batch.map((h) => ({ estate_id: estateId, kind: h.kind, name: h.name, group_key: h.key })))
      .returning(['id', 'group_key'])
      .execute();
    for (const r of rows) holderIds.set(r.group_key, r.id);
    summary.holdersCreated += rows.length;
  }
  for (const batch of chunks(renamed)) {
    await sql`
      update holders as h set name = v.name
      from (values ${sql.join(batch.map((r) => sql`(${r.id}::bigint, ${r.name}::text)`))}) as v(id, name)
      where h.estate_id = ${estateId} and h.id = v.id`.execute(trx);
    details.holdersRenamed += batch.length;
  }
  lap('progress(plan.holders.length);');
  progress(plan.holders.length);

  // ---------------------------------------------------------------- owners
  const describedHolderIds = plan.holders.filter((h) => !h.keep && h.owners.length > 0).map((h) => holderIds.get(h.key)!);
  const owners = new Map<string, { id: number; name: string; id_number_masked: string; phone: string | null }>();
  for (const batch of chunks(describedHolderIds, 5000)) {
    const rows = await trx
      .selectFrom('owners')
      .select(['id', 'holder_id', 'id_number_hash', 'name', 'id_number_masked', 'phone'])
      .where('estate_id', '=', estateId)
      .where('holder_id', 'in', batch)
      .execute();
    for (const o of rows) owners.set(`${o.holder_id}:${o.id_number_hash}`, o);
  }
  const newOwners: Array<NewRow<'owners'>> = [];
  const changedOwners: Array<{ id: number; name: string; masked: string; phone: string | null }> = [];
  for (const h of plan.holders) {
    if (h.keep) continue;
    const hid = holderIds.get(h.key)!;
    for (const o of h.owners) {
      const known = owners.get(`${hid}:${o.idHash}`);
      if (!known) {
        newOwners.push({ estate_id: estateId, holder_id: hid, name: o.name, id_number_hash: o.idHash, id_number_masked: o.idMasked, phone: o.phone, is_voter: o.isVoter });
      } else {
        // an empty phone cell keeps the stored phone; the voter designation is not the file's to change
        const phone = o.phone ?? known.phone;
        if (known.name !== o.name || known.id_number_masked !== o.idMasked || known.phone !== phone) {
          changedOwners.push({ id: known.id, name: o.name, masked: o.idMasked, phone });
        }
      }
    }
  }
  for (const batch of chunks(newOwners)) {
    await trx.insertInto('owners').values(batch).execute();
    details.ownersCreated += batch.length;
    progress(batch.length);
  }
  for (const batch of chunks(changedOwners)) {
    await sql`
      update owners as o set name = v.name, id_number_masked = v.masked, phone = v.phone
      from (values ${sql.join(batch.map((r) => sql`(${r.id}::bigint, ${r.name}::text, ${r.masked}::text, ${r.phone}::text)`))}) as v(id, name, masked, phone)
      where o.estate_id = ${estateId} and o.id = v.id`.execute(trx);
    details.ownersUpdated += batch.length;
  }
  lap('progress(ownerCount - details.');
  progress(ownerCount - details.ownersCreated);

  // ---------------------------------------------------------------- units
  const units = new Map<string, UnitRow>();
  for (const u of await trx
    .selectFrom('units')
    .select(['id', 'number', 'building_id', 'entrance_id', 'floor', 'kind', 'area_cents', 'area_source', 'delivered'])
    .where('estate_id', '=', estateId)
    .execute()) {
    units.set(normalizeUnitNumber(u.number), u);
  }
  const existingUnitCount = units.size;
  const unitIds = new Map<string, number>();
  const changedUnits = new Set<string>();
  const newUnits: Array<NewRow<'units'>> = [];
  const updatedUnits: UnitRow[] = [];
  for (const u of plan.units) {
    const bid = buildingId(u.building);
    const eid = u.entrance === null ? null : (entranceIds.get(entranceKey(bid, u.entrance)) ?? null);
    const known = units.get(u.number);
    const row = { building_id: bid, entrance_id: eid, floor: u.floor, kind: u.kind, area_cents: u.areaCents, area_source: u.areaSource, delivered: u.delivered };
    if (!known) {
      newUnits.push({ estate_id: estateId, number: u.number, ...row });
      continue;
    }
    unitIds.set(u.number, known.id);
    if (
      known.building_id !== bid || known.entrance_id !== eid || known.floor !== u.floor || known.kind !== u.kind ||
      Number(known.area_cents) !== u.areaCents || known.area_source !== u.areaSource || known.delivered !== u.delivered
    ) {
      updatedUnits.push({ id: known.id, number: known.number, ...row });
      changedUnits.add(u.number);
    }
  }
  for (const batch of chunks(newUnits)) {
    const rows = await trx.insertInto('units').values(batch).returning(['id', 'number']).execute();
    for (const r of rows) unitIds.set(r.number, r.id);
    summary.unitsCreated += rows.length;
    progress(rows.length);
  }
  for (const batch of chunks(updatedUnits)) {
    await sql`
      update units as u set building_id = v.building_id, entrance_id = v.entrance_id, floor = v.floor, kind = v.kind,
        area_cents = v.area_cents, area_source = v.area_source, delivered = v.delivered, updated_at = ${now}
      from (values ${sql.join(batch.map((r) => sql`(${r.id}::bigint, ${r.building_id}::bigint, ${r.entrance_id}::bigint, ${r.floor}::integer, ${r.kind}::text, ${r.area_cents}::bigint, ${r.area_source}::text, ${r.delivered}::boolean)`))})
        as v(id, building_id, entrance_id, floor, kind, area_cents, area_source, delivered)
      where u.estate_id = ${estateId} and u.id = v.id`.execute(trx);
    progress(batch.length);
  }
  progress(plan.units.length - newUnits.length - updatedUnits.length);
  lap('details.unitsNotInFile =');
  details.unitsNotInFile = existingUnitCount - (plan.units.length - newUnits.length);

  // ---------------------------------------------------------------- ownerships
  const current = new Map<number, { id: number; holder_id: number; valid_from: Date; certificate_no: string | null; contract_no: string | null }>();
  for (const o of await trx
    .selectFrom('ownerships')
    .select(['id', 'unit_id', 'holder_id', 'valid_from', 'certificate_no', 'contract_no'])
    .where('estate_id', '=', estateId)
    .where('valid_to', 'is', null)
    .execute()) {
    current.set(o.unit_id, o);
  }
  const opened: Array<NewRow<'ownerships'>> = [];
  const closed: number[] = [];
  const corrected: Array<{ id: number; holder_id: number; certificate_no: string | null; contract_no: string | null }> = [];
  for (const u of plan.units) {
    const unitId = unitIds.get(u.number);
    const holderId = holderIds.get(u.holderKey);
    if (unitId === undefined || holderId === undefined) throw new Error('unit or holder missing after insert');
    const isNew = !units.has(u.number);
    const now_ = current.get(unitId);
    const docs = { certificate_no: u.certificateNo, contract_no: u.contractNo };
    if (!now_) {
      opened.push({ estate_id: estateId, unit_id: unitId, holder_id: holderId, valid_from: now, valid_to: null, ...docs, source: 'import' });
      if (!isNew) {
        summary.ownershipsChanged++;
        changedUnits.add(u.number);
      }
    } else if (now_.holder_id !== holderId) {
      summary.ownershipsChanged++;
      changedUnits.add(u.number);
      if (now_.valid_from.getTime() < now.getTime()) {
        closed.push(now_.id);
        opened.push({ estate_id: estateId, unit_id: unitId, holder_id: holderId, valid_from: now, valid_to: null, ...docs, source: 'import' });
      } else {
        // opened at this very instant (or a clock behind): a correction, not a second period
        corrected.push({ id: now_.id, holder_id: holderId, ...docs });
      }
    } else if (now_.certificate_no !== u.certificateNo || now_.contract_no !== u.contractNo) {
      corrected.push({ id: now_.id, holder_id: holderId, ...docs });
      changedUnits.add(u.number);
    }
  }
  // close first: the exclusion constraint forbids two overlapping periods of one unit
  lap('for (const batch of chunks(clo');
  for (const batch of chunks(closed, 5000)) {
    await trx.updateTable('ownerships').set({ valid_to: now }).where('estate_id', '=', estateId).where('id', 'in', batch).execute();
    details.ownershipsClosed += batch.length;
  }
  for (const batch of chunks(corrected)) {
    await sql`
      update ownerships as o set holder_id = v.holder_id, certificate_no = v.certificate_no, contract_no = v.contract_no
      from (values ${sql.join(batch.map((r) => sql`(${r.id}::bigint, ${r.holder_id}::bigint, ${r.certificate_no}::text, ${r.contract_no}::text)`))})
        as v(id, holder_id, certificate_no, contract_no)
      where o.estate_id = ${estateId} and o.id = v.id`.execute(trx);
  }
  lap('for (const batch of chunks(ope');
  for (const batch of chunks(opened)) {
    await trx.insertInto('ownerships').values(batch).execute();
    details.ownershipsOpened += batch.length;
    progress(batch.length);
  }
  progress(plan.units.length - opened.length);

  lap('summary.unitsUpdated = [');
  summary.unitsUpdated = [...changedUnits].filter((n) => units.has(n)).length;
  summary.unitsUnchanged = plan.units.length - summary.unitsCreated - summary.unitsUpdated;

  // ---------------------------------------------------------------- the estate's areas and the audit record
  await sql`
    update estates set
      total_area_cents = coalesce((select sum(area_cents) from units where estate_id = ${estateId}), 0),
      delivered_area_cents = coalesce((select sum(area_cents) from units where estate_id = ${estateId} and delivered), 0)
    where id = ${estateId}`.execute(trx);

  lap('await writeAudit(trx, {');
  await writeAudit(trx, {
    actorId: input.actorId,
    action: 'registry.import',
    entity: 'estate',
    entityId: estateId,
    estateId,
    after: { fileName: input.fileName ?? null, summary, details },
    ip: input.ip ?? null,
    requestId: input.requestId ?? null,
  });
  input.onProgress?.(plan.units.length, plan.units.length);
  return summary;
}
