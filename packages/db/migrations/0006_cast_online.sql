-- One statement per batch of online casts, from the session to the ballots (issue 4, vote load).
--
-- An online cast used to pass three batched steps, each a round trip and a wait for the batch in
-- flight: the session (by the request hook), the voter's right and the holder's buildings
-- (voterChecks), the cast (cast_ballots_batch). A server-side trace at the target rate showed
-- them at p50 6, 6 and 14 ms. cast_online_batch does all three in ONE statement, for every
-- request of the batch:
--   - the session: the token's hash names an unexpired session of an account not disabled, else
--     UNAUTHENTICATED; the SHA-256 of the request's X-CSRF-Token equals that of the session's
--     CSRF token, else CSRF_FAILED (hashes compared, so the comparison's time says nothing
--     about the token);
--   - the right: the account owns the holder as its (designated) voter → channel online; else
--     an active written authorization of this meeting names the account's phone as the
--     holder's proxy → channel proxy; else, an owner who is not the designated co-owner →
--     CO_OWNER_BLOCKED; else NOT_A_VOTER (exactly AssemblyService's former voterChecks);
--   - the scope: each motion with a scope needs a unit of the holder in one of its buildings on
--     the meeting's roll, else NOT_IN_SCOPE:<index of the answer>;
-- and casts the rest with cast_ballots_batch, which now takes these statuses (p_status: a
-- request with a status is not cast and keeps it). The server checks everything else of the
-- answers before (apps/server/src/assembly/ballots.ts, normalizeAnswers).
DROP FUNCTION cast_ballots_batch(bigint, bigint, bigint[], text[], timestamptz[], bigint[], bigint[], text[], text[], text[], integer[], bigint[], text[], jsonb[], text[]);

-- cast_ballots_batch as in 0004, with p_status.
CREATE FUNCTION cast_ballots_batch(
  p_estate bigint, p_meeting bigint,
  p_holders bigint[], p_channels text[], p_cast_at timestamptz[], p_cast_by bigint[], p_proxies bigint[],
  p_devices text[], p_ips text[], p_requests text[], p_counts integer[],
  p_motions bigint[], p_choices text[], p_approves jsonb[], p_receipts text[],
  p_status text[]
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
     OR array_length(p_counts, 1) IS DISTINCT FROM array_length(p_holders, 1) OR array_length(p_receipts, 1) IS DISTINCT FROM array_length(p_motions, 1)
     OR (p_status IS NOT NULL AND array_length(p_status, 1) IS DISTINCT FROM array_length(p_holders, 1)) THEN
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
           WHEN p_status[t.i] IS NOT NULL THEN p_status[t.i]
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

CREATE FUNCTION cast_online_batch(
  p_estate bigint, p_meeting bigint,
  p_tokens text[], p_csrf text[], p_holders bigint[], p_cast_at timestamptz[],
  p_devices text[], p_ips text[], p_requests text[], p_counts integer[],
  p_motions bigint[], p_choices text[], p_approves jsonb[], p_receipts text[]
) RETURNS TABLE (item integer, motion_id bigint, receipt text, error text, channel text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_n integer := coalesce(array_length(p_holders, 1), 0);
  v_status text[]; v_channels text[]; v_cast_by bigint[]; v_proxies bigint[];
  r record;
BEGIN
  IF array_length(p_tokens, 1) IS DISTINCT FROM array_length(p_holders, 1) OR array_length(p_csrf, 1) IS DISTINCT FROM array_length(p_holders, 1)
     OR array_length(p_counts, 1) IS DISTINCT FROM array_length(p_holders, 1) THEN
    RAISE EXCEPTION 'cast_online_batch: arrays of different lengths';
  END IF;
  IF v_n = 0 THEN
    RETURN;
  END IF;
  SELECT array_agg(x.status ORDER BY x.i), array_agg(x.channel ORDER BY x.i), array_agg(x.account ORDER BY x.i), array_agg(x.proxy ORDER BY x.i)
    INTO v_status, v_channels, v_cast_by, v_proxies
    FROM (
      SELECT t.i, a.id AS account,
             CASE WHEN a.id IS NULL THEN 'gongzhi:UNAUTHENTICATED'
                  WHEN t.csrf IS NULL OR encode(sha256(convert_to(s.csrf_token, 'UTF8')), 'hex') <> t.csrf THEN 'gongzhi:CSRF_FAILED'
                  WHEN ov.is_voter THEN NULL
                  WHEN px.id IS NOT NULL THEN NULL
                  WHEN ov.is_voter IS FALSE THEN 'gongzhi:CO_OWNER_BLOCKED'
                  ELSE 'gongzhi:NOT_A_VOTER'
             END AS status,
             CASE WHEN ov.is_voter IS NOT TRUE AND px.id IS NOT NULL THEN 'proxy' ELSE 'online' END AS channel,
             CASE WHEN ov.is_voter IS NOT TRUE THEN px.id END AS proxy
        FROM unnest(p_tokens, p_csrf, p_holders) WITH ORDINALITY AS t(token, csrf, holder, i)
        LEFT JOIN sessions s ON s.token_hash = t.token AND s.expires_at >= now()
        LEFT JOIN accounts a ON a.id = s.account_id AND NOT a.disabled
        LEFT JOIN LATERAL (SELECT o.is_voter FROM owners o
                            WHERE o.estate_id = p_estate AND o.account_id = a.id AND o.holder_id = t.holder
                            ORDER BY o.is_voter DESC LIMIT 1) ov ON true
        LEFT JOIN LATERAL (SELECT p.id FROM proxies p
                            WHERE p.estate_id = p_estate AND p.meeting_id = p_meeting AND p.holder_id = t.holder
                              AND p.proxy_phone = a.phone AND p.status = 'active'
                            ORDER BY p.id LIMIT 1) px ON true
    ) x;

  -- per request its answers (j = 1 .. its count, after the answers of the requests before it);
  -- the counts themselves are checked by cast_ballots_batch
  FOR r IN
    WITH req AS (
      SELECT u.i, u.c, coalesce(sum(u.c) OVER (ORDER BY u.i ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS off
        FROM unnest(p_counts) WITH ORDINALITY AS u(c, i)
    )
    SELECT req.i AS it, min(g.j) - 1 AS answer
      FROM req
      CROSS JOIN LATERAL generate_series(1, req.c) AS g(j)
      JOIN motions mo ON mo.estate_id = p_estate AND mo.meeting_id = p_meeting AND mo.id = p_motions[req.off + g.j]
     WHERE v_status[req.i] IS NULL AND mo.scope_building_ids IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM meeting_roll rr
                        WHERE rr.estate_id = p_estate AND rr.meeting_id = p_meeting AND rr.holder_id = p_holders[req.i]
                          AND rr.building_id IN (SELECT e::bigint FROM jsonb_array_elements_text(mo.scope_building_ids) AS e))
     GROUP BY req.i
  LOOP
    v_status[r.it] := 'gongzhi:NOT_IN_SCOPE:' || r.answer;
  END LOOP;

  RETURN QUERY
    SELECT c.item, c.motion_id, c.receipt, c.error, v_channels[c.item]
      FROM cast_ballots_batch(p_estate, p_meeting, p_holders, v_channels, p_cast_at, v_cast_by, v_proxies, p_devices, p_ips, p_requests,
                              p_counts, p_motions, p_choices, p_approves, p_receipts, v_status) AS c;
END $$;
