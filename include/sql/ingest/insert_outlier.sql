insert into dq.outlier (
    payload_id, commune_code, previous_report_date, increment, increment_rate, modified_z, threshold
)
values (
    %(payload_id)s, %(commune_code)s, %(previous_report_date)s, %(increment)s, %(increment_rate)s,
    %(modified_z)s, %(threshold)s
)
