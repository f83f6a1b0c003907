import { type JurisdictionProfile, NATIONAL_PROFILE, resolveProfile } from '@gongzhi/core';
import type { DB, Kysely } from '@gongzhi/db';

/**
 * The jurisdiction profile that governs an estate: the profile of the nearest jurisdiction above
 * it that names one (neighborhood → subdistrict → district → city), else the national defaults.
 */
export async function profileIdForEstate(db: Kysely<DB>, estateId: number): Promise<string> {
  const estate = await db
    .selectFrom('estates as e')
    .innerJoin('jurisdictions as j', 'j.id', 'e.neighborhood_id')
    .select(['j.path'])
    .where('e.id', '=', estateId)
    .executeTakeFirst();
  if (!estate) return NATIONAL_PROFILE.id;
  const ids = estate.path.split('/').filter(Boolean).map(Number);
  if (ids.length === 0) return NATIONAL_PROFILE.id;
  const rows = await db.selectFrom('jurisdictions').select(['id', 'profile_id']).where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r.profile_id]));
  for (const id of ids.reverse()) {
    const p = byId.get(id);
    if (p) return p;
  }
  return NATIONAL_PROFILE.id;
}

/** A meeting's profile by its stored id; an unknown id is a deployment error and throws. */
export function profileById(id: string): JurisdictionProfile {
  return resolveProfile(id);
}
