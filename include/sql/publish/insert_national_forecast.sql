-- Inputs: campaign_id, report_date. Runs after insert_province_forecast in the same transaction.
-- The national rate counts every province with its latest accepted report on or before the day
-- (a province missing today still counts with yesterday's figures), so a missing report does not
-- read as a national fall. The pace compares it with the same figure seven days earlier (or zero
-- the day before the campaign opened).
insert into mart.national_forecast (
    campaign_id, report_date, participation_rate, target_rate, pace_from_date, daily_gain,
    projected_target_date, campaign_last_day, target_reached, at_risk, provinces_at_risk, published_at
)
with campaign as (
    select campaign_id, target_rate, first_day, last_day, greatest(%(report_date)s::date - 7, first_day - 1) as pace_from_date
    from core.campaign
    where campaign_id = %(campaign_id)s
),

latest_today as (
    select distinct on (total.province_code) total.eligible, total.participated
    from core.current_province_total as total
    where total.campaign_id = %(campaign_id)s and total.report_date <= %(report_date)s
    order by total.province_code, total.report_date desc
),

latest_at_pace_start as (
    select distinct on (total.province_code) total.eligible, total.participated
    from core.current_province_total as total
    cross join campaign
    where total.campaign_id = %(campaign_id)s and total.report_date <= campaign.pace_from_date
    order by total.province_code, total.report_date desc
),

rates as (
    select
        (select sum(participated)::numeric / nullif(sum(eligible), 0) from latest_today) as participation_rate,
        (select coalesce(sum(participated)::numeric / nullif(sum(eligible), 0), 0) from latest_at_pace_start) as start_rate
),

pace as (
    select
        rates.participation_rate,
        (rates.participation_rate - rates.start_rate) / (%(report_date)s::date - campaign.pace_from_date) as daily_gain
    from rates
    cross join campaign
),

projection as (
    select
        case when pace.participation_rate < campaign.target_rate and pace.daily_gain > 0
            then %(report_date)s::date + least(
                ceil((campaign.target_rate - pace.participation_rate) / pace.daily_gain), 36500
            )::integer
        end as projected_target_date
    from pace
    cross join campaign
),

provinces as (
    select count(*) filter (where at_risk) as provinces_at_risk
    from mart.province_forecast
    where campaign_id = %(campaign_id)s and report_date = %(report_date)s
)

select
    campaign.campaign_id,
    %(report_date)s::date,
    pace.participation_rate,
    campaign.target_rate,
    campaign.pace_from_date,
    pace.daily_gain,
    projection.projected_target_date,
    campaign.last_day,
    pace.participation_rate >= campaign.target_rate,
    case
        when pace.participation_rate >= campaign.target_rate then false
        when pace.daily_gain > 0 then projection.projected_target_date > campaign.last_day
        when pace.daily_gain is not null then true
    end,
    provinces.provinces_at_risk,
    now()
from campaign
cross join pace
cross join projection
cross join provinces
