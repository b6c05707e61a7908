-- Inputs: campaign_id, report_date. The national figure of the day, beside the day before's rate.
select
    today.eligible,
    today.participated,
    today.participated_new,
    today.participation_rate,
    yesterday.participation_rate as previous_participation_rate,
    today.provinces_reported,
    today.provinces_expected,
    today.provinces_on_time,
    today.provinces_late,
    today.provinces_quarantined,
    today.provinces_missing
from mart.national_daily as today
left join mart.national_daily as yesterday
    on yesterday.campaign_id = today.campaign_id and yesterday.report_date = today.report_date - 1
where today.campaign_id = %(campaign_id)s and today.report_date = %(report_date)s
