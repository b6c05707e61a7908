-- Inputs: campaign_id, report_date. Runs after insert_commune_daily_by_section in the same transaction.
insert into mart.district_daily_by_section (
    campaign_id, report_date, district_code, province_code, section, eligible, participated, agreed, participation_rate,
    agree_rate, published_at
)
with grouped as (
    select
        commune.district_code, commune.province_code,
        breakdown.section,
        sum(breakdown.eligible) as eligible,
        sum(breakdown.participated) as participated,
        case when count(breakdown.agreed) = count(*) then sum(breakdown.agreed) end as agreed
    from mart.commune_daily_by_section as breakdown
    inner join mart.commune_daily as commune
        on commune.campaign_id = breakdown.campaign_id
        and commune.report_date = breakdown.report_date
        and commune.commune_code = breakdown.commune_code
        and commune.district_code is not null
    where breakdown.campaign_id = %(campaign_id)s and breakdown.report_date = %(report_date)s
    group by commune.district_code, commune.province_code, breakdown.section
)

select
    %(campaign_id)s,
    %(report_date)s::date,
    district_code, province_code,
    section,
    eligible,
    participated,
    agreed,
    participated::numeric / nullif(eligible, 0),
    agreed::numeric / nullif(participated, 0),
    now()
from grouped
