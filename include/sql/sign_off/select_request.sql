-- Inputs: request_id.
select campaign_id, report_date, fingerprint
from dq.sign_off_request
where request_id = %(request_id)s
