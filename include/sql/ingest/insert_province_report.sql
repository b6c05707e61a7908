insert into core.province_report (
    payload_id, campaign_id, province_code, report_date, revision, generated_at, is_late,
    total_eligible, total_participated, total_agreed
)
values (
    %(payload_id)s, %(campaign_id)s, %(province_code)s, %(report_date)s, %(revision)s, %(generated_at)s,
    %(is_late)s, %(total_eligible)s, %(total_participated)s, %(total_agreed)s
)
