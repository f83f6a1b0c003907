-- Group commit for online and proxy ballots (issue 4, vote load).
--
-- 1. cast_ballots (0002) without its look-before-insert: the insert itself (ON CONFLICT DO NOTHING
--    on the one-ballot-per-holder-and-motion key) finds an earlier ballot, committed or in flight
--    (it waits for the latter), and only then is the earlier ballot's channel read. The separate
--    SELECT was also planned once per connection, when a meeting's ballots were few, and kept its
--    sequential scan while the table grew (seen under load: 4-8 ms per look at 10,000 ballots).
CREATE OR REPLACE FUNCTION cast_ballots(
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
    INSERT INTO ballots AS b (estate_id, meeting_id, motion_id, holder_id, channel, cast_at, choice, approve, receipt, cast_by, proxy_id, paper_entry_id, device)
    VALUES (p_estate, p_meeting, p_motions[i], p_holder, p_channel, p_cast_at, p_choices[i], p_approves[i], p_receipts[i], p_cast_by, p_proxy, p_paper, p_device)
    ON CONFLICT (estate_id, motion_id, holder_id) DO NOTHING;
    GET DIAGNOSTICS v_n = ROW_COUNT;
    IF v_n = 1 THEN
      v_cast := v_cast || to_jsonb('m' || p_motions[i]);
      motion_id := p_motions[i]; receipt := p_receipts[i]; skipped := false; skipped_channel := NULL;
      RETURN NEXT;
    ELSE
      -- one counted ballot per holder and motion, whichever channel came first
      IF NOT p_skip_voted THEN
        RAISE EXCEPTION 'gongzhi:ALREADY_VOTED';
      END IF;
      SELECT b.channel INTO v_voted FROM ballots b WHERE b.estate_id = p_estate AND b.motion_id = p_motions[i] AND b.holder_id = p_holder;
      v_skipped := v_skipped || to_jsonb('m' || p_motions[i]);
      motion_id := p_motions[i]; receipt := p_receipts[i]; skipped := true; skipped_channel := v_voted;
      RETURN NEXT;
    END IF;
  END LOOP;
  INSERT INTO audit_log (actor_id, action, entity, entity_id, estate_id, after, ip, request_id)
  VALUES (p_cast_by, 'ballot.cast', 'meeting', p_meeting::text, p_estate,
          jsonb_build_object('holderId', p_holder, 'channel', p_channel, 'motions', v_cast, 'skipped', v_skipped), p_ip, p_request);
END $$;

-- 2. cast_ballots_batch: casts the ballots of many requests of one meeting in ONE transaction: each
-- request runs cast_ballots (0002) inside its own subtransaction (a plpgsql block with an
-- exception handler, i.e. a savepoint), so a refused request (ALREADY_VOTED, NOT_A_VOTER,
-- VOTING_CLOSED, or any unexpected error) leaves nothing behind and does not touch the others.
-- Each accepted request's ballots are written with their audit record, as before; a refused
-- second ballot gets its 'ballot.refused' audit record in the same transaction.
--
-- Items are given as parallel arrays: one entry per request (holders .. counts), and the motions
-- of all requests one after the other (p_counts[i] of them for request i).
-- Returns, per request, one row per ballot written (error NULL) or one row with the error text.
-- The caller keeps batches at most 32 requests (PostgreSQL caches 64 subtransaction ids per
-- backend; more would overflow into pg_subtrans for every other snapshot).
CREATE FUNCTION cast_ballots_batch(
  p_estate bigint, p_meeting bigint,
  p_holders bigint[], p_channels text[], p_cast_at timestamptz[], p_cast_by bigint[], p_proxies bigint[],
  p_devices text[], p_ips text[], p_requests text[], p_counts integer[],
  p_motions bigint[], p_choices text[], p_approves jsonb[], p_receipts text[]
) RETURNS TABLE (item integer, motion_id bigint, receipt text, error text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_off integer := 0; v_n integer; v_written integer; v_err text;
BEGIN
  IF coalesce(array_length(p_motions, 1), 0) <> (SELECT coalesce(sum(c), 0) FROM unnest(p_counts) c) THEN
    RAISE EXCEPTION 'cast_ballots_batch: % motions given, counts say %', coalesce(array_length(p_motions, 1), 0), (SELECT sum(c) FROM unnest(p_counts) c);
  END IF;
  FOR i IN 1 .. coalesce(array_length(p_holders, 1), 0) LOOP
    v_n := p_counts[i];
    v_err := NULL;
    BEGIN
      SELECT count(*) INTO v_written FROM cast_ballots(
        p_estate, p_meeting, p_holders[i], p_channels[i], p_cast_at[i], p_cast_by[i], p_proxies[i], NULL, p_devices[i],
        p_motions[v_off + 1 : v_off + v_n], p_choices[v_off + 1 : v_off + v_n], p_approves[v_off + 1 : v_off + v_n],
        p_receipts[v_off + 1 : v_off + v_n], false, p_ips[i], p_requests[i]);
      IF v_written <> v_n THEN
        RAISE EXCEPTION 'cast_ballots_batch: % of % ballots written', v_written, v_n;
      END IF;
    EXCEPTION WHEN OTHERS THEN
      v_err := SQLERRM;
    END;
    IF v_err IS NULL THEN
      FOR j IN 1 .. v_n LOOP
        item := i; motion_id := p_motions[v_off + j]; receipt := p_receipts[v_off + j]; error := NULL;
        RETURN NEXT;
      END LOOP;
    ELSE
      IF v_err = 'gongzhi:ALREADY_VOTED' THEN
        INSERT INTO audit_log (actor_id, action, entity, entity_id, estate_id, after, ip, request_id)
        VALUES (p_cast_by[i], 'ballot.refused', 'meeting', p_meeting::text, p_estate,
                jsonb_build_object('holderId', p_holders[i], 'channel', p_channels[i], 'code', 'ALREADY_VOTED'), p_ips[i], p_requests[i]);
      END IF;
      item := i; motion_id := NULL; receipt := NULL; error := v_err;
      RETURN NEXT;
    END IF;
    v_off := v_off + v_n;
  END LOOP;
END $$;

-- 3. The hash chain in its own insert-only table. Sealing used to UPDATE each ballot (seq, hash,
--    prev_hash, sealed_at): a new version of the row and an entry in each of its indexes, checked
--    by a row trigger, for every ballot — under load a third of PostgreSQL's work. Now a ballot
--    row is written once and never changed; sealing appends small rows here. Which ballots are
--    still unsealed: those of the meeting above meeting_chains.sealed_through (the highest ballot
--    id below which everything is sealed) without a chain row. The sealer takes that upper bound
--    while it briefly holds the meeting's casting lock exclusively, so no ballot with a smaller id
--    can still be in flight.
CREATE TABLE ballot_chain (
  estate_id   bigint NOT NULL,
  meeting_id  bigint NOT NULL,
  seq         integer NOT NULL CHECK (seq >= 1),
  ballot_id   bigint NOT NULL,
  hash        text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  prev_hash   text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  sealed_at   timestamptz NOT NULL,
  PRIMARY KEY (estate_id, meeting_id, seq),
  UNIQUE (estate_id, ballot_id),
  -- to the chain's own row, which the sealer holds FOR UPDATE anyway; a reference to meetings
  -- would take a key-share lock on the meeting row while closing holds it FOR UPDATE and waits
  -- for the chain row: a deadlock (seen in the SIGKILL test on PostgreSQL)
  FOREIGN KEY (estate_id, meeting_id) REFERENCES meeting_chains (estate_id, meeting_id)
);
CREATE FUNCTION ballot_chain_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the hash chain is append-only' USING ERRCODE = 'integrity_constraint_violation';
END $$;
CREATE TRIGGER ballot_chain_immutable BEFORE UPDATE OR DELETE OR TRUNCATE ON ballot_chain FOR EACH STATEMENT EXECUTE FUNCTION ballot_chain_immutable();

INSERT INTO ballot_chain (estate_id, meeting_id, seq, ballot_id, hash, prev_hash, sealed_at)
  SELECT estate_id, meeting_id, seq, id, hash, prev_hash, sealed_at FROM ballots WHERE seq IS NOT NULL;

ALTER TABLE meeting_chains ADD COLUMN sealed_through bigint NOT NULL DEFAULT 0 CHECK (sealed_through >= 0);
-- everything below the first unsealed ballot (or every ballot) of the meeting is sealed
UPDATE meeting_chains mc SET sealed_through = coalesce(
  (SELECT min(b.id) - 1 FROM ballots b WHERE b.estate_id = mc.estate_id AND b.meeting_id = mc.meeting_id AND b.seq IS NULL),
  (SELECT max(b.id) FROM ballots b WHERE b.estate_id = mc.estate_id AND b.meeting_id = mc.meeting_id),
  0);

DROP INDEX ballots_unsealed;
DROP INDEX ballots_seq;
ALTER TABLE ballots DROP COLUMN seq, DROP COLUMN hash, DROP COLUMN prev_hash, DROP COLUMN sealed_at;

-- A cast ballot is never changed or deleted (sealing no longer touches it).
CREATE OR REPLACE FUNCTION ballots_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'ballots are never deleted' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RAISE EXCEPTION 'a cast ballot cannot be changed' USING ERRCODE = 'integrity_constraint_violation';
END $$;
