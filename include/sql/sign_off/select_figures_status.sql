-- Inputs: campaign_id, report_date. The status of the day's current publication (none before it).
select figures_status
from mart.national_daily
where campaign_id = %(campaign_id)s and report_date = %(report_date)s
