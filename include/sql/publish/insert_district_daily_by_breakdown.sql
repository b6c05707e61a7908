-- Inputs: campaign_id, report_date; composed: {mart} (mart.district_daily_by_<dimension>), {dimension}
-- (section or citizen_group) and {commune_mart} (mart.commune_daily_by_<dimension>).
-- Districts come from the reference units (whose statistics are current), not from the commune
-- mart filled moments ago in this transaction.
-- Runs after insert_commune_daily_by_breakdown of the same dimension, in the same transaction.
insert into {mart} (
    campaign_id, report_date, district_code, province_code, {dimension}, eligible, participated, agreed, participation_rate,
    agree_rate, published_at
)
with grouped as (
    select
        commune.parent_code as district_code, breakdown.province_code,
        breakdown.{dimension},
        sum(breakdown.eligible) as eligible,
        sum(breakdown.participated) as participated,
        case when count(breakdown.agreed) = count(*) then sum(breakdown.agreed) end as agreed
    from {commune_mart} as breakdown
    inner join core.campaign as campaign on campaign.campaign_id = breakdown.campaign_id
    inner join core.admin_version as version
        on version.version_id = campaign.admin_version_id and version.has_districts
    inner join core.admin_unit as commune
        on commune.version_id = campaign.admin_version_id and commune.unit_code = breakdown.commune_code
    where breakdown.campaign_id = %(campaign_id)s and breakdown.report_date = %(report_date)s
    group by commune.parent_code, breakdown.province_code, breakdown.{dimension}
)

select
    %(campaign_id)s,
    %(report_date)s::date,
    district_code, province_code,
    {dimension},
    eligible,
    participated,
    agreed,
    participated::numeric / nullif(eligible, 0),
    agreed::numeric / nullif(participated, 0),
    now()
from grouped
