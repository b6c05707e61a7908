select published_at, provinces_reported, provinces_expected, is_complete
from mart.national_daily
where campaign_id = %(campaign_id)s and report_date = %(report_date)s
