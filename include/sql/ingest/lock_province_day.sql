-- Serialises loads of the same province-day (e.g. a rerun racing a scheduled run).
select pg_advisory_xact_lock(hashtext(%(campaign_id)s || '/' || %(province_code)s || '/' || %(report_date)s::text))
