-- Inputs: campaign_id, report_date. The fingerprint and status of the day's current publication.
select fingerprint, figures_status
from mart.national_daily
where campaign_id = %(campaign_id)s and report_date = %(report_date)s
for update
