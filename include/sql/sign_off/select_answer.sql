-- Inputs: request_id.
select outcome
from dq.sign_off_answer
where request_id = %(request_id)s
