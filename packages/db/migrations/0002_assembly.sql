-- Owners' assembly meetings: motions, the frozen roll, ballots with their hash chain, paper
-- ballots (codes and double entry), proxies, objections, attendance, results, notifications.
-- Every table is a tenant table keyed by estate_id (distribution key), like 0001.

CREATE TABLE meetings (
  estate_id             bigint NOT NULL REFERENCES estates(id),
  id                    bigint GENERATED ALWAYS AS IDENTITY,
  title                 text NOT NULL CHECK (length(btrim(title)) > 0),
  description           text NOT NULL DEFAULT '',
  form                  text NOT NULL CHECK (form IN ('written', 'collective')),
  convener              text NOT NULL CHECK (convener IN ('committee', 'interim_committee', 'prep_group', 'subdistrict')),
  location              text,
  state                 text NOT NULL DEFAULT 'draft'
                          CHECK (state IN ('draft', 'notice', 'voting', 'closed', 'final', 'archived', 'cancelled')),
  profile_id            text NOT NULL,
  opens_at              timestamptz NOT NULL,
  closes_at             timestamptz NOT NULL,
  notice_published_at   timestamptz,
  roll_frozen_at        timestamptz,
  closed_at             timestamptz,
  finalized_at          timestamptz,
  archived_at           timestamptz,
  cancelled_at          timestamptz,
  cancel_reason         text,
  pre_deliberation_note text,
  pre_deliberated_at    timestamptz,
  pre_deliberated_by    bigint REFERENCES accounts(id),
  chain_head            text CHECK (chain_head ~ '^[0-9a-f]{64}$'),
  attendance_secret     text NOT NULL,
  created_by            bigint REFERENCES accounts(id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (estate_id, id),
  CHECK (closes_at > opens_at),
  CHECK (state IN ('draft', 'cancelled') OR notice_published_at IS NOT NULL),
  CHECK (state NOT IN ('voting', 'closed', 'final', 'archived') OR roll_frozen_at IS NOT NULL),
  CHECK (state NOT IN ('closed', 'final', 'archived') OR (closed_at IS NOT NULL AND chain_head IS NOT NULL)),
  CHECK (state NOT IN ('final', 'archived') OR finalized_at IS NOT NULL),
  CHECK (state <> 'archived' OR archived_at IS NOT NULL),
  CHECK (state <> 'cancelled' OR (cancelled_at IS NOT NULL AND cancel_reason IS NOT NULL))
);
CREATE INDEX meetings_state ON meetings (state, estate_id);

CREATE TABLE motions (
  estate_id            bigint NOT NULL,
  id                   bigint GENERATED ALWAYS AS IDENTITY,
  meeting_id           bigint NOT NULL,
  position             integer NOT NULL CHECK (position >= 1),
  kind                 text NOT NULL CHECK (kind IN ('resolution', 'election')),
  title                text NOT NULL CHECK (length(btrim(title)) > 0),
  description          text NOT NULL DEFAULT '',
  matter               text NOT NULL CHECK (matter IN ('rules_of_procedure', 'covenant', 'committee_election', 'property_manager',
                         'fund_use', 'fund_raise', 'rebuild', 'common_use_change', 'other_major')),
  seats                integer CHECK (seats >= 1),
  scope_building_ids   jsonb CHECK (scope_building_ids IS NULL OR jsonb_typeof(scope_building_ids) = 'array'),  -- NULL = every unit votes
  PRIMARY KEY (estate_id, id),
  UNIQUE (estate_id, meeting_id, position),
  UNIQUE (estate_id, meeting_id, id),
  FOREIGN KEY (estate_id, meeting_id) REFERENCES meetings (estate_id, id) ON DELETE CASCADE,
  CHECK ((kind = 'election') = (seats IS NOT NULL))
);

CREATE TABLE candidates (
  estate_id   bigint NOT NULL,
  id          bigint GENERATED ALWAYS AS IDENTITY,
  motion_id   bigint NOT NULL,
  position    integer NOT NULL CHECK (position >= 1),
  name        text NOT NULL CHECK (length(btrim(name)) > 0),
  statement   text NOT NULL DEFAULT '',
  PRIMARY KEY (estate_id, id),
  UNIQUE (estate_id, motion_id, position),
  FOREIGN KEY (estate_id, motion_id) REFERENCES motions (estate_id, id) ON DELETE CASCADE
);

CREATE TABLE meeting_attachments (
  estate_id   bigint NOT NULL,
  meeting_id  bigint NOT NULL,
  file_id     bigint NOT NULL,
  PRIMARY KEY (estate_id, meeting_id, file_id),
  FOREIGN KEY (estate_id, meeting_id) REFERENCES meetings (estate_id, id) ON DELETE CASCADE,
  FOREIGN KEY (estate_id, file_id) REFERENCES files (estate_id, id)
);

-- 表决名册: frozen when voting opens. A unit sold during voting moves to the buyer unless the
-- seller has already cast a ballot in the meeting (rules.md §6); original_holder_id keeps the seller.
CREATE TABLE meeting_roll (
  estate_id           bigint NOT NULL,
  meeting_id          bigint NOT NULL,
  unit_id             bigint NOT NULL,
  holder_id           bigint NOT NULL,
  building_id         bigint NOT NULL,
  area_cents          bigint NOT NULL CHECK (area_cents > 0),
  original_holder_id  bigint,
  reassigned_at       timestamptz,
  PRIMARY KEY (estate_id, meeting_id, unit_id),
  FOREIGN KEY (estate_id, meeting_id) REFERENCES meetings (estate_id, id),
  FOREIGN KEY (estate_id, unit_id) REFERENCES units (estate_id, id),
  FOREIGN KEY (estate_id, holder_id) REFERENCES holders (estate_id, id),
  CHECK ((original_holder_id IS NULL) = (reassigned_at IS NULL))
);
CREATE INDEX meeting_roll_holder ON meeting_roll (estate_id, meeting_id, holder_id);

CREATE TABLE paper_codes (
  estate_id   bigint NOT NULL,
  meeting_id  bigint NOT NULL,
  holder_id   bigint NOT NULL,
  code        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (estate_id, meeting_id, holder_id),
  UNIQUE (estate_id, code),
  FOREIGN KEY (estate_id, meeting_id) REFERENCES meetings (estate_id, id),
  FOREIGN KEY (estate_id, holder_id) REFERENCES holders (estate_id, id)
);

CREATE TABLE proxies (
  estate_id              bigint NOT NULL,
  id                     bigint GENERATED ALWAYS AS IDENTITY,
  meeting_id             bigint NOT NULL,
  holder_id              bigint NOT NULL,
  proxy_name             text NOT NULL CHECK (length(btrim(proxy_name)) > 0),
  proxy_phone            text NOT NULL CHECK (proxy_phone ~ '^1[3-9][0-9]{9}$'),
  authorization_file_id  bigint NOT NULL,
  note                   text,
  status                 text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),
  created_by             bigint REFERENCES accounts(id),
  created_at             timestamptz NOT NULL DEFAULT now(),
  revoked_at             timestamptz,
  PRIMARY KEY (estate_id, id),
  FOREIGN KEY (estate_id, meeting_id) REFERENCES meetings (estate_id, id),
  FOREIGN KEY (estate_id, holder_id) REFERENCES holders (estate_id, id),
  FOREIGN KEY (estate_id, authorization_file_id) REFERENCES files (estate_id, id),
  CHECK ((status = 'revoked') = (revoked_at IS NOT NULL))
);
CREATE UNIQUE INDEX proxies_one_active ON proxies (estate_id, meeting_id, holder_id) WHERE status = 'active';
CREATE INDEX proxies_phone ON proxies (estate_id, meeting_id, proxy_phone) WHERE status = 'active';

CREATE TABLE paper_entries (
  estate_id     bigint NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY,
  meeting_id    bigint NOT NULL,
  holder_id     bigint NOT NULL,
  code          text NOT NULL,
  answers       jsonb NOT NULL,
  received_at   timestamptz NOT NULL,
  scan_file_id  bigint NOT NULL,
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'discarded')),
  entered_by    bigint NOT NULL REFERENCES accounts(id),
  entered_at    timestamptz NOT NULL DEFAULT now(),
  confirmed_by  bigint REFERENCES accounts(id),
  confirmed_at  timestamptz,
  mismatches    integer NOT NULL DEFAULT 0,
  note          text,
  PRIMARY KEY (estate_id, id),
  FOREIGN KEY (estate_id, meeting_id) REFERENCES meetings (estate_id, id),
  FOREIGN KEY (estate_id, holder_id) REFERENCES holders (estate_id, id),
  FOREIGN KEY (estate_id, scan_file_id) REFERENCES files (estate_id, id),
  -- double entry: the confirming clerk is never the one who entered
  CHECK (confirmed_by IS NULL OR confirmed_by <> entered_by),
  CHECK ((status = 'confirmed') = (confirmed_by IS NOT NULL AND confirmed_at IS NOT NULL))
);
CREATE UNIQUE INDEX paper_entries_one_open ON paper_entries (estate_id, meeting_id, holder_id) WHERE status IN ('pending', 'confirmed');

-- 选票: exactly one counted ballot per holder per motion (the unique key), sealed into the
-- meeting's hash chain (seq, hash) shortly after it is cast, and at close at the latest.
CREATE TABLE ballots (
  estate_id       bigint NOT NULL,
  id              bigint GENERATED ALWAYS AS IDENTITY,
  meeting_id      bigint NOT NULL,
  motion_id       bigint NOT NULL,
  holder_id       bigint NOT NULL,
  channel         text NOT NULL CHECK (channel IN ('online', 'paper', 'proxy')),
  cast_at         timestamptz NOT NULL,
  choice          text CHECK (choice IN ('approve', 'reject', 'abstain', 'invalid')),
  approve         jsonb CHECK (approve IS NULL OR jsonb_typeof(approve) = 'array'),
  receipt         text NOT NULL CHECK (receipt ~ '^[0-9a-f]{32}$'),
  cast_by         bigint REFERENCES accounts(id),
  proxy_id        bigint,
  paper_entry_id  bigint,
  device          text,
  seq             integer CHECK (seq >= 1),
  hash            text CHECK (hash ~ '^[0-9a-f]{64}$'),
  prev_hash       text CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  sealed_at       timestamptz,
  PRIMARY KEY (estate_id, id),
  UNIQUE (estate_id, motion_id, holder_id),
  UNIQUE (estate_id, receipt),
  FOREIGN KEY (estate_id, meeting_id, motion_id) REFERENCES motions (estate_id, meeting_id, id),
  FOREIGN KEY (estate_id, holder_id) REFERENCES holders (estate_id, id),
  FOREIGN KEY (estate_id, proxy_id) REFERENCES proxies (estate_id, id),
  FOREIGN KEY (estate_id, paper_entry_id) REFERENCES paper_entries (estate_id, id),
  CHECK ((choice IS NULL) <> (approve IS NULL)),
  CHECK ((seq IS NULL) = (hash IS NULL) AND (seq IS NULL) = (prev_hash IS NULL) AND (seq IS NULL) = (sealed_at IS NULL)),
  CHECK ((channel = 'proxy') = (proxy_id IS NOT NULL)),
  CHECK ((channel = 'paper') = (paper_entry_id IS NOT NULL))
);
CREATE INDEX ballots_unsealed ON ballots (estate_id, meeting_id, id) WHERE seq IS NULL;
-- the chain position is unique; partial, so casting (seq still NULL) writes no entry here
CREATE UNIQUE INDEX ballots_seq ON ballots (estate_id, meeting_id, seq) WHERE seq IS NOT NULL;
CREATE INDEX ballots_meeting_holder ON ballots (estate_id, meeting_id, holder_id);

-- A cast ballot is never changed or deleted; sealing only fills seq/hash/prev_hash once.
CREATE FUNCTION ballots_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'ballots are never deleted' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF NEW.meeting_id IS DISTINCT FROM OLD.meeting_id OR NEW.motion_id IS DISTINCT FROM OLD.motion_id
     OR NEW.holder_id IS DISTINCT FROM OLD.holder_id OR NEW.channel IS DISTINCT FROM OLD.channel
     OR NEW.cast_at IS DISTINCT FROM OLD.cast_at OR NEW.choice IS DISTINCT FROM OLD.choice
     OR NEW.approve IS DISTINCT FROM OLD.approve OR NEW.receipt IS DISTINCT FROM OLD.receipt
     OR NEW.cast_by IS DISTINCT FROM OLD.cast_by OR NEW.proxy_id IS DISTINCT FROM OLD.proxy_id
     OR NEW.paper_entry_id IS DISTINCT FROM OLD.paper_entry_id OR NEW.device IS DISTINCT FROM OLD.device THEN
    RAISE EXCEPTION 'a cast ballot cannot be changed' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF OLD.seq IS NOT NULL AND (NEW.seq IS DISTINCT FROM OLD.seq OR NEW.hash IS DISTINCT FROM OLD.hash
     OR NEW.prev_hash IS DISTINCT FROM OLD.prev_hash OR NEW.sealed_at IS DISTINCT FROM OLD.sealed_at) THEN
    RAISE EXCEPTION 'a sealed ballot cannot be resealed' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER ballots_immutable BEFORE UPDATE OR DELETE ON ballots FOR EACH ROW EXECUTE FUNCTION ballots_immutable();

-- The head of each meeting's chain; the sealer locks this row (FOR UPDATE) while it appends.
CREATE TABLE meeting_chains (
  estate_id     bigint NOT NULL,
  meeting_id    bigint NOT NULL,
  head          text NOT NULL CHECK (head ~ '^[0-9a-f]{64}$'),
  sealed_count  integer NOT NULL DEFAULT 0 CHECK (sealed_count >= 0),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (estate_id, meeting_id),
  FOREIGN KEY (estate_id, meeting_id) REFERENCES meetings (estate_id, id)
);

CREATE TABLE objections (
  estate_id    bigint NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  meeting_id   bigint NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('roll', 'result')),
  unit_number  text,
  text         text NOT NULL CHECK (length(btrim(text)) > 0),
  account_id   bigint NOT NULL REFERENCES accounts(id),
  status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected')),
  response     text,
  resolved_by  bigint REFERENCES accounts(id),
  resolved_at  timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (estate_id, id),
  FOREIGN KEY (estate_id, meeting_id) REFERENCES meetings (estate_id, id),
  CHECK ((status = 'open') = (resolved_at IS NULL)),
  CHECK (status = 'open' OR response IS NOT NULL)
);
CREATE INDEX objections_meeting ON objections (estate_id, meeting_id, status);

CREATE TABLE attendance (
  estate_id   bigint NOT NULL,
  meeting_id  bigint NOT NULL,
  holder_id   bigint NOT NULL,
  account_id  bigint NOT NULL REFERENCES accounts(id),
  signed_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (estate_id, meeting_id, holder_id),
  FOREIGN KEY (estate_id, meeting_id) REFERENCES meetings (estate_id, id),
  FOREIGN KEY (estate_id, holder_id) REFERENCES holders (estate_id, id)
);

-- The stored results: exactly what `gongzhi recount --json` prints for the meeting's bundle.
CREATE TABLE meeting_results (
  estate_id     bigint NOT NULL,
  meeting_id    bigint NOT NULL,
  stage         text NOT NULL CHECK (stage IN ('preliminary', 'final')),
  computed_at   timestamptz NOT NULL DEFAULT now(),
  chain_head    text NOT NULL CHECK (chain_head ~ '^[0-9a-f]{64}$'),
  ballot_count  integer NOT NULL CHECK (ballot_count >= 0),
  channels      jsonb NOT NULL,
  recount_json  text NOT NULL,
  PRIMARY KEY (estate_id, meeting_id, stage),
  FOREIGN KEY (estate_id, meeting_id) REFERENCES meetings (estate_id, id)
);

CREATE TABLE notifications (
  estate_id   bigint NOT NULL REFERENCES estates(id),
  id          bigint GENERATED ALWAYS AS IDENTITY,
  account_id  bigint NOT NULL REFERENCES accounts(id),
  meeting_id  bigint,
  kind        text NOT NULL,
  title       text NOT NULL,
  body        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  read_at     timestamptz,
  PRIMARY KEY (estate_id, id),
  FOREIGN KEY (estate_id, meeting_id) REFERENCES meetings (estate_id, id)
);
CREATE INDEX notifications_account ON notifications (account_id, created_at DESC);

-- Most audit rows (every ballot) have no jurisdiction: index only those that do.
DROP INDEX audit_log_jurisdiction;
CREATE INDEX audit_log_jurisdiction ON audit_log (jurisdiction_id, at DESC) WHERE jurisdiction_id IS NOT NULL;

-- One holder's ballots on one or more motions, with their audit record, in ONE statement (the
-- casting path is the hot path of a vote). It holds the meeting's advisory lock shared (cheap,
-- no row write), and closing takes it exclusively: the close waits for ballots in flight, and a
-- ballot that waited behind a close then reads the closed state (plpgsql takes a new snapshot
-- for every statement) — no ballot slips in after the close. Key: (estate_id << 31) + meeting_id.
-- Refusals raise 'gongzhi:<ERROR_CODE>' (SQLSTATE P0001) and leave nothing written. With
-- p_skip_voted (paper ballots reconciled per holder) motions the holder already voted on are
-- skipped and returned with skipped = true instead of refused.
CREATE FUNCTION cast_ballots(
  p_estate bigint, p_meeting bigint, p_holder bigint, p_channel text, p_cast_at timestamptz, p_cast_by bigint,
  p_proxy bigint, p_paper bigint, p_device text, p_motions bigint[], p_choices text[], p_approves jsonb[],
  p_receipts text[], p_skip_voted boolean, p_ip text, p_request text
) RETURNS TABLE (motion_id bigint, receipt text, skipped boolean, skipped_channel text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_state text; v_opens timestamptz; v_closes timestamptz; v_voted text; v_n integer;
  v_cast jsonb := '[]'::jsonb; v_skipped jsonb := '[]'::jsonb;
BEGIN
  PERFORM pg_advisory_xact_lock_shared((p_estate << 31) + p_meeting);
  SELECT m.state, m.opens_at, m.closes_at INTO v_state, v_opens, v_closes
    FROM meetings m WHERE m.estate_id = p_estate AND m.id = p_meeting;
  IF v_state IS DISTINCT FROM 'voting' OR p_cast_at < v_opens OR p_cast_at > v_closes THEN
    RAISE EXCEPTION 'gongzhi:VOTING_CLOSED';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM meeting_roll r WHERE r.estate_id = p_estate AND r.meeting_id = p_meeting AND r.holder_id = p_holder) THEN
    RAISE EXCEPTION 'gongzhi:NOT_A_VOTER';
  END IF;
  FOR i IN 1 .. coalesce(array_length(p_motions, 1), 0) LOOP
    SELECT b.channel INTO v_voted FROM ballots b WHERE b.estate_id = p_estate AND b.motion_id = p_motions[i] AND b.holder_id = p_holder;
    IF v_voted IS NOT NULL THEN
      IF NOT p_skip_voted THEN
        RAISE EXCEPTION 'gongzhi:ALREADY_VOTED';
      END IF;
      v_skipped := v_skipped || to_jsonb('m' || p_motions[i]);
      motion_id := p_motions[i]; receipt := p_receipts[i]; skipped := true; skipped_channel := v_voted;
      RETURN NEXT;
    ELSE
      INSERT INTO ballots AS b (estate_id, meeting_id, motion_id, holder_id, channel, cast_at, choice, approve, receipt, cast_by, proxy_id, paper_entry_id, device)
      VALUES (p_estate, p_meeting, p_motions[i], p_holder, p_channel, p_cast_at, p_choices[i], p_approves[i], p_receipts[i], p_cast_by, p_proxy, p_paper, p_device)
      ON CONFLICT (estate_id, motion_id, holder_id) DO NOTHING;
      GET DIAGNOSTICS v_n = ROW_COUNT;
      IF v_n = 0 THEN
        -- another channel won the race for this motion: one counted ballot per holder
        RAISE EXCEPTION 'gongzhi:ALREADY_VOTED';
      END IF;
      v_cast := v_cast || to_jsonb('m' || p_motions[i]);
      motion_id := p_motions[i]; receipt := p_receipts[i]; skipped := false; skipped_channel := NULL;
      RETURN NEXT;
    END IF;
  END LOOP;
  INSERT INTO audit_log (actor_id, action, entity, entity_id, estate_id, after, ip, request_id)
  VALUES (p_cast_by, 'ballot.cast', 'meeting', p_meeting::text, p_estate,
          jsonb_build_object('holderId', p_holder, 'channel', p_channel, 'motions', v_cast, 'skipped', v_skipped), p_ip, p_request);
END $$;
