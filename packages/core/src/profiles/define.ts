import { CoreError } from '../errors';
import type { JurisdictionProfile, ParamName, ProfileOverrides, ProfileParams } from './types';
import { type ProfileIssue, validateProfile } from './validate';

/** A profile failed validation; `issues` lists every problem. */
export class ProfileInvalidError extends CoreError<'PROFILE_INVALID'> {
  readonly issues: readonly ProfileIssue[];
  constructor(id: string, issues: readonly ProfileIssue[]) {
    const list = issues.map((i) => `${i.path}: ${i.message_en}`).join('; ');
    const listZh = issues.map((i) => `${i.path}：${i.message_zh}`).join('；');
    super('PROFILE_INVALID', `辖区档案 ${id} 无效：${listZh}`, `jurisdiction profile ${id} is invalid: ${list}`);
    this.issues = issues;
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Objects merge member by member; arrays, scalars and null replace what was there. */
export function deepMerge(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (!isPlainObject(override) || !isPlainObject(base)) return override;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) merged[key] = deepMerge(base[key], value);
  return merged;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}

/** Validates a complete profile and freezes it; throws ProfileInvalidError with every problem. */
export function checkedProfile(profile: JurisdictionProfile): JurisdictionProfile {
  const problems = validateProfile(profile);
  if (problems.length > 0) throw new ProfileInvalidError(profile.id, problems);
  return deepFreeze(profile);
}

/**
 * A profile that overrides `base` (usually the national defaults) parameter by parameter. Each
 * overridden parameter names its own source and status; object values merge deeply, so an
 * override may give only the members that differ. The result is validated and frozen.
 */
export function defineProfile(base: JurisdictionProfile, overrides: ProfileOverrides): JurisdictionProfile {
  const params: Record<string, unknown> = { ...base.params };
  for (const [name, override] of Object.entries(overrides.params)) {
    if (override === undefined) continue;
    const inherited = base.params[name as ParamName] as { value: unknown } | undefined;
    params[name] = {
      value: deepMerge(inherited?.value, override.value),
      source: override.source,
      status: override.status,
      ...(override.note === undefined ? {} : { note: override.note }),
    };
  }
  return checkedProfile({ id: overrides.id, name: overrides.name, parent: base.id, params: params as unknown as ProfileParams });
}
