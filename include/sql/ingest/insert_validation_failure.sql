insert into dq.validation_failure (
    payload_id, failure_number, rule, row_number, commune_code, column_name, value, message
)
values (
    %(payload_id)s, %(failure_number)s, %(rule)s, %(row_number)s, %(commune_code)s, %(column_name)s,
    %(value)s, %(message)s
)
