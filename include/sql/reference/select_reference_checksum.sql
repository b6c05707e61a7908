-- The checksum of the reference load in progress (set_reference_checksum.sql), logged with each change.
select current_setting('vneid.reference_checksum')
