import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { MeT } from '../api/types';
import { routes } from './routes';
import { decideNavigation } from './guard';

const router = createRouter({ history: createMemoryHistory(), routes });
const to = (path: string) => router.resolve(path);

const owner: MeT = {
  account: { id: 1, kind: 'owner', displayName: '王业主', phoneMasked: '138****0000', username: null },
  roles: [{ role: 'owner', scope: 'estate', scopeId: 1, scopeName: '阳光小区' }],
  csrfToken: 't',
};
const officer: MeT = {
  account: { id: 2, kind: 'staff', displayName: '街道', phoneMasked: null, username: 'jd' },
  roles: [{ role: 'subdistrict_officer', scope: 'jurisdiction', scopeId: 3, scopeName: '东城街道' }],
  csrfToken: 't',
};

describe('decideNavigation', () => {
  it('sends visitors to /login, remembering the target', () => {
    expect(decideNavigation(to('/console/estates/5?tab=units'), null)).toEqual({ name: 'login', query: { redirect: '/console/estates/5?tab=units' } });
    expect(decideNavigation(to('/m/claim'), null)).toEqual({ name: 'login', query: { redirect: '/m/claim' } });
    expect(decideNavigation(to('/'), null)).toEqual({ name: 'login', query: {} });
  });

  it('lets visitors see the login and 404 pages', () => {
    expect(decideNavigation(to('/login'), null)).toBe(true);
    expect(decideNavigation(to('/no/such/page'), null)).toBe(true);
  });

  it('sends signed-in users from / and /login to their home', () => {
    expect(decideNavigation(to('/'), owner)).toBe('/m');
    expect(decideNavigation(to('/login'), officer)).toBe('/console');
  });

  it('keeps owners out of the console', () => {
    expect(decideNavigation(to('/console'), owner)).toBe('/m');
    expect(decideNavigation(to('/console/estates/1'), owner)).toBe('/m');
    expect(decideNavigation(to('/m'), owner)).toBe(true);
    expect(decideNavigation(to('/console/estates/1'), officer)).toBe(true);
  });
});
