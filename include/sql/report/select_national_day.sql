-- Inputs: campaign_id, report_date. The published national figures of the day (none before publication).
select
    eligible,
    participated,
    participated_new,
    agreed,
    participation_rate,
    target_rate,
    target_gap,
    provinces_reported,
    provinces_expected,
    provinces_on_time,
    provinces_late,
    provinces_quarantined,
    provinces_missing,
    is_complete
from mart.national_daily
where campaign_id = %(campaign_id)s and report_date = %(report_date)s
