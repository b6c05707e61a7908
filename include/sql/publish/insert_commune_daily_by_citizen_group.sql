-- Inputs: campaign_id, report_date. Commune figures by citizen group, from the day's current revisions.
insert into mart.commune_daily_by_citizen_group (
    campaign_id, report_date, commune_code, province_code, citizen_group, eligible, participated, agreed,
    participation_rate, agree_rate, published_at
)
with grouped as (
    select
        fact.commune_code,
        fact.province_code,
        fact.citizen_group,
        sum(fact.eligible) as eligible,
        sum(fact.participated) as participated,
        case when count(fact.agreed) = count(*) then sum(fact.agreed) end as agreed
    from core.current_commune_report as fact
    where fact.campaign_id = %(campaign_id)s
        and fact.report_date = %(report_date)s
        and fact.section = '' and fact.citizen_group <> ''
    group by fact.commune_code, fact.province_code, fact.citizen_group
)

select
    %(campaign_id)s,
    %(report_date)s::date,
    commune_code,
    province_code,
    citizen_group,
    eligible,
    participated,
    agreed,
    participated::numeric / nullif(eligible, 0),
    agreed::numeric / nullif(participated, 0),
    now()
from grouped
