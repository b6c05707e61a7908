-- Inputs: campaign_id, report_date, per_payload. The first per_payload rule violations of each
-- payload of the day, in the order validation found them (the count per payload is elsewhere).
with payload as (
    select payload_id
    from raw.report_payload
    where campaign_id = %(campaign_id)s and report_date = %(report_date)s
),

numbered as (
    select
        failure.*,
        row_number() over (partition by failure.payload_id order by failure.failure_number) as position
    from dq.validation_failure as failure
    inner join payload on payload.payload_id = failure.payload_id
)

select
    payload_id,
    failure_number,
    rule,
    row_number,
    commune_code,
    column_name,
    value,
    message
from numbered
where position <= %(per_payload)s
order by payload_id, failure_number
