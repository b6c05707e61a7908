-- Held by a session for the whole publication of a campaign-day (marts, files, report), so that
-- two publish runs of the same day never interleave their files. A different key from
-- lock_mart_day.sql, which each mart refresh takes inside its own transaction.
select pg_advisory_lock(hashtext('publication/' || %(campaign_id)s || '/' || %(report_date)s::text))
