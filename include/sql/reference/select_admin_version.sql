select version_id, valid_from
from core.admin_version
order by version_id
