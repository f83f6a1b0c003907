import { ownerDefaultName, rolePermissions, roleNames } from '@gongzhi/contracts';
import type { DemoAccountT, MeT, Permission, Role } from '../api/types';

export const OWNER_HOME = '/m';
export const CONSOLE_HOME = '/console';

/** Owners, and accounts whose only role is owner, live in the owner H5; everyone else in the console. */
export function isOwnerOnly(me: MeT): boolean {
  if (me.account.kind === 'owner') return true;
  return me.roles.length > 0 && me.roles.every((g) => g.role === 'owner');
}

export function homePathFor(me: MeT): string {
  return isOwnerOnly(me) ? OWNER_HOME : CONSOLE_HOME;
}

/** Only same-site paths are accepted as a redirect target after sign-in. */
export function safeRedirect(target: unknown): string | null {
  if (typeof target !== 'string') return null;
  if (!target.startsWith('/') || target.startsWith('//') || target.startsWith('/login')) return null;
  return target;
}

/** Where to go after sign-in: the asked-for page if it suits the account, else its home. */
export function afterSignIn(me: MeT, redirect: unknown): string {
  const target = safeRedirect(redirect);
  if (target && !(target.startsWith('/console') && isOwnerOnly(me))) return target;
  return homePathFor(me);
}

/** Whether any role grant of the account carries the permission (on whatever scope). */
export function hasPermissionAnywhere(me: MeT | null, permission: Permission, scopes?: Array<'platform' | 'jurisdiction' | 'estate'>): boolean {
  if (!me) return false;
  return me.roles.some((g) => (!scopes || scopes.includes(g.scope)) && rolePermissions[g.role].includes(permission));
}

export function roleLabel(role: Role, locale: string): string {
  const names = roleNames[role];
  return locale.startsWith('en') ? names.en : names.zh;
}

/** Accessible name of a demo sign-in button, bilingual so tests and screen readers can rely on it. */
export function demoLoginLabel(account: Pick<DemoAccountT, 'role'>): string {
  const n = roleNames[account.role];
  return `以 ${n.zh} 身份登录 / Sign in as ${n.en}`;
}

/**
 * The account's name as the reader should see it: the name given at phone sign-up ("业主5678")
 * in the reader's language ("Owner 5678"); any other name as it is.
 */
export function accountName(account: MeT['account'], t: (key: string, values: Record<string, unknown>) => string): string {
  const last4 = account.phoneMasked?.slice(-4);
  if (account.kind === 'owner' && last4 && /^\d{4}$/.test(last4) && account.displayName === ownerDefaultName(last4)) {
    return t('owner.defaultName', { last4 });
  }
  return account.displayName;
}
