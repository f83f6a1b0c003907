import type { DB, HolderKind, Kysely } from '@gongzhi/db';
import { AppError } from '../errors';
import { formatArea } from '../http/format';
import { maskName, maskPhone } from '../privacy/mask';
import {
  AREA_SOURCE_LABELS, HOLDER_KIND_LABELS, LIST_JOINER, NO, UNIT_KIND_LABELS, YES, ownerListSheet, writeSheets, type OwnerListCells,
} from './template';

/**
 * The registry as .xlsx: sheet 业主清册 in the template's layout (an export re-imports cleanly:
 * masked ID numbers keep each unit's current holder), sheet 表决权人 (one line per holder with its
 * units, area and head), sheet 汇总. ID numbers are only ever masked (they are not stored in
 * clear); names and phones are masked unless `personal`. Written with exceljs' streaming writer.
 */

export const HOLDERS_SHEET = '表决权人';
export const SUMMARY_SHEET = '汇总';

const collator = new Intl.Collator('zh-Hans-CN', { numeric: true });
const MAX_LISTED_UNITS = 200;

export async function exportRegistryXlsx(db: Kysely<DB>, estateId: number, options: { personal: boolean }): Promise<Buffer> {
  const { personal } = options;
  const estate = await db.selectFrom('estates').select(['id', 'name', 'total_area_cents', 'delivered_area_cents']).where('id', '=', estateId).executeTakeFirst();
  if (!estate) throw new AppError('ESTATE_NOT_FOUND');

  const units = await db
    .selectFrom('units as u')
    .innerJoin('buildings as b', (j) => j.onRef('b.id', '=', 'u.building_id').onRef('b.estate_id', '=', 'u.estate_id'))
    .leftJoin('entrances as e', (j) => j.onRef('e.id', '=', 'u.entrance_id').onRef('e.estate_id', '=', 'u.estate_id'))
    .leftJoin('ownerships as o', (j) => j.onRef('o.unit_id', '=', 'u.id').onRef('o.estate_id', '=', 'u.estate_id').on('o.valid_to', 'is', null))
    .select([
      'u.number', 'u.floor', 'u.kind', 'u.area_cents', 'u.area_source', 'u.delivered', 'b.name as building', 'e.name as entrance',
      'o.holder_id', 'o.certificate_no', 'o.contract_no',
    ])
    .where('u.estate_id', '=', estateId)
    .execute();
  units.sort((a, b) => collator.compare(a.building, b.building) || collator.compare(a.number, b.number));

  const holders = new Map<number, { kind: HolderKind; name: string; owners: Array<{ name: string; masked: string; phone: string | null }>; units: string[]; areaCents: number }>();
  for (const h of await db.selectFrom('holders').select(['id', 'kind', 'name']).where('estate_id', '=', estateId).execute()) {
    holders.set(h.id, { kind: h.kind, name: h.name, owners: [], units: [], areaCents: 0 });
  }
  for (const o of await db
    .selectFrom('owners')
    .select(['holder_id', 'name', 'id_number_masked', 'phone'])
    .where('estate_id', '=', estateId)
    .orderBy('holder_id')
    .orderBy('is_voter', 'desc')
    .orderBy('id')
    .execute()) {
    holders.get(o.holder_id)?.owners.push({ name: o.name, masked: o.id_number_masked, phone: o.phone });
  }

  const publicName = (kind: HolderKind) => kind === 'organization' || kind === 'builder';
  const showName = (kind: HolderKind, name: string) => (personal || publicName(kind) ? name : maskName(name));
  const showPhone = (p: string | null) => (p === null ? '' : personal ? p : (maskPhone(p) ?? ''));

  const rows: OwnerListCells[] = units.map((u) => {
    const h = u.holder_id === null ? undefined : holders.get(u.holder_id);
    if (h) {
      h.units.push(u.number);
      h.areaCents += Number(u.area_cents);
    }
    let names = '';
    let ids = '';
    let phones = '';
    if (h) {
      if (h.kind === 'person' || h.kind === 'co_owners') {
        names = h.owners.map((o) => showName(h.kind, o.name)).join(LIST_JOINER);
        ids = h.owners.map((o) => o.masked).join(LIST_JOINER);
        phones = h.owners.some((o) => o.phone) ? h.owners.map((o) => showPhone(o.phone)).join(LIST_JOINER) : '';
      } else {
        names = h.name;
        ids = h.owners[0]?.masked ?? '';
        phones = showPhone(h.owners[0]?.phone ?? null);
      }
    }
    return [
      u.building,
      u.entrance ?? '',
      u.number,
      u.floor ?? '',
      UNIT_KIND_LABELS[u.kind],
      Number(formatArea(u.area_cents)),
      AREA_SOURCE_LABELS[u.area_source],
      u.delivered ? YES : NO,
      h ? HOLDER_KIND_LABELS[h.kind] : '',
      names,
      ids,
      phones,
      u.certificate_no ?? '',
      u.contract_no ?? '',
    ];
  });

  const kindOrder: Record<HolderKind, number> = { builder: 0, organization: 1, person: 2, co_owners: 3 };
  const holding = [...holders.values()].filter((h) => h.units.length > 0);
  holding.sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind] || collator.compare(a.units[0]!, b.units[0]!));
  const holderRows = holding.map((h) => [
    showName(h.kind, h.name),
    HOLDER_KIND_LABELS[h.kind],
    h.units.length,
    h.units.length > MAX_LISTED_UNITS ? `${h.units.slice(0, MAX_LISTED_UNITS).join('、')} 等 ${h.units.length} 套` : h.units.join('、'),
    Number(formatArea(h.areaCents)),
    1,
  ]);
  const heads = holding.length;
  const unitsWithoutHolder = units.filter((u) => u.holder_id === null).length;

  return writeSheets([
    ownerListSheet(rows, { dropdownRows: Math.max(rows.length, 1000) }),
    {
      name: HOLDERS_SHEET,
      headers: ['表决权人', '类型', '房屋套数', '房号', '专有部分面积合计(㎡)', '人数'],
      widths: [30, 10, 10, 60, 20, 8],
      numFmts: { 4: '0.00' },
      rows: holderRows,
    },
    {
      name: SUMMARY_SHEET,
      headers: ['项目 Item', '数值 Value'],
      widths: [36, 36],
      rows: [
        ['小区 Estate', estate.name],
        ['房屋（专有部分）套数 Units', units.length],
        ['表决权人数（人数） Holders (heads)', heads],
        ['总面积(㎡) Total area', formatArea(estate.total_area_cents)],
        ['已交付面积(㎡) Delivered area', formatArea(estate.delivered_area_cents)],
        ['无当前权利人的房屋 Units without a holder', unitsWithoutHolder],
        ['个人信息 Personal data', personal ? '姓名、手机号未脱敏（证件号码始终脱敏） names and phones in clear; ID numbers always masked' : '已脱敏 masked'],
        ['导出时间 Exported at', new Date().toISOString()],
      ],
    },
  ]);
}
