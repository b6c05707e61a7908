insert into dq.report_revision (
    payload_id, campaign_id, province_code, report_date, revision, status, reason, is_late,
    generated_at, row_count
)
values (
    %(payload_id)s, %(campaign_id)s, %(province_code)s, %(report_date)s, %(revision)s, %(status)s, %(reason)s,
    %(is_late)s, %(generated_at)s, %(row_count)s
)
