-- Inputs: campaign_id, report_date, per_payload. Communes with an outlying daily increment: the
-- per_payload most extreme of each payload of the day.
with numbered as (
    select
        outlier.*,
        row_number() over (
            partition by outlier.payload_id order by abs(outlier.modified_z) desc, outlier.commune_code
        ) as position
    from dq.outlier as outlier
    inner join raw.report_payload as payload on payload.payload_id = outlier.payload_id
    where payload.campaign_id = %(campaign_id)s and payload.report_date = %(report_date)s
)

select
    payload_id,
    commune_code,
    previous_report_date,
    increment,
    increment_rate,
    modified_z,
    threshold
from numbered
where position <= %(per_payload)s
order by payload_id, position
