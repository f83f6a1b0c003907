import { rolePermissions, type Permission } from '@gongzhi/contracts';
import type { DB, Kysely } from '@gongzhi/db';
import { AppError } from '../errors';
import type { AuthContext, Grant } from '../auth/context';

/**
 * The one permission check path. Every route that touches an estate or a jurisdiction calls
 * requireEstateAccess / requireJurisdictionAccess first; lists are filtered by visibleScope.
 *
 * A grant covers: everything (platform_admin), a jurisdiction node and all below it (officers),
 * or one estate (committee, property staff, owners…).
 */
export interface EstateScope {
  id: number;
  path: string; // the neighborhood's path (and the grid's, when set, lies below it)
}

export function grantCovers(g: Grant, target: { estateId?: number; path: string }): boolean {
  if (g.role === 'platform_admin' && g.jurisdictionId === null && g.estateId === null) return true;
  if (g.estateId !== null) return target.estateId !== undefined && g.estateId === target.estateId;
  if (g.path !== null) return target.path.startsWith(g.path);
  return false;
}

export function permissionsOn(auth: AuthContext, target: { estateId?: number; path: string }): Set<Permission> {
  const out = new Set<Permission>();
  for (const g of auth.grants) if (grantCovers(g, target)) for (const p of rolePermissions[g.role]) out.add(p);
  return out;
}

/** Throws UNAUTHENTICATED or FORBIDDEN unless a platform-wide grant carries `permission`. */
export function requirePlatformAccess(auth: AuthContext, permission: Permission): void {
  if (!auth.account) throw new AppError('UNAUTHENTICATED');
  const platformWide = auth.grants.some((g) => g.jurisdictionId === null && g.estateId === null && rolePermissions[g.role].includes(permission));
  if (!platformWide) throw new AppError('FORBIDDEN');
}

export async function loadEstateScope(db: Kysely<DB>, estateId: number): Promise<EstateScope | null> {
  const row = await db
    .selectFrom('estates')
    .innerJoin('jurisdictions', 'jurisdictions.id', 'estates.neighborhood_id')
    .select(['estates.id', 'jurisdictions.path'])
    .where('estates.id', '=', estateId)
    .executeTakeFirst();
  return row ? { id: row.id, path: row.path } : null;
}

/** Throws ESTATE_NOT_FOUND or FORBIDDEN unless the viewer holds `permission` on the estate. */
export async function requireEstateAccess(db: Kysely<DB>, auth: AuthContext, estateId: number, permission: Permission): Promise<Set<Permission>> {
  if (!auth.account) throw new AppError('UNAUTHENTICATED');
  const scope = await loadEstateScope(db, estateId);
  if (!scope) throw new AppError('ESTATE_NOT_FOUND');
  const perms = permissionsOn(auth, { estateId, path: scope.path });
  if (!perms.has(permission)) throw new AppError('FORBIDDEN');
  return perms;
}

export async function requireJurisdictionAccess(db: Kysely<DB>, auth: AuthContext, jurisdictionId: number, permission: Permission): Promise<{ path: string }> {
  if (!auth.account) throw new AppError('UNAUTHENTICATED');
  const node = await db.selectFrom('jurisdictions').select(['id', 'path']).where('id', '=', jurisdictionId).executeTakeFirst();
  if (!node) throw new AppError('JURISDICTION_NOT_FOUND');
  if (!permissionsOn(auth, { path: node.path }).has(permission)) throw new AppError('FORBIDDEN');
  return { path: node.path };
}

/** What a viewer can list: every estate (admin), estates under some paths, and some single estates. */
export interface VisibleScope {
  all: boolean;
  paths: string[];
  estateIds: number[];
}

export function visibleScope(auth: AuthContext, permission: Permission): VisibleScope {
  const scope: VisibleScope = { all: false, paths: [], estateIds: [] };
  for (const g of auth.grants) {
    if (!rolePermissions[g.role].includes(permission)) continue;
    if (g.role === 'platform_admin' && g.jurisdictionId === null && g.estateId === null) scope.all = true;
    else if (g.estateId !== null) scope.estateIds.push(g.estateId);
    else if (g.path !== null) scope.paths.push(g.path);
  }
  return scope;
}
