import type { DB, Kysely } from '@gongzhi/db';
import type { Grant } from '../auth/context';

/** Display names of the scopes of some grants ("平台", a jurisdiction's or an estate's name). */
export async function scopeNames(db: Kysely<DB>, grants: Grant[]): Promise<Map<Grant, string>> {
  const jIds = [...new Set(grants.map((g) => g.jurisdictionId).filter((x): x is number => x !== null))];
  const eIds = [...new Set(grants.map((g) => g.estateId).filter((x): x is number => x !== null))];
  const js = jIds.length ? await db.selectFrom('jurisdictions').select(['id', 'name']).where('id', 'in', jIds).execute() : [];
  const es = eIds.length ? await db.selectFrom('estates').select(['id', 'name']).where('id', 'in', eIds).execute() : [];
  const jn = new Map(js.map((j) => [j.id, j.name]));
  const en = new Map(es.map((e) => [e.id, e.name]));
  const out = new Map<Grant, string>();
  for (const g of grants) {
    out.set(g, g.estateId !== null ? (en.get(g.estateId) ?? '') : g.jurisdictionId !== null ? (jn.get(g.jurisdictionId) ?? '') : '全平台 Platform');
  }
  return out;
}
