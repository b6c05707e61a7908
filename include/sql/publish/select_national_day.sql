select participated, eligible, participation_rate, target_rate, provinces_reported, provinces_expected
from mart.national_daily
where campaign_id = %(campaign_id)s and report_date = %(report_date)s
