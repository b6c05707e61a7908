insert into core.admin_unit (version_id, unit_code, level, name, division_type, parent_code, province_code)
select version_id, unit_code, level, name, division_type, parent_code, province_code
from incoming_admin_unit
on conflict (version_id, unit_code) do update set
    level = excluded.level,
    name = excluded.name,
    division_type = excluded.division_type,
    parent_code = excluded.parent_code,
    province_code = excluded.province_code
