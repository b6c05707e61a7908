insert into dq.regression (
    payload_id, commune_code, section, citizen_group, previous_report_date, previous_participated,
    participated, drop_share, severity
)
values (
    %(payload_id)s, %(commune_code)s, %(section)s, %(citizen_group)s, %(previous_report_date)s,
    %(previous_participated)s, %(participated)s, %(drop_share)s, %(severity)s
)
