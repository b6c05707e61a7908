select status, count(*)
from mart.report_status
where campaign_id = %(campaign_id)s and report_date = %(report_date)s
group by status
