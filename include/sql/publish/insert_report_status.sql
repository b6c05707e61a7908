-- Inputs: campaign_id, report_date.
-- Every expected province gets a status: accepted (a current revision exists), quarantined (only
-- rejected revisions), or missing (nothing received). An accepted day still mentions a later
-- revision that was quarantined, since the province needs to know its correction did not land.
insert into mart.report_status (
    campaign_id, report_date, province_code, status, is_late, revision, received_at, reason, published_at
)
with campaign as (
    select campaign_id, admin_version_id
    from core.campaign
    where campaign_id = %(campaign_id)s
),

expected as (
    select unit.unit_code as province_code
    from core.admin_unit as unit
    inner join campaign on unit.version_id = campaign.admin_version_id
    where unit.level = 'province'
),

current_report as (
    select report.province_code, report.payload_id, report.revision, report.is_late, payload.received_at
    from core.province_report as report
    inner join raw.report_payload as payload on payload.payload_id = report.payload_id
    where report.campaign_id = %(campaign_id)s
        and report.report_date = %(report_date)s
        and report.is_current
),

latest_quarantine as (
    select distinct on (fate.province_code)
        fate.province_code, fate.payload_id, fate.revision, fate.is_late, fate.reason, payload.received_at
    from dq.report_revision as fate
    inner join raw.report_payload as payload on payload.payload_id = fate.payload_id
    where fate.campaign_id = %(campaign_id)s
        and fate.report_date = %(report_date)s
        and fate.status = 'quarantined'
    order by fate.province_code, fate.payload_id desc
),

attempt as (
    select province_code, outcome, detail
    from dq.ingest_attempt
    where campaign_id = %(campaign_id)s and report_date = %(report_date)s
)

select
    %(campaign_id)s,
    %(report_date)s::date,
    expected.province_code,
    case
        when current_report.payload_id is not null then 'accepted'
        when latest_quarantine.payload_id is not null then 'quarantined'
        else 'missing'
    end,
    coalesce(current_report.is_late, latest_quarantine.is_late),
    coalesce(current_report.revision, latest_quarantine.revision),
    coalesce(current_report.received_at, latest_quarantine.received_at),
    case
        when current_report.payload_id is not null and latest_quarantine.payload_id > current_report.payload_id
            then 'a later revision ' || coalesce(latest_quarantine.revision::text, '?')
            || ' was quarantined: ' || latest_quarantine.reason
        when current_report.payload_id is not null then null
        when latest_quarantine.payload_id is not null then latest_quarantine.reason
        else coalesce(attempt.detail, 'no report received')
    end,
    now()
from expected
left join current_report on current_report.province_code = expected.province_code
left join latest_quarantine on latest_quarantine.province_code = expected.province_code
left join attempt on attempt.province_code = expected.province_code
