-- Added and changed units only: an unchanged unit is not rewritten.
insert into core.admin_unit (version_id, unit_code, level, name, division_type, parent_code, province_code)
select incoming.version_id, incoming.unit_code, incoming.level, incoming.name, incoming.division_type,
    incoming.parent_code, incoming.province_code
from incoming_admin_unit as incoming
where not exists (
    select 1
    from core.admin_unit as stored
    where stored.version_id = incoming.version_id
        and stored.unit_code = incoming.unit_code
        and (stored.level, stored.name, stored.division_type, stored.parent_code, stored.province_code)
        is not distinct from
        (incoming.level, incoming.name, incoming.division_type, incoming.parent_code, incoming.province_code)
)
on conflict (version_id, unit_code) do update set
    level = excluded.level,
    name = excluded.name,
    division_type = excluded.division_type,
    parent_code = excluded.parent_code,
    province_code = excluded.province_code
