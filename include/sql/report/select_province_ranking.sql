-- Inputs: campaign_id, report_date. Every province of the day in national rank order; provinces
-- without an accepted report (no rank) come last, by code.
select
    national_rank,
    rank_change,
    province_code,
    province_name,
    participated,
    eligible,
    participation_rate,
    target_rate,
    target_gap,
    report_status,
    is_late,
    revision
from mart.province_daily
where campaign_id = %(campaign_id)s and report_date = %(report_date)s
order by national_rank nulls last, province_code
