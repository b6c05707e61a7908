-- BI: participation by content section for one province-day, from core (no section mart yet).
select
    fact.section,
    sum(fact.eligible) as eligible,
    sum(fact.participated) as participated,
    sum(fact.agreed) as agreed,
    sum(fact.participated)::numeric / nullif(sum(fact.eligible), 0) as participation_rate
from core.province_report as report
inner join core.commune_report as fact on fact.payload_id = report.payload_id
where report.campaign_id = %(campaign_id)s
    and report.report_date = %(report_date)s
    and report.province_code = %(province_code)s
    and report.is_current
    and fact.section <> ''
group by fact.section
order by fact.section
