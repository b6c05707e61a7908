-- Inputs: campaign_id, report_date. Runs after insert_commune_daily_by_section in the same transaction.
insert into mart.national_daily_by_section (
    campaign_id, report_date, section, eligible, participated, agreed, participation_rate,
    agree_rate, published_at
)
with grouped as (
    select
        breakdown.section,
        sum(breakdown.eligible) as eligible,
        sum(breakdown.participated) as participated,
        case when count(breakdown.agreed) = count(*) then sum(breakdown.agreed) end as agreed
    from mart.commune_daily_by_section as breakdown
    where breakdown.campaign_id = %(campaign_id)s and breakdown.report_date = %(report_date)s
    group by breakdown.section
)

select
    %(campaign_id)s,
    %(report_date)s::date,
    section,
    eligible,
    participated,
    agreed,
    participated::numeric / nullif(eligible, 0),
    agreed::numeric / nullif(participated, 0),
    now()
from grouped
