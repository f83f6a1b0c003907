// An estate with one meeting in voting, built in-process with the server's own code (the owner
// list goes through the real import, the meeting through saveDraft/publish/open with explicit
// instants), plus one signed-in owner account per voting holder and a committee chair.
import { createHash, randomBytes } from 'node:crypto';
import { inTransaction, sql, writeAudit, type DB, type Kysely } from '@gongzhi/db';
import { generateOwnerList, importOwnerList, writeOwnerListCsv } from '../../apps/server/src/registry/index';
import { open, publish, saveDraft } from '../../apps/server/src/assembly/lifecycle';

export const DAY = 86_400_000;
/** The registry is dated from here, the notice is published at START (10:00 China time, a Monday). */
export const REGISTRY_FROM = new Date('2026-01-01T00:00:00Z');
export const START = new Date('2026-03-02T02:00:00Z');
export const OPENS_AT = new Date(START.getTime() + 16 * DAY);
export const CLOSES_AT = new Date(START.getTime() + 26 * DAY);
/** The server's test clock starts here: inside the voting window. */
export const VOTING_CLOCK = new Date(OPENS_AT.getTime() + 120_000);

export interface Voter {
  holderId: number;
  token: string;
  csrf: string;
}

export interface VotingEstate {
  estateId: number;
  meetingId: number;
  motionIds: string[];
  units: number;
  voters: Voter[];
  chair: Voter;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

async function newSessions(trx: Kysely<DB>, accountIds: number[]): Promise<Array<{ token: string; csrf: string }>> {
  const expires = new Date(Date.now() + 14 * DAY);
  const out = accountIds.map(() => ({ token: randomBytes(32).toString('base64url'), csrf: randomBytes(24).toString('base64url') }));
  for (let i = 0; i < accountIds.length; i += 2000) {
    await trx
      .insertInto('sessions')
      .values(accountIds.slice(i, i + 2000).map((accountId, k) => ({ token_hash: sha256(out[i + k]!.token), account_id: accountId, csrf_token: out[i + k]!.csrf, expires_at: expires })))
      .execute();
  }
  return out;
}

export async function setupVotingEstate(
  db: Kysely<DB>,
  idKey: string,
  options: { layout: { buildings: number; entrancesPerBuilding: number; floors: number; unitsPerFloor: number }; seed: number; name: string; phonePrefix: string; log?: (m: string) => void },
): Promise<VotingEstate> {
  const log = options.log ?? (() => {});
  // jurisdictions city → district → subdistrict → neighborhood (national profile) and the estate
  const estateId = await inTransaction(db, async (trx) => {
    const chain: Array<{ id: number; path: string }> = [];
    for (const [level, name] of [['city', `${options.name}市`], ['district', '区'], ['subdistrict', '街道'], ['neighborhood', '社区']] as const) {
      const parent = chain[chain.length - 1];
      const row = await trx.insertInto('jurisdictions').values({ parent_id: parent?.id ?? null, level, name, path: '', profile_id: level === 'city' ? 'national' : null }).returning('id').executeTakeFirstOrThrow();
      const p: string = `${parent?.path ?? '/'}${row.id}/`;
      await trx.updateTable('jurisdictions').set({ path: p }).where('id', '=', row.id).execute();
      chain.push({ id: row.id, path: p });
    }
    const e = await trx.insertInto('estates').values({ neighborhood_id: chain[3]!.id, name: options.name }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, { actorId: null, action: 'estate.create', entity: 'estate', entityId: e.id, estateId: e.id, after: { name: options.name } });
    return e.id;
  });

  const t0 = Date.now();
  const rows = generateOwnerList({ ...options.layout, seed: options.seed });
  const imported = await importOwnerList(db, { estateId, fileName: `${options.name}.csv`, buffer: Buffer.from(writeOwnerListCsv(rows)), actorId: null, idKey });
  if (!imported.ok) throw new Error(`owner list import failed: ${JSON.stringify(imported.errors.slice(0, 3))}`);
  // the import dates the titles "now"; the scenario runs in 2026 (holiday data), so date them earlier
  await sql`update ownerships set valid_from = ${REGISTRY_FROM} where estate_id = ${estateId}`.execute(db);
  log(`owner list: ${rows.length} units imported in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // one owner account per holder (its designated voter), with the owner role and a session
  const t1 = Date.now();
  const voterOwners = await db
    .selectFrom('owners')
    .select(['id', 'holder_id'])
    .where('estate_id', '=', estateId)
    .where('is_voter', '=', true)
    .distinctOn('holder_id')
    .orderBy('holder_id')
    .orderBy('id')
    .execute();
  const voters = await inTransaction(db, async (trx) => {
    const accountIds: number[] = [];
    for (let i = 0; i < voterOwners.length; i += 2000) {
      const batch = voterOwners.slice(i, i + 2000);
      const ids = await trx
        .insertInto('accounts')
        .values(batch.map((_, k) => ({ kind: 'owner' as const, display_name: `业主${i + k + 1}`, phone: `${options.phonePrefix}${String(i + k).padStart(11 - options.phonePrefix.length, '0')}` })))
        .returning('id')
        .execute();
      accountIds.push(...ids.map((r) => r.id));
    }
    await sql`
      update owners o set account_id = v.account_id
      from unnest(${voterOwners.map((o) => o.id)}::bigint[], ${accountIds}::bigint[]) as v(owner_id, account_id)
      where o.estate_id = ${estateId} and o.id = v.owner_id`.execute(trx);
    for (let i = 0; i < accountIds.length; i += 5000) {
      await trx.insertInto('role_grants').values(accountIds.slice(i, i + 5000).map((id) => ({ account_id: id, role: 'owner', estate_id: estateId }))).execute();
    }
    const sessions = await newSessions(trx, accountIds);
    return voterOwners.map((o, i) => ({ holderId: o.holder_id, ...sessions[i]! }));
  });

  const chair = await inTransaction(db, async (trx) => {
    const a = await trx
      .insertInto('accounts')
      .values({ kind: 'staff', display_name: '业委会 主任', username: `chair-${estateId}-${randomBytes(4).toString('hex')}`, password_hash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('role_grants').values({ account_id: a.id, role: 'committee_chair', estate_id: estateId }).execute();
    const [s] = await newSessions(trx, [a.id]);
    return { accountId: a.id, ...s! };
  });
  log(`${voters.length} voter accounts and sessions in ${((Date.now() - t1) / 1000).toFixed(1)} s`);

  // the meeting: draft → notice (START) → voting (the day the window opens)
  const t2 = Date.now();
  const actor = { accountId: chair.accountId };
  const meetingId = await saveDraft(
    db,
    estateId,
    null,
    {
      title: '2026年第一次业主大会会议',
      description: '审议物业服务合同续签与公共收益使用。',
      form: 'written',
      convener: 'committee',
      opensAt: OPENS_AT.toISOString(),
      closesAt: CLOSES_AT.toISOString(),
      motions: [
        { kind: 'resolution', title: '续聘安居物业服务有限公司', description: '', matter: 'property_manager' },
        { kind: 'resolution', title: '公共收益用于增设电动自行车充电桩', description: '', matter: 'other_major' },
      ],
    } as Parameters<typeof saveDraft>[3],
    actor,
    START,
  );
  const t3 = Date.now();
  await publish(db, estateId, meetingId, actor, START);
  const t4 = Date.now();
  await open(db, estateId, meetingId, actor, new Date(OPENS_AT.getTime() + 60_000));
  log(`  saveDraft ${t3 - t2} ms, publish ${t4 - t3} ms, open ${Date.now() - t4} ms`);
  const motions = await db.selectFrom('motions').select('id').where('estate_id', '=', estateId).where('meeting_id', '=', meetingId).orderBy('position').execute();
  log(`meeting ${meetingId} convened, published and opened in ${((Date.now() - t2) / 1000).toFixed(1)} s`);
  await sql`analyze`.execute(db);
  return {
    estateId,
    meetingId,
    motionIds: motions.map((m) => `m${m.id}`),
    units: rows.length,
    voters,
    chair: { holderId: 0, token: chair.token, csrf: chair.csrf },
  };
}
