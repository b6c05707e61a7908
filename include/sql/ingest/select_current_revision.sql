select revision, payload_id
from core.province_report
where campaign_id = %(campaign_id)s
    and province_code = %(province_code)s
    and report_date = %(report_date)s
    and is_current
