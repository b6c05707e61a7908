-- Inputs: request_id. The latest later request about the same campaign-day, if any: once the
-- day was asked about again, only the newest request's answer counts.
select later.request_id
from dq.sign_off_request as asked
inner join dq.sign_off_request as later
    on later.campaign_id = asked.campaign_id
    and later.report_date = asked.report_date
    and later.request_id > asked.request_id
where asked.request_id = %(request_id)s
order by later.request_id desc
limit 1
