-- Gongzhi foundation schema: jurisdictions, accounts and roles, estates and their registry,
-- claims, notices, import jobs and the audit log.
--
-- Distribution: every tenant table carries estate_id, and its primary key, unique keys and
-- foreign keys all include estate_id, so each could be distributed by estate (Citus
-- create_distributed_table(..., 'estate_id')). Global tables (jurisdictions, accounts,
-- role_grants, sessions, otp_codes, settings) would be reference tables.

CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE settings (
  key   text PRIMARY KEY,
  value text NOT NULL
);

-- city → district → subdistrict → neighborhood → grid
CREATE TABLE jurisdictions (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  parent_id   bigint REFERENCES jurisdictions(id),
  level       text NOT NULL CHECK (level IN ('city', 'district', 'subdistrict', 'neighborhood', 'grid')),
  name        text NOT NULL CHECK (length(btrim(name)) > 0),
  code        text,
  profile_id  text,                       -- jurisdiction profile (rules), inherited when null
  path        text NOT NULL,              -- '/1/4/9/' ancestors and self, for scope checks
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK ((level = 'city') = (parent_id IS NULL)),
  UNIQUE (parent_id, name)
);
CREATE INDEX jurisdictions_path ON jurisdictions (path text_pattern_ops);

CREATE TABLE accounts (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind          text NOT NULL CHECK (kind IN ('owner', 'staff')),
  display_name  text NOT NULL,
  phone         text UNIQUE CHECK (phone ~ '^1[3-9][0-9]{9}$'),
  username      text UNIQUE,
  password_hash text,
  disabled      boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (kind <> 'staff' OR (username IS NOT NULL AND password_hash IS NOT NULL)),
  CHECK (kind <> 'owner' OR phone IS NOT NULL)
);

CREATE TABLE estates (
  id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  neighborhood_id       bigint NOT NULL REFERENCES jurisdictions(id),
  grid_id               bigint REFERENCES jurisdictions(id),
  name                  text NOT NULL CHECK (length(btrim(name)) > 0),
  address               text NOT NULL DEFAULT '',
  property_manager      text NOT NULL DEFAULT '',
  total_area_cents      bigint NOT NULL DEFAULT 0 CHECK (total_area_cents >= 0),
  delivered_area_cents  bigint NOT NULL DEFAULT 0 CHECK (delivered_area_cents >= 0),
  created_at            timestamptz NOT NULL DEFAULT now(),
  CHECK (delivered_area_cents <= total_area_cents),
  UNIQUE (neighborhood_id, name)
);

-- Roles are scoped to a jurisdiction node (and everything below it) or to one estate.
CREATE TABLE role_grants (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id       bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  role             text NOT NULL CHECK (role IN (
                     'platform_admin', 'district_officer', 'subdistrict_officer', 'neighborhood_officer',
                     'committee_chair', 'committee_vice_chair', 'committee_member', 'prep_group_member',
                     'property_staff', 'party_secretary', 'owner', 'service_provider')),
  jurisdiction_id  bigint REFERENCES jurisdictions(id),
  estate_id        bigint REFERENCES estates(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((jurisdiction_id IS NULL) OR (estate_id IS NULL)),
  CHECK (role = 'platform_admin' OR jurisdiction_id IS NOT NULL OR estate_id IS NOT NULL)
);
CREATE UNIQUE INDEX role_grants_unique ON role_grants (account_id, role, coalesce(jurisdiction_id, 0), coalesce(estate_id, 0));

CREATE TABLE sessions (
  token_hash   text PRIMARY KEY,
  account_id   bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE otp_codes (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  phone        text NOT NULL,
  code_hash    text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  attempts     integer NOT NULL DEFAULT 0,
  consumed_at  timestamptz
);
CREATE INDEX otp_codes_phone ON otp_codes (phone, created_at DESC);

-- ---------------------------------------------------------------- tenant tables (estate_id)

CREATE TABLE buildings (
  estate_id  bigint NOT NULL REFERENCES estates(id),
  id         bigint GENERATED ALWAYS AS IDENTITY,
  name       text NOT NULL CHECK (length(btrim(name)) > 0),
  PRIMARY KEY (estate_id, id),
  UNIQUE (estate_id, name)
);

CREATE TABLE entrances (
  estate_id    bigint NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  building_id  bigint NOT NULL,
  name         text NOT NULL CHECK (length(btrim(name)) > 0),
  PRIMARY KEY (estate_id, id),
  UNIQUE (estate_id, building_id, name),
  FOREIGN KEY (estate_id, building_id) REFERENCES buildings (estate_id, id)
);

CREATE TABLE units (
  estate_id    bigint NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  building_id  bigint NOT NULL,
  entrance_id  bigint,
  number       text NOT NULL CHECK (length(btrim(number)) > 0),   -- 房号, unique in the estate
  floor        integer,
  kind         text NOT NULL CHECK (kind IN ('residence', 'shop', 'parking', 'other')),
  area_cents   bigint NOT NULL CHECK (area_cents > 0),            -- 0.01 m²
  area_source  text NOT NULL CHECK (area_source IN ('registry', 'survey', 'contract')),
  delivered    boolean NOT NULL DEFAULT true,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (estate_id, id),
  UNIQUE (estate_id, number),
  FOREIGN KEY (estate_id, building_id) REFERENCES buildings (estate_id, id),
  FOREIGN KEY (estate_id, entrance_id) REFERENCES entrances (estate_id, id)
);
CREATE INDEX units_building ON units (estate_id, building_id);

-- 表决权人: one voting member
CREATE TABLE holders (
  estate_id   bigint NOT NULL REFERENCES estates(id),
  id          bigint GENERATED ALWAYS AS IDENTITY,
  kind        text NOT NULL CHECK (kind IN ('person', 'co_owners', 'organization', 'builder')),
  name        text NOT NULL,
  -- grouping key: 'person:<id hash>', 'org:<credit code hash>', 'builder', 'co:<sorted id hashes>'
  group_key   text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (estate_id, id),
  UNIQUE (estate_id, group_key)
);
CREATE UNIQUE INDEX holders_one_builder ON holders (estate_id) WHERE kind = 'builder';

-- 业主: people (and the representatives of organizations) behind a holder
CREATE TABLE owners (
  estate_id         bigint NOT NULL,
  id                bigint GENERATED ALWAYS AS IDENTITY,
  holder_id         bigint NOT NULL,
  name              text NOT NULL,
  id_number_hash    text NOT NULL,   -- keyed hash of the normalized ID number, for matching only
  id_number_masked  text NOT NULL,   -- e.g. 1101**********123X
  phone             text,
  account_id        bigint REFERENCES accounts(id),
  is_voter          boolean NOT NULL DEFAULT true,  -- the co-owner designated to vote
  created_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (estate_id, id),
  UNIQUE (estate_id, holder_id, id_number_hash),
  FOREIGN KEY (estate_id, holder_id) REFERENCES holders (estate_id, id) ON DELETE CASCADE
);
CREATE INDEX owners_id_hash ON owners (estate_id, id_number_hash);
CREATE INDEX owners_account ON owners (account_id);

-- Title of a unit over time: the roll at any instant is computable, also after a sale.
CREATE TABLE ownerships (
  estate_id       bigint NOT NULL,
  id              bigint GENERATED ALWAYS AS IDENTITY,
  unit_id         bigint NOT NULL,
  holder_id       bigint NOT NULL,
  valid_from      timestamptz NOT NULL,
  valid_to        timestamptz,            -- exclusive; NULL = current
  certificate_no  text,                   -- 不动产权证号
  contract_no     text,                   -- 购房合同号
  source          text NOT NULL CHECK (source IN ('import', 'transfer', 'manual')),
  PRIMARY KEY (estate_id, id),
  FOREIGN KEY (estate_id, unit_id) REFERENCES units (estate_id, id),
  FOREIGN KEY (estate_id, holder_id) REFERENCES holders (estate_id, id),
  CHECK (valid_to IS NULL OR valid_to > valid_from),
  EXCLUDE USING gist (estate_id WITH =, unit_id WITH =, tstzrange(valid_from, valid_to) WITH &&)
);
CREATE INDEX ownerships_holder ON ownerships (estate_id, holder_id);
CREATE UNIQUE INDEX ownerships_current ON ownerships (estate_id, unit_id) WHERE valid_to IS NULL;

CREATE TABLE files (
  estate_id     bigint NOT NULL REFERENCES estates(id),
  id            bigint GENERATED ALWAYS AS IDENTITY,
  name          text NOT NULL,
  content_type  text NOT NULL,
  size          integer NOT NULL CHECK (size >= 0),
  sha256        text NOT NULL,
  content       bytea NOT NULL,
  uploaded_by   bigint REFERENCES accounts(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (estate_id, id)
);

-- An owner's claim of a unit: bound at once on a registry match, otherwise reviewed.
CREATE TABLE claims (
  estate_id         bigint NOT NULL,
  id                bigint GENERATED ALWAYS AS IDENTITY,
  account_id        bigint NOT NULL REFERENCES accounts(id),
  unit_id           bigint NOT NULL,
  claimant_name     text NOT NULL,
  id_number_hash    text NOT NULL,
  id_number_masked  text NOT NULL,
  document_kind     text NOT NULL CHECK (document_kind IN ('certificate', 'contract')),
  document_no       text NOT NULL,
  proof_file_id     bigint,
  status            text NOT NULL CHECK (status IN ('bound', 'pending', 'approved', 'rejected')),
  owner_id          bigint,
  reason            text,
  reviewed_by       bigint REFERENCES accounts(id),
  reviewed_at       timestamptz,
  created_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (estate_id, id),
  FOREIGN KEY (estate_id, unit_id) REFERENCES units (estate_id, id),
  FOREIGN KEY (estate_id, proof_file_id) REFERENCES files (estate_id, id),
  FOREIGN KEY (estate_id, owner_id) REFERENCES owners (estate_id, id),
  CHECK (status <> 'rejected' OR (reason IS NOT NULL AND length(btrim(reason)) > 0)),
  CHECK (status <> 'pending' OR proof_file_id IS NOT NULL)
);
CREATE INDEX claims_status ON claims (estate_id, status);
CREATE INDEX claims_account ON claims (account_id);
CREATE UNIQUE INDEX claims_one_open ON claims (estate_id, account_id, unit_id) WHERE status IN ('pending', 'bound', 'approved');

CREATE TABLE notices (
  estate_id     bigint NOT NULL REFERENCES estates(id),
  id            bigint GENERATED ALWAYS AS IDENTITY,
  title         text NOT NULL CHECK (length(btrim(title)) > 0),
  body          text NOT NULL,
  published_at  timestamptz NOT NULL DEFAULT now(),
  author_id     bigint REFERENCES accounts(id),
  PRIMARY KEY (estate_id, id)
);

CREATE TABLE import_jobs (
  estate_id       bigint NOT NULL REFERENCES estates(id),
  id              bigint GENERATED ALWAYS AS IDENTITY,
  file_name       text NOT NULL,
  status          text NOT NULL CHECK (status IN ('queued', 'validating', 'importing', 'succeeded', 'failed')),
  total_rows      integer NOT NULL DEFAULT 0,
  processed_rows  integer NOT NULL DEFAULT 0,
  errors          jsonb NOT NULL DEFAULT '[]'::jsonb,
  summary         jsonb,
  created_by      bigint REFERENCES accounts(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  finished_at     timestamptz,
  PRIMARY KEY (estate_id, id)
);

-- Every change (and every read of personal data) writes one row here in the same transaction.
CREATE TABLE audit_log (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at               timestamptz NOT NULL DEFAULT now(),
  actor_id         bigint REFERENCES accounts(id),
  action           text NOT NULL,
  entity           text NOT NULL,
  entity_id        text,
  estate_id        bigint REFERENCES estates(id),
  jurisdiction_id  bigint REFERENCES jurisdictions(id),
  before           jsonb,
  after            jsonb,
  ip               text,
  request_id       text
);
CREATE INDEX audit_log_estate ON audit_log (estate_id, at DESC);
CREATE INDEX audit_log_jurisdiction ON audit_log (jurisdiction_id, at DESC);
CREATE INDEX audit_log_at ON audit_log (at DESC);
