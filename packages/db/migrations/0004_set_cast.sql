-- Set-wise group commit (issue 4, vote load).
--
-- cast_ballots_batch (0003) ran cast_ballots once per request, each in its own subtransaction:
-- per request a function call, half a dozen statements, each with its executor start-up (for
-- every INSERT PostgreSQL parses and compiles the table's CHECK expressions again), and a
-- subtransaction id. Under load that start-up was most of PostgreSQL's work. Now a batch takes
-- the same few statements whatever its size: the window, ONE roll lookup, ONE insert of every
-- ballot of every request (ON CONFLICT DO NOTHING on the one-ballot-per-holder-and-motion key)
-- and ONE insert of every audit record. The outcome per request is exactly as before:
--   - all its ballots written: accepted, with its 'ballot.cast' audit record;
--   - none written (each of its motions already has this holder's ballot, committed, or in flight
--     and then committed: the insert waits for it): ALREADY_VOTED, with a 'ballot.refused' record;
--   - some written and some not (part of the motions voted through another channel, or a
--     duplicate in flight with other motions): the insert is undone (it runs in a block with an
--     exception handler, i.e. a subtransaction) and done again without that request, which is
--     refused ALREADY_VOTED: nothing of it stays;
--   - outside the voting window: VOTING_CLOSED; holder not on the frozen roll: NOT_A_VOTER.
-- Rows are inserted in (motion, holder, request) order, so batches that wait for each other's
-- in-flight duplicates wait in one global order (no deadlock), and of two requests of one batch
-- for the same holder and motions the first wins all of them.
-- If the statement fails for any other reason, the caller casts the batch's requests one by one
-- with cast_ballots (apps/server/src/assembly/ballots.ts, castBatch).
CREATE OR REPLACE FUNCTION cast_ballots_batch(
  p_estate bigint, p_meeting bigint,
  p_holders bigint[], p_channels text[], p_cast_at timestamptz[], p_cast_by bigint[], p_proxies bigint[],
  p_devices text[], p_ips text[], p_requests text[], p_counts integer[],
  p_motions bigint[], p_choices text[], p_approves jsonb[], p_receipts text[]
) RETURNS TABLE (item integer, motion_id bigint, receipt text, error text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_n integer := coalesce(array_length(p_holders, 1), 0);
  v_m integer := coalesce(array_length(p_motions, 1), 0);
  v_off integer[];      -- per request: how many ballots of the batch come before its own
  v_items integer[];    -- per ballot: its request
  v_status text[];      -- per request: NULL while it is to be written, else its error
  v_written integer[];  -- per request: ballots written
  v_done integer[];     -- per ballot written: its request
  v_partial boolean;
  v_state text; v_opens timestamptz; v_closes timestamptz;
  k integer;
BEGIN
  IF array_length(p_channels, 1) IS DISTINCT FROM array_length(p_holders, 1) OR array_length(p_cast_at, 1) IS DISTINCT FROM array_length(p_holders, 1)
     OR array_length(p_counts, 1) IS DISTINCT FROM array_length(p_holders, 1) OR array_length(p_receipts, 1) IS DISTINCT FROM array_length(p_motions, 1) THEN
    RAISE EXCEPTION 'cast_ballots_batch: arrays of different lengths';
  END IF;
  v_off := array_fill(0, ARRAY[greatest(v_n, 1)]);
  v_items := '{}';
  k := 0;
  FOR i IN 1 .. v_n LOOP
    IF p_counts[i] IS NULL OR p_counts[i] < 0 THEN
      RAISE EXCEPTION 'cast_ballots_batch: bad count for request %', i;
    END IF;
    v_off[i] := k;
    k := k + p_counts[i];
    v_items := v_items || array_fill(i, ARRAY[p_counts[i]]);
  END LOOP;
  IF k <> v_m THEN
    RAISE EXCEPTION 'cast_ballots_batch: % motions given, counts say %', v_m, k;
  END IF;
  IF v_n = 0 THEN
    RETURN;
  END IF;

  -- closing takes this lock exclusively: it waits for the batch, and the batch sees it closed
  PERFORM pg_advisory_xact_lock_shared((p_estate << 31) + p_meeting);
  SELECT m.state, m.opens_at, m.closes_at INTO v_state, v_opens, v_closes
    FROM meetings m WHERE m.estate_id = p_estate AND m.id = p_meeting;
  SELECT array_agg(CASE
           WHEN v_state IS DISTINCT FROM 'voting' OR t.cast_at < v_opens OR t.cast_at > v_closes THEN 'gongzhi:VOTING_CLOSED'
           WHEN NOT EXISTS (SELECT 1 FROM meeting_roll r WHERE r.estate_id = p_estate AND r.meeting_id = p_meeting AND r.holder_id = t.holder) THEN 'gongzhi:NOT_A_VOTER'
         END ORDER BY t.i)
    INTO v_status
    FROM unnest(p_holders, p_cast_at) WITH ORDINALITY AS t(holder, cast_at, i);

  LOOP
    BEGIN
      WITH x AS MATERIALIZED (
        SELECT u.it, u.motion, u.choice, u.approve, u.receipt
          FROM unnest(v_items, p_motions, p_choices, p_approves, p_receipts) AS u(it, motion, choice, approve, receipt)
         WHERE v_status[u.it] IS NULL
      ), ins AS (
        INSERT INTO ballots AS b (estate_id, meeting_id, motion_id, holder_id, channel, cast_at, choice, approve, receipt, cast_by, proxy_id, paper_entry_id, device)
        SELECT p_estate, p_meeting, x.motion, p_holders[x.it], p_channels[x.it], p_cast_at[x.it], x.choice, x.approve, x.receipt,
               p_cast_by[x.it], p_proxies[x.it], NULL, p_devices[x.it]
          FROM x
         ORDER BY x.motion, p_holders[x.it], x.it
        ON CONFLICT (estate_id, motion_id, holder_id) DO NOTHING
        RETURNING b.receipt AS r
      )
      SELECT coalesce(array_agg(x.it), '{}') INTO v_done FROM ins JOIN x ON x.receipt = ins.r;
      v_written := array_fill(0, ARRAY[v_n]);
      FOREACH k IN ARRAY v_done LOOP
        v_written[k] := v_written[k] + 1;
      END LOOP;
      v_partial := false;
      FOR i IN 1 .. v_n LOOP
        IF v_status[i] IS NULL AND v_written[i] > 0 AND v_written[i] < p_counts[i] THEN
          v_status[i] := 'gongzhi:ALREADY_VOTED';
          v_partial := true;
        END IF;
      END LOOP;
      IF v_partial THEN
        RAISE EXCEPTION 'cast_ballots_batch: partly voted requests' USING ERRCODE = 'GZ001';
      END IF;
      EXIT;
    EXCEPTION WHEN SQLSTATE 'GZ001' THEN
      NULL; -- the insert is undone; again without the requests now refused
    END;
  END LOOP;
  FOR i IN 1 .. v_n LOOP
    IF v_status[i] IS NULL AND v_written[i] = 0 AND p_counts[i] > 0 THEN
      v_status[i] := 'gongzhi:ALREADY_VOTED';
    END IF;
  END LOOP;

  INSERT INTO audit_log (actor_id, action, entity, entity_id, estate_id, after, ip, request_id)
  SELECT p_cast_by[t.i],
         CASE WHEN v_status[t.i] IS NULL THEN 'ballot.cast' ELSE 'ballot.refused' END,
         'meeting', p_meeting::text, p_estate,
         CASE WHEN v_status[t.i] IS NULL
           THEN jsonb_build_object('holderId', p_holders[t.i], 'channel', p_channels[t.i], 'skipped', '[]'::jsonb,
                  'motions', coalesce((SELECT jsonb_agg('m' || mo ORDER BY j) FROM unnest(p_motions[v_off[t.i] + 1 : v_off[t.i] + p_counts[t.i]]) WITH ORDINALITY AS s(mo, j)), '[]'::jsonb))
           ELSE jsonb_build_object('holderId', p_holders[t.i], 'channel', p_channels[t.i], 'code', 'ALREADY_VOTED')
         END,
         p_ips[t.i], p_requests[t.i]
    FROM generate_series(1, v_n) AS t(i)
   WHERE v_status[t.i] IS NULL OR v_status[t.i] = 'gongzhi:ALREADY_VOTED'
   ORDER BY t.i;

  FOR i IN 1 .. v_n LOOP
    IF v_status[i] IS NULL THEN
      FOR j IN 1 .. p_counts[i] LOOP
        item := i; motion_id := p_motions[v_off[i] + j]; receipt := p_receipts[v_off[i] + j]; error := NULL;
        RETURN NEXT;
      END LOOP;
    ELSE
      item := i; motion_id := NULL; receipt := NULL; error := v_status[i];
      RETURN NEXT;
    END IF;
  END LOOP;
END $$;

-- The format checks of the per-ballot columns, in a form PostgreSQL evaluates several times
-- faster: an anchored regular expression with a counted repetition ('^[0-9a-f]{64}$') costs
-- about 4 µs a row, as much as the rest of the row; the same rule as a length and a negated
-- class costs well under 1 µs (measured on 100,000 rows; see docs/benchmarks.md).
ALTER TABLE ballots DROP CONSTRAINT ballots_receipt_check,
  ADD CONSTRAINT ballots_receipt_check CHECK (length(receipt) = 32 AND receipt !~ '[^0-9a-f]');
ALTER TABLE ballot_chain DROP CONSTRAINT ballot_chain_hash_check, DROP CONSTRAINT ballot_chain_prev_hash_check,
  ADD CONSTRAINT ballot_chain_hash_check CHECK (length(hash) = 64 AND hash !~ '[^0-9a-f]'),
  ADD CONSTRAINT ballot_chain_prev_hash_check CHECK (length(prev_hash) = 64 AND prev_hash !~ '[^0-9a-f]');
