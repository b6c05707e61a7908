-- Inputs: campaign_id, report_date. Every payload received for the report day (any revision, any
-- fate), with what the validation found in it: the revision history of each province-day.
with campaign as (
    select campaign_id, admin_version_id
    from core.campaign
    where campaign_id = %(campaign_id)s
),

payload as (
    select payload_id, province_code, source, content_format, byte_size, source_timestamp, received_at
    from raw.report_payload
    where campaign_id = %(campaign_id)s and report_date = %(report_date)s
)

select
    payload.payload_id,
    payload.province_code,
    coalesce(province.name, payload.province_code) as province_name,
    fate.revision,
    fate.status,
    fate.reason,
    fate.is_late,
    fate.generated_at,
    fate.row_count,
    payload.source,
    payload.content_format,
    payload.byte_size,
    payload.received_at,
    fate.decided_at,
    (select count(*) from dq.validation_failure as failure
        where failure.payload_id = payload.payload_id) as failure_count,
    (select count(*) from dq.reconciliation as reconciliation
        where reconciliation.payload_id = payload.payload_id) as reconciliation_count,
    (select count(*) from dq.reconciliation as reconciliation
        where reconciliation.payload_id = payload.payload_id and not reconciliation.within_tolerance)
        as reconciliation_mismatch_count,
    (select count(*) from dq.regression as regression
        where regression.payload_id = payload.payload_id) as regression_count,
    (select count(*) from dq.outlier as outlier
        where outlier.payload_id = payload.payload_id) as outlier_count
from payload
cross join campaign
left join dq.report_revision as fate on fate.payload_id = payload.payload_id
left join core.admin_unit as province
    on province.version_id = campaign.admin_version_id
    and province.unit_code = payload.province_code
    and province.level = 'province'
order by payload.province_code, payload.payload_id
