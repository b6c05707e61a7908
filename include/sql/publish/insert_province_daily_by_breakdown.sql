-- Inputs: campaign_id, report_date; composed: {mart} (mart.province_daily_by_<dimension>), {dimension}
-- (section or citizen_group) and {commune_mart} (mart.commune_daily_by_<dimension>).
-- Runs after insert_commune_daily_by_breakdown of the same dimension, in the same transaction.
insert into {mart} (
    campaign_id, report_date, province_code, {dimension}, eligible, participated, agreed, participation_rate,
    agree_rate, published_at
)
with grouped as (
    select
        breakdown.province_code,
        breakdown.{dimension},
        sum(breakdown.eligible) as eligible,
        sum(breakdown.participated) as participated,
        case when count(breakdown.agreed) = count(*) then sum(breakdown.agreed) end as agreed
    from {commune_mart} as breakdown
    where breakdown.campaign_id = %(campaign_id)s and breakdown.report_date = %(report_date)s
    group by breakdown.province_code, breakdown.{dimension}
)

select
    %(campaign_id)s,
    %(report_date)s::date,
    province_code,
    {dimension},
    eligible,
    participated,
    agreed,
    participated::numeric / nullif(eligible, 0),
    agreed::numeric / nullif(participated, 0),
    now()
from grouped
