-- Serialises publications of the same campaign-day.
select pg_advisory_xact_lock(hashtext('publish/' || %(campaign_id)s || '/' || %(report_date)s::text))
