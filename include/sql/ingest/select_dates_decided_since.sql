select distinct report_date
from dq.report_revision
where campaign_id = %(campaign_id)s
    and decided_at >= %(since)s
order by report_date
