import { sql } from 'kysely';
import { hash as argonHash } from '@node-rs/argon2';
import { inTransaction, writeAudit, type DB, type JurisdictionLevel, type Kysely } from '@gongzhi/db';
import type { Role } from '@gongzhi/contracts';
import type { AppDeps } from '../app';
import { generateOwnerList, importOwnerList, writeOwnerListXlsx } from '../registry/index';
import { COMPOUND_SURNAMES } from '../registry/template';
import { grantOwnerRole } from '../usecases/claim-unit';
import { hashIdNumber, residentIdWithCheck } from '../privacy/id-number';
import { maskIdNumber } from '../privacy/mask';
import { seedDemoMeetings } from './meetings';

/** The password of every demo staff account (demo mode only; shown in the README). */
export const DEMO_PASSWORD = 'gongzhi-demo';

export async function isEmpty(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('jurisdictions').select('id').limit(1).executeTakeFirst();
  return !row;
}

async function addJurisdiction(trx: Kysely<DB>, parent: { id: number; path: string } | null, level: JurisdictionLevel, name: string, profileId: string | null = null) {
  const row = await trx
    .insertInto('jurisdictions')
    .values({ parent_id: parent?.id ?? null, level, name, path: '', profile_id: profileId })
    .returning('id')
    .executeTakeFirstOrThrow();
  const path = `${parent?.path ?? '/'}${row.id}/`;
  await trx.updateTable('jurisdictions').set({ path }).where('id', '=', row.id).execute();
  return { id: row.id, path };
}

interface EstateSpec {
  key: string;
  name: string;
  address: string;
  neighborhood: number;
  propertyManager: string;
  layout: { buildings: number; entrancesPerBuilding: number; floors: number; unitsPerFloor: number };
}

/**
 * The demo city: one district, two subdistricts, four neighborhoods, six estates (one of 3,000
 * units), each estate's registry imported through the same import code as a real owner list,
 * and one demo account for every role.
 */
/** When the demo owner lists count as imported. */
export const DEMO_REGISTRY_DATE = new Date('2024-01-01T00:00:00+08:00');

export async function seedDemo(deps: AppDeps, options: { log?: (m: string) => void; scale?: 'full' | 'small' } = {}): Promise<void> {
  const log = options.log ?? (() => {});
  const db = deps.db;

  const places = await inTransaction(db, async (trx) => {
    const city = await addJurisdiction(trx, null, 'city', '演示市', 'national');
    const district = await addJurisdiction(trx, city, 'district', '和平区');
    const east = await addJurisdiction(trx, district, 'subdistrict', '东华街道');
    const west = await addJurisdiction(trx, district, 'subdistrict', '西城街道');
    const n = [
      await addJurisdiction(trx, east, 'neighborhood', '幸福社区'),
      await addJurisdiction(trx, east, 'neighborhood', '和谐社区'),
      await addJurisdiction(trx, west, 'neighborhood', '光明社区'),
      await addJurisdiction(trx, west, 'neighborhood', '团结社区'),
    ] as const;
    await writeAudit(trx, { actorId: null, action: 'demo.seed', entity: 'jurisdiction', entityId: city.id, jurisdictionId: city.id, after: { name: '演示市' } });
    return { city, district, east, west, n };
  });

  const estates: EstateSpec[] = [
    { key: 'sunshine', name: '阳光花园', address: '和平区东华路 88 号', neighborhood: places.n[0].id, propertyManager: '安居物业服务有限公司', layout: { buildings: 10, entrancesPerBuilding: 2, floors: 25, unitsPerFloor: 6 } },
    { key: 'lotus', name: '荷塘小区', address: '和平区东华路 120 号', neighborhood: places.n[0].id, propertyManager: '安居物业服务有限公司', layout: { buildings: 4, entrancesPerBuilding: 2, floors: 6, unitsPerFloor: 2 } },
    { key: 'harmony', name: '和谐家园', address: '和平区和谐街 6 号', neighborhood: places.n[1].id, propertyManager: '万家物业管理有限公司', layout: { buildings: 6, entrancesPerBuilding: 2, floors: 11, unitsPerFloor: 2 } },
    { key: 'bright', name: '光明里', address: '和平区西城大街 15 号', neighborhood: places.n[2].id, propertyManager: '', layout: { buildings: 3, entrancesPerBuilding: 3, floors: 6, unitsPerFloor: 2 } },
    { key: 'unity', name: '团结新村', address: '和平区团结路 3 号', neighborhood: places.n[3].id, propertyManager: '众诚物业有限公司', layout: { buildings: 5, entrancesPerBuilding: 2, floors: 18, unitsPerFloor: 4 } },
    { key: 'garden', name: '锦绣苑', address: '和平区西城大街 201 号', neighborhood: places.n[3].id, propertyManager: '众诚物业有限公司', layout: { buildings: 2, entrancesPerBuilding: 1, floors: 12, unitsPerFloor: 4 } },
  ];

  const estateIds = new Map<string, number>();
  for (const [i, spec] of estates.entries()) {
    const id = await inTransaction(db, async (trx) => {
      const row = await trx
        .insertInto('estates')
        .values({ neighborhood_id: spec.neighborhood, name: spec.name, address: spec.address, property_manager: spec.propertyManager })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeAudit(trx, { actorId: null, action: 'estate.create', entity: 'estate', entityId: row.id, estateId: row.id, after: { name: spec.name } });
      return row.id;
    });
    estateIds.set(spec.key, id);
    // 'small' (integration tests): the same city with a few units per estate.
    const layout = options.scale === 'small' ? { buildings: 2, entrancesPerBuilding: 1, floors: 3, unitsPerFloor: 2 } : spec.layout;
    const rows = generateOwnerList({ ...layout, seed: 1000 + i });
    const buffer = await writeOwnerListXlsx(rows);
    const result = await importOwnerList(db, { estateId: id, fileName: `${spec.name}-业主清册.xlsx`, buffer, actorId: null, idKey: deps.idKey });
    if (!result.ok) throw new Error(`demo import of ${spec.name} failed: ${JSON.stringify(result.errors.slice(0, 5))}`);
    log(`  ${spec.name}: ${rows.length} units imported`);
  }

  // The demo registries stand for owner lists imported when the estates were delivered (2024),
  // not at the instant the demo loads: meetings dated in 2026 then have a roll.
  await inTransaction(db, (trx) => sql`update ownerships set valid_from = ${DEMO_REGISTRY_DATE} where source = 'import'`.execute(trx));

  const sunshine = estateIds.get('sunshine')!;
  const passwordHash = await argonHash(DEMO_PASSWORD);
  const accounts: Array<{ username: string; name: string; role: Role; jurisdiction?: number; estate?: number; kind?: 'owner'; phone?: string }> = [
    { username: 'demo-admin', name: '平台管理员（演示）', role: 'platform_admin' },
    { username: 'demo-district', name: '区住建局 王科长', role: 'district_officer', jurisdiction: places.district.id },
    { username: 'demo-subdistrict', name: '东华街道 李主任', role: 'subdistrict_officer', jurisdiction: places.east.id },
    { username: 'demo-subdistrict-west', name: '西城街道 赵主任', role: 'subdistrict_officer', jurisdiction: places.west.id },
    { username: 'demo-neighborhood', name: '幸福社区 陈书记', role: 'neighborhood_officer', jurisdiction: places.n[0].id },
    { username: 'demo-chair', name: '阳光花园业委会 周主任', role: 'committee_chair', estate: sunshine },
    { username: 'demo-vice-chair', name: '阳光花园业委会 吴副主任', role: 'committee_vice_chair', estate: sunshine },
    { username: 'demo-member', name: '阳光花园业委会 郑委员', role: 'committee_member', estate: sunshine },
    { username: 'demo-prep', name: '荷塘小区筹备组 孙组长', role: 'prep_group_member', estate: estateIds.get('lotus')! },
    { username: 'demo-property', name: '安居物业 刘经理', role: 'property_staff', estate: sunshine },
    { username: 'demo-party', name: '阳光花园党支部 何书记', role: 'party_secretary', estate: sunshine },
    { username: 'demo-provider', name: '明信会计师事务所', role: 'service_provider', estate: sunshine },
    { username: 'demo-owner', name: '业主（演示）' /* named after its owner below */, role: 'owner', estate: sunshine, kind: 'owner', phone: '13800000000' },
  ];

  await inTransaction(db, async (trx) => {
    for (const a of accounts) {
      // The demo owner holds a real unit of 阳光花园 (the first person holder's owner) and is named
      // after that owner, so its greeting and the masked holder on its ballot agree.
      const owner =
        a.role === 'owner' && a.estate
          ? await trx
              .selectFrom('owners as o')
              .innerJoin('holders as h', (j) => j.onRef('h.id', '=', 'o.holder_id').onRef('h.estate_id', '=', 'o.estate_id'))
              .select(['o.id', 'o.estate_id', 'o.name', 'o.id_number_masked'])
              .where('o.estate_id', '=', a.estate)
              .where('h.kind', '=', 'person')
              .orderBy('o.id')
              .limit(1)
              .executeTakeFirstOrThrow()
          : null;
      const row = await trx
        .insertInto('accounts')
        .values({
          kind: a.kind ?? 'staff',
          display_name: owner ? `业主 ${courtesyName(owner.name, owner.id_number_masked)}（演示）` : a.name,
          username: a.username,
          password_hash: a.kind === 'owner' ? null : passwordHash,
          phone: a.phone ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('role_grants').values({ account_id: row.id, role: a.role, jurisdiction_id: a.jurisdiction ?? null, estate_id: a.estate ?? null }).execute();
      if (owner) {
        await trx.updateTable('owners').set({ account_id: row.id, phone: a.phone ?? null }).where('estate_id', '=', owner.estate_id).where('id', '=', owner.id).execute();
        await grantOwnerRole(trx, row.id, owner.estate_id);
      }
      await writeAudit(trx, { actorId: null, action: 'account.create', entity: 'account', entityId: row.id, after: { username: a.username, role: a.role } });
    }

    // A claim waiting for review, with a proof picture.
    const claimant = await trx.insertInto('accounts').values({ kind: 'owner', display_name: '业主 林女士（演示）', phone: '13800000001' }).returning('id').executeTakeFirstOrThrow();
    const unit = await trx.selectFrom('units').select(['id', 'number']).where('estate_id', '=', sunshine).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    const idNumber = residentIdWithCheck('11010519850312002');
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const file = await trx
      .insertInto('files')
      .values({ estate_id: sunshine, name: '不动产权证.png', content_type: 'image/png', size: png.length, sha256: 'demo', content: png, uploaded_by: claimant.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('claims')
      .values({
        estate_id: sunshine, account_id: claimant.id, unit_id: unit.id, claimant_name: '林晓梅', id_number_hash: hashIdNumber(deps.idKey, idNumber),
        id_number_masked: maskIdNumber(idNumber), document_kind: 'certificate', document_no: '演(2024)和平区不动产权第0099999号', proof_file_id: file.id, status: 'pending',
      })
      .execute();

    const chair = await trx.selectFrom('accounts').select('id').where('username', '=', 'demo-chair').executeTakeFirstOrThrow();
    for (const [title, body] of [
      ['关于开展业主身份认证的通知', '各位业主：为筹备业主大会会议，请通过“共治”平台完成业主身份认证（手机号登录 → 认证房屋）。如信息与登记不一致，可上传不动产权证或购房合同照片，由业委会审核。'],
      ['电梯年检安排公告', '3 号楼、5 号楼电梯将于下周二进行年度检验，检验期间暂停使用，请各位业主合理安排出行。'],
    ] as const) {
      await trx.insertInto('notices').values({ estate_id: sunshine, title, body, author_id: chair.id }).execute();
    }
  });

  // fresh statistics after the bulk imports (PGlite has no autovacuum), then the meetings
  await sql`analyze`.execute(db);
  await seedDemoMeetings(db, sunshine, deps.assembly.clock.now(), log);
}

/**
 * 朱先生 / 林女士: the surname and a courtesy title by the ID number's 17th digit (odd: male,
 * GB 11643), which the masked form keeps (1101**********123X).
 */
export function courtesyName(name: string, idNumberMasked: string): string {
  const surname = COMPOUND_SURNAMES.find((c) => name.startsWith(c)) ?? [...name][0] ?? '';
  const digit = Number(idNumberMasked.at(-2));
  return `${surname}${Number.isInteger(digit) && digit % 2 === 1 ? '先生' : '女士'}`;
}
