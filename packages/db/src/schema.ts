import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Kysely table types, kept by hand in step with migrations/*.sql. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type TimestampNullable = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T = unknown> = ColumnType<T, string | undefined, string>;

export interface SettingsTable {
  key: string;
  value: string;
}

/** migrations/0007: a year's holiday notice added by an operator (gongzhi calendar add) */
export interface HolidayYearsTable {
  calendar_id: string;
  year: number;
  data: Json;
  added_at: Generated<Date>;
}

export type JurisdictionLevel = 'city' | 'district' | 'subdistrict' | 'neighborhood' | 'grid';

export interface JurisdictionsTable {
  id: Generated<number>;
  parent_id: number | null;
  level: JurisdictionLevel;
  name: string;
  code: string | null;
  profile_id: string | null;
  path: string;
  created_at: Generated<Date>;
}

export interface AccountsTable {
  id: Generated<number>;
  kind: 'owner' | 'staff';
  display_name: string;
  phone: string | null;
  username: string | null;
  password_hash: string | null;
  disabled: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface EstatesTable {
  id: Generated<number>;
  neighborhood_id: number;
  grid_id: number | null;
  name: string;
  address: Generated<string>;
  property_manager: Generated<string>;
  total_area_cents: Generated<number>;
  delivered_area_cents: Generated<number>;
  created_at: Generated<Date>;
}

export interface RoleGrantsTable {
  id: Generated<number>;
  account_id: number;
  role: string;
  jurisdiction_id: number | null;
  estate_id: number | null;
  created_at: Generated<Date>;
}

export interface SessionsTable {
  token_hash: string;
  account_id: number;
  csrf_token: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface OtpCodesTable {
  id: Generated<number>;
  phone: string;
  code_hash: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  attempts: Generated<number>;
  consumed_at: TimestampNullable;
}

export interface BuildingsTable {
  estate_id: number;
  id: Generated<number>;
  name: string;
}

export interface EntrancesTable {
  estate_id: number;
  id: Generated<number>;
  building_id: number;
  name: string;
}

export type UnitKind = 'residence' | 'shop' | 'parking' | 'other';
export type AreaSource = 'registry' | 'survey' | 'contract';

export interface UnitsTable {
  estate_id: number;
  id: Generated<number>;
  building_id: number;
  entrance_id: number | null;
  number: string;
  floor: number | null;
  kind: UnitKind;
  area_cents: number;
  area_source: AreaSource;
  delivered: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type HolderKind = 'person' | 'co_owners' | 'organization' | 'builder';

export interface HoldersTable {
  estate_id: number;
  id: Generated<number>;
  kind: HolderKind;
  name: string;
  group_key: string;
  created_at: Generated<Date>;
}

export interface OwnersTable {
  estate_id: number;
  id: Generated<number>;
  holder_id: number;
  name: string;
  id_number_hash: string;
  id_number_masked: string;
  phone: string | null;
  account_id: number | null;
  is_voter: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface OwnershipsTable {
  estate_id: number;
  id: Generated<number>;
  unit_id: number;
  holder_id: number;
  valid_from: Timestamp;
  valid_to: TimestampNullable;
  certificate_no: string | null;
  contract_no: string | null;
  source: 'import' | 'transfer' | 'manual';
}

export interface FilesTable {
  estate_id: number;
  id: Generated<number>;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  uploaded_by: number | null;
  created_at: Generated<Date>;
}

export type ClaimStatus = 'bound' | 'pending' | 'approved' | 'rejected';

export interface ClaimsTable {
  estate_id: number;
  id: Generated<number>;
  account_id: number;
  unit_id: number;
  claimant_name: string;
  id_number_hash: string;
  id_number_masked: string;
  document_kind: 'certificate' | 'contract';
  document_no: string;
  proof_file_id: number | null;
  status: ClaimStatus;
  owner_id: number | null;
  reason: string | null;
  reviewed_by: number | null;
  reviewed_at: TimestampNullable;
  created_at: Generated<Date>;
}

export interface NoticesTable {
  estate_id: number;
  id: Generated<number>;
  title: string;
  body: string;
  published_at: Generated<Date>;
  author_id: number | null;
}

export type ImportStatus = 'queued' | 'validating' | 'importing' | 'succeeded' | 'failed';

export interface ImportJobsTable {
  estate_id: number;
  id: Generated<number>;
  file_name: string;
  status: ImportStatus;
  total_rows: Generated<number>;
  processed_rows: Generated<number>;
  errors: Json<unknown[]>;
  summary: Json<Record<string, unknown> | null>;
  created_by: number | null;
  created_at: Generated<Date>;
  finished_at: TimestampNullable;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Generated<Date>;
  actor_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  estate_id: number | null;
  jurisdiction_id: number | null;
  before: Json | null;
  after: Json | null;
  ip: string | null;
  request_id: string | null;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: Generated<Date>;
}

// ---------------------------------------------------------------- 0002 assembly meetings

export type MeetingStateDb = 'draft' | 'notice' | 'voting' | 'closed' | 'final' | 'archived' | 'cancelled';
export type BallotChannel = 'online' | 'paper' | 'proxy';

export interface MeetingsTable {
  estate_id: number;
  id: Generated<number>;
  title: string;
  description: Generated<string>;
  form: 'written' | 'collective';
  convener: 'committee' | 'interim_committee' | 'prep_group' | 'subdistrict';
  location: string | null;
  state: Generated<MeetingStateDb>;
  profile_id: string;
  opens_at: Timestamp;
  closes_at: Timestamp;
  notice_published_at: TimestampNullable;
  roll_frozen_at: TimestampNullable;
  closed_at: TimestampNullable;
  finalized_at: TimestampNullable;
  archived_at: TimestampNullable;
  cancelled_at: TimestampNullable;
  cancel_reason: string | null;
  pre_deliberation_note: string | null;
  pre_deliberated_at: TimestampNullable;
  pre_deliberated_by: number | null;
  chain_head: string | null;
  attendance_secret: string;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface MotionsTable {
  estate_id: number;
  id: Generated<number>;
  meeting_id: number;
  position: number;
  kind: 'resolution' | 'election';
  title: string;
  description: Generated<string>;
  matter: string;
  seats: number | null;
  scope_building_ids: Json<number[] | null> | null;
}

export interface CandidatesTable {
  estate_id: number;
  id: Generated<number>;
  motion_id: number;
  position: number;
  name: string;
  statement: Generated<string>;
}

export interface MeetingAttachmentsTable {
  estate_id: number;
  meeting_id: number;
  file_id: number;
}

export interface MeetingRollTable {
  estate_id: number;
  meeting_id: number;
  unit_id: number;
  holder_id: number;
  building_id: number;
  area_cents: number;
  original_holder_id: number | null;
  reassigned_at: TimestampNullable;
}

export interface PaperCodesTable {
  estate_id: number;
  meeting_id: number;
  holder_id: number;
  code: string;
  created_at: Generated<Date>;
}

export interface ProxiesTable {
  estate_id: number;
  id: Generated<number>;
  meeting_id: number;
  holder_id: number;
  proxy_name: string;
  proxy_phone: string;
  authorization_file_id: number;
  note: string | null;
  status: Generated<'active' | 'revoked'>;
  created_by: number | null;
  created_at: Generated<Date>;
  revoked_at: TimestampNullable;
}

export interface PaperEntriesTable {
  estate_id: number;
  id: Generated<number>;
  meeting_id: number;
  holder_id: number;
  code: string;
  answers: Json<unknown[]>;
  received_at: Timestamp;
  scan_file_id: number;
  status: Generated<'pending' | 'confirmed' | 'discarded'>;
  entered_by: number;
  entered_at: Generated<Date>;
  confirmed_by: number | null;
  confirmed_at: TimestampNullable;
  mismatches: Generated<number>;
  note: string | null;
}

export interface BallotsTable {
  estate_id: number;
  id: Generated<number>;
  meeting_id: number;
  motion_id: number;
  holder_id: number;
  channel: BallotChannel;
  cast_at: Timestamp;
  choice: 'approve' | 'reject' | 'abstain' | 'invalid' | null;
  approve: Json<string[] | null> | null;
  receipt: string;
  cast_by: number | null;
  proxy_id: number | null;
  paper_entry_id: number | null;
  device: string | null;
}

/** A ballot's place in its meeting's hash chain (append-only; migrations/0003). */
export interface BallotChainTable {
  estate_id: number;
  meeting_id: number;
  seq: number;
  ballot_id: number;
  hash: string;
  prev_hash: string;
  sealed_at: Timestamp;
}

export interface MeetingChainsTable {
  estate_id: number;
  meeting_id: number;
  head: string;
  sealed_count: Generated<number>;
  /** every ballot of the meeting with an id up to this one is sealed */
  sealed_through: Generated<number>;
  updated_at: Generated<Date>;
}

export interface ObjectionsTable {
  estate_id: number;
  id: Generated<number>;
  meeting_id: number;
  kind: 'roll' | 'result';
  unit_number: string | null;
  text: string;
  account_id: number;
  status: Generated<'open' | 'accepted' | 'rejected'>;
  response: string | null;
  resolved_by: number | null;
  resolved_at: TimestampNullable;
  created_at: Generated<Date>;
}

export interface AttendanceTable {
  estate_id: number;
  meeting_id: number;
  holder_id: number;
  account_id: number;
  signed_at: Generated<Date>;
}

export interface MeetingResultsTable {
  estate_id: number;
  meeting_id: number;
  stage: 'preliminary' | 'final';
  computed_at: Generated<Date>;
  chain_head: string;
  ballot_count: number;
  channels: Json<{ online: number; paper: number; proxy: number }>;
  recount_json: string;
}

export interface NotificationsTable {
  estate_id: number;
  id: Generated<number>;
  account_id: number;
  meeting_id: number | null;
  kind: string;
  title: string;
  body: string;
  created_at: Generated<Date>;
  read_at: TimestampNullable;
}

export interface DB {
  settings: SettingsTable;
  holiday_years: HolidayYearsTable;
  jurisdictions: JurisdictionsTable;
  accounts: AccountsTable;
  estates: EstatesTable;
  role_grants: RoleGrantsTable;
  sessions: SessionsTable;
  otp_codes: OtpCodesTable;
  buildings: BuildingsTable;
  entrances: EntrancesTable;
  units: UnitsTable;
  holders: HoldersTable;
  owners: OwnersTable;
  ownerships: OwnershipsTable;
  files: FilesTable;
  claims: ClaimsTable;
  notices: NoticesTable;
  import_jobs: ImportJobsTable;
  audit_log: AuditLogTable;
  schema_migrations: SchemaMigrationsTable;
  meetings: MeetingsTable;
  motions: MotionsTable;
  candidates: CandidatesTable;
  meeting_attachments: MeetingAttachmentsTable;
  meeting_roll: MeetingRollTable;
  paper_codes: PaperCodesTable;
  proxies: ProxiesTable;
  paper_entries: PaperEntriesTable;
  ballots: BallotsTable;
  ballot_chain: BallotChainTable;
  meeting_chains: MeetingChainsTable;
  objections: ObjectionsTable;
  attendance: AttendanceTable;
  meeting_results: MeetingResultsTable;
  notifications: NotificationsTable;
}

export type Row<T extends keyof DB> = Selectable<DB[T]>;
export type NewRow<T extends keyof DB> = Insertable<DB[T]>;
export type RowUpdate<T extends keyof DB> = Updateable<DB[T]>;
