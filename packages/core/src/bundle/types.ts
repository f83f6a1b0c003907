/**
 * The ballot bundle, format "gongzhi.ballot-bundle/1" (shared/spec/ballot-bundle.md): everything
 * a third party needs to recount an owners' assembly vote. These are the types of a bundle that
 * validateBundle accepted; the JSON on disk has exactly these members.
 */

export const BUNDLE_FORMAT = 'gongzhi.ballot-bundle/1';

export const HOLDER_KINDS = ['person', 'co_owners', 'organization', 'builder'] as const;
export type HolderKind = (typeof HOLDER_KINDS)[number];

/**
 * The nine matter codes of Civil Code art. 278(1), in the article's order (items 1–9).
 * Which of them need a supermajority is a jurisdiction-profile parameter.
 */
export const MATTER_CODES = [
  'rules_of_procedure',
  'covenant',
  'committee_election',
  'property_manager',
  'fund_use',
  'fund_raise',
  'rebuild',
  'common_use_change',
  'other_major',
] as const;
export type MatterCode = (typeof MATTER_CODES)[number];

export const MOTION_KINDS = ['resolution', 'election'] as const;
export type MotionKind = (typeof MOTION_KINDS)[number];

export const CHANNELS = ['online', 'paper', 'proxy'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHOICES = ['approve', 'reject', 'abstain', 'invalid'] as const;
export type Choice = (typeof CHOICES)[number];

export type HolderId = string;
export type UnitId = string;
export type MotionId = string;
export type CandidateId = string;

export interface Estate {
  readonly id: string;
  readonly name: string;
}

/** 表决权人: one voting member (a person, co-owners, an organization, or the builder). */
export interface Holder {
  readonly id: HolderId;
  readonly kind: HolderKind;
}

/** 专有部分: an exclusive part of the roll, with its area as a decimal string ("89.37"). */
export interface Unit {
  readonly id: UnitId;
  readonly holder: HolderId;
  readonly area: string;
}

export interface Candidate {
  readonly id: CandidateId;
  readonly name: string;
}

interface MotionBase {
  readonly id: MotionId;
  readonly title: string;
  readonly matter: MatterCode;
  /** RFC 3339 */
  readonly opensAt: string;
  /** RFC 3339 */
  readonly closesAt: string;
  /** only these units vote; absent = all units */
  readonly scope?: readonly UnitId[];
}

export interface ResolutionMotion extends MotionBase {
  readonly kind: 'resolution';
}

export interface ElectionMotion extends MotionBase {
  readonly kind: 'election';
  readonly seats: number;
  readonly candidates: readonly Candidate[];
}

export type Motion = ResolutionMotion | ElectionMotion;

interface BallotBase {
  readonly seq: number;
  readonly motion: MotionId;
  readonly holder: HolderId;
  readonly channel: Channel;
  /** RFC 3339 */
  readonly castAt: string;
  /** 64 lowercase hex; see the hash chain */
  readonly hash: string;
}

export interface ResolutionBallot extends BallotBase {
  readonly choice: Choice;
}

export interface ElectionBallot extends BallotBase {
  /** the candidates approved; empty = blank ballot */
  readonly approve: readonly CandidateId[];
}

export type Ballot = ResolutionBallot | ElectionBallot;

export function isElectionBallot(ballot: Ballot): ballot is ElectionBallot {
  return 'approve' in ballot;
}

export interface Bundle {
  readonly format: typeof BUNDLE_FORMAT;
  readonly estate: Estate;
  readonly holders: readonly Holder[];
  readonly units: readonly Unit[];
  readonly motions: readonly Motion[];
  readonly ballots: readonly Ballot[];
  readonly chainHead: string;
}
