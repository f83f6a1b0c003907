import type { RouteLocationRaw, RouteMeta, RouteRecordNameGeneric } from 'vue-router';
import type { MeT } from '../api/types';
import { homePathFor, isOwnerOnly } from '../helpers/session';

/**
 * The navigation rule, as a pure function of the target and the signed-in account:
 * - not signed in → /login (remembering where the user wanted to go);
 * - signed in on /login or / → home (owner H5 or console);
 * - an owner-only account in the console → /m.
 * Returns true to let the navigation pass.
 */
/** What the rule needs to know of the target route (a normalized or a resolved location). */
export interface NavTarget {
  name?: RouteRecordNameGeneric | null;
  fullPath: string;
  meta: RouteMeta;
  matched: ReadonlyArray<{ meta: RouteMeta }>;
}

export function decideNavigation(to: NavTarget, me: MeT | null): true | RouteLocationRaw {
  const isPublic = to.meta.public === true;
  if (!me) {
    if (isPublic) return true;
    return { name: 'login', query: to.fullPath && to.fullPath !== '/' ? { redirect: to.fullPath } : {} };
  }
  if (to.name === 'login' || to.name === 'root') return homePathFor(me);
  const inConsole = to.matched.some((r) => r.meta.area === 'console');
  if (inConsole && isOwnerOnly(me)) return '/m';
  return true;
}
