-- Concurrent ingest tasks each prepare the warehouse: one reference load at a time, so that two
-- never compute the same unit changes against the same stored list.
select pg_advisory_xact_lock(hashtext('vneid reference load'))
