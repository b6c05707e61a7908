-- Inputs: request_id, decision, answered_by, answered_at, reason, outcome, outcome_detail.
insert into dq.sign_off_answer (request_id, decision, answered_by, answered_at, reason, outcome, outcome_detail)
values (%(request_id)s, %(decision)s, %(answered_by)s, %(answered_at)s, %(reason)s, %(outcome)s, %(outcome_detail)s)
