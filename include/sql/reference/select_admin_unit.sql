-- Inputs: version_ids. The stored units of those versions, to compare with the incoming lists.
select version_id, unit_code, level, name, division_type, parent_code, province_code
from core.admin_unit
where version_id = any(%(version_ids)s)
order by version_id, unit_code
