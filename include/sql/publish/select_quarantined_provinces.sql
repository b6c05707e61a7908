select distinct province_code
from dq.report_revision
where campaign_id = %(campaign_id)s and report_date = %(report_date)s and status = 'quarantined'
order by province_code
