-- Inputs: campaign_id, report_date. Every expected province gets a row.
-- The pace is the participation-rate gain per day between the province's latest accepted report
-- on or before the day (as_of_date) and its latest accepted report at least seven days earlier;
-- before any such report the window starts the day before the campaign opened, when nobody had
-- taken part yet. The projection extends that pace in a straight line to the target rate.
insert into mart.province_forecast (
    campaign_id, report_date, province_code, province_name, as_of_date, participation_rate, target_rate,
    pace_from_date, daily_gain, projected_target_date, campaign_last_day, target_reached, at_risk, published_at
)
with campaign as (
    select campaign_id, admin_version_id, target_rate, first_day, last_day
    from core.campaign
    where campaign_id = %(campaign_id)s
),

expected as (
    select
        unit.unit_code as province_code,
        unit.name as province_name,
        coalesce(target.target_rate, campaign.target_rate) as target_rate
    from core.admin_unit as unit
    inner join campaign on campaign.admin_version_id = unit.version_id
    left join core.campaign_target as target
        on target.campaign_id = campaign.campaign_id and target.province_code = unit.unit_code
    where unit.level = 'province'
),

history as (
    select province_code, report_date, participated::numeric / nullif(eligible, 0) as participation_rate
    from core.current_province_total
    where campaign_id = %(campaign_id)s and report_date <= %(report_date)s
),

latest as (
    select distinct on (province_code) province_code, report_date as as_of_date, participation_rate
    from history
    order by province_code, report_date desc
),

window_start as (
    select distinct on (history.province_code)
        history.province_code,
        history.report_date as pace_from_date,
        history.participation_rate
    from history
    inner join latest on latest.province_code = history.province_code
    where history.report_date <= latest.as_of_date - 7
    order by history.province_code, history.report_date desc
),

pace as (
    select
        latest.province_code,
        latest.as_of_date,
        latest.participation_rate,
        coalesce(window_start.pace_from_date, campaign.first_day - 1) as pace_from_date,
        (latest.participation_rate - coalesce(window_start.participation_rate, 0))
        / (latest.as_of_date - coalesce(window_start.pace_from_date, campaign.first_day - 1)) as daily_gain
    from latest
    cross join campaign
    left join window_start on window_start.province_code = latest.province_code
),

projection as (
    select
        expected.province_code,
        pace.as_of_date + least(
            ceil((expected.target_rate - pace.participation_rate) / pace.daily_gain), 36500
        )::integer as projected_target_date
    from expected
    inner join pace on pace.province_code = expected.province_code
    where pace.participation_rate < expected.target_rate and pace.daily_gain > 0
)

select
    campaign.campaign_id,
    %(report_date)s::date,
    expected.province_code,
    expected.province_name,
    pace.as_of_date,
    pace.participation_rate,
    expected.target_rate,
    pace.pace_from_date,
    pace.daily_gain,
    projection.projected_target_date,
    campaign.last_day,
    pace.participation_rate >= expected.target_rate,
    case
        when pace.participation_rate >= expected.target_rate then false
        when pace.daily_gain > 0 then projection.projected_target_date > campaign.last_day
        when pace.daily_gain is not null then true
    end,
    now()
from expected
cross join campaign
left join pace on pace.province_code = expected.province_code
left join projection on projection.province_code = expected.province_code
