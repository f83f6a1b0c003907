/** Roles, each granted on a scope (the platform, a jurisdiction node and all below it, or an estate). */
export const roles = [
  'platform_admin',
  'district_officer',
  'subdistrict_officer',
  'neighborhood_officer',
  'committee_chair',
  'committee_vice_chair',
  'committee_member',
  'prep_group_member',
  'property_staff',
  'party_secretary',
  'owner',
  'service_provider',
] as const;
export type Role = (typeof roles)[number];

export const roleNames: Record<Role, { zh: string; en: string }> = {
  platform_admin: { zh: '平台管理员', en: 'Platform admin' },
  district_officer: { zh: '区住建局', en: 'District officer' },
  subdistrict_officer: { zh: '街道办', en: 'Subdistrict officer' },
  neighborhood_officer: { zh: '社区居委会', en: 'Neighborhood officer' },
  committee_chair: { zh: '业委会主任', en: 'Committee chair' },
  committee_vice_chair: { zh: '业委会副主任', en: 'Committee vice-chair' },
  committee_member: { zh: '业委会委员', en: 'Committee member' },
  prep_group_member: { zh: '筹备组成员', en: 'Preparatory group member' },
  property_staff: { zh: '物业服务人员', en: 'Property-manager staff' },
  party_secretary: { zh: '党支部书记', en: 'Party-branch secretary' },
  owner: { zh: '业主', en: 'Owner' },
  service_provider: { zh: '第三方服务机构', en: 'Service provider' },
};

/** Every permission, checked in one place on the server (requireAccess). */
export const permissions = [
  'jurisdiction.read',
  'estate.read',
  'estate.create',
  'estate.update',
  'registry.read',
  'registry.personal',
  'registry.import',
  'registry.export',
  'claim.review',
  'notice.read',
  'notice.publish',
  'audit.read',
  'meeting.read',
  'meeting.manage',
  'meeting.predeliberate',
  'meeting.supervise',
  'ballot.clerk',
  /** platform-wide settings (the holiday calendar): only a platform-wide grant carries it */
  'platform.settings',
] as const;
export type Permission = (typeof permissions)[number];

const officer: Permission[] = ['jurisdiction.read', 'estate.read', 'registry.read', 'notice.read', 'audit.read', 'meeting.read', 'meeting.supervise'];
const committee: Permission[] = [
  'estate.read', 'registry.read', 'registry.personal', 'registry.export', 'claim.review', 'notice.read', 'notice.publish', 'audit.read',
  'meeting.read', 'meeting.manage', 'meeting.supervise', 'ballot.clerk',
];

/**
 * What each role may do within its scope. `registry.personal` means unmasked names, ID numbers
 * and phones (every such read is logged); everyone else sees the registry masked.
 */
export const rolePermissions: Record<Role, readonly Permission[]> = {
  platform_admin: permissions,
  district_officer: [...officer, 'estate.create', 'estate.update', 'registry.export'],
  // the subdistrict convenes the meeting itself where the committee fails to act (BJ 36; HN 25)
  subdistrict_officer: [...officer, 'estate.create', 'estate.update', 'registry.personal', 'registry.import', 'registry.export', 'claim.review', 'notice.publish', 'meeting.manage', 'ballot.clerk'],
  neighborhood_officer: [...officer, 'estate.update', 'registry.personal', 'registry.import', 'registry.export', 'claim.review', 'notice.publish'],
  committee_chair: [...committee, 'registry.import'],
  committee_vice_chair: [...committee, 'registry.import'],
  committee_member: committee,
  prep_group_member: ['estate.read', 'registry.read', 'registry.personal', 'claim.review', 'notice.read', 'notice.publish', 'meeting.read', 'meeting.manage', 'meeting.supervise', 'ballot.clerk'],
  property_staff: ['estate.read', 'registry.read', 'notice.read', 'meeting.read'],
  party_secretary: ['estate.read', 'registry.read', 'notice.read', 'audit.read', 'meeting.read', 'meeting.predeliberate', 'meeting.supervise'],
  owner: ['estate.read', 'registry.read', 'notice.read', 'meeting.read'],
  service_provider: ['estate.read', 'notice.read', 'meeting.read'],
};

/** Roles whose scope is a jurisdiction node; the others are scoped to an estate (admin: platform). */
export const jurisdictionRoles: readonly Role[] = ['district_officer', 'subdistrict_officer', 'neighborhood_officer'];

/**
 * The name an owner's account gets when it signs up by phone ("业主5678", the phone's last four
 * digits): stored in Chinese (what officials see), shown by the web app in the reader's language.
 */
export function ownerDefaultName(phoneLast4: string): string {
  return `业主${phoneLast4}`;
}
