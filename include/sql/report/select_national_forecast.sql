-- Inputs: campaign_id, report_date. The national projection published for the day.
select
    participation_rate,
    target_rate,
    pace_from_date,
    daily_gain,
    projected_target_date,
    campaign_last_day,
    target_reached,
    at_risk,
    provinces_at_risk
from mart.national_forecast
where campaign_id = %(campaign_id)s and report_date = %(report_date)s
