import { CoreError } from '../errors';
import { BEIJING, HANGZHOU, HENAN, SHANDONG, SHANGHAI } from './local';
import { NATIONAL_PROFILE } from './national';
import type { JurisdictionProfile, LocalizedName } from './types';

/** Every built-in profile, national defaults first. */
export const PROFILES: readonly JurisdictionProfile[] = [NATIONAL_PROFILE, BEIJING, SHANGHAI, HANGZHOU, HENAN, SHANDONG];

export type ProfileId = 'national' | 'beijing' | 'shanghai' | 'hangzhou' | 'henan' | 'shandong';

/** Ids and names of the built-in profiles, for pickers. */
export function listProfiles(): { id: string; name: LocalizedName; parent: string | null }[] {
  return PROFILES.map((p) => ({ id: p.id, name: p.name, parent: p.parent }));
}

/** The built-in profile with this id; throws PROFILE_UNKNOWN otherwise. */
export function resolveProfile(id: ProfileId | (string & {})): JurisdictionProfile {
  const profile = PROFILES.find((p) => p.id === id);
  if (profile) return profile;
  throw new CoreError(
    'PROFILE_UNKNOWN',
    `没有辖区档案 ${JSON.stringify(id)}；可用：${PROFILES.map((p) => p.id).join('、')}`,
    `no jurisdiction profile ${JSON.stringify(id)}; known: ${PROFILES.map((p) => p.id).join(', ')}`,
  );
}
