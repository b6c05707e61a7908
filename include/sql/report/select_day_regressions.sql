-- Inputs: campaign_id, report_date, per_payload. Communes whose cumulative participation fell
-- against the previous accepted day: the largest per_payload drops of each payload of the day.
with numbered as (
    select
        regression.*,
        row_number() over (
            partition by regression.payload_id
            order by regression.drop_share desc, regression.commune_code, regression.section, regression.citizen_group
        ) as position
    from dq.regression as regression
    inner join raw.report_payload as payload on payload.payload_id = regression.payload_id
    where payload.campaign_id = %(campaign_id)s and payload.report_date = %(report_date)s
)

select
    payload_id,
    commune_code,
    section,
    citizen_group,
    previous_report_date,
    previous_participated,
    participated,
    drop_share,
    severity
from numbered
where position <= %(per_payload)s
order by payload_id, position
