-- BI: the national ranking of one day.
select
    national_rank,
    rank_change,
    province_code,
    province_name,
    participated,
    eligible,
    participation_rate,
    target_gap,
    report_status
from mart.province_daily
where campaign_id = %(campaign_id)s and report_date = %(report_date)s
order by national_rank nulls last, province_code
