-- Inputs: campaign_id, report_date. Each province's projection published for the day: provinces at
-- risk first (those not progressing, then the latest projected dates), then the others by code.
select
    province_code,
    province_name,
    as_of_date,
    participation_rate,
    target_rate,
    pace_from_date,
    daily_gain,
    projected_target_date,
    campaign_last_day,
    target_reached,
    at_risk
from mart.province_forecast
where campaign_id = %(campaign_id)s and report_date = %(report_date)s
order by at_risk desc nulls last, projected_target_date desc nulls first, province_code
