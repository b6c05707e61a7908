-- Inputs: version_ids. Units of those versions that the incoming lists no longer hold (the
-- loader has already refused any of them with accepted facts that nobody reviewed).
delete from core.admin_unit as stored
where stored.version_id = any(%(version_ids)s)
    and not exists (
        select 1
        from incoming_admin_unit as incoming
        where incoming.version_id = stored.version_id and incoming.unit_code = stored.unit_code
    )
