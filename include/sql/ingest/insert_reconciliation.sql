insert into dq.reconciliation (payload_id, column_name, declared, rows_sum, difference, tolerance, within_tolerance)
values (%(payload_id)s, %(column_name)s, %(declared)s, %(rows_sum)s, %(difference)s, %(tolerance)s, %(within_tolerance)s)
