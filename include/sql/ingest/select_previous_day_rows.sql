-- The rows of the province's latest accepted day before the report day: the baseline for
-- cumulative regressions and outlying increments.
with previous_report as (
    select payload_id, report_date
    from core.province_report
    where campaign_id = %(campaign_id)s
        and province_code = %(province_code)s
        and report_date < %(report_date)s
        and is_current
    order by report_date desc
    limit 1
)

select
    fact.commune_code,
    fact.section,
    fact.citizen_group,
    fact.eligible,
    fact.participated,
    previous_report.report_date
from core.commune_report as fact
inner join previous_report on previous_report.payload_id = fact.payload_id
