-- Inputs: version_id. Codes earlier loads logged for the version (a recoded code may be gone).
select distinct unit_code
from dq.reference_change
where version_id = %(version_id)s
