-- Inputs: payload_id, expectation_number, rule, expectation_type, column_name, success,
-- unexpected_count, element_count. One row per expectation run on the payload; written in the
-- same transaction as the payload's fate (accepted or quarantined).
insert into dq.validation_result (
    payload_id, expectation_number, rule, expectation_type, column_name, success, unexpected_count, element_count
) values (
    %(payload_id)s, %(expectation_number)s, %(rule)s, %(expectation_type)s, %(column_name)s, %(success)s,
    %(unexpected_count)s, %(element_count)s
)
on conflict (payload_id, expectation_number) do nothing
