-- Inputs: campaign_id, report_date, crossed_rows_counted (true by section, false by citizen group);
-- composed: {mart} (mart.commune_daily_by_<dimension>), {dimension} (section or citizen_group).
-- Commune figures by one breakdown dimension, from the day's current revisions. A section crossed
-- with citizen groups counts by section; by citizen group, only the rows without a section count.
insert into {mart} (
    campaign_id, report_date, commune_code, province_code, {dimension}, eligible, participated, agreed,
    participation_rate, agree_rate, published_at
)
with grouped as (
    select
        fact.commune_code,
        fact.province_code,
        fact.{dimension},
        sum(fact.eligible) as eligible,
        sum(fact.participated) as participated,
        case when count(fact.agreed) = count(*) then sum(fact.agreed) end as agreed
    from core.current_commune_report as fact
    where fact.campaign_id = %(campaign_id)s
        and fact.report_date = %(report_date)s
        and fact.{dimension} <> ''
        and (%(crossed_rows_counted)s or fact.section = '')
    group by fact.commune_code, fact.province_code, fact.{dimension}
)

select
    %(campaign_id)s,
    %(report_date)s::date,
    commune_code,
    province_code,
    {dimension},
    eligible,
    participated,
    agreed,
    participated::numeric / nullif(eligible, 0),
    agreed::numeric / nullif(participated, 0),
    now()
from grouped
