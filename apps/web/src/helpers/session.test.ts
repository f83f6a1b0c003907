import { describe, expect, it } from 'vitest';
import type { MeT } from '../api/types';
import { accountName, afterSignIn, demoLoginLabel, hasPermissionAnywhere, homePathFor, isOwnerOnly, safeRedirect } from './session';

function me(kind: 'owner' | 'staff', roles: MeT['roles']): MeT {
  return { account: { id: 1, kind, displayName: 'x', phoneMasked: null, username: null }, roles, csrfToken: 't' };
}
const ownerGrant = { role: 'owner', scope: 'estate', scopeId: 1, scopeName: '阳光小区' } as const;
const officerGrant = { role: 'subdistrict_officer', scope: 'jurisdiction', scopeId: 3, scopeName: '东城街道' } as const;
const chairGrant = { role: 'committee_chair', scope: 'estate', scopeId: 1, scopeName: '阳光小区' } as const;

describe('home of an account', () => {
  it('sends owners and owner-only staff to the owner H5, everyone else to the console', () => {
    expect(homePathFor(me('owner', []))).toBe('/m');
    expect(homePathFor(me('owner', [ownerGrant]))).toBe('/m');
    expect(homePathFor(me('staff', [ownerGrant]))).toBe('/m');
    expect(homePathFor(me('staff', [ownerGrant, officerGrant]))).toBe('/console');
    expect(homePathFor(me('staff', [chairGrant]))).toBe('/console');
    expect(isOwnerOnly(me('staff', []))).toBe(false);
  });

  it('honours a same-site redirect that suits the account', () => {
    expect(afterSignIn(me('staff', [officerGrant]), '/console/estates/7?tab=import')).toBe('/console/estates/7?tab=import');
    expect(afterSignIn(me('owner', [ownerGrant]), '/console/estates/7')).toBe('/m');
    expect(afterSignIn(me('owner', [ownerGrant]), '/m/claim')).toBe('/m/claim');
    expect(afterSignIn(me('staff', [officerGrant]), 'https://evil.example/')).toBe('/console');
    expect(afterSignIn(me('staff', [officerGrant]), '//evil.example/')).toBe('/console');
    expect(safeRedirect('/login?redirect=/x')).toBeNull();
    expect(safeRedirect(['/m'])).toBeNull();
  });
});

describe('permissions', () => {
  it('looks the permission up in the role table, optionally by scope', () => {
    expect(hasPermissionAnywhere(me('staff', [officerGrant]), 'registry.import')).toBe(true);
    expect(hasPermissionAnywhere(me('staff', [officerGrant]), 'audit.read', ['jurisdiction'])).toBe(true);
    expect(hasPermissionAnywhere(me('staff', [chairGrant]), 'audit.read', ['jurisdiction', 'platform'])).toBe(false);
    expect(hasPermissionAnywhere(me('owner', [ownerGrant]), 'claim.review')).toBe(false);
    expect(hasPermissionAnywhere(null, 'estate.read')).toBe(false);
  });
});

describe('demoLoginLabel', () => {
  it('names the role in both languages', () => {
    expect(demoLoginLabel({ role: 'subdistrict_officer' })).toBe('以 街道办 身份登录 / Sign in as Subdistrict officer');
    expect(demoLoginLabel({ role: 'owner' })).toBe('以 业主 身份登录 / Sign in as Owner');
  });
});

describe('the name an account is shown by', () => {
  const account = (over: Partial<MeT['account']>): MeT['account'] => ({ id: 1, kind: 'owner', displayName: '业主5678', phoneMasked: '138****5678', username: null, ...over });
  const t = (locale: 'zh' | 'en') => (key: string, values: Record<string, unknown>) => {
    expect(key).toBe('owner.defaultName');
    return locale === 'en' ? `Owner ${String(values.last4)}` : `业主${String(values.last4)}`;
  };

  it("shows the phone sign-up name in the reader's language", () => {
    expect(accountName(account({}), t('en'))).toBe('Owner 5678');
    expect(accountName(account({}), t('zh'))).toBe('业主5678');
  });

  it('leaves every other name as it is', () => {
    expect(accountName(account({ displayName: '业 主 张先生' }), t('en'))).toBe('业 主 张先生');
    // the digits of another phone, or no phone, or a staff account
    expect(accountName(account({ phoneMasked: '138****1234' }), t('en'))).toBe('业主5678');
    expect(accountName(account({ phoneMasked: null }), t('en'))).toBe('业主5678');
    expect(accountName(account({ kind: 'staff' }), t('en'))).toBe('业主5678');
  });
});
