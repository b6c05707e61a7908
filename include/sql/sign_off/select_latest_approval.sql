-- Inputs: campaign_id, report_date. The day's last approval, if any.
select approval_id, fingerprint, approved_by, approved_at
from mart.official_national_daily
where campaign_id = %(campaign_id)s and report_date = %(report_date)s
order by approved_at desc, approval_id desc
limit 1
